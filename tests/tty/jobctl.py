#!/usr/bin/env python3
"""jobctl.py UMK ARGS... - drive an interactive umk through a real pty.

Boots `UMK ARGS... init=/bin/sh` on a pty (the console is then a
terminal), and checks, as a user at the keyboard would see them: echo
and the window size (stty size, a resize with SIGWINCH), job control
(sleep 100, ^Z, jobs, bg, fg, ^C), ash's line editing and history
(arrow keys), that the host terminal's settings come back when umk
exits, and the same after a SIGTERM to umk; then busybox init's console
shell (init=/sbin/init) with job control, and poweroff. Exit status 0 =
all good.
"""
import fcntl, os, re, select, signal, struct, sys, termios, time

UMK = sys.argv[1:]


class Fail(Exception):
    pass


class Session:
    def __init__(self, rows, cols, init='/bin/sh'):
        self.master, self.slave = os.openpty()
        self.resize(rows, cols)
        self.before = termios.tcgetattr(self.slave)
        self.pid = os.fork()
        if self.pid == 0:
            os.setsid()
            fcntl.ioctl(self.slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(self.slave, fd)
            os.close(self.master)
            os.execv(UMK[0], UMK + (['init=' + init] if init else []))
        self.out = b''
        self.seen = 0

    def resize(self, rows, cols):
        fcntl.ioctl(self.master, termios.TIOCSWINSZ,
                    struct.pack('HHHH', rows, cols, 0, 0))

    def pump(self, t):
        r, _, _ = select.select([self.master], [], [], t)
        if not r:
            return False
        try:
            d = os.read(self.master, 4096)
        except OSError:
            d = b''
        if not d:
            raise Fail('umk closed the terminal')
        self.out += d
        return True

    def expect(self, pattern, timeout=10):
        """Waits for pattern (a regex) in the output after the last match."""
        end = time.time() + timeout
        rx = re.compile(pattern.encode())
        while True:
            m = rx.search(self.out, self.seen)
            if m:
                self.seen = m.end()
                return m
            left = end - time.time()
            if left <= 0:
                raise Fail('timed out waiting for %r; output so far:\n%s'
                           % (pattern, self.out[self.seen:].decode(
                               errors='replace')))
            self.pump(min(left, 0.2))

    def send(self, s):
        os.write(self.master, s.encode())

    def prompt(self):
        self.expect(r'/ # ')

    def wait(self, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return st
            try:
                self.pump(0.1)
            except Fail:
                time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise Fail('umk did not exit')

    def check_restored(self):
        after = termios.tcgetattr(self.slave)
        if after != self.before:
            raise Fail('host terminal not restored: %r != %r'
                       % (after, self.before))


def interactive():
    s = Session(30, 100)
    s.prompt()
    s.send('echo hi $((1+2))\r')
    s.expect(r'echo hi \$\(\(1\+2\)\)\r\n')     # the echo, with ONLCR
    s.expect(r'hi 3\r\n')
    s.prompt()
    s.send('stty size\r')
    s.expect(r'30 100\r\n')
    s.prompt()
    s.resize(40, 120)                          # SIGWINCH to umk
    time.sleep(0.3)
    s.send('stty size\r')
    s.expect(r'40 120\r\n')
    s.prompt()
    # Job control.
    s.send('sleep 100\r')
    s.expect(r'sleep 100\r\n')
    time.sleep(0.3)
    s.send('\x1a')                             # ^Z
    s.expect(r'\[1\]\+  Stopped +sleep 100')
    s.prompt()
    s.send('jobs\r')
    s.expect(r'\[1\]\+  Stopped +sleep 100')
    s.prompt()
    s.send('bg\r')
    s.expect(r'\[1\] sleep 100')
    s.prompt()
    s.send('jobs\r')
    s.expect(r'\[1\]\+  Running +sleep 100')
    s.prompt()
    s.send('fg\r')
    s.expect(r'sleep 100\r\n')
    time.sleep(0.3)
    s.send('\x03')                             # ^C
    s.expect(r'\^C')
    s.prompt()
    s.send('echo rc=$?\r')
    s.expect(r'rc=130\r\n')
    s.prompt()
    # A background job writing with TOSTOP is stopped by SIGTTOU.
    s.send('stty tostop; (sleep 0.2; echo bg-out) &\r')
    s.prompt()
    time.sleep(0.6)
    s.send('jobs\r')
    s.expect(r'Stopped \(tty output\)')
    s.prompt()
    s.send('stty -tostop; fg\r')
    s.expect(r'bg-out\r\n')
    s.prompt()
    # Line editing and history.
    s.send('echo abc\x1b[DX\r')                # left arrow, insert
    s.expect(r'abXc\r\n')
    s.prompt()
    s.send('\x1b[A\r')                         # up arrow: run it again
    s.expect(r'abXc\r\n')
    s.prompt()
    s.send('echo one two\x17\x17three\r')      # ^W twice
    s.expect(r'\r\nthree\r\n')
    s.prompt()
    s.send('exit 7\r')
    st = s.wait()
    if not os.WIFEXITED(st) or os.WEXITSTATUS(st) != 7:
        raise Fail('umk exit status %r, expected 7' % st)
    s.check_restored()


def sigterm():
    s = Session(24, 80)
    s.prompt()
    os.kill(s.pid, signal.SIGTERM)
    s.wait()
    s.check_restored()


def busybox_init():
    """busybox init's console shell (setsid + TIOCSCTTY) has job control."""
    s = Session(24, 80, '/sbin/init')
    s.prompt()
    s.send('sleep 100\r')
    s.expect(r'sleep 100\r\n')
    time.sleep(0.3)
    s.send('\x1a')
    s.expect(r'\[1\]\+  Stopped +sleep 100')
    s.prompt()
    s.send('fg\r')
    s.expect(r'sleep 100\r\n')
    time.sleep(0.3)
    s.send('\x03')
    s.prompt()
    s.send('echo rc=$?; ls /dev/pts\r')
    s.expect(r'rc=130\r\nptmx\r\n')
    s.prompt()
    s.send('poweroff\r')
    st = s.wait(15)
    if not os.WIFEXITED(st) or os.WEXITSTATUS(st) != 0:
        raise Fail('umk exit status %r after poweroff, expected 0' % st)
    s.check_restored()


def main():
    for test in (interactive, sigterm, busybox_init):
        start = time.time()
        try:
            test()
        except Fail as e:
            print('FAIL: %s: %s' % (test.__name__, e))
            return 1
        print('ok %s (%.1f s)' % (test.__name__, time.time() - start))
    return 0


if __name__ == '__main__':
    sys.exit(main())
