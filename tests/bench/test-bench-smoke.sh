#!/bin/sh
# make bench in quick mode, natively and in umk (ptrace), through
# tools/bench/run.py: every figure (guest and host side) is produced and
# well-formed, the JSON holds them and bench-compare reads it. Never
# checks a time.
# umk-modes: one (tools/bench/run.py runs both modes itself)
. "$SRCTREE/tests/lib.sh"
RUN="python3 $SRCTREE/tools/bench/run.py"
export PYTHONDONTWRITEBYTECODE=1	# no __pycache__ in the source tree

$RUN run --quick --rounds 1 --targets native,umk-ptrace --timeout 60 \
	--umk "$UMK" --build "$OBJTREE/bench-build" --logs "$T/logs" \
	--out "$T/r.json" >"$T/out" 2>&1 || {
	cat "$T/out"
	fail "tools/bench/run.py run --quick failed"
}
cat "$T/out"

# the raw outputs of both runs: every guest figure exactly once
set -- "$T"/logs/*.log
[ $# -eq 2 ] || fail "expected 2 raw outputs, got: $*"
$RUN check "$@" || fail "a run lacks figures or has malformed lines"

# the JSON: every guest figure for both, the host figures for umk
python3 - "$T/r.json" "$SRCTREE/tools/bench" <<'PY' || fail "results JSON incomplete"
import json, sys
sys.path.insert(0, sys.argv[2])
import run
res = json.load(open(sys.argv[1]))
missing = []
for f in run.FIGURES:
    vals = res["figures"].get(f, {}).get("values", {})
    for t in ("umk-ptrace",) + (("native",) if f in run.GUEST else ()):
        if not isinstance(vals.get(t, {}).get("median"), float):
            missing.append("%s/%s" % (f, t))
if missing:
    print("missing: " + " ".join(missing))
    sys.exit(1)
PY

$RUN compare "$T/r.json" "$T/r.json" >"$T/cmp" || fail "compare failed"
n=$(grep -c ' noise$' "$T/cmp")
[ "$n" -ge 30 ] || fail "compare printed $n rows: $(cat "$T/cmp")"
echo ok
