/*
 * statfs.c - statfs(2) and fstatfs(2): a filesystem's size, free space
 * and flags as struct statfs of x86_64.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/namei.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/statfs.h>
#include "internal.h"

BUILD_BUG_ON(sizeof(struct statfs) != 120);

static int cp_statfs(const struct path *path, struct statfs __user *ubuf)
{
	struct kstatfs k;
	struct statfs st;
	dev_t dev = path->dentry->d_sb->s_dev;
	int err = vfs_statfs(path, &k);

	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.f_type = k.f_type;
	st.f_bsize = k.f_bsize;
	st.f_blocks = k.f_blocks;
	st.f_bfree = k.f_bfree;
	st.f_bavail = k.f_bavail;
	st.f_files = k.f_files;
	st.f_ffree = k.f_ffree;
	st.f_fsid[0] = (int)new_encode_dev(dev);
	st.f_namelen = k.f_namelen;
	st.f_frsize = k.f_frsize;
	st.f_flags = k.f_flags;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname,
		struct statfs __user *, buf)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = cp_statfs(&path, buf);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = cp_statfs(&f->f_path, buf);
	fput(f);
	return err;
}
