#!/bin/sh
# mkinitramfs.sh - build an initramfs (cpio newc) for `umk initrd=`.
#
# usage: mkinitramfs.sh [--init FILE] OUT.cpio [HOSTPATH[:GUESTPATH]]...
#
# The image holds busybox-static as /bin/busybox with a symlink for every
# applet (`busybox --list-full`), /init (scripts/initramfs/init, the demo,
# unless --init names another file), /etc (passwd, group, hostname,
# inittab for busybox init), /dev with its basic device nodes, and empty
# /proc /sys /tmp /root /mnt.
# Each extra HOSTPATH is added at GUESTPATH (default: the same absolute
# path as on the host, e.g. for the host's glibc loader and libc): a
# directory with everything below it, a symlink as a symlink, a file with
# its permission bits. Everything is owned by root and has mtime 0, so the
# same inputs give the same bytes. BUSYBOX= names another busybox binary.
set -e
src=$(cd "$(dirname "$0")" && pwd)
init=$src/initramfs/init
if [ "$1" = --init ]; then
	init=${2:?--init needs a file}
	shift 2
fi
out=${1:?usage: mkinitramfs.sh [--init FILE] OUT.cpio [HOSTPATH[:GUESTPATH]]...}
shift
busybox=${BUSYBOX:-/bin/busybox}

die() {
	echo "mkinitramfs: $*" >&2
	exit 1
}

apt="run: apt-get install busybox-static"
[ -x "$busybox" ] || die "$busybox not found; $apt"
readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter' &&
	die "$busybox is dynamically linked; $apt"
[ -f "$init" ] || die "init script $init not found"

spec=$(mktemp)
trap 'rm -f "$spec"' EXIT

# perm FILE: its permission bits in octal
perm() {
	stat -c %a "$1"
}

# add HOSTPATH GUESTPATH: spec lines for a file, symlink or directory tree
add() {
	if [ -L "$1" ]; then
		echo "slink $2 $(readlink "$1")"
	elif [ -d "$1" ]; then
		echo "dir $2 0$(perm "$1")"
		for f in "$1"/* "$1"/.[!.]*; do
			[ -e "$f" ] || [ -L "$f" ] || continue
			add "$f" "$2/${f##*/}"
		done
	elif [ -f "$1" ]; then
		echo "file $2 0$(perm "$1") $(readlink -f "$1")"
	else
		die "$1: not a file, directory or symlink"
	fi
}

{
	for d in /bin /sbin /usr/bin /usr/sbin /etc /dev /proc /sys /mnt; do
		echo "dir $d 0755"
	done
	echo "dir /tmp 01777"
	echo "dir /root 0700"
	echo "file /bin/busybox 0755 $(readlink -f "$busybox")"
	"$busybox" --list-full | grep / | grep -vx bin/busybox | LC_ALL=C sort |
		while read -r applet; do
			echo "slink /$applet /bin/busybox"
		done
	echo "file /init 0755 $(readlink -f "$init")"
	for f in passwd group hostname inittab; do
		echo "file /etc/$f 0644 $src/initramfs/$f"
	done
	echo "nod /dev/console 0600 c 5 1"
	echo "nod /dev/tty 0666 c 5 0"
	echo "nod /dev/tty0 0620 c 4 0"
	echo "nod /dev/tty1 0620 c 4 1"
	echo "nod /dev/ttyS0 0660 c 4 64"
	echo "nod /dev/null 0666 c 1 3"
	echo "nod /dev/zero 0666 c 1 5"
	echo "nod /dev/full 0666 c 1 7"
	echo "nod /dev/random 0666 c 1 8"
	echo "nod /dev/urandom 0666 c 1 9"
	for x in "$@"; do
		host=${x%%:*}
		guest=${x#*:}
		[ "$guest" = "$x" ] && guest=$(realpath -s "$host")
		[ -e "$host" ] || [ -L "$host" ] || die "$host: no such file"
		add "$host" "$guest"
	done
} >"$spec"

mkdir -p "$(dirname "$out")"
python3 "$src/gen_cpio.py" "$spec" "$out"
