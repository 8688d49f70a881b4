#!/bin/sh
# Host signals sent to stubs (the host processes that run guest code):
# whatever a host user sends them but SIGKILL and SIGSTOP, the guest
# goes on unharmed, in both trap modes.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
build_test_image
SIGS="HUP INT QUIT ABRT USR1 USR2 PIPE ALRM TERM CHLD CONT TSTP TTIN TTOU
URG XCPU XFSZ PROF WINCH IO PWR"

for mode in ${MODES:-ptrace seccomp}; do
	# Three stubs: the shell in wait4, yes running, sleep sleeping.
	"$UMK" mode="$mode" initrd="$IMG" init=/bin/sh -c \
		'yes >/dev/null & echo guest-ready; sleep 2; kill $!; echo guest-survived' \
		</dev/null >"$T/out" 2>&1 &
	pid=$!
	i=0
	until grep -q guest-ready "$T/out"; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "mode=$mode: guest did not start"
		sleep 0.1
	done
	sleep 0.3
	stubs=$(pgrep -P $pid)
	[ -n "$stubs" ] || fail "mode=$mode: no stub processes under umk"
	for sig in $SIGS; do
		for s in $stubs; do
			kill -s "$sig" "$s" 2>/dev/null
		done
	done
	wait $pid
	rc=$?
	[ $rc -eq 0 ] || fail "mode=$mode: umk exited $rc: $(tail -n 5 "$T/out")"
	expect_in guest-survived "$(cat "$T/out")" "mode=$mode"
	echo "ok: mode=$mode: $(echo $stubs | wc -w) stubs took $(echo $SIGS | wc -w) signals each"
done
