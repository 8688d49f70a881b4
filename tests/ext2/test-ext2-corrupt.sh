#!/bin/sh
# Damaged ext2 images give clean errors, never a crash: a bad
# superblock (root= refuses it, exit 2), an unsupported incompat
# feature, a truncated image, a bad inode (EIO), a directory loop and
# bitmaps that disagree with the inodes (used from a good root).
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null && command -v debugfs >/dev/null ||
	{ echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }

# A small filesystem with a file /a and a directory /d/e.
mkdir -p "$T/src/d/e"
echo hello >"$T/src/a"
mkimg() {
	mke2fs -q -t ext2 -b 1024 -d "$T/src" -F "$1" 4M >/dev/null 2>&1 ||
		fail "mke2fs $1"
}
poke16() {	# poke16 IMG OFFSET VALUE: a little-endian 16-bit word
	printf "$(printf '\\%03o\\%03o' $(($3 & 255)) $(($3 >> 8)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# Bad magic: booting from it stops with one line and exit 2.
mkimg "$T/magic.img"
poke16 "$T/magic.img" $((1024 + 56)) 0x1234
expect_exit 2 "$UMK" ubd0="$T/magic.img" root=/dev/ubda
expect_in "bad magic number 0x1234" "$OUT$ERR" "bad magic"
expect_in "root=/dev/ubda: cannot mount it as ext2" "$OUT$ERR" "bad magic"

# An image cut short.
mkimg "$T/short.img"
truncate -s 2M "$T/short.img"
# An unsupported incompat feature (extents, 0x40).
mkimg "$T/incompat.img"
poke16 "$T/incompat.img" $((1024 + 96)) $((0x42))
# A bad inode: its first block points past the end of the disk.
mkimg "$T/inode.img"
debugfs -w -R "sif /a block[0] 9999999" "$T/inode.img" >/dev/null 2>&1
# A directory loop: /d/e/loop is /d again.
mkimg "$T/loop.img"
debugfs -w -R "ln /d /d/e/loop" "$T/loop.img" >/dev/null 2>&1
# Bitmaps that disagree: /a's block and inode marked free.
mkimg "$T/bitmap.img"
blk=$(debugfs -R "bmap /a 0" "$T/bitmap.img" 2>/dev/null)
debugfs -w -R "freeb $blk" "$T/bitmap.img" >/dev/null 2>&1
debugfs -w -R "freei /a" "$T/bitmap.img" >/dev/null 2>&1

# check_mode MODE: the damaged disks used from a guest in one trap mode.
check_mode() {
	# A good, small disk to fill up: 1,000 blocks, 32 inodes.
	mkdir -p "$T/empty"
	full=$T/full.img
	mke2fs -q -t ext2 -b 1024 -N 32 -d "$T/empty" -F "$full" 1000k \
		>/dev/null 2>&1 || fail "mke2fs full.img"
	root=$T/root.img
	sh "$SRCTREE/scripts/mkrootimg.sh" \
		--init "$SRCTREE/tests/ext2/guest-corrupt.sh" -s 16M "$root" \
		>/dev/null 2>&1 || fail "mkrootimg.sh"
	sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" mode="$1" ubd0="$root" \
		root=/dev/ubda \
		ubd1="$T/short.img" ubd2="$T/incompat.img" ubd3="$T/inode.img" \
		ubd4="$T/loop.img" ubd5="$T/bitmap.img" ubd6="$full"
	rc=$?
	LOG=$(cat "$T/log")
	expect_in guest-ok "$LOG" "mode=$1: guest (exit $rc)"
	[ $rc -eq 0 ] || fail "mode=$1: umk exited $rc: $(tail -n 20 "$T/log")"
	expect_not_in "Kernel panic" "$LOG" "mode=$1: corrupt images"
	expect_in "truncated image?" "$LOG" "mode=$1: short image"
	expect_in "unsupported incompat features 0x40" "$LOG" "mode=$1: incompat"
	expect_not_in "mounted ubdb" "$LOG" "mode=$1: short image"
	expect_not_in "mounted ubdc" "$LOG" "mode=$1: incompat"
	expect_in "mounted ubdd" "$LOG" "mode=$1: bad inode"
	expect_in "cat a: 1" "$LOG" "mode=$1: bad inode read"
	expect_in "points past the end of the disk" "$LOG" \
		"mode=$1: bad inode message"
	expect_in "umounted ubdf" "$LOG" "mode=$1: bitmaps"
	expect_in "remounting filesystem read-only" "$LOG" "mode=$1: errors="
	expect_in "write after the error: refused" "$LOG" "mode=$1: errors="
	expect_in "No space left on device" "$LOG" "mode=$1: full disk"
	expect_in "no inode at" "$LOG" "mode=$1: no inodes"
	expect_in "write after freeing: ok" "$LOG" "mode=$1: space back"
	case $LOG in
	*"remount: no /proc/mounts"*) ;;	# no procfs: nothing to check
	*)	expect_in "read-only: refused" "$LOG" "mode=$1: remount ro"
		expect_in "read-write again: ok" "$LOG" "mode=$1: remount rw" ;;
	esac
	expect_in "umounted ubdg" "$LOG" "mode=$1: umount"
	e2fsck -fn "$full" >"$T/fsck" 2>&1 ||
		fail "mode=$1: full disk: e2fsck: $(cat "$T/fsck")"
	e2fsck -fn "$root" >"$T/fsck" 2>&1 ||
		fail "mode=$1: root: e2fsck: $(cat "$T/fsck")"
}

for mode in ${MODES:-ptrace seccomp}; do
	check_mode "$mode"
done
echo ok
