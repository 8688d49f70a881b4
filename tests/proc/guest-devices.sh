#!/bin/sh
# guest-devices.sh - /init of test-devices.sh: /dev/kmsg from devtmpfs,
# its records in "prio,seq,usec,-;text" form, a written message read
# back there and by dmesg (syslog(2)); /sys/class/tty and /sys/class/block.
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t tmpfs tmpfs /tmp
mount -t sysfs sysfs /sys
set -e
ls -l /dev/kmsg | grep -q '^c.* 1, *11 ' || { echo "no 1,11 node"; exit 1; }
head -n 1 /dev/kmsg | grep -q '^[0-7],0,[0-9]*,-;umk version' ||
	{ echo "bad first record: $(head -n 1 /dev/kmsg)"; exit 1; }
echo "<3>kmsg-test: written" >/dev/kmsg
cat /dev/kmsg >/tmp/k &
sleep 1
kill $!
grep -q '^3,[0-9]*,[0-9]*,-;kmsg-test: written$' /tmp/k ||
	{ echo "written record missing: $(tail -n 3 /tmp/k)"; exit 1; }
# One record per read, sequence numbers in order without gaps.
awk -F'[,;]' 'NR > 1 && $2 != prev + 1 { bad = 1 } { prev = $2 }
	END { exit bad }' /tmp/k || { echo "sequence gap"; exit 1; }
dmesg | grep -q '^\[ *[0-9.]*\] kmsg-test: written$' ||
	{ echo "dmesg lacks the message"; exit 1; }
[ "$(ls /sys/class/tty | tr '\n' ' ')" = "console ptmx tty " ] ||
	{ echo "class/tty: $(ls /sys/class/tty)"; exit 1; }
[ "$(cat /sys/class/tty/console/dev)" = 5:1 ] || { echo "console dev"; exit 1; }
[ "$(cat /sys/class/tty/ptmx/dev)" = 5:2 ] || { echo "ptmx dev"; exit 1; }
grep -q '^DEVNAME=tty$' /sys/class/tty/tty/uevent ||
	{ echo "tty uevent"; exit 1; }
[ "$(readlink /sys/class/block/ubda)" = ../../block/ubda ] ||
	{ echo "class/block link"; exit 1; }
[ "$(cat /sys/class/block/ubda/dev)" = 98:0 ] || { echo "ubda dev"; exit 1; }
echo guest-ok
