#!/bin/sh
# Nothing fsync'ed is lost: the guest writes a file with dd conv=fsync
# on an ext2 root, says so, and umk is killed with SIGKILL at once; the
# host's debugfs must then find the file with the right content.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null || { echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
cat >"$T/init" <<'EOS'
#!/bin/sh
mkdir /keep
dd if=/dev/urandom of=/keep/data bs=64k count=40 conv=fsync 2>/dev/null
sha256sum /keep/data
echo fsynced
sleep 1000
EOS
for mode in ${MODES:-ptrace seccomp}; do
	img=$T/root.img
	sh "$SRCTREE/scripts/mkrootimg.sh" --init "$T/init" "$img" \
		>/dev/null 2>&1 || fail "mkrootimg.sh"
	"$UMK" mode="$mode" ubd0="$img" root=/dev/ubda rw </dev/null \
		>"$T/log" 2>&1 &
	pid=$!
	i=0
	until grep -q fsynced "$T/log"; do
		i=$((i + 1))
		[ $i -lt 300 ] && kill -0 $pid 2>/dev/null ||
			{ kill -9 $pid 2>/dev/null; fail "mode=$mode: no fsync: $(tail "$T/log")"; }
		sleep 0.1
	done
	kill -9 $pid
	wait $pid 2>/dev/null
	sum=$(grep -o '^[0-9a-f]\{64\}' "$T/log")
	debugfs -R "dump /keep/data $T/data" "$img" >/dev/null 2>&1
	[ -n "$sum" ] && [ "$(sha256sum <"$T/data" | cut -d' ' -f1)" = "$sum" ] ||
		fail "mode=$mode: fsynced data lost after kill -9"
done
echo ok
