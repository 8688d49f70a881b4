#!/bin/sh
# scripts/mkinitramfs.sh makes a valid cpio newc archive (as GNU cpio
# reads it), owned by root, with device nodes, busybox applet symlinks
# and the extra files asked for; the same inputs give the same bytes;
# bad inputs are errors. Host-only: umk is not run.
. "$SRCTREE/tests/lib.sh"
command -v cpio >/dev/null || { echo "cpio not installed"; exit 77; }
mk=$SRCTREE/scripts/mkinitramfs.sh
mkdir -p "$T/extra/sub"
echo data >"$T/extra/sub/file"
chmod 0750 "$T/extra/sub/file"
ln -s sub/file "$T/extra/link"

expect_exit 0 "$mk" "$T/a.cpio" "$T/extra:/opt/extra"
expect_exit 0 "$mk" "$T/b.cpio" "$T/extra:/opt/extra"
cmp -s "$T/a.cpio" "$T/b.cpio" || fail "two builds differ"
cpio -itv <"$T/a.cpio" >"$T/list" 2>"$T/err" || fail "cpio -t: $(cat "$T/err")"
L=$(cat "$T/list")
expect_in "crw-------   1 root     root       5,   1 Jan  1  1970 dev/console" \
	"$L" "console node"
expect_in "crw-rw-rw-   1 root     root       1,   3 Jan  1  1970 dev/null" \
	"$L" "null node"
expect_in "bin/sh -> /bin/busybox" "$L" "sh applet"
expect_in "-rwxr-xr-x   1 root     root" "$L" "executables"
expect_in "drwxrwxrwt   2 root     root            0 Jan  1  1970 tmp" \
	"$L" "sticky /tmp"
expect_in "-rwxr-x---   1 root     root            5 Jan  1  1970 opt/extra/" \
	"$L" "extra file keeps its mode"
expect_in "opt/extra/link -> sub/file" "$L" "extra symlink"
expect_in " init" "$L" "/init"
grep -v ' root     root ' "$T/list" && fail "entries not owned by root"
# parents come before their contents
cpio -it --quiet <"$T/a.cpio" >"$T/names"
awk -F/ 'NF > 1 { p = $0; sub("/[^/]*$", "", p); if (!(p in seen))
	{ print "parent after child: " $0; bad = 1 } } { seen[$0] = 1 }
	END { exit bad }' "$T/names" || fail "order"
mkdir "$T/x" && (cd "$T/x" && cpio -id --no-absolute-filenames \
	--quiet <"$T/a.cpio" 2>/dev/null)
[ "$(cat "$T/x/opt/extra/sub/file")" = data ] || fail "extracted data"

expect_exit 1 "$mk" "$T/c.cpio" "$T/missing"
expect_in "no such file" "$ERR" "missing extra file"
expect_exit 1 env BUSYBOX=/nonexistent "$mk" "$T/c.cpio"
expect_in "busybox-static" "$ERR" "missing busybox names the package"
echo ok
