#!/bin/sh
# run-all.sh - every test of the project (what `make check` runs).
# Each tests/*/test-*.sh (and the KUnit run) is one test: exit 0 = pass,
# 77 = skipped, anything else = fail. Ends with "N passed, N failed".
# Every test runs guests in both trap modes: a script that does not pick
# modes itself (MODES, run-guest.sh) runs twice, with the default mode
# and again as "NAME[ptrace]" through tests/umk-mode.sh; a script that
# needs only one run says "# umk-modes: one (why)" and runs once.
# Needs UMK (the binary), SRCTREE and OBJTREE from the Makefile.
: "${UMK:?}" "${SRCTREE:?}" "${OBJTREE:?}"
export UMK SRCTREE OBJTREE
LOGDIR=$OBJTREE/test-logs
mkdir -p "$LOGDIR"
pass=0 fail=0 skip=0 failed=

run_one() {
	name=$1; shift
	log=$LOGDIR/$(echo "$name" | tr '/ ' '__').log
	start=$(date +%s%N)
	"$@" >"$log" 2>&1
	rc=$?
	secs=$(awk "BEGIN { print ($(date +%s%N) - $start) / 1e9 }")
	case $rc in
	0) pass=$((pass + 1)); printf '  PASS  %-40s %6.2fs\n' "$name" "$secs" ;;
	77) skip=$((skip + 1)); printf '  SKIP  %-40s (%s)\n' "$name" \
		"$(tail -n 1 "$log")" ;;
	*) fail=$((fail + 1)); failed="$failed $name"
	   printf '  FAIL  %-40s (exit %d, log %s)\n' "$name" "$rc" "$log"
	   tail -n 20 "$log" | sed 's/^/        | /' ;;
	esac
}

run_one kunit/all python3 "$SRCTREE/tools/testing/kunit/kunit.py" exec \
	--umk "$UMK"
run_one kunit/runner-selftest python3 "$SRCTREE/tools/testing/kunit/test_kunit.py"
# The mode a plain boot does not pick, for the second run.
other_mode=ptrace
"$UMK" kunit.filter_glob=nosuchsuite 2>&1 |
	grep -q "Trap backend: ptrace" && other_mode=seccomp
for t in "$SRCTREE"/tests/*/test-*.sh "$SRCTREE"/tests/kunit/check-*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$(dirname "$t")")/$(basename "$t" .sh)
	run_one "$name" sh "$t"
	grep -q 'MODES\|run-guest\.sh\|^# umk-modes: one' "$t" && continue
	run_one "$name[$other_mode]" env UMK_REAL="$UMK" \
		UMK_MODE=$other_mode UMK="$SRCTREE/tests/umk-mode.sh" sh "$t"
done

echo
[ -n "$failed" ] && echo "Failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
