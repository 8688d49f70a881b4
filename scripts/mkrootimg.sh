#!/bin/sh
# mkrootimg.sh - build an ext2 root disk image for `umk ubd0=IMG
# root=/dev/ubda`, without privileges (mke2fs -t ext2 -d).
#
# usage: mkrootimg.sh [--init FILE | --demo] [-s SIZE] [-b BLOCKSIZE] OUT.img
#                     [HOSTPATH[:GUESTPATH]]...
#
# The image holds busybox-static as /bin/busybox with a symlink for every
# applet, /etc (passwd, group, hostname, inittab) and empty /dev /proc
# /sys /tmp /root /mnt. By default it has no /init, so umk starts
# /sbin/init (busybox init, scripts/initramfs/inittab): the real system.
# --init FILE installs FILE as /init instead (tests' guest scripts);
# --demo installs the demo script scripts/initramfs/init. Each extra
# HOSTPATH (file or directory) is copied to
# GUESTPATH (default: the same path). SIZE is mke2fs's (default 64M);
# BLOCKSIZE 1024, 2048 or 4096 (default: mke2fs's choice). Files are
# owned by root (mke2fs -E root_owner). BUSYBOX= names another busybox.
set -e
src=$(cd "$(dirname "$0")" && pwd)
init=
size=64M
bs=
while :; do
	case $1 in
	--init) init=${2:?--init needs a file}; shift 2 ;;
	--demo) init=$src/initramfs/init; shift ;;
	-s) size=${2:?-s needs a size}; shift 2 ;;
	-b) bs="-b ${2:?-b needs a block size}"; shift 2 ;;
	*) break ;;
	esac
done
usage="mkrootimg.sh [--init FILE|--demo] [-s SIZE] [-b BS] OUT.img"
usage="$usage [HOST[:GUEST]]..."
out=${1:?usage: $usage}
shift
busybox=${BUSYBOX:-/bin/busybox}

die() {
	echo "mkrootimg: $*" >&2
	exit 1
}

apt="run: apt-get install busybox-static e2fsprogs"
[ -x "$busybox" ] || die "$busybox not found; $apt"
readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter' &&
	die "$busybox is dynamically linked; $apt"
command -v mke2fs >/dev/null 2>&1 || PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null 2>&1 || die "mke2fs not found; $apt"
[ -z "$init" ] || [ -f "$init" ] || die "init script $init not found"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/sbin" "$dir/usr/bin" "$dir/usr/sbin" \
	"$dir/etc" "$dir/dev" "$dir/proc" "$dir/sys" "$dir/tmp" \
	"$dir/root" "$dir/mnt"
chmod 1777 "$dir/tmp"
chmod 700 "$dir/root"
cp "$busybox" "$dir/bin/busybox"
for applet in $("$busybox" --list-full); do
	[ -e "$dir/$applet" ] || ln -s /bin/busybox "$dir/$applet"
done
if [ -n "$init" ]; then
	cp "$init" "$dir/init"
	chmod 755 "$dir/init"
fi
for f in passwd group hostname inittab; do
	cp "$src/initramfs/$f" "$dir/etc/$f"
done
for spec in "$@"; do
	host=${spec%%:*}
	guest=${spec#*:}
	[ "$guest" = "$spec" ] && guest=$host
	[ -e "$host" ] || die "$host: not found"
	mkdir -p "$dir/$(dirname "$guest")"
	cp -a "$host" "$dir/$guest"
done
rm -f "$out"
# shellcheck disable=SC2086
mke2fs -q -t ext2 $bs -E root_owner=0:0 -d "$dir" -F "$out" "$size" \
	>/dev/null ||
	die "mke2fs failed"
