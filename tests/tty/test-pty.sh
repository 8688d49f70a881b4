#!/bin/sh
# Ptys and termios: tests/tty/pty.c runs natively (in a new session, no
# controlling tty) and inside umk as init (which mounts devpts itself);
# the outputs must match. Environment as in tests/guest/run-guest.sh
# (SRCTREE, OBJTREE, UMK; KEEP=1 keeps the outputs).
. "$SRCTREE/tests/lib.sh"
B=$OBJTREE/tests-build/tty
IMG=$B/tty-initramfs.cpio
mkdir -p "$B/bin"
if [ ! -x "$B/bin/pty" ] || [ "$SRCTREE/tests/tty/pty.c" -nt "$B/bin/pty" ] ||
	[ "$SRCTREE/tests/guest/guest.h" -nt "$B/bin/pty" ]; then
	gcc -O2 -g0 -Wall -Wextra -Werror -Wno-unused-parameter \
		-Wno-format-truncation -static -s -o "$B/bin/pty" \
		"$SRCTREE/tests/tty/pty.c" || fail "building pty.c"
fi
if [ ! -f "$IMG" ] || [ "$B/bin/pty" -nt "$IMG" ] ||
	[ "$SRCTREE/scripts/mkinitramfs.sh" -nt "$IMG" ]; then
	sh "$SRCTREE/scripts/mkinitramfs.sh" "$IMG" "$B/bin:/tests" ||
		fail "building the initramfs"
fi

(cd "$T" && timeout 30 setsid -w "$B/bin/pty") </dev/null >"$B/pty.native" 2>&1 ||
	fail "native run failed: $(tail -n 5 "$B/pty.native")"
[ "${NATIVE_ONLY:-0}" = 1 ] && { cat "$B/pty.native"; exit 0; }
: >"$B/pty.umk-raw"
UMK_TIMEOUT=30 sh "$SRCTREE/tests/guest/run-umk.sh" "$B/pty.umk-raw" \
	initrd="$IMG" init=/tests/pty mem=64M "$@"
rc=$?
grep -av '^\[ *[0-9]*\.[0-9]*\] ' "$B/pty.umk-raw" >"$B/pty.umk"
[ $rc -eq 0 ] || fail "umk exited $rc: $(tail -n 15 "$B/pty.umk-raw")"
diff -u "$B/pty.native" "$B/pty.umk" >"$B/pty.diff" ||
	fail "outputs differ: $(cat "$B/pty.diff")"
[ "${KEEP:-0}" = 1 ] || rm -f "$B/pty.umk-raw"
echo ok
