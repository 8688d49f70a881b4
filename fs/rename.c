/*
 * rename.c - moving a name (vfs_rename): plain, RENAME_NOREPLACE and
 * RENAME_EXCHANGE; and rename/renameat/renameat2. Both parents are
 * locked (lock_rename); a directory may not move below itself.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/namei.h>
#include <umk/syscalls.h>
#include "internal.h"

static int may_rename_target(struct inode *dir, struct dentry *new,
			     bool is_dir, unsigned int flags)
{
	if (d_is_negative(new)) {
		if (dir->i_nlink == 0)
			return -ENOENT;
		return inode_permission(dir, MAY_WRITE | MAY_EXEC);
	}
	if (flags & RENAME_EXCHANGE)
		return may_delete(dir, new, d_is_dir(new));
	return may_delete(dir, new, is_dir);
}

int vfs_rename(struct inode *old_dir, struct dentry *old,
	       struct inode *new_dir, struct dentry *new, unsigned int flags)
{
	bool is_dir = d_is_dir(old);
	bool new_is_dir = d_is_dir(new);
	int err;

	if (old->d_inode == new->d_inode)
		return 0;	/* two names of one file: nothing to do */
	err = may_delete(old_dir, old, is_dir);
	if (!err)
		err = may_rename_target(new_dir, new, is_dir, flags);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	/* A directory moving elsewhere rewrites its "..". */
	if (new_dir != old_dir) {
		if (is_dir)
			err = inode_permission(old->d_inode, MAY_WRITE);
		if (!err && new_is_dir && (flags & RENAME_EXCHANGE))
			err = inode_permission(new->d_inode, MAY_WRITE);
		if (err)
			return err;
	}
	if (new_is_dir && !(flags & RENAME_EXCHANGE))
		shrink_dcache_parent(new);
	err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE)
		d_exchange(old, new);
	else
		d_move(old, new);
	return 0;
}

struct rename_end {
	struct path parent;
	struct qstr last;
	bool dir_only;
};

static int rename_end(int dfd, const char *name, struct rename_end *e)
{
	int type;
	int err = path_parentat(dfd, name, 0, &e->parent, &e->last, &type,
				&e->dir_only);

	if (!err && type != LAST_NORM) {
		path_put(&e->parent);
		err = -EBUSY;
	}
	return err;
}

/* The checks that need both dentries, under the rename locks. */
static int rename_checks(struct rename_end *from, struct dentry *old,
			 struct rename_end *to, struct dentry *new,
			 unsigned int flags)
{
	if (d_is_negative(old))
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && !d_is_negative(new))
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && d_is_negative(new))
		return -ENOENT;
	if (!d_is_dir(old) && (from->dir_only ||
	    (to->dir_only && !(flags & RENAME_EXCHANGE))))
		return -ENOTDIR;
	if ((flags & RENAME_EXCHANGE) && !d_is_dir(new) && to->dir_only)
		return -ENOTDIR;
	if (is_subdir(to->parent.dentry, old))
		return -EINVAL;
	if (!d_is_negative(new) && is_subdir(from->parent.dentry, new))
		return (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
	return 0;
}

static int rename_locked(struct rename_end *from, struct rename_end *to,
			 unsigned int flags)
{
	struct dentry *old, *new;
	int err;

	old = lookup_one(from->parent.dentry, &from->last);
	if (IS_ERR(old))
		return PTR_ERR(old);
	new = lookup_one(to->parent.dentry, &to->last);
	err = PTR_ERR(new);
	if (IS_ERR(new))
		goto out_old;
	err = rename_checks(from, old, to, new, flags);
	if (!err)
		err = vfs_rename(from->parent.dentry->d_inode, old,
				 to->parent.dentry->d_inode, new, flags);
	dput(new);
out_old:
	dput(old);
	return err;
}

int do_renameat2(int olddfd, const char *oldname, int newdfd,
		 const char *newname, unsigned int flags)
{
	struct rename_end from, to;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;	/* whiteouts are for overlay filesystems */
	err = rename_end(olddfd, oldname, &from);
	if (err)
		return err;
	err = rename_end(newdfd, newname, &to);
	if (err)
		goto out_from;
	err = -EXDEV;
	if (from.parent.mnt != to.parent.mnt)
		goto out_to;
	err = mnt_want_write(from.parent.mnt);
	if (err)
		goto out_to;
	lock_rename(to.parent.dentry, from.parent.dentry);
	err = rename_locked(&from, &to, flags);
	unlock_rename(to.parent.dentry, from.parent.dentry);
out_to:
	path_put(&to.parent);
out_from:
	path_put(&from.parent);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname,
		int, newdfd, const char __user *, newname, unsigned int, flags)
{
	struct filename *from = getname(oldname), *to;
	int err;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_renameat2(olddfd, from->name, newdfd, to->name,
				   flags);
		putname(to);
	}
	putname(from);
	return err;
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname,
		int, newdfd, const char __user *, newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname,
		const char __user *, newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
