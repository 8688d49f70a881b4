/*
 * termios.c - the host terminal behind the console. When stdin is a
 * terminal, the kernel's line discipline does the editing and echo, so
 * the host terminal is put in raw mode; its settings are put back on
 * every way out: the shutdown hook, panic, exit(), and the fatal host
 * signals we do not otherwise handle (their handler restores the
 * terminal and dies of the signal again). The window size is read here
 * too (SIGWINCH arrives as OS_IRQ_IO, see signal.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <os.h>

static struct termios saved;
static int saved_fd = -1;

void os_tty_restore(void)
{
	if (saved_fd < 0)
		return;
	/* TCSADRAIN: what the guest printed last still reaches the user. */
	tcsetattr(saved_fd, TCSADRAIN, &saved);
	saved_fd = -1;
}

static void die_restored(int sig)
{
	os_tty_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int fatal_signals[] = {
	SIGQUIT, SIGABRT, SIGPIPE, SIGUSR2, SIGXCPU, SIGXFSZ, SIGPWR,
	SIGVTALRM, SIGPROF,
};

int os_tty_is_terminal(int fd)
{
	return isatty(fd);
}

int os_tty_make_raw(int fd)
{
	struct termios t;
	unsigned int i;

	if (saved_fd >= 0)
		return 0;
	if (tcgetattr(fd, &saved) < 0)
		return -errno;
	t = saved;
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &t) < 0)
		return -errno;
	saved_fd = fd;
	atexit(os_tty_restore);
	for (i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]);
	     i++) {
		struct sigaction sa, old;

		/* Only signals nobody else handles (or ignores). */
		if (sigaction(fatal_signals[i], NULL, &old) < 0 ||
		    old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = die_restored;
		sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
		sigaction(fatal_signals[i], &sa, NULL);
	}
	return 0;
}

int os_tty_winsize(int fd, unsigned short *rows, unsigned short *cols)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return -errno;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}
