#!/usr/bin/env python3
"""rootimg.py UMK ARGS... - the default disk image as a user sees it.

Boots `UMK ARGS...` (no init=, so the disk's busybox init and its
/etc/inittab) on a real pty (jobctl.py's Session), checks ps and mount,
writes a file with busybox vi (insert mode, Escape, :wq), reboots (umk
re-executes itself and must boot the same disk), finds the file again
with cat, and powers off: umk must exit 0. The caller then checks the
disk with e2fsck -fn and debugfs. Exit status 0 = all good.
"""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobctl import Session, Fail     # noqa: E402


def boot(s):
    s.expect(r'/ # ', timeout=15)


def run(s, cmd, *patterns):
    s.send(cmd + '\r')
    for p in patterns:
        s.expect(p)
    s.prompt()


def vi_edit(s, path):
    s.send('vi ' + path + '\r')
    s.expect(r'~')                       # vi drew its empty screen
    time.sleep(0.2)
    s.send('ihello from vi\rsecond line')
    s.send('\x1b')                      # Escape: back to command mode
    time.sleep(0.2)
    s.send(':wq\r')
    s.prompt()
    run(s, 'cat ' + path, r'hello from vi\r\nsecond line\r\n')


def main():
    s = Session(24, 80, None)
    boot(s)
    run(s, 'ps', r'1 root +init', r'-/bin/sh')
    run(s, 'mount', r'/dev/ubda on / type ext2 \(rw',
        r'proc on /proc type proc', r'sysfs on /sys type sysfs',
        r'tmpfs on /tmp type tmpfs', r'devpts on /dev/pts type devpts')
    vi_edit(s, '/root/vi.txt')
    s.send('reboot\r')
    s.expect(r'Restarting system')
    boot(s)
    run(s, 'cat /root/vi.txt', r'hello from vi\r\nsecond line\r\n')
    s.send('poweroff\r')
    s.expect(r'Power down')
    st = s.wait()
    if not os.WIFEXITED(st) or os.WEXITSTATUS(st) != 0:
        raise Fail('umk exit status %r after poweroff, expected 0' % st)
    s.check_restored()


if __name__ == '__main__':
    try:
        main()
    except Fail as e:
        print('FAIL:', e)
        sys.exit(1)
    print('rootimg: all good')
