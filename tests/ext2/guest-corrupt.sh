#!/bin/sh
# The guest half of test-ext2-corrupt.sh: mounts each damaged disk and
# uses it; every failure must be a clean error, never a crash. Then
# fills a good disk (ENOSPC, no inodes) and remounts it ro and rw.
mount -t proc proc /proc 2>/dev/null
for d in b c d e f; do
	echo "== ubd$d"
	if mount -t ext2 /dev/ubd$d /mnt 2>&1; then
		echo "mounted ubd$d"
		cat /mnt/a >/dev/null 2>&1; echo "cat a: $?"
		ls /mnt/d/e/loop/e >/dev/null 2>&1; echo "ls loop: $?"
		ls -R /mnt >/dev/null 2>&1
		i=0
		while [ $i -lt 50 ]; do
			echo data > /mnt/n$i 2>/dev/null
			i=$((i + 1))
		done
		mkdir /mnt/newdir 2>/dev/null
		rm -rf /mnt/d 2>/dev/null
		sync
		umount /mnt && echo "umounted ubd$d"
	fi
done
echo "== ubdd: errors=remount-ro"
mount -t ext2 -o errors=remount-ro /dev/ubdd /mnt || exit 1
cat /mnt/a >/dev/null 2>&1
echo x > /mnt/new 2>/dev/null || echo "write after the error: refused"
umount /mnt
echo "== ubdg: limits"
mknod /dev/disk-g b 98 96	# ubdg through a device node of its own
mount -t ext2 /dev/disk-g /mnt || exit 1
dd if=/dev/zero of=/mnt/fill bs=64k 2>&1 | grep -o "No space left on device"
i=0
while [ $i -lt 100 ]; do
	true > /mnt/e$i 2>/dev/null || { echo "no inode at $i"; break; }
	i=$((i + 1))
done
df /mnt | tail -n 1
rm /mnt/fill
echo small > /mnt/after && echo "write after freeing: ok"
if [ -f /proc/mounts ]; then	# busybox's remount reads it
	mount -o remount,ro /mnt
	echo x >> /mnt/after 2>/dev/null || echo "read-only: refused"
	mount -o remount,rw /mnt
	echo x >> /mnt/after && echo "read-write again: ok"
else
	echo "remount: no /proc/mounts"
fi
umount /mnt && echo "umounted ubdg"
echo guest-ok
