# lib.sh - helpers for the shell tests (sourced).
# expect_exit CODE CMD...: run CMD, capture stdout+stderr in $OUT, and
# fail unless it exits with CODE.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

expect_exit() {
	want=$1; shift
	timeout 60 "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	[ "$got" -eq "$want" ] ||
		fail "'$*' exited $got, expected $want; stderr: $ERR"
}

# expect_in TEXT HAYSTACK WHAT
expect_in() {
	case $2 in
	*"$1"*) ;;
	*) fail "$3: expected to find '$1' in: $2" ;;
	esac
}

expect_not_in() {
	case $2 in
	*"$1"*) fail "$3: did not expect '$1' in: $2" ;;
	esac
}

# one_line TEXT WHAT: TEXT is exactly one non-empty line
one_line() {
	[ -n "$1" ] && [ "$(printf '%s\n' "$1" | wc -l)" -eq 1 ] ||
		fail "$2: expected exactly one error line, got: $1"
}

# build_test_image: builds the guest programs and the test initramfs
# (tests/guest/guest.mk) and sets IMG to the image.
build_test_image() {
	IMG=$OBJTREE/tests-initramfs.cpio
	make -s -j"$(nproc)" -f "$SRCTREE/tests/guest/guest.mk" \
		SRCTREE="$SRCTREE" OUT="$OBJTREE/tests-build" IMAGE="$IMG" ||
		fail "building the test image"
}
