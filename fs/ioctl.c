/*
 * ioctl.c - ioctl(2): the generic requests every file understands
 * (FIOCLEX, FIONCLEX, FIONBIO, FIONREAD on regular files) and, for the
 * rest, the file's own unlocked_ioctl; without one, -ENOTTY.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/ioctls.h>
#include "internal.h"

static long generic_ioctl(unsigned int fd, struct file *f, unsigned int cmd,
			  unsigned long arg, bool *handled)
{
	struct inode *inode = file_inode(f);
	int on;

	*handled = true;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~O_NONBLOCK;
		return 0;
	case FIONREAD:
		if (!S_ISREG(inode->i_mode))
			break;
		on = inode->i_size > f->f_pos ?
		     (int)min(inode->i_size - f->f_pos, (loff_t)0x7fffffff) : 0;
		return put_user(on, (int __user *)arg) ? -EFAULT : 0;
	}
	*handled = false;
	return -ENOTTY;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd,
		unsigned long, arg)
{
	struct file *f = fget(fd);
	bool handled;
	long ret;

	if (!f)
		return -EBADF;
	ret = generic_ioctl(fd, f, cmd, arg, &handled);
	if (!handled && f->f_op->unlocked_ioctl)
		ret = f->f_op->unlocked_ioctl(f, cmd, arg);
	fput(f);
	return ret;
}
