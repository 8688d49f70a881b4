#!/bin/sh
# The Kbuild-style build: out-of-tree with O=, V=1 shows full commands,
# Kconfig changes through olddefconfig take effect, the flags are strict.
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
# umk boots, ignores it and idles until told to stop.
"$B/umk" kunit.enable=1 </dev/null >"$T/out" 2>&1 &
pid=$!
i=0
until grep -q "idling until" "$T/out"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill -9 $pid; fail "umk without KUnit did not boot"; }
	sleep 0.1
done
kill -TERM $pid
wait $pid || fail "umk without KUnit: bad exit status"
expect_in "Unknown parameter 'kunit.enable=1' ignored" "$(cat "$T/out")" \
	"kunit.enable without KUnit"
expect_not_in "KTAP" "$(cat "$T/out")" "umk without KUnit ran tests"
echo ok
