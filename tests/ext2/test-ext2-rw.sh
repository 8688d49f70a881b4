#!/bin/sh
# Boot umk from an ext2 image (root=/dev/ubda rw), create, append,
# overwrite, truncate, rename and delete files and trees in the guest (a
# 70 MiB file, a 5 GiB sparse file, 10,000 entries in one directory,
# fast and slow symlinks, hard links, device nodes), power off, then
# check with the host's e2fsck -fn and debugfs.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null && command -v debugfs >/dev/null ||
	{ echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
# check_mode MODE BLOCKSIZE: the whole test in one trap mode.
check_mode() {
	img=$T/root.img
	sh "$SRCTREE/scripts/mkrootimg.sh" \
		--init "$SRCTREE/tests/ext2/guest-rw.sh" -s 200M -b "$2" "$img" \
		>/dev/null 2>&1 || fail "mkrootimg.sh"
	sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" mode="$1" mem=512M \
		ubd0="$img" root=/dev/ubda rw
	rc=$?
	grep -q guest-ok "$T/log" ||
		fail "mode=$1: guest failed (exit $rc): $(tail -n 20 "$T/log")"
	[ $rc -eq 0 ] || fail "mode=$1: umk exited $rc"
	e2fsck -fn "$img" >"$T/fsck" 2>&1 ||
		fail "mode=$1, $2-byte blocks: e2fsck: $(cat "$T/fsck")"
	dbg() {
		debugfs -R "$1" "$img" 2>/dev/null
	}
	dbg "dump /w/big $T/big"
	sum=$(sha256sum <"$T/big" | cut -d' ' -f1)
	[ "$sum" = "$(dbg 'cat /w/big.sum')" ] ||
		fail "big: checksum differs"
	[ "$(stat -c %s "$T/big")" = 73400320 ] || fail "big: wrong size"
	[ "$(dbg 'cat /w/f')" = "$(printf 'oXY\ntwo')" ] ||
		fail "f: wrong content"
	dbg "dump /w/t $T/t"
	dbg "dump /w/t.expect $T/t.expect"
	cmp -s "$T/t" "$T/t.expect" || fail "t: truncated content differs"
	dbg "dump /w/t3 $T/t3"
	{ head -c 5000 "$T/t.expect"; head -c 8000 /dev/zero; } >"$T/t3.expect"
	cmp -s "$T/t3" "$T/t3.expect" || fail "t3: shrunk and grown: differs"
	stat=$(dbg 'stat /w/huge')
	expect_in "Size: 5368709124" "$stat" "huge size"
	stat=$(dbg 'stat /w/f')
	expect_in "User:    12   Group:    34" "$stat" "f owner"
	expect_in "Mode:  0640" "$stat" "f mode"
	expect_in "Links: 2" "$stat" "f links"
	ls=$(dbg 'ls -l /w')
	for n in big sl slow hard cdev fifo bmoved tree2 many sparse; do
		printf '%s\n' "$ls" | grep -q " $n *\$" || fail "/w lacks $n: $ls"
	done
	[ "$(dbg 'cat /w/tree2/x/gone')" = x ] || fail "tree2/x/gone: bad"
	expect_not_in " a " "$(dbg 'ls /w/tree2')" "tree2"
	expect_in " c " "$(dbg 'ls /w/bmoved')" "bmoved"
	expect_in "Type: character special" "$(dbg 'stat /w/cdev')" "cdev"
	n=$(dbg 'ls -p /w/many' | grep -v '^/0/' | grep -c '/f[0-9]*/')
	[ "$n" = 8889 ] || fail "many: $n entries, not 8889"
	expect_in 'Fast link dest: "big"' "$(dbg 'stat /w/sl')" "sl"
	dbg "dump /w/sparse $T/sparse"
	[ "$(stat -c %s "$T/sparse")" = 4100096 ] || fail "sparse: wrong size"
	[ "$(head -c 4096000 "$T/sparse" | tr -d '\0' | wc -c)" = 0 ] ||
		fail "sparse: hole not zero"
}

# Each mode gets the other block size too: 1 KiB, then 4 KiB blocks.
bs=1024
for mode in ${MODES:-ptrace seccomp}; do
	check_mode "$mode" $bs
	bs=$((5120 - bs))
done
echo ok
