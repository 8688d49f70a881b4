#!/bin/sh
# test-backend-kunit.sh - the trap backend's KUnit suite in each mode of
# $MODES (default "ptrace seccomp"); `make check`'s KUnit run covers
# only the default mode.
: "${UMK:?}"
status=0
for mode in ${MODES:-ptrace seccomp}; do
	if "$UMK" mode="$mode" kunit.filter_glob='backend.*' >"${TMPDIR:-/tmp}/umk-backend-kunit.$$" 2>&1 &&
	   grep -q '^ok 1 backend' "${TMPDIR:-/tmp}/umk-backend-kunit.$$"; then
		echo "ok: backend suite passes in mode=$mode"
	else
		grep -v '^\[' "${TMPDIR:-/tmp}/umk-backend-kunit.$$" | tail -20
		echo "FAIL: backend suite in mode=$mode"
		status=1
	fi
done
rm -f "${TMPDIR:-/tmp}/umk-backend-kunit.$$"
exit $status
