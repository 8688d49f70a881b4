#!/bin/sh
# `umk initrd=IMAGE init=/bin/sh -c 'ls -l /; echo ok'`: busybox's shell
# runs as init with the arguments from umk's command line, lists the
# initramfs root and exits; umk powers off.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
build_test_image

sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" initrd="$IMG" init=/bin/sh \
	-c 'ls -l /; echo ok'
rc=$?
OUT=$(grep -av '^\[ *[0-9]*\.[0-9]*\] ' "$T/log")
[ $rc -eq 0 ] || fail "umk exited $rc: $(tail -n 20 "$T/log")"
for name in bin dev etc init proc root sbin sys tests tmp usr; do
	printf '%s\n' "$OUT" | grep -q " $name\$" ||
		fail "ls -l / does not list $name: $OUT"
done
printf '%s\n' "$OUT" | grep -q '^drwxrwxrwt .* tmp$' ||
	fail "/tmp is not a sticky 1777 directory: $OUT"
printf '%s\n' "$OUT" | grep -qx ok || fail "no 'ok' line: $OUT"
echo ok
