#!/bin/sh
# Image locking: while one umk writes an image, a second is refused with
# "image is in use by another process" (exit status 2) whether it wants
# to write or read it; readers share; a base image is shared by the
# overlays of two instances but cannot be written meanwhile; the lock
# goes with the process, even one killed with SIGKILL. The instance that
# holds an image runs a guest (sleep), once per trap mode in $MODES.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
K=kunit.filter_glob=nosuchsuite
cd "$T" || exit 1
sh "$SRCTREE/scripts/mkinitramfs.sh" init.cpio >mk.log 2>&1 || {
	echo "cannot build an initramfs: $(tail -n 1 mk.log)"; exit 77; }
dd if=/dev/zero of=disk.img bs=1k count=256 2>/dev/null
cp disk.img base.img
PIDS=
trap 'for p in $PIDS; do kill -9 $p 2>/dev/null; done; rm -rf "$T"' EXIT

# hold LOG PARAMS...: start a umk that keeps its disks open (its init
# sleeps) and wait until its disks are up; $HOLD is its pid.
hold() {
	log=$1
	shift
	"$UMK" "$@" mode="$mode" initrd=init.cpio init=/bin/sleep -- 60 \
		</dev/null >"$log" 2>&1 &
	HOLD=$!
	PIDS="$PIDS $HOLD"
	i=0
	until grep -q "Devices:" "$log"; do
		kill -0 $HOLD 2>/dev/null || fail "holder died: $(cat "$log")"
		i=$((i + 1))
		[ $i -lt 200 ] || fail "holder did not boot: $(cat "$log")"
		sleep 0.05
	done
	sleep 0.2
	kill -0 $HOLD 2>/dev/null ||
		fail "mode=$mode: the holder's guest died: $(tail "$log")"
}

# refused PARAM [FILE]: a second instance with PARAM stops at boot.
refused() {
	expect_exit 2 "$UMK" "$1" $K
	one_line "$ERR" "$1"
	expect_in "umk: $1: ${2:+$2: }image is in use by another process" \
		"$ERR" "$1"
}

for mode in ${MODES:-ptrace seccomp}; do
	rm -f a.cow b.cow
	hold w.log ubd0=disk.img
	refused ubd0=disk.img
	refused ubd0r=disk.img
	refused ubd3=a.cow,disk.img disk.img
	kill -9 $HOLD
	wait $HOLD 2>/dev/null
	expect_exit 0 "$UMK" ubd0=disk.img $K

	hold r.log ubd0r=disk.img
	expect_exit 0 "$UMK" ubd0r=disk.img $K
	refused ubd0=disk.img
	kill -TERM $HOLD
	wait $HOLD
	[ $? -eq 0 ] || fail "SIGTERM: $(cat r.log)"

	hold c.log ubd0=a.cow,base.img
	expect_in "created COW overlay a.cow of base.img" "$(cat c.log)" \
		"a.cow"
	expect_exit 0 "$UMK" ubd0=b.cow,base.img $K
	refused ubd0=base.img
	refused ubd1=a.cow,base.img
	kill -TERM $HOLD
	wait $HOLD
done
echo ok
