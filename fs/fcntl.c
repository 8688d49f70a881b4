/*
 * fcntl.c - descriptor operations: fcntl, dup, dup2, dup3, close_range.
 * File locks (F_GETLK/F_SETLK...) do not exist yet and say so (ENOLCK).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/syscalls.h>
#include "internal.h"

#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

static long setfl(struct file *f, unsigned long arg)
{
	if ((arg & O_NOATIME) && !(f->f_flags & O_NOATIME) &&
	    !inode_owner_or_capable(file_inode(f)))
		return -EPERM;
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	return 0;
}

static long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg,
		     struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(arg, f, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, f, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	}
	/* Anything else needs a file opened for I/O, not a path handle. */
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	switch (cmd) {
	case F_SETFL:
		return setfl(f, arg);
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return -ENOLCK;
	case F_GETPIPE_SZ: case F_SETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd,
		unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fget_raw(fildes);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd >= 0)
		fd_install(fd, f);
	else
		fput(f);
	return fd;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup2(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup2(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(close_range, unsigned int, fd, unsigned int, max_fd,
		unsigned int, flags)
{
	return close_range_fds(fd, max_fd, flags);
}
