#!/bin/sh
# /dev/kmsg (drivers/char/kmsg.c) and sysfs's class/tty and class/block
# inside umk, booted from a disk image whose /init is guest-devices.sh.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v mke2fs >/dev/null || PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null || { echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
sh "$SRCTREE/scripts/mkrootimg.sh" \
	--init "$SRCTREE/tests/proc/guest-devices.sh" -s 16M "$T/root.img" \
	>/dev/null 2>&1 || fail "mkrootimg.sh"
UMK_TIMEOUT=20 sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" mem=64M \
	ubd0="$T/root.img" root=/dev/ubda
grep -q guest-ok "$T/log" || fail "guest: $(tail -n 20 "$T/log")"
echo "test-devices: ok"
