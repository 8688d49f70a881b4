/*
 * access.c - access(2), faccessat(2), faccessat2(2): may the caller's
 * real ids (or, with AT_EACCESS, its effective ids) read, write or
 * execute a file? The check runs under a temporary copy of the task's
 * credentials whose fs ids are the real ones.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/namei.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include "internal.h"

static int access_check(const struct path *path, int mode)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if ((mode & MAY_EXEC) && S_ISREG(inode->i_mode) && path_noexec(path))
		return -EACCES;
	err = inode_permission(inode, mode | MAY_ACCESS);
	if (err || !(mode & MAY_WRITE))
		return err;
	/* Writing a device or fifo does not write the filesystem. */
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
	    S_ISLNK(inode->i_mode))
		return mnt_want_write(path->mnt);
	return 0;
}

int do_faccessat(int dfd, const char *name, int mode, int flags)
{
	const struct cred *saved = current->cred;
	struct cred real = { .usage = 1 };
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	if (!(flags & AT_EACCESS) && saved) {
		real = *saved;
		real.fsuid = real.uid;
		real.fsgid = real.gid;
		current->cred = &real;
	}
	err = vfs_path_lookup_at(dfd, name, lookup, &path);
	if (!err) {
		err = access_check(&path, mode);
		path_put(&path);
	}
	current->cred = saved;
	return err;
}

static long user_faccessat(int dfd, const char __user *filename, int mode,
			   int flags)
{
	struct filename *name = getname_flags(filename,
					      flags & AT_EMPTY_PATH);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_faccessat(dfd, name->name, mode, flags);
	putname(name);
	return err;
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename,
		int, mode, int, flags)
{
	return user_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename,
		int, mode)
{
	return user_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return user_faccessat(AT_FDCWD, filename, mode, 0);
}
