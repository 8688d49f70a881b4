#!/bin/sh
# Busybox tools that read /proc, /sys and /dev (ps, free, uptime, df,
# mount, dmesg, pidof, top, kill) run inside umk with a 1 MiB disk: their
# output has the same headers as on the host and lists the right
# processes and values.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v busybox >/dev/null || { echo "no host busybox"; exit 77; }
IMG=$T/proc.cpio
sh "$SRCTREE/scripts/mkinitramfs.sh" "$IMG" \
	"$SRCTREE/tests/proc/tools.sh:/tools.sh" >/dev/null ||
	fail "building the image"
dd if=/dev/zero of="$T/disk.img" bs=1024 count=1024 2>/dev/null
UMK_TIMEOUT=20 sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" \
	ubda="$T/disk.img" initrd="$IMG" init=/tools.sh
rc=$?
[ $rc -eq 0 ] || fail "umk exited $rc: $(tail -n 20 "$T/log")"

# section NAME: the lines after "== NAME" up to the next "== "
section() {
	awk -v s="== $1" 'index($0, "== ") == 1 { on = ($0 == s) ; next }
		on' "$T/log"
}
bg=$(sed -n 's/^== bg \([0-9]*\)$/\1/p' "$T/log")
[ -n "$bg" ] || fail "no background pid: $(tail -n 20 "$T/log")"

# Headers as the host's busybox prints them.
for t in ps free df; do
	want=$(busybox $t | head -n 1)
	got=$(section $t | head -n 1)
	[ "$got" = "$want" ] || fail "$t header: '$got', host: '$want'"
done
section ps | grep -Eq "^ +1 root +\{tools.sh\} /bin/sh /tools.sh\$" ||
	fail "ps does not show init: $(section ps)"
# busybox runs applets through /proc/self/exe: comm is "exe", as on Linux.
section ps | grep -Eq "^ +$bg root +(\{exe\} )?sleep 30\$" ||
	fail "ps does not show sleep $bg: $(section ps)"
total=$(section meminfo | awk '/^MemTotal:/ { print $2 }')
section free | grep -Eq "^Mem: +$total +[0-9]+ +[0-9]+ " ||
	fail "free: total is not MemTotal $total: $(section free)"
up='up +[0-9:]+( min)?, +0 users, +load average: [0-9]+\.[0-9]{2}, '
section uptime | grep -Eq "$up" ||
	fail "uptime: $(section uptime)"
section df | grep -Eq '^tmpfs +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+% /tmp$' ||
	fail "df has no /tmp line: $(section df)"
for m in "proc on /proc type proc (rw,relatime)" \
	"sysfs on /sys type sysfs (rw,relatime)" \
	"tmpfs on /tmp type tmpfs (rw,relatime)"; do
	section mount | grep -qxF "$m" ||
		fail "mount: no '$m': $(section mount)"
done
section dmesg | grep -q '^\[ *[0-9]*\.[0-9]*\] Kernel command line: ' ||
	fail "dmesg has no command line: $(section dmesg | head)"
[ "$(section pidof)" = "$bg" ] || fail "pidof sleep: $(section pidof), want $bg"
top=$(section top)
for h in '^Mem: [0-9]+K used, [0-9]+K free' '^CPU: ' '^Load average: ' \
	"^ +$bg +1 root +S +[0-9]+ +[0-9]+% +[0-9]+% (\{exe\} )?sleep 30\$" \
	"$(busybox top -b -n1 | sed -n 4p)"; do
	printf '%s\n' "$top" | grep -Eq -- "$h" || fail "top: no '$h': $top"
done
st=$(section status)
expect_in "Name:	grep" "$st" "status"
expect_in "State:	R (running)" "$st" "status"
expect_in "PPid:	1" "$st" "status"
[ "$(section fd | tr '\n' ' ')" = "0 1 2 3 " ] ||
	fail "ls /proc/self/fd: $(section fd)"
[ "$(section exe)" = /bin/busybox ] || fail "exe: $(section exe)"
# 52 fields; the command name in parentheses; state R; ppid 1.
section stat | grep "^[0-9]" | awk '{ if (NF != 52 || $2 != "(cat)" ||
	$3 != "R" || $4 != 1) exit 1 }' || fail "stat: $(section stat)"
section dt | grep -qx "umk,umk" || fail "device-tree compatible: $(section dt)"
[ "$(section sys | tr '\n' ' ')" = "MAJOR=1 MINOR=3 DEVNAME=null " ] ||
	fail "sysfs uevent: $(section sys)"
[ "$(section disk | tr '\n' ' ')" = \
	"2048 MAJOR=98 MINOR=0 DEVNAME=ubda DEVTYPE=disk " ] ||
	fail "sysfs disk: $(section disk)"
for n in console null zero tty urandom pts ubda; do
	section dev | grep -qx $n || fail "devtmpfs has no $n: $(section dev)"
done
[ "$(section after)" = none ] || fail "sleep survived kill: $(section after)"
grep -qx "== end" "$T/log" || fail "the script did not finish"
echo ok
