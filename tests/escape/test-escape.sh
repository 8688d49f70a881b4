#!/bin/sh
# test-escape.sh - guest code trying to escape (tests/escape/escape.c,
# which also runs tests/escape/stubattack.c),
# in each trap mode of $MODES (default "ptrace seccomp"). Checked from
# the host afterwards: the host file it tries to create does not exist,
# the host process it tries to kill is alive, no probe found RAM mapped
# behind umk's back, the guest saw Linux behaviour (no "unexpected:"),
# a bystander guest process kept making progress and exited cleanly,
# umk kept running to the end of the program and did not panic.
: "${SRCTREE:?}" "${OBJTREE:?}" "${UMK:?}"
B=$OBJTREE/tests-build
IMG=$OBJTREE/tests-initramfs.cpio
make -s -j"$(nproc)" -f "$SRCTREE/tests/guest/guest.mk" \
	SRCTREE="$SRCTREE" OUT="$B" IMAGE="$IMG" || exit 1
mkdir -p "$B/out"
file=$(mktemp -u /tmp/umk-escape.XXXXXX)
sleep 300 &
victim=$!
trap 'kill $victim 2>/dev/null; rm -f "$file"' EXIT
status=0
for mode in ${MODES:-ptrace seccomp}; do
	log=$B/out/escape-$mode.$$.log
	sh "$SRCTREE/tests/guest/run-umk.sh" "$log" initrd="$IMG" \
		init=/tests/escape mem=128M mode="$mode" ESC_FILE="$file" \
		ESC_PID="$victim"
	echo "umk (mode=$mode) exited $?"
	grep -av '^\[ *[0-9]*\.[0-9]*\] ' "$log" | sed "s/^/  $mode | /"
	if ! grep -q "escape: done" "$log"; then
		echo "FAIL: mode=$mode: the guest did not get to its end"
		status=1
	fi
	if [ -e "$file" ]; then
		echo "FAIL: mode=$mode: the guest created $file on the host"
		status=1
	fi
	if ! kill -0 $victim 2>/dev/null; then
		echo "FAIL: mode=$mode: the guest killed host pid $victim"
		status=1
	fi
	if grep -aq "probe at .* readable" "$log"; then
		echo "FAIL: mode=$mode: the guest mapped RAM on its own"
		status=1
	fi
	if grep -aq "unexpected: the bystander" "$log"; then
		echo "FAIL: mode=$mode: other guest processes were stalled"
		status=1
	fi
	if grep -a "unexpected:" "$log" | grep -vq "the bystander"; then
		echo "FAIL: mode=$mode: the guest saw a difference from Linux"
		status=1
	fi
	if ! grep -aq "^bystander: [1-9][0-9]* rounds, exited cleanly" "$log"
	then
		echo "FAIL: mode=$mode: the bystander process did not survive"
		status=1
	fi
	if grep -aq "Kernel panic\|BUG at" "$log"; then
		echo "FAIL: mode=$mode: umk panicked"
		status=1
	fi
done
[ $status -eq 0 ] && rm -f "$B"/out/escape-*.$$.log &&
	echo "ok: no escape in mode(s) ${MODES:-ptrace seccomp}"
exit $status
