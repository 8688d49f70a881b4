/*
 * sync.c - sync, syncfs, fsync, fdatasync: write cached data back to
 * its store. Memory filesystems have nothing to write; files with a
 * store write their dirty pages through their fsync.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/syscalls.h>
#include "internal.h"

static int vfs_fsync(struct file *f, bool datasync)
{
	if (!f->f_op->fsync)
		return -EINVAL;
	return f->f_op->fsync(f, datasync);
}

static long fsync_fd(unsigned int fd, bool datasync)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_fsync(f, datasync);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return fsync_fd(fd, false);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return fsync_fd(fd, true);
}

SYSCALL_DEFINE0(sync)
{
	sync_all_filesystems();
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget(fd);
	struct super_block *sb;
	int err = 0;

	if (!f)
		return -EBADF;
	sb = f->f_path.dentry->d_sb;
	if (sb->s_op && sb->s_op->sync_fs)
		err = sb->s_op->sync_fs(sb, true);
	fput(f);
	return err;
}
