/*
 * stat.c - file attributes for the guest: the stat family (struct stat
 * of x86_64), statx, and readlink/readlinkat.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/namei.h>
#include <umk/slab.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include "internal.h"

/* The x86_64 ABI layouts. */
BUILD_BUG_ON(sizeof(struct stat) != 144);
BUILD_BUG_ON(sizeof(struct statx) != 256);
BUILD_BUG_ON(offsetof(struct statx, stx_rdev_major) != 128);

void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->result_mask = STATX_BASIC_STATS;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = inode->i_size;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 1U << inode->i_blkbits;
	stat->blocks = inode->i_blocks;
	stat->ino = inode->i_ino;
	stat->dev = inode->i_sb->s_dev;
}

int vfs_getattr(const struct path *path, struct kstat *stat,
		u32 request_mask, unsigned int flags)
{
	struct inode *inode = path->dentry->d_inode;
	int err = 0;

	memset(stat, 0, sizeof(*stat));
	if (inode->i_op->getattr)
		err = inode->i_op->getattr(path, stat, request_mask, flags);
	else
		generic_fillattr(inode, stat);
	stat->mnt_id = path->mnt->mnt_id;
	stat->result_mask |= STATX_MNT_ID;
	return err;
}

static unsigned int at_lookup_flags(int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;

	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	return lookup;
}

int vfs_fstatat(int dfd, const char *name, struct kstat *stat, int flags)
{
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = vfs_path_lookup_at(dfd, name, at_lookup_flags(flags), &path);
	if (err)
		return err;
	err = vfs_getattr(&path, stat, STATX_BASIC_STATS, flags);
	path_put(&path);
	return err;
}

static int cp_new_stat(const struct kstat *k, struct stat __user *ubuf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = new_encode_dev(k->dev);
	st.st_ino = k->ino;
	st.st_nlink = k->nlink;
	st.st_mode = k->mode;
	st.st_uid = k->uid;
	st.st_gid = k->gid;
	st.st_rdev = new_encode_dev(k->rdev);
	st.st_size = k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = k->blocks;
	st.st_atime = k->atime.tv_sec;
	st.st_atime_nsec = k->atime.tv_nsec;
	st.st_mtime = k->mtime.tv_sec;
	st.st_mtime_nsec = k->mtime.tv_nsec;
	st.st_ctime = k->ctime.tv_sec;
	st.st_ctime_nsec = k->ctime.tv_nsec;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long user_fstatat(int dfd, const char __user *filename,
			 struct stat __user *statbuf, int flags)
{
	struct filename *name = getname_flags(filename,
					      flags & AT_EMPTY_PATH);
	struct kstat k;
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_fstatat(dfd, name->name, &k, flags);
	putname(name);
	return err ? err : cp_new_stat(&k, statbuf);
}

SYSCALL_DEFINE2(stat, const char __user *, filename,
		struct stat __user *, statbuf)
{
	return user_fstatat(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename,
		struct stat __user *, statbuf)
{
	return user_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	return user_fstatat(dfd, filename, statbuf, flag);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct file *f = fget_raw(fd);
	struct kstat k;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, &k, STATX_BASIC_STATS, 0);
	fput(f);
	return err ? err : cp_new_stat(&k, statbuf);
}

static void statx_ts(struct statx_timestamp *t, struct timespec64 ts)
{
	t->tv_sec = ts.tv_sec;
	t->tv_nsec = ts.tv_nsec;
}

static int cp_statx(const struct kstat *k, struct statx __user *ubuf)
{
	struct statx sx;

	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = k->result_mask;
	sx.stx_blksize = k->blksize;
	sx.stx_attributes = k->attributes;
	sx.stx_nlink = k->nlink;
	sx.stx_uid = k->uid;
	sx.stx_gid = k->gid;
	sx.stx_mode = k->mode;
	sx.stx_ino = k->ino;
	sx.stx_size = k->size;
	sx.stx_blocks = k->blocks;
	sx.stx_attributes_mask = k->attributes_mask;
	statx_ts(&sx.stx_atime, k->atime);
	statx_ts(&sx.stx_btime, k->btime);
	statx_ts(&sx.stx_ctime, k->ctime);
	statx_ts(&sx.stx_mtime, k->mtime);
	sx.stx_rdev_major = MAJOR(k->rdev);
	sx.stx_rdev_minor = MINOR(k->rdev);
	sx.stx_dev_major = MAJOR(k->dev);
	sx.stx_dev_minor = MINOR(k->dev);
	sx.stx_mnt_id = k->mnt_id;
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	struct filename *name;
	struct kstat k;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & STATX__RESERVED)
		return -EINVAL;
	/* A NULL name with AT_EMPTY_PATH is the dfd itself (Linux 6.11). */
	if (!filename && (flags & AT_EMPTY_PATH))
		name = getname_kernel("");
	else
		name = getname_flags(filename, flags & AT_EMPTY_PATH);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_fstatat(dfd, name->name, &k,
			  flags & ~AT_STATX_SYNC_TYPE);
	putname(name);
	return err ? err : cp_statx(&k, buffer);
}

int vfs_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = dentry->d_inode;

	if (!inode || !S_ISLNK(inode->i_mode) || !inode->i_op->get_link)
		return -EINVAL;
	return inode->i_op->get_link(inode, buf, buflen);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname,
		char __user *, buf, int, bufsiz)
{
	struct path path;
	char *kbuf;
	int len;

	if (bufsiz <= 0)
		return -EINVAL;
	len = user_path_at(dfd, pathname, LOOKUP_EMPTY, &path);
	if (len)
		return len;
	bufsiz = min(bufsiz, PATH_MAX);
	kbuf = kmalloc(bufsiz, GFP_KERNEL);
	len = -ENOMEM;
	if (kbuf) {
		len = vfs_readlink(path.dentry, kbuf, bufsiz);
		if (len > 0) {
			touch_atime(&path);
			if (copy_to_user(buf, kbuf, len))
				len = -EFAULT;
		}
		kfree(kbuf);
	}
	path_put(&path);
	return len;
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf,
		int, bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
