#!/bin/sh
# make-dtbs.sh OUTDIR - the device-tree blobs the boot tests feed to
# `umk dtb=FILE`. Needs dtc (Debian package device-tree-compiler).
#   good.dtb            64 MiB machine (tests/boot/dtb-good.dts)
#   bad-random.dtb      random bytes
#   bad-magic.dtb       good.dtb with its magic number overwritten
#   bad-truncated.dtb   the first half of good.dtb
#   bad-empty.dtb       an empty file
#   bad-nomemory.dtb    well-formed, but no /memory (dtb-nomemory.dts)
set -e
out=${1:?usage: make-dtbs.sh OUTDIR}
src=$(dirname "$0")
command -v dtc >/dev/null || {
	echo "make-dtbs.sh: dtc not found;" \
		"run: apt-get install device-tree-compiler" >&2
	exit 1
}
mkdir -p "$out"

dtc -q -I dts -O dtb -o "$out/good.dtb" "$src/dtb-good.dts"
dtc -q -I dts -O dtb -o "$out/bad-nomemory.dtb" "$src/dtb-nomemory.dts"

head -c 4096 /dev/urandom >"$out/bad-random.dtb"

cp "$out/good.dtb" "$out/bad-magic.dtb"
printf 'UMK!' | dd of="$out/bad-magic.dtb" bs=1 seek=0 count=4 \
	conv=notrunc 2>/dev/null

size=$(wc -c <"$out/good.dtb")
head -c $((size / 2)) "$out/good.dtb" >"$out/bad-truncated.dtb"

: >"$out/bad-empty.dtb"
