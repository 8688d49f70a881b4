#!/bin/sh
# check-linux-parser.sh - umk's KTAP must be what Linux's own kunit.py
# accepts. Takes tools/testing/kunit from Debian's linux-source tarball
# (extracted once, cached under $OBJTREE/test-logs, which git ignores, or
# /tmp), then:
#  1. boots umk with every test and has Linux's "kunit.py parse" read the
#     console: it must report success with the same counts as umk's
#     kunit.py;
#  2. feeds both parsers a KTAP sample with failures, and a cut-off run,
#     in umk's format: both must report failure, with equal counts, so
#     this check could catch a parser that says yes to everything.
# Exit 0 pass, 1 fail, 77 skipped (no linux-source tarball).
# umk-modes: one (parses one KUnit run)
set -u
SRCTREE=${SRCTREE:-$(cd "$(dirname "$0")/../.." && pwd)}
UMK=${UMK:-$SRCTREE/umk}
TARBALL=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
if [ -n "${OBJTREE:-}" ]; then
	CACHE=$OBJTREE/test-logs/linux-kunit-tool
else
	CACHE=/tmp/linux-kunit-tool
fi
TOP=$(basename "$TARBALL" .tar.xz)
LINUX_KUNIT=$CACHE/$TOP/tools/testing/kunit/kunit.py
UMK_KUNIT=$SRCTREE/tools/testing/kunit/kunit.py

if [ ! -f "$TARBALL" ]; then
	echo "skipped: no $TARBALL (apt-get install linux-source-6.12)"
	exit 77
fi
if [ ! -f "$LINUX_KUNIT" ]; then
	echo "extracting $TOP/tools/testing/kunit from $TARBALL"
	mkdir -p "$CACHE" &&
	tar -xJf "$TARBALL" -C "$CACHE" "$TOP/tools/testing/kunit" || exit 1
fi

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# "Ran 12 tests: passed: 10, failed: 1, skipped: 1" -> "10 1 1 0": both
# tools print this form; Linux leaves out the counts that are zero.
counts() {
	line=$(grep -o 'Ran [0-9]* tests:.*' "$1" | tail -n 1)
	for what in passed failed skipped crashed; do
		n=$(echo "$line" | grep -o "$what: [0-9]*" | grep -o '[0-9]*$')
		printf '%s ' "${n:-0}"
	done
	echo
}

# parse FILE WANT_STATUS LABEL: both parsers, expected exit status (0 or
# non-zero) and equal counts.
parse() {
	python3 "$LINUX_KUNIT" parse "$1" >"$TMP/linux.out" 2>&1
	linux_rc=$?
	python3 "$UMK_KUNIT" parse "$1" >"$TMP/umk.out" 2>&1
	umk_rc=$?
	if [ "$2" = 0 ]; then
		[ $linux_rc -eq 0 ] || fail "$3: Linux's kunit.py reports failure"
		[ $umk_rc -eq 0 ] || fail "$3: umk's kunit.py reports failure"
	else
		[ $linux_rc -ne 0 ] || fail "$3: Linux's kunit.py reports success"
		[ $umk_rc -ne 0 ] || fail "$3: umk's kunit.py reports success"
	fi
	linux_counts=$(counts "$TMP/linux.out")
	umk_counts=$(counts "$TMP/umk.out")
	echo "$3: Linux: $linux_counts umk: $umk_counts" \
		"(passed failed skipped crashed)"
	[ "$linux_counts" = "$umk_counts" ] ||
		fail "$3: the parsers count differently"
	if [ "$fails" -ne 0 ]; then
		sed 's/^/  linux| /' "$TMP/linux.out" | tail -n 30
		sed 's/^/  umk  | /' "$TMP/umk.out" | tail -n 30
	fi
}

# 1. A real run.
"$UMK" kunit.enable=1 </dev/null >"$TMP/console.log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "umk kunit.enable=1 exited with $rc"
parse "$TMP/console.log" 0 "umk run"
ran=$(counts "$TMP/umk.out" | cut -d' ' -f1)
[ "${ran:-0}" -gt 0 ] || fail "no test passed in the umk run"

# 2. Failures, a skip and a parameterised case, as umk prints them.
cat >"$TMP/failing.log" <<'EOF'
[    0.001000] Memory: 131072K RAM
KTAP version 1
1..2
    KTAP version 1
    # Subtest: sample
    1..3
    ok 1 sample_pass
    # sample_fail: EXPECTATION FAILED at lib/sample.c:10
    Expected a == b, but
        a == 1 (0x1)
        b == 2 (0x2)
    not ok 2 sample_fail
    ok 3 sample_skip # SKIP not today
# sample: pass:1 fail:1 skip:1 total:3
# Totals: pass:1 fail:1 skip:1 total:3
not ok 1 sample
    KTAP version 1
    # Subtest: params
    1..1
        KTAP version 1
        # Subtest: params_case
        ok 1 value 1
    # params_case: EXPECTATION FAILED at lib/sample.c:20
        not ok 2 param-1
    # params_case: pass:1 fail:1 skip:0 total:2
    not ok 1 params_case
# params: pass:0 fail:1 skip:0 total:1
# Totals: pass:1 fail:1 skip:0 total:2
not ok 2 params
EOF
parse "$TMP/failing.log" 1 "failing sample"
grep -q 'failed: 2' "$TMP/linux.out" ||
	fail "Linux's kunit.py did not count the 2 failures"

# 3. The real run cut off in the middle, as if umk had crashed.
head -n $(($(wc -l <"$TMP/console.log") / 2)) "$TMP/console.log" \
	>"$TMP/crashed.log"
parse "$TMP/crashed.log" 1 "cut-off run"

[ "$fails" -eq 0 ] || exit 1
echo "Linux's kunit.py agrees with umk's"
