#!/bin/sh
# Without init, umk idles until the host asks it to stop: SIGTERM and
# SIGINT give an orderly power-off with exit status 0.
. "$SRCTREE/tests/lib.sh"

for sig in TERM INT HUP; do
	"$UMK" >"$T/out" 2>&1 &
	pid=$!
	i=0
	until grep -q "idling until" "$T/out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { kill -9 $pid; fail "umk did not reach idle"; }
		sleep 0.1
	done
	kill -$sig $pid
	wait $pid
	rc=$?
	[ $rc -eq 0 ] || fail "SIG$sig: exit status $rc: $(cat "$T/out")"
	grep -q "Shutdown requested by the host" "$T/out" ||
		fail "SIG$sig: no orderly shutdown message"
	grep -q "reboot: Power down" "$T/out" || fail "SIG$sig: no power down"
done
echo ok
