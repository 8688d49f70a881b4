#!/bin/sh
# install-deps.sh WHAT: make sure the Debian packages that WHAT (build, run,
# check, bench) needs are present. As root it installs what is missing;
# otherwise it prints the apt-get line to run and fails.
set -e
what=${1:-build}
pkgs="python3-kconfiglib libfdt-dev gcc make"
case $what in
run) pkgs="$pkgs busybox-static e2fsprogs" ;;
check) pkgs="$pkgs gdb linux-source-6.12 xz-utils device-tree-compiler \
	busybox-static cpio musl-tools uml-utilities e2fsprogs" ;;
# UML (to compare with) only when asked: BENCH_UML=1 (see Documentation/bench.md)
bench) pkgs="$pkgs busybox-static e2fsprogs"
	[ "${BENCH_UML:-}" = 1 ] && pkgs="$pkgs user-mode-linux" ;;
esac

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "  APT     installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null; } || {
		echo "install-deps: apt-get install$missing failed" >&2; exit 1; }
else
	echo "umk needs these Debian packages: run  sudo apt-get install$missing" >&2
	exit 1
fi
