#!/bin/sh
# ubdN= parameters: good ones make /dev/ubdX disks (and are not handed to
# init); bad ones -- a missing image, a size that is not a multiple of
# 512, an unknown unit or flag, a unit given twice -- stop the boot with
# one clear line on stderr and exit status 2.
# umk-modes: one (boots without init: no guest runs)
. "$SRCTREE/tests/lib.sh"
K=kunit.filter_glob=nosuchsuite
cd "$T" || exit 1
dd if=/dev/zero of=disk.img bs=1k count=64 2>/dev/null
head -c 1000 /dev/zero >odd.img
: >empty.img

# bad WORD WANT: one line "umk: WORD: ...WANT...", exit status 2
bad() {
	expect_exit 2 "$UMK" "$1" $K
	one_line "$ERR" "$1"
	expect_in "umk: $1: $2" "$ERR" "$1"
}
bad ubd0=missing.img "cannot open missing.img: no such file"
bad ubd1=odd.img "size 1000 is not a multiple of 512 bytes"
bad ubd2=empty.img "the file is empty"
bad ubd3=. "cannot open .: is a directory"
bad ubd16=disk.img "unit must be 0..15 (a..p)"
bad ubdq=disk.img "unit must be 0..15 (a..p)"
bad ubd0x=disk.img "unknown flag"
bad ubd0= "no image file given"
bad ubd0=disk.img,base.img,more "too many files"
bad ubd0d=a.cow,disk.img "flag d (no COW) and a backing file"
bad ubd "no image file given"
bad ubd=disk.img "expected a unit number"
bad ubd0r=missing.cow,disk.img "cannot open missing.cow: no such file"

expect_exit 2 "$UMK" ubd0=disk.img ubda=disk.img $K
one_line "$ERR" "twice"
expect_in "umk: ubda=disk.img: ubd0 is given twice" "$ERR" "twice"

# Good ones: the disk appears, read-only when asked, and init does not
# get the parameter.
cp disk.img ro.img
expect_exit 0 "$UMK" ubd0=disk.img ubdcr=ro.img $K
expect_in "ubda: 128 sectors" "$OUT" "ubd0="
expect_in "ubdc: 128 sectors (0 MiB), read-only" "$OUT" "ubdcr="
expect_in "bound /disks/ubd@2 to driver ubd" "$OUT" "ubdcr= node"
expect_not_in "Passed to init" "$OUT" "ubd parameters are the kernel's"
expect_exit 0 "$UMK" ubd15st=disk.img $K
expect_in "ubdp: 128 sectors" "$OUT" "ubd15st="
# Words after -- are init's, even when they look like ubd parameters.
expect_exit 0 "$UMK" $K -- ubd0=nothing.img
expect_not_in "ubda" "$OUT" "ubd0= after --"
echo ok
