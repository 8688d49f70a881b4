#!/bin/sh
# The file and file-mapping guest programs (tests/guest/files.c,
# mmapfile.c) run in a directory of an ext2 root disk must print what
# they print natively in a host directory; the disk is clean afterwards.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null || { echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
B=$OBJTREE/tests-build
make -s -j"$(nproc)" -f "$SRCTREE/tests/guest/guest.mk" SRCTREE="$SRCTREE" \
	OUT="$B" IMAGE="$OBJTREE/tests-initramfs.cpio" ||
	fail "building the guest programs"
progs="mmapfile files"
cat >"$T/init" <<'EOS'
#!/bin/sh
for p in mmapfile files; do
	mkdir /w-$p && cd /w-$p && /$p >/out-$p 2>&1
	echo "$p: $?" >>/out-$p
done
EOS
for p in $progs; do
	mkdir "$T/n-$p"
	(cd "$T/n-$p" && "$B/tests/$p" >"$T/native-$p" 2>&1
	 echo "$p: $?" >>"$T/native-$p")
	extra="$extra $B/tests/$p:/$p"
done
for mode in ${MODES:-ptrace seccomp}; do
	img=$T/root.img
	# shellcheck disable=SC2086
	sh "$SRCTREE/scripts/mkrootimg.sh" --init "$T/init" "$img" $extra \
		>/dev/null 2>&1 || fail "mkrootimg.sh"
	sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" mode="$mode" \
		ubd0="$img" root=/dev/ubda rw ||
		fail "mode=$mode: umk exited $?: $(tail -n 20 "$T/log")"
	e2fsck -fn "$img" >"$T/fsck" 2>&1 ||
		fail "mode=$mode: e2fsck: $(cat "$T/fsck")"
	for p in $progs; do
		debugfs -R "dump /out-$p $T/umk-$p" "$img" 2>/dev/null
		cmp -s "$T/native-$p" "$T/umk-$p" ||
			fail "mode=$mode: $p differs: $(diff "$T/native-$p" \
				"$T/umk-$p" )"
	done
done
echo ok
