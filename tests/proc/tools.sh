#!/bin/sh
# tools.sh - runs inside umk (tests/proc/test-tools.sh): busybox tools
# that read /proc, /sys and /dev, each section after a "== NAME" line.
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
mount -t devtmpfs devtmpfs /dev
sleep 30 &
bg=$!
# Until the child has exec'd sleep (under load it may take a while).
i=0
while ! grep -q sleep "/proc/$bg/cmdline" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
echo "== bg $bg"
echo "== ps"; ps
echo "== free"; free
echo "== uptime"; uptime
echo "== df"; df
echo "== mount"; mount
echo "== dmesg"; dmesg
echo "== pidof"; pidof sleep
echo "== top"; top -b -n1
echo "== status"; grep -E '^(Name|State|Pid|PPid):' /proc/self/status
echo "== fd"; ls /proc/self/fd
echo "== exe"; readlink /proc/self/exe
echo "== stat"; cat /proc/self/stat
echo "== dt"; tr '\0' '\n' </proc/device-tree/compatible
echo "== sys"; cat /sys/dev/char/1:3/uevent
echo "== disk"; cat /sys/block/ubda/size /sys/dev/block/98:0/uevent
echo "== dev"; ls /dev
echo "== meminfo"; head -n 3 /proc/meminfo
echo "== kill"; kill %1 2>/dev/null || kill "$(pidof sleep)"; wait
echo "== after"; pidof sleep || echo none
echo "== end"
