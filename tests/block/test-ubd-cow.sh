#!/bin/sh
# COW overlays and uml-utilities: the overlay umk creates is byte for byte
# the one uml_mkcow makes; umk boots on uml_mkcow's overlays (with the
# backing file named or taken from the header) and uml_moo merges them;
# a changed backing file and bad overlays are refused with one line and
# exit status 2; the backing file is never written.
# umk-modes: one (boots without init: no guest runs)
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v uml_mkcow >/dev/null && command -v uml_moo >/dev/null || {
	echo "uml_mkcow/uml_moo not installed (apt-get install uml-utilities)"
	exit 77
}
K=kunit.filter_glob=nosuchsuite
cd "$T" || exit 1
head -c 1048576 /dev/urandom >base.img
touch -d '2024-01-02 03:04:05' base.img
sum=$(md5sum <base.img)

expect_exit 0 "$UMK" ubd0=umk.cow,base.img $K
expect_in "created COW overlay umk.cow of base.img" "$OUT" "create"
expect_in "ubda: 2048 sectors" "$OUT" "size of an overlay"
uml_mkcow uml.cow base.img >/dev/null || fail "uml_mkcow failed"
cmp umk.cow uml.cow || fail "umk's overlay differs from uml_mkcow's"

# uml_mkcow's overlay, with and without the backing file named.
expect_exit 0 "$UMK" ubd0=uml.cow,base.img $K
expect_in "ubda: 2048 sectors" "$OUT" "uml_mkcow overlay"
expect_not_in "created" "$OUT" "existing overlay"
expect_exit 0 "$UMK" ubd0=uml.cow $K
expect_in "ubda: 2048 sectors" "$OUT" "overlay naming its base"
# ... and the d flag takes the overlay file itself as the disk.
expect_exit 0 "$UMK" ubd0d=uml.cow $K
expect_in "ubda: $(( $(stat -c %s uml.cow) / 512 )) sectors" "$OUT" "d flag"
uml_moo umk.cow merged.img >/dev/null || fail "uml_moo failed"
cmp merged.img base.img || fail "merging an untouched overlay changed data"

# bad PARAM WANT: one line, exit status 2
bad() {
	expect_exit 2 "$UMK" "$1" $K
	one_line "$ERR" "$1"
	expect_in "$2" "$ERR" "$1"
}
bad ubd0r=missing.cow,base.img \
	"umk: ubd0r=missing.cow,base.img: cannot open missing.cow: no such file"
head -c 5000 /dev/urandom >junk.cow
bad ubd0=junk.cow,base.img "umk: ubd0=junk.cow,base.img: junk.cow: \
not a usable COW overlay: bad magic"
head -c 100 uml.cow >short.cow
bad ubd0=short.cow,base.img \
	"short.cow: not a usable COW overlay: truncated header"
head -c 20000 uml.cow >cut.cow
bad ubd0=cut.cow,base.img "cut.cow: COW overlay is truncated"
head -c 1000 /dev/zero >odd.img
bad ubd0=odd.cow,odd.img "umk: ubd0=odd.cow,odd.img: odd.img: size 1000 \
is not a multiple of 512 bytes"
[ -e odd.cow ] && fail "an overlay of a bad base was left behind"
touch base.img
bad ubd0=uml.cow,base.img \
	"umk: ubd0: backing file base.img changed since the overlay was made"
bad ubd1=uml.cow \
	"umk: ubd1: backing file $T/base.img changed since the overlay was made"

[ "$(md5sum <base.img)" = "$sum" ] || fail "the backing file was written"
echo ok
