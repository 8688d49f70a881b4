#!/bin/sh
# busybox init as pid 1 (init=/sbin/init): /etc/inittab mounts /proc,
# /sys, /tmp, /dev and /dev/pts and starts a shell on the console, which
# reads commands from a pipe; poweroff and halt in the guest end umk
# with exit status 0.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
IMG=$T/init.cpio
sh "$SRCTREE/scripts/mkinitramfs.sh" "$IMG" >/dev/null ||
	fail "building the image"

# boot CMD...: feeds the lines to the console shell; output in $T/log
boot() {
	printf '%s\n' "$@" | timeout 20 "$UMK" initrd="$IMG" init=/sbin/init \
		>"$T/log" 2>&1
}

boot 'echo marker-$((6 * 7))' 'cat /proc/1/comm' \
	'grep -c " /sys sysfs " /proc/mounts' \
	'ls /dev/pts /sys/block >/dev/null && echo mounts-ok' \
	'ps | grep -c "^ *1 root *init$"' poweroff
rc=$?
OUT=$(cat "$T/log")
[ $rc -eq 0 ] || fail "poweroff: umk exited $rc: $(tail -n 20 "$T/log")"
for want in marker-42 init mounts-ok; do
	grep -qx "$want" "$T/log" || fail "poweroff run: no '$want': $OUT"
done
grep -q "Requesting system poweroff" "$T/log" ||
	fail "init did not power off: $OUT"
[ "$(grep -cx 1 "$T/log")" -eq 2 ] ||
	fail "sysfs not mounted or init not in ps: $OUT"

boot 'echo halting' halt
rc=$?
[ $rc -eq 0 ] || fail "halt: umk exited $rc: $(tail -n 20 "$T/log")"
grep -q "reboot: System halted" "$T/log" || fail "halt: $(cat "$T/log")"
echo ok
