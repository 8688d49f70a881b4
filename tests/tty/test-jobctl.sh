#!/bin/sh
# Interactive umk on a real pty (tests/tty/jobctl.py): echo, window size
# and SIGWINCH, job control (sleep 100, ^Z, jobs, bg, fg, ^C, TOSTOP),
# ash line editing and history, and the host terminal restored after
# `exit` and after SIGTERM; busybox init's console shell with job control
# and poweroff. Extra arguments go to umk.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
build_test_image
timeout 60 python3 "$SRCTREE/tests/tty/jobctl.py" "$UMK" initrd="$IMG" \
	mem=64M "$@" || fail "jobctl.py failed"
