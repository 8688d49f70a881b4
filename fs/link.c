/*
 * link.c - more names for existing things: hard links (vfs_link) and
 * symbolic links (vfs_symlink), with the link/linkat/symlink/symlinkat
 * system calls.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/namei.h>
#include <umk/syscalls.h>
#include "internal.h"

int vfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	int err;

	if (!d_is_negative(d))
		return -EEXIST;
	if (dir->i_nlink == 0)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, d, target);
}

/* Linux's protected_hardlinks: link only what one owns or may use. */
static int may_linkat(struct inode *inode)
{
	if (inode_owner_or_capable(inode))
		return 0;
	if (!S_ISREG(inode->i_mode) || (inode->i_mode & S_ISUID) ||
	    ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)))
		return -EPERM;
	if (inode_permission(inode, MAY_READ | MAY_WRITE))
		return -EPERM;
	return 0;
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = old->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	if (!d_is_negative(new))
		return -EEXIST;
	if (dir->i_nlink == 0)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	err = may_linkat(inode);
	if (err)
		return err;
	if (!dir->i_op->link)
		return -EPERM;
	/* An unlinked file cannot come back (except O_TMPFILE, not yet). */
	if (inode->i_nlink == 0)
		return -ENOENT;
	return dir->i_op->link(old, dir, new);
}

int do_symlinkat(const char *target, int dfd, const char *name)
{
	struct path parent;
	struct dentry *d;
	int err;

	if (!*target)
		return -ENOENT;
	d = kern_path_create(dfd, name, &parent, 0);
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_symlink(parent.dentry->d_inode, d, target);
	done_path_create(&parent, d);
	return err;
}

int do_linkat(int olddfd, const char *oldname, int newdfd,
	      const char *newname, int flags)
{
	unsigned int lookup = 0;
	struct path old, parent;
	struct dentry *d;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH) {
		if (!fs_capable(CAP_DAC_READ_SEARCH))
			return -ENOENT;
		lookup |= LOOKUP_EMPTY;
	}
	err = vfs_path_lookup_at(olddfd, oldname, lookup, &old);
	if (err)
		return err;
	d = kern_path_create(newdfd, newname, &parent, 0);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out;
	err = -EXDEV;
	if (old.mnt == parent.mnt)
		err = vfs_link(old.dentry, parent.dentry->d_inode, d);
	done_path_create(&parent, d);
out:
	path_put(&old);
	return err;
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	struct filename *from = getname(oldname), *to;
	int err;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_symlinkat(from->name, newdfd, to->name);
		putname(to);
	}
	putname(from);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname,
		const char __user *, newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname,
		int, newdfd, const char __user *, newname, int, flags)
{
	struct filename *from, *to;
	int err;

	from = getname_flags(oldname, flags & AT_EMPTY_PATH);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_linkat(olddfd, from->name, newdfd, to->name, flags);
		putname(to);
	}
	putname(from);
	return err;
}

SYSCALL_DEFINE2(link, const char __user *, oldname,
		const char __user *, newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
