#!/bin/sh
# run-guest.sh NAME [UMK PARAMETERS...] - one guest test: build the guest
# programs and the test initramfs (tests/guest/guest.mk), run /tests/NAME
# natively and inside umk, and fail unless both print the same.
#
# NAME is a program built from tests/guest/NAME.c, or a busybox shell
# script tests/guest/NAME.sh (natively run by the same busybox, with
# only busybox applets on PATH; inside umk exec'd through its #!/bin/sh).
# Inside umk it runs as init: `umk initrd=IMAGE init=/tests/NAME
# mem=$GUEST_MEM PARAMETERS...` (GUEST_MEM defaults to 128M); kernel log
# lines ("[    1.234567] ...") are dropped from umk's output before the
# comparison.
#
# It runs once per trap mode in $MODES (default "ptrace seccomp"),
# passing mode=MODE to umk.
# Environment: SRCTREE, OBJTREE, UMK (as `make check` sets them);
# NATIVE_ONLY=1 runs only the native half; KEEP=1 keeps the outputs in
# $OBJTREE/tests-build/out/ even when they match.
# Exit status: 0 same output, 1 different or failed, 77 skipped.
: "${SRCTREE:?}" "${OBJTREE:?}"
name=${1:?usage: run-guest.sh NAME [UMK PARAMETERS...]}
shift
B=$OBJTREE/tests-build
IMG=$OBJTREE/tests-initramfs.cpio
O=$B/out/$name
BUSYBOX=${BUSYBOX:-/bin/busybox}

fail() {
	echo "FAIL: $name: $*"
	exit 1
}

make -s -j"$(nproc)" -f "$SRCTREE/tests/guest/guest.mk" \
	SRCTREE="$SRCTREE" OUT="$B" IMAGE="$IMG" ||
	fail "building the guest programs failed"
mkdir -p "$B/out"

# A tmpfs for the native run's scratch files, like umk's /tmp.
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]
then
	scr=$(mktemp -d /dev/shm/umk-guest.XXXXXX)
else
	scr=$(mktemp -d)
fi
trap 'rm -rf "$scr"' EXIT

# Native: the same binaries, in the build tree, with a clean environment.
case $name in
*.sh)
	mkdir -p "$B/bbbin"
	for a in $("$BUSYBOX" --list); do
		ln -sf "$BUSYBOX" "$B/bbbin/$a"
	done
	(cd "$B/tests" && env -i HOME=/ PATH="$B/bbbin" GUEST_TMP="$scr" \
		timeout 120 "$BUSYBOX" sh "./$name") </dev/null \
		>"$O.native" 2>&1 ;;
*)
	(cd "$B/tests" && env -i HOME=/ PATH=/usr/bin:/bin GUEST_TMP="$scr" \
		timeout 120 "./$name") </dev/null >"$O.native" 2>&1 ;;
esac
rc=$?
if [ $rc -eq 77 ]; then
	echo "skipped: $(tail -n 1 "$O.native")"
	exit 77
fi
[ $rc -eq 0 ] || { cat "$O.native"; fail "native run exited $rc"; }
if [ "${NATIVE_ONLY:-0}" = 1 ]; then
	cat "$O.native"
	echo "native run ok (NATIVE_ONLY=1: umk not run)"
	exit 0
fi

: "${UMK:?}"
# Every guest test runs in each trap mode (mode=ptrace, mode=seccomp).
for mode in ${MODES:-ptrace seccomp}; do
	sh "$SRCTREE/tests/guest/run-umk.sh" "$O.umk-raw" initrd="$IMG" \
		init="/tests/$name" mem="${GUEST_MEM:-128M}" mode="$mode" "$@"
	urc=$?
	if [ $urc -eq 125 ]; then
		tail -n 15 "$O.umk-raw" | sed 's/^/umk log | /'
		fail "umk (mode=$mode) did not start /tests/$name"
	fi
	grep -av '^\[ *[0-9]*\.[0-9]*\] ' "$O.umk-raw" >"$O.umk"
	if ! diff -u "$O.native" "$O.umk" >"$O.diff"; then
		echo "umk (mode=$mode) exited $urc; native and umk outputs" \
			"differ (- native, + umk; umk's full log: $O.umk-raw):"
		head -n 60 "$O.diff"
		tail -n 15 "$O.umk-raw" | sed 's/^/umk log | /'
		fail "output differs in mode=$mode"
	fi
	echo "ok: $name prints the same natively and in umk" \
		"(mode=$mode, umk exited $urc)"
done
[ "${KEEP:-0}" = 1 ] || rm -f "$O.native" "$O.umk" "$O.umk-raw" "$O.diff"
