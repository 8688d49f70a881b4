#!/bin/sh
# run-umk.sh LOG PARAMETERS... - boot $UMK with PARAMETERS, stdin from
# /dev/null, all output to LOG; exit with umk's exit status. While the
# kernel cannot start init it idles: that is detected and umk stopped at
# once (status 125), and a run longer than $UMK_TIMEOUT seconds (default
# 120) is killed (status 124), so a broken kernel fails a test quickly.
: "${UMK:?}"
log=${1:?usage: run-umk.sh LOG PARAMETERS...}
shift
limit=$((${UMK_TIMEOUT:-120} * 10))
"$UMK" "$@" </dev/null >"$log" 2>&1 &
pid=$!
i=0
while kill -0 $pid 2>/dev/null; do
	if grep -q "idling until the host stops it" "$log"; then
		kill -TERM $pid
		wait $pid
		echo "run-umk: umk did not start init" >>"$log"
		exit 125
	fi
	i=$((i + 1))
	if [ $i -ge $limit ]; then
		kill -KILL $pid
		wait $pid
		echo "run-umk: umk still running after $((limit / 10)) s:" \
			"killed" >>"$log"
		exit 124
	fi
	sleep 0.1
done
wait $pid
