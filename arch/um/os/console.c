/*
 * console.c - the host's stdin as the console's input. Input must never
 * block the kernel: the fd signals readiness with SIGIO (O_ASYNC, owned
 * by us), which the kernel sees as IRQ_IO, and reads only happen after
 * poll() said they will not block. O_NONBLOCK is not used, since stdin
 * usually shares its open file description with stdout, whose writes
 * must stay blocking. The original flags and owner are put back at
 * shutdown.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <os.h>

static int saved_flags = -1;
static int saved_owner;

int os_console_input_setup(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -errno;
	saved_owner = fcntl(fd, F_GETOWN);
	if (fcntl(fd, F_SETOWN, getpid()) < 0)
		return -errno;
	if (fcntl(fd, F_SETFL, flags | O_ASYNC) < 0) {
		int err = -errno;

		fcntl(fd, F_SETOWN, saved_owner);
		return err;
	}
	saved_flags = flags;
	return 0;
}

void os_console_input_restore(int fd)
{
	if (saved_flags < 0)
		return;
	fcntl(fd, F_SETFL, saved_flags);
	fcntl(fd, F_SETOWN, saved_owner);
	saved_flags = -1;
}

long os_console_read(int fd, void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int r;

	do {
		r = poll(&p, 1, 0);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -EAGAIN;
	if (p.revents & POLLNVAL)
		return -EBADF;
	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}
