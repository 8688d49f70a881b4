#!/bin/sh
# applets.sh - about 45 busybox applets at work on files this script makes.
# Its output must be the same inside umk (run as init through #!/bin/sh) as
# on the host (run-guest.sh runs it with the same busybox binary and only
# busybox applets on PATH). So: relative paths, fixed dates, TZ=UTC, no
# pids, no owners' names, no sizes of directories.
export TZ=UTC0 LC_ALL=C
W=$(mktemp -d "${GUEST_TMP:-/tmp}/applets.XXXXXX") || exit 1
cd "$W" || exit 1
umask 022

echo "== echo printf seq"
echo hello world
printf '%s-%d-%x-%5.2f|%-4s|\n' abc 42 255 3.14159 ab
seq 1 100 >nums
seq 10 -3 1 | tr '\n' ' '
echo

echo "== wc head tail cat"
wc -l <nums
wc -c nums
head -n 3 nums | tr '\n' ' '
echo
tail -n 2 nums
cat nums nums | wc -l

echo "== sort uniq cut tr paste"
printf 'b 2\na 1\nc 3\na 1\nB 10\n' >pairs
sort pairs | uniq -c
sort -k2 -n pairs | head -n 2
sort -k2 -rn pairs | head -n 1
sort -f -u pairs
cut -d' ' -f2 pairs | tr '\n' ','
echo
echo Hello World | tr 'a-z' 'A-Z'
echo 'a  b   c' | tr -s ' '
paste -d: pairs pairs | head -n 2

echo "== sed awk grep"
sed -n 's/^a /A:/p' pairs
sed -e '2d' -e 's/[0-9]/#/g' pairs
awk '{ s += $2; n++ } END { print "sum", s, "avg", s / n }' pairs
awk -F' ' '$2 > 1 { print NR ": " $1 }' pairs
grep -c a pairs
grep -n '^c' pairs
grep -v -i b pairs
grep -E 'a|c' pairs | wc -l

echo "== mkdir cp mv ln rm touch ls stat readlink"
mkdir -p d/e/f
cp pairs d/e/f/copy
mv d/e/f/copy d/moved
ln -s moved d/link
ln d/moved d/hard
touch -d '2001-02-03 04:05:06' d/moved
touch d/empty
ls d
ls -l d/moved | awk '{ print $1, $2, $5, $6, $7, $8, $9 }'
stat -c '%n %s %a %F %h' d/moved d/hard d/empty
stat -c '%n %F' d/link d/e
stat -c '%Y' d/moved
readlink d/link
cat d/link | head -n 1
rm d/hard
stat -c '%h' d/moved

echo "== find xargs"
find . -name 'f*' | sort
find d -type f | sort
find . -type l | sort
seq 3 | xargs echo args:
find d -type f | sort | xargs wc -l

echo "== test [ expr basename dirname"
test -f d/moved && echo "d/moved is a file"
[ -d d/e ] && echo "d/e is a directory"
[ -L d/link ] && echo "d/link is a symlink"
test 3 -lt 10 && echo "3 < 10"
[ abc = abd ] || echo "abc != abd"
expr 6 \* 7
expr length abcdef
expr substr hello 2 3
basename /a/b/c.txt .txt
dirname /a/b/c.txt

echo "== md5sum sha1sum sha256sum cmp diff"
md5sum pairs
sha1sum pairs
sha256sum nums
cp nums nums2
cmp nums nums2 && echo "same"
echo 101 >>nums2
diff nums nums2
echo "diff status $?"

echo "== tee od hexdump rev"
echo abc | tee teed >/dev/null
cat teed
printf 'AB\n\001' | od -c
printf 'AB\n' | hexdump -C
echo stressed | rev

echo "== gzip gunzip tar"
gzip -c nums >nums.gz
gunzip -c nums.gz | md5sum
gzip nums2
ls nums2*
gunzip nums2.gz
wc -l <nums2
tar cf t.tar d
tar tf t.tar | sort
mkdir x
tar xf t.tar -C x
diff -r d x/d && echo "tar round trip ok"

echo "== dd truncate"
dd if=/dev/zero of=zeros bs=512 count=4 2>/dev/null
stat -c '%s' zeros
truncate -s 100 zeros
stat -c '%s' zeros
od -A d -t x1 zeros | tail -n 2

echo "== rm rmdir"
rm -r d x
rmdir x 2>/dev/null || echo "x is gone"
ls

echo "== shell"
for i in 1 2 3; do
	echo "loop $i"
done
f() { return 3; }
f
echo "function status $?"
(exit 4)
echo "subshell status $?"
echo "arithmetic $((7 * 6 + 1))"
v=$(echo inner | tr a-z A-Z)
echo "command substitution $v"
case foo.c in *.c) echo "case matched" ;; esac
i=0
while [ $i -lt 3 ]; do i=$((i + 1)); done
echo "while ran to $i"
echo one two three | { read -r a b c; echo "read: $c $b $a"; }
false || echo "false failed"
sh -c 'exit 7'
echo "sh -c status $?"

cd / && rm -rf "$W"
echo done
