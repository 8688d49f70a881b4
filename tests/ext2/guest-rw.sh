#!/bin/sh
# The guest half of test-ext2-rw.sh: runs as init on the ext2 root and
# changes it in every way the host side then checks with debugfs.
set -e
mkdir -p /w/tree/a/b/c /w/tree/x
cd /w
dd if=/dev/urandom of=big bs=1M count=70 2>/dev/null
sha256sum big | cut -d' ' -f1 > big.sum
echo one > f
echo two >> f
printf XY | dd of=f bs=1 seek=1 conv=notrunc 2>/dev/null
dd if=/dev/urandom of=t bs=1k count=300 2>/dev/null
head -c 13000 t > t.expect
truncate -s 13000 t
cp t.expect t3
truncate -s 5000 t3
truncate -s 13000 t3
dd if=/dev/urandom of=sparse bs=4k count=1 seek=1000 2>/dev/null
truncate -s 5G huge
echo end | dd of=huge bs=1 seek=5368709120 conv=notrunc 2>/dev/null
[ "$(tail -c 4 huge)" = end ] || { echo "huge: bad tail"; exit 1; }
mkdir many
i=0
while [ $i -lt 10000 ]; do
	: > many/f$i
	i=$((i + 1))
done
rm many/f5*
[ "$(ls many | wc -l)" = 8889 ] || { echo "many: wrong count"; exit 1; }
ln -s big sl
d=0123456789
long=/$d$d$d$d$d$d$d$d$d$d/abcdefghijklmnopqrstuvwxyz	# 128 bytes
ln -s $long slow
ln f hard
echo x > tree/x/gone
mv tree tree2
mv tree2/a/b bmoved
rm -r tree2/a
mknod cdev c 1 3
mknod fifo p
chmod 640 f
chown 12:34 f
[ "$(cat hard)" = "$(printf 'oXY\ntwo')" ] || { echo "hard: bad"; exit 1; }
[ "$(readlink slow)" = "$long" ] || { echo "slow: bad"; exit 1; }
echo orphan > orphan
sleep 1000 < orphan &
rm orphan	# still open at poweroff: freed then, e2fsck stays clean
sync
echo guest-ok
