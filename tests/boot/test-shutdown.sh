#!/bin/sh
# SIGTERM, SIGINT and SIGHUP sent to umk by the host give an orderly
# power-off with exit status 0, even while a guest program runs.
. "$SRCTREE/tests/lib.sh"
build_test_image

for sig in TERM INT HUP; do
	"$UMK" initrd="$IMG" init=/bin/sh -c 'echo guest-ready; sleep 100' \
		</dev/null >"$T/out" 2>&1 &
	pid=$!
	i=0
	until grep -q "^guest-ready" "$T/out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { kill -9 $pid; fail "guest did not start"; }
		sleep 0.1
	done
	# (An exec replaces the stub, so look until one is there.)
	i=0
	until stubs=$(pgrep -P $pid); do
		i=$((i + 1))
		[ $i -lt 50 ] || { kill -9 $pid; fail "no stub process under umk"; }
		sleep 0.1
	done
	kill -$sig $pid
	wait $pid
	rc=$?
	sleep 0.2
	for s in $stubs; do
		# Gone, or at most a zombie waiting for the host's init to reap.
		state=$(ps -o stat= -p "$s" 2>/dev/null)
		case $state in ""|Z*) ;; *) fail "stub $s outlived umk ($state)" ;; esac
	done
	[ $rc -eq 0 ] || fail "SIG$sig: exit status $rc: $(cat "$T/out")"
	grep -q "Shutdown requested by the host" "$T/out" ||
		fail "SIG$sig: no orderly shutdown message"
	grep -q "reboot: Power down" "$T/out" || fail "SIG$sig: no power down"
done
echo ok
