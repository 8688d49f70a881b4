#!/bin/sh
# The default disk image (scripts/mkrootimg.sh, what `make run` boots)
# on a real pty (tests/tty/rootimg.py): busybox init from /etc/inittab,
# ps, mount, a file written with vi, reboot into the same disk, poweroff
# with exit 0; then the disk must pass e2fsck -fn and hold the file.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
command -v mke2fs >/dev/null || PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null && command -v debugfs >/dev/null ||
	{ echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
img=$T/root.img
sh "$SRCTREE/scripts/mkrootimg.sh" -s 16M "$img" >/dev/null 2>&1 ||
	fail "mkrootimg.sh"
timeout 60 python3 "$SRCTREE/tests/tty/rootimg.py" "$UMK" mem=64M \
	ubd0="$img" root=/dev/ubda rw "$@" || fail "rootimg.py failed"
e2fsck -fn "$img" >"$T/fsck" 2>&1 || fail "e2fsck: $(cat "$T/fsck")"
got=$(debugfs -R "cat /root/vi.txt" "$img" 2>/dev/null)
[ "$got" = "hello from vi
second line" ] || fail "/root/vi.txt on the disk: '$got'"
echo "test-rootimg: ok"
