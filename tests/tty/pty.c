/*
 * pty.c - termios and pty behaviour through /dev/ptmx, run natively and
 * inside umk (tests/tty/test-pty.sh compares the outputs): the default
 * termios of a slave, canonical reads and echo seen on the master,
 * erase/kill, raw mode with VMIN/VTIME, ONLCR/ICRNL, window size,
 * FIONREAD/TIOCOUTQ/TCFLSH, a controlling tty (TIOCSCTTY, TIOCGSID,
 * tcsetpgrp), ^C to the foreground group, and hangup on both sides.
 * Inside umk it runs as init and mounts devpts itself.
 */
#include "../guest/guest.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <termios.h>

static int master, slave;
static struct termios cooked;	/* the slave's defaults */

/* Reads what is there within 200 ms, shown with C escapes. */
static void show(const char *what, int fd)
{
	char buf[512], esc[2048];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = 0, r, o = 0;

	while (n < (int)sizeof(buf) - 1 && poll(&p, 1, 200) == 1) {
		if (!(p.revents & POLLIN))
			break;
		r = read(fd, buf + n, sizeof(buf) - 1 - n);
		if (r <= 0) {
			say("%s: read %s\n", what, r ? errname(errno) : "0");
			return;
		}
		n += r;
	}
	for (int i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (c == '\n')
			o += sprintf(esc + o, "\\n");
		else if (c == '\r')
			o += sprintf(esc + o, "\\r");
		else if (c < 32 || c >= 127)
			o += sprintf(esc + o, "\\%03o", c);
		else
			esc[o++] = c;
	}
	esc[o] = 0;
	say("%s: \"%s\"\n", what, esc);
}

static void put(const char *s)
{
	if (write(master, s, strlen(s)) != (ssize_t)strlen(s))
		say("write to master: %s\n", errname(errno));
}

static void open_pair(void)
{
	char *name;
	unsigned int n;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0) {
		say("posix_openpt: %s\n", errname(errno));
		exit(1);
	}
	TRY("grantpt", grantpt(master));
	TRY("unlockpt", unlockpt(master));
	name = ptsname(master);
	say("ptsname under /dev/pts: %s\n",
	    yesno(name && !strncmp(name, "/dev/pts/", 9)));
	say("TIOCGPTN matches: %s\n", yesno(!ioctl(master, TIOCGPTN, &n) &&
					     atoi(name + 9) == (int)n));
	slave = open(name, O_RDWR | O_NOCTTY);
	if (slave < 0) {
		say("open slave: %s\n", errname(errno));
		exit(1);
	}
	say("isatty master %d slave %d\n", isatty(master), isatty(slave));
}

static void defaults(void)
{
	struct termios t;
	struct winsize ws;

	tcgetattr(slave, &t);
	cooked = t;
	say("iflag %#o oflag %#o cflag %#o lflag %#o\n", t.c_iflag,
	    t.c_oflag, t.c_cflag, t.c_lflag);
	for (int i = 0; i < 17; i++)
		say("cc[%d] = %d\n", i, t.c_cc[i]);
	say("ospeed is B38400: %s\n", yesno(cfgetospeed(&t) == B38400));
	ioctl(slave, TIOCGWINSZ, &ws);
	say("winsize %dx%d\n", ws.ws_row, ws.ws_col);
}

static void canonical(void)
{
	int n = -1;

	put("hello\n");
	show("master echo", master);
	ioctl(slave, FIONREAD, &n);
	say("FIONREAD %d\n", n);
	show("slave reads", slave);
	put("ab\177c\025xy\027z\r");
	show("master echo (erase, kill, werase)", master);
	show("slave reads", slave);
	put("x\004");
	show("slave reads (eof ends line)", slave);
	put("\004");
	show("slave reads (eof at start)", slave);
	if (write(slave, "out\n\tt\n", 7) != 7)
		say("write slave: %s\n", errname(errno));
	show("master reads (ONLCR)", master);
	put("q\n");
	show("master", master);
	TRY("TCFLSH TCIFLUSH", tcflush(slave, TCIFLUSH));
	n = -1;
	ioctl(slave, FIONREAD, &n);
	say("FIONREAD after flush %d\n", n);
}

static void raw(void)
{
	struct termios t, back;
	char buf[16];
	int n;

	tcgetattr(slave, &t);
	cfmakeraw(&t);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 2;
	TRY("tcsetattr raw", tcsetattr(slave, TCSANOW, &t));
	tcgetattr(slave, &back);
	say("round trip iflag %#o oflag %#o lflag %#o min %d time %d\n",
	    back.c_iflag, back.c_oflag, back.c_lflag, back.c_cc[VMIN],
	    back.c_cc[VTIME]);
	n = read(slave, buf, sizeof(buf));
	say("VMIN 0 VTIME 2, no input: %d\n", n);
	put("ab\r\003");
	n = read(slave, buf, sizeof(buf));
	say("raw read %d bytes, last %d\n", n, n > 0 ? buf[n - 1] : -1);
	show("master (no echo)", master);
	t.c_cc[VMIN] = 2;
	t.c_cc[VTIME] = 0;
	tcsetattr(slave, TCSANOW, &t);
	put("xyz");
	n = read(slave, buf, 2);
	say("VMIN 2: %d\n", n);
	t.c_oflag = OPOST | ONLCR | XTABS;
	t.c_lflag = ECHO;
	TRY("tcsetattr TCSAFLUSH", tcsetattr(slave, TCSAFLUSH, &t));
	if (write(slave, "a\tb\n", 4) != 4)
		say("write: %s\n", errname(errno));
	show("master (XTABS)", master);
	put("e");
	show("master (raw echo)", master);
	t.c_cc[VMIN] = 0;
	tcsetattr(slave, TCSANOW, &t);
	n = read(slave, buf, sizeof(buf));
	say("drained %d\n", n);
}

static void winsize(void)
{
	struct winsize ws = { .ws_row = 33, .ws_col = 111 }, got;

	TRY("TIOCSWINSZ on master", ioctl(master, TIOCSWINSZ, &ws));
	memset(&got, 0, sizeof(got));
	ioctl(slave, TIOCGWINSZ, &got);
	say("slave sees %dx%d\n", got.ws_row, got.ws_col);
}

static void got_sig(int sig)
{
	say("child: got %s\n", signame(sig));
}

/* A session leader takes the slave as its ctty; ^C reaches it. */
static void job_control(void)
{
	int st, pfd[2];
	pid_t pid;
	char c;

	TRY("tcgetsid without ctty", tcgetsid(slave));
	TRY("back to cooked", tcsetattr(slave, TCSANOW, &cooked));
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		int fd;

		close(pfd[0]);
		setsid();
		signal(SIGINT, got_sig);
		fd = open(ptsname(master), O_RDWR);
		say("child: tcgetsid is me: %s\n",
		    yesno(tcgetsid(fd) == getpid()));
		say("child: tcgetpgrp is me: %s\n",
		    yesno(tcgetpgrp(fd) == getpid()));
		TRY("child: TIOCSCTTY again", ioctl(fd, TIOCSCTTY, 0));
		TRY("child: tcsetpgrp bad", tcsetpgrp(fd, 99999));
		TRY("child: tcsetpgrp self", tcsetpgrp(fd, getpid()));
		{
			int t = open("/dev/tty", O_RDWR);

			say("child: /dev/tty opens: %s\n", yesno(t >= 0));
		}
		if (write(pfd[1], "r", 1) != 1)
			_exit(3);
		for (;;)
			pause();	/* until the parent's SIGTERM */
	}
	close(pfd[1]);
	if (read(pfd[0], &c, 1) != 1)
		say("child did not get ready\n");
	put("\003");
	usleep(100000);
	show("master echo of ^C", master);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	say("child: %s\n", wstatus(st));
}

static int hup_pipe[2];

static void got_hup(int sig)
{
	if (sig != SIGHUP || write(hup_pipe[1], "h", 1) != 1)
		_exit(3);
	_exit(0);
}

/* A session leader exits: its foreground group gets SIGHUP. */
static void leader_exit(void)
{
	struct pollfd p;
	pid_t pid;
	int st;
	char c;

	if (pipe(hup_pipe))
		return;
	pid = fork();
	if (pid == 0) {
		setsid();
		if (open(ptsname(master), O_RDWR) < 0)
			_exit(2);
		if (fork() == 0) {
			signal(SIGHUP, got_hup);
			if (write(hup_pipe[1], "r", 1) != 1)
				_exit(3);
			for (;;)
				pause();
		}
		if (read(hup_pipe[0], &c, 1) != 1)
			_exit(3);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	say("leader: %s\n", wstatus(st));
	p.fd = hup_pipe[0];
	p.events = POLLIN;
	say("grandchild got SIGHUP: %s\n",
	    yesno(poll(&p, 1, 3000) == 1 && read(hup_pipe[0], &c, 1) == 1 &&
		  c == 'h'));
}

static void hangup(void)
{
	char buf[8];
	int n, m2, s2;

	close(master);
	n = read(slave, buf, sizeof(buf));
	/* Linux gives EIO or 0, depending on how far its hangup got. */
	say("slave read after master close: EOF or EIO: %s\n",
	    yesno(n == 0 || (n < 0 && errno == EIO)));
	n = write(slave, "x", 1);
	say("slave write after master close: %d %s\n", n,
	    n < 0 ? errname(errno) : "");
	close(slave);

	m2 = posix_openpt(O_RDWR | O_NOCTTY);
	unlockpt(m2);
	s2 = open(ptsname(m2), O_RDWR | O_NOCTTY);
	close(s2);
	n = read(m2, buf, sizeof(buf));
	say("master read after slave close: %d %s\n", n,
	    n < 0 ? errname(errno) : "");
	close(m2);
}

static void locked(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), lock = 1;
	char name[64];

	snprintf(name, sizeof(name), "%s", ptsname(m));
	TRY("open locked slave", open(name, O_RDWR | O_NOCTTY));
	ioctl(m, TIOCGPTLCK, &lock);
	say("TIOCGPTLCK %d\n", lock);
	close(m);
}

int main(void)
{
	if (getpid() == 1) {
		/* Inside umk as init: devpts and /dev/ptmx as Linux has. */
		mkdir("/dev/pts", 0755);
		if (mount("devpts", "/dev/pts", "devpts", 0, ""))
			say("mount devpts: %s\n", errname(errno));
		mknod("/dev/ptmx", S_IFCHR | 0666, makedev(5, 2));
		setsid();
	}
	open_pair();
	defaults();
	canonical();
	raw();
	winsize();
	job_control();
	leader_exit();
	hangup();
	locked();
	say("done\n");
	return 0;
}
