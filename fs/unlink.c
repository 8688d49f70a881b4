/*
 * unlink.c - removing names: vfs_unlink (non-directories), vfs_rmdir
 * (empty directories), and unlink/unlinkat/rmdir. The inode itself goes
 * when its last link and its last user are gone (fs/inode.c).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/namei.h>
#include <umk/syscalls.h>
#include "internal.h"

int vfs_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *inode;
	int err = may_delete(dir, d, true);

	if (err)
		return err;
	if (!dir->i_op->rmdir)
		return -EPERM;
	inode = d->d_inode;
	mutex_lock(&inode->i_rwsem);
	/* Cached names below it only remember misses: forget them. */
	shrink_dcache_parent(d);
	err = dir->i_op->rmdir(dir, d);
	mutex_unlock(&inode->i_rwsem);
	if (!err)
		d_delete(d);
	return err;
}

int vfs_unlink(struct inode *dir, struct dentry *d)
{
	int err = may_delete(dir, d, false);

	if (err)
		return err;
	if (!dir->i_op->unlink)
		return -EPERM;
	err = dir->i_op->unlink(dir, d);
	if (!err)
		d_delete(d);
	return err;
}

/* Finds the victim of unlink/rmdir in the locked parent. */
static struct dentry *lookup_victim(struct path *parent, struct qstr *last)
{
	struct dentry *d = lookup_one(parent->dentry, last);

	if (!IS_ERR(d) && d_is_negative(d)) {
		dput(d);
		d = ERR_PTR(-ENOENT);
	}
	return d;
}

int do_rmdir(int dfd, const char *name)
{
	struct path parent;
	struct qstr last;
	struct dentry *d;
	int type, err;

	err = path_parentat(dfd, name, 0, &parent, &last, &type, NULL);
	if (err)
		return err;
	if (type != LAST_NORM) {
		err = type == LAST_DOTDOT ? -ENOTEMPTY :
		      type == LAST_DOT ? -EINVAL : -EBUSY;
		goto out;
	}
	err = mnt_want_write(parent.mnt);
	if (err)
		goto out;
	mutex_lock(&parent.dentry->d_inode->i_rwsem);
	d = lookup_victim(&parent, &last);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_rmdir(parent.dentry->d_inode, d);
		dput(d);
	}
	mutex_unlock(&parent.dentry->d_inode->i_rwsem);
out:
	path_put(&parent);
	return err;
}

int do_unlinkat(int dfd, const char *name)
{
	struct path parent;
	struct qstr last;
	struct dentry *d;
	bool dir_only;
	int type, err;

	err = path_parentat(dfd, name, 0, &parent, &last, &type, &dir_only);
	if (err)
		return err;
	err = -EISDIR;
	if (type != LAST_NORM)
		goto out;
	err = mnt_want_write(parent.mnt);
	if (err)
		goto out;
	mutex_lock(&parent.dentry->d_inode->i_rwsem);
	d = lookup_victim(&parent, &last);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		if (dir_only)
			err = d_is_dir(d) ? -EISDIR : -ENOTDIR;
		else
			err = vfs_unlink(parent.dentry->d_inode, d);
	}
	mutex_unlock(&parent.dentry->d_inode->i_rwsem);
	/* The last reference may free the inode: not under the lock. */
	if (!IS_ERR(d))
		dput(d);
out:
	path_put(&parent);
	return err;
}

static long user_at(int dfd, const char __user *pathname,
		    int (*fn)(int dfd, const char *name))
{
	struct filename *name = getname(pathname);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = fn(dfd, name->name);
	putname(name);
	return err;
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname,
		int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return user_at(dfd, pathname,
		       (flag & AT_REMOVEDIR) ? do_rmdir : do_unlinkat);
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return user_at(AT_FDCWD, pathname, do_unlinkat);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return user_at(AT_FDCWD, pathname, do_rmdir);
}
