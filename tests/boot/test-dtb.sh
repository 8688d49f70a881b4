#!/bin/sh
# dtb=FILE: a good blob is used; missing, corrupt, truncated or
# incomplete ones are one error line and exit status 2.
# umk-modes: one (boots without init: no guest runs)
. "$SRCTREE/tests/lib.sh"
command -v dtc >/dev/null || { echo "dtc not installed"; exit 77; }
D=$T/dtbs
sh "$SRCTREE/tests/boot/make-dtbs.sh" "$D" || fail "make-dtbs.sh"

expect_exit 0 "$UMK" dtb="$D/good.dtb" kunit.filter_glob=nosuchsuite
expect_in "Device tree: loaded from $D/good.dtb" "$OUT" "good dtb"
expect_in "/65536K" "$OUT" "memory size from the dtb"

# mem= on the command line wins over the dtb's memory node.
expect_exit 0 "$UMK" dtb="$D/good.dtb" mem=32M kunit.filter_glob=nosuchsuite
expect_in "/32768K" "$OUT" "mem= overrides dtb"

expect_exit 2 "$UMK" dtb="$D/missing.dtb"
one_line "$ERR" "missing dtb"
expect_in "umk: dtb=$D/missing.dtb: " "$ERR" "missing dtb"

for f in "$D"/bad-*.dtb; do
	expect_exit 2 "$UMK" dtb="$f"
	one_line "$ERR" "$f"
	expect_in "umk: dtb=$f: " "$ERR" "$f"
done
echo ok
