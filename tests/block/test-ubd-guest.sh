#!/bin/sh
# A guest writes to /dev/ubda (dd ... conv=fsync) and the host checks the
# image: written directly, or through a COW overlay that uml_moo merges
# (both must equal the base with the data patched in, byte for byte);
# and after kill -9 of umk right after the guest's fsync, nothing that
# was fsynced is lost, with or without an overlay. Once per trap mode in
# $MODES.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
command -v uml_mkcow >/dev/null && command -v uml_moo >/dev/null || {
	echo "uml_mkcow/uml_moo not installed (apt-get install uml-utilities)"
	exit 77
}
cd "$T" || exit 1
head -c 327680 /dev/urandom >blob
sh "$SRCTREE/scripts/mkinitramfs.sh" init.cpio "$T/blob:/blob" >mk.log 2>&1 ||
	{ echo "cannot build an initramfs: $(tail -n 1 mk.log)"; exit 77; }
head -c 4194304 /dev/urandom >base.img
cp base.img expected.img
dd if=blob of=expected.img bs=4096 seek=100 conv=notrunc 2>/dev/null
PIDS=
trap 'for p in $PIDS; do kill -9 $p 2>/dev/null; done; rm -rf "$T"' EXIT

# (No double quotes: umk's command line would take them as its own.)
WRITE='[ -b /dev/ubda ] || mknod /dev/ubda b 98 0
dd if=/blob of=/dev/ubda bs=4096 seek=100 conv=notrunc,fsync 2>/tmp/err &&
echo WROTE || { echo NOWRITE: $(cat /tmp/err); exit 1; }
echo SIZE=$(blockdev --getsize64 /dev/ubda 2>&1)'

# guest LOG DISK [SLEEP]: boot with ubd0=DISK, write the blob; with
# SLEEP the guest then sleeps and the caller kills umk.
guest() {
	log=$1 disk=$2
	"$UMK" ubd0="$disk" mode="$mode" initrd=init.cpio init=/bin/sh \
		-- -c "$WRITE${3:+; sleep 60}" </dev/null >"$log" 2>&1 &
	G=$!
	PIDS="$PIDS $G"
}

# wrote LOG: wait for the guest's verdict; skip while the guest cannot
# open block devices.
wrote() {
	i=0
	until grep -qx "WROTE" "$1" || grep -q "^NOWRITE" "$1"; do
		kill -0 $G 2>/dev/null || break
		i=$((i + 1))
		[ $i -lt 600 ] || fail "guest did not finish: $(tail "$1")"
		sleep 0.1
	done
	grep -qx WROTE "$1" && return 0
	if grep -q "^NOWRITE:.*No such device" "$1"; then
		echo "guests cannot open block device files yet:" \
			"$(grep "^NOWRITE" "$1")"
		exit 77
	fi
	fail "the guest could not write: $(tail -n 20 "$1")"
}

# same A B WHAT: the two files are identical
same() {
	cmp "$1" "$2" || fail "mode=$mode: $3"
}

# merge COW OUT: uml_moo's image of the overlay
merge() {
	uml_moo "$1" "$2" >/dev/null || fail "mode=$mode: uml_moo $1 failed"
}

for mode in ${MODES:-ptrace seccomp}; do
	rm -f over.cow kill.cow merged.img killmerged.img
	cp base.img direct.img
	guest direct.log direct.img
	wrote direct.log
	wait $G || fail "mode=$mode: umk exited $?: $(tail direct.log)"
	same direct.img expected.img "direct write: wrong image"
	# BLKGETSIZE64 through the device file (if busybox has blockdev).
	grep -q "^SIZE=.*applet not found" direct.log ||
		grep -qx SIZE=4194304 direct.log ||
		fail "mode=$mode: blockdev --getsize64: $(grep ^SIZE direct.log)"

	uml_mkcow over.cow base.img >/dev/null
	guest cow.log over.cow,base.img
	wrote cow.log
	wait $G || fail "mode=$mode: umk exited $?: $(tail cow.log)"
	merge over.cow merged.img
	same merged.img expected.img "overlay merged by uml_moo: wrong image"
	same merged.img direct.img "merged and direct images differ"

	# kill -9 right after the fsync: the data is on the host.
	cp base.img killed.img
	guest kill.log killed.img sleep
	wrote kill.log
	kill -9 $G
	wait $G 2>/dev/null
	same killed.img expected.img "kill -9 after fsync lost data"
	uml_mkcow kill.cow base.img >/dev/null
	guest killcow.log kill.cow,base.img sleep
	wrote killcow.log
	kill -9 $G
	wait $G 2>/dev/null
	merge kill.cow killmerged.img
	same killmerged.img expected.img "kill -9 after fsync lost COW data"
done
echo ok
