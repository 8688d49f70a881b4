#!/bin/sh
# Bad command lines: one clear error line on stderr and exit status 2;
# good ones boot. Unknown parameters are kept for init.
# umk-modes: one (boots without init: no guest runs)
. "$SRCTREE/tests/lib.sh"

for bad in mem=foo mem=12Q mem= mem=-1 loglevel=x loglevel=99 \
	kunit.enable=maybe dtb= quiet=1; do
	expect_exit 2 "$UMK" "$bad"
	one_line "$ERR" "$bad"
	expect_in "umk: $bad" "$ERR" "$bad"
	expect_in "invalid" "$ERR" "$bad"
done

for small in mem=1M mem=15M mem=65G; do
	expect_exit 2 "$UMK" "$small"
	one_line "$ERR" "$small"
	expect_in "between 16M and 64G" "$ERR" "$small"
done

# mem= sizes guest RAM; the boot log reports it.
expect_exit 0 "$UMK" mem=48M kunit.filter_glob='page_alloc.*order*'
expect_in "/49152K" "$OUT" "mem=48M"

# Parameters umk does not know go to init (bare words to argv,
# name=value to the environment); module-style a.b=c ones are dropped.
expect_exit 0 "$UMK" kunit.filter_glob=nosuchsuite single FOO=bar \
	acme.x=1 -- -x y=z
expect_in "Passed to init as argument: single" "$OUT" "bare word"
expect_in "Passed to init as environment: FOO=bar" "$OUT" "name=value"
expect_in "Unknown parameter 'acme.x=1' ignored" "$OUT" "module param"
expect_in "Passed to init as argument: -x" "$OUT" "after --"
expect_in "Passed to init as argument: y=z" "$OUT" "after --"
expect_in "Kernel command line: kunit.filter_glob=nosuchsuite single" \
	"$OUT" "banner"

# quiet hides informational messages; loglevel=8 shows debug.
expect_exit 0 "$UMK" quiet kunit.filter_glob=nosuchsuite
expect_not_in "Kernel command line" "$OUT" "quiet"
expect_exit 0 "$UMK" loglevel=1 kunit.filter_glob=nosuchsuite
expect_not_in "Memory:" "$OUT" "loglevel=1"
expect_in "KTAP version 1" "$OUT" "KTAP is not filtered by loglevel"
echo ok
