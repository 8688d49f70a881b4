/* file.c - host file descriptors: open, read, write, size, sync. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <os.h>

/* Runs a host call again while a signal (an interrupt) cut it short. */
#define RETRY_EINTR(call) ({ \
	ssize_t __n; \
	do { \
		__n = (call); \
	} while (__n < 0 && errno == EINTR); \
	__n < 0 ? -errno : __n; \
})

int os_open(const char *path, int flags, int mode)
{
	int f = O_CLOEXEC;
	int fd;

	f |= (flags & OS_O_RDWR) ? O_RDWR : O_RDONLY;
	if (flags & OS_O_CREAT)
		f |= O_CREAT;
	if (flags & OS_O_DIRECT)
		f |= O_DIRECT;
	fd = open(path, f, mode);
	return fd < 0 ? -errno : fd;
}

int os_close(int fd)
{
	return close(fd) < 0 ? -errno : 0;
}

long os_read(int fd, void *buf, size_t len)
{
	return RETRY_EINTR(read(fd, buf, len));
}

long os_write(int fd, const void *buf, size_t len)
{
	return RETRY_EINTR(write(fd, buf, len));
}

/* Writes everything, retrying short writes. */
long os_write_all(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = os_write(fd, (const char *)buf + done, len - done);

		if (n < 0)
			return n;
		done += n;
	}
	return done;
}

long os_pread(int fd, void *buf, size_t len, uint64_t off)
{
	return RETRY_EINTR(pread(fd, buf, len, off));
}

long os_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	return RETRY_EINTR(pwrite(fd, buf, len, off));
}

int os_file_size(int fd, uint64_t *size)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	*size = st.st_size;
	return 0;
}

int os_fsync(int fd)
{
	return fsync(fd) < 0 ? -errno : 0;
}

int os_isatty(int fd)
{
	return isatty(fd);
}
