#!/bin/sh
# An indexed (dir_index, htree) directory made by e2fsck -D is read
# through its linear entries; changing it clears its index flag, and
# e2fsck -fn finds the filesystem clean.
. "$SRCTREE/tests/lib.sh"
[ "${NATIVE_ONLY:-0}" = 1 ] && { echo "NATIVE_ONLY=1: needs umk"; exit 77; }
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null || { echo "e2fsprogs not installed"; exit 77; }
[ -x /bin/busybox ] || { echo "busybox-static not installed"; exit 77; }
mkdir "$T/big"
i=0
while [ $i -lt 1000 ]; do
	: >"$T/big/a-fairly-long-file-name-$i"
	i=$((i + 1))
done
cat >"$T/init" <<'EOS'
#!/bin/sh
cd /big
ls | wc -l
cat a-fairly-long-file-name-999
echo new > new-one
rm a-fairly-long-file-name-7
mv a-fairly-long-file-name-8 renamed
ls | wc -l
EOS
sh "$SRCTREE/scripts/mkrootimg.sh" --init "$T/init" "$T/orig.img" \
	"$T/big:/big" >/dev/null 2>&1 || fail "mkrootimg.sh"
e2fsck -fyD "$T/orig.img" >/dev/null 2>&1
expect_in "Flags: 0x1000" "$(debugfs -R 'stat /big' "$T/orig.img" 2>&1)" \
	"indexed before"
for mode in ${MODES:-ptrace seccomp}; do
	img=$T/root.img
	cp "$T/orig.img" "$img"
	sh "$SRCTREE/tests/guest/run-umk.sh" "$T/log" mode="$mode" \
		ubd0="$img" root=/dev/ubda rw ||
		fail "mode=$mode: umk exited $?: $(tail -n 20 "$T/log")"
	out=$(grep -av '^\[ *[0-9]*\.[0-9]*\] ' "$T/log")
	[ "$out" = "$(printf '1000\n1000')" ] ||
		fail "mode=$mode: guest printed: $out"
	e2fsck -fn "$img" >"$T/fsck" 2>&1 ||
		fail "mode=$mode: e2fsck: $(cat "$T/fsck")"
	expect_in "Flags: 0x0" "$(debugfs -R 'stat /big' "$img" 2>&1)" \
		"mode=$mode: index flag after a change"
	[ "$(debugfs -R 'cat /big/new-one' "$img" 2>/dev/null)" = new ] ||
		fail "mode=$mode: new-one"
done
echo ok
