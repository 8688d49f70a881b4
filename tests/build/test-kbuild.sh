#!/bin/sh
# The Kbuild-style build: out-of-tree with O=, V=1 shows full commands,
# Kconfig changes through olddefconfig take effect, the flags are strict.
# umk-modes: one (builds umk, runs no guest)
. "$SRCTREE/tests/lib.sh"
B=$T/build

make -s -C "$SRCTREE" O="$B" defconfig >/dev/null || fail "defconfig"
grep -q '^CONFIG_KUNIT=y' "$B/.config" || fail "defconfig has no KUNIT"

# A configuration without KUnit builds, and its umk has no tests.
sed -i 's/^CONFIG_KUNIT=y/# CONFIG_KUNIT is not set/' "$B/.config"
make -s -C "$SRCTREE" O="$B" olddefconfig >/dev/null || fail "olddefconfig"
grep -q 'CONFIG_LIB_KUNIT_TEST' "$B/.config" &&
	grep -q '^CONFIG_LIB_KUNIT_TEST=y' "$B/.config" &&
	fail "olddefconfig kept a test option whose dependency is off"
make -C "$SRCTREE" O="$B" V=1 -j2 >"$T/log" 2>&1 || {
	tail -20 "$T/log"; fail "build without KUnit"; }
grep -q -- "-Wall -Wextra -Werror" "$T/log" || fail "V=1 shows no full commands"
[ -x "$B/umk" ] || fail "no umk in O= directory"
[ ! -e "$B/lib/kunit/test.o" ] || fail "KUnit built although disabled"
# Without KUnit, kunit.enable=1 is an unknown module-style parameter:
# umk boots, ignores it and, with no root filesystem to run init from,
# panics as Linux does (exit status 3).
expect_exit 3 "$B/umk" kunit.enable=1
expect_in "No working init found" "$OUT" "no init"
expect_in "Unknown parameter 'kunit.enable=1' ignored" "$OUT" \
	"kunit.enable without KUnit"
expect_not_in "KTAP" "$OUT" "umk without KUnit ran tests"
echo ok
