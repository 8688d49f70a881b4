/*
 * mknod.c - making new names: regular files (vfs_create), device nodes,
 * FIFOs and sockets (vfs_mknod) and directories (vfs_mkdir), and the
 * mknod/mknodat/mkdir/mkdirat system calls.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/namei.h>
#include <umk/syscalls.h>
#include "internal.h"

/* A new entry needs write and search on its directory, which must live. */
static int may_create(struct inode *dir, struct dentry *d)
{
	if (!d_is_negative(d))
		return -EEXIST;
	if (dir->i_nlink == 0)
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int vfs_create(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, d, (mode & S_IALLUGO) | S_IFREG);
}

int vfs_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !fs_capable(CAP_MKNOD))
		return -EPERM;
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, d, mode, dev);
}

int vfs_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, d, mode & (S_IRWXUGO | S_ISVTX));
}

int do_mknodat(int dfd, const char *name, umode_t mode, unsigned int dev)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	d = kern_path_create(dfd, name, &parent, 0);
	if (IS_ERR(d))
		return PTR_ERR(d);
	dir = parent.dentry->d_inode;
	mode &= ~current_umask();
	if (S_ISREG(mode))
		err = vfs_create(dir, d, mode);
	else if (S_ISCHR(mode) || S_ISBLK(mode))
		err = vfs_mknod(dir, d, mode, new_decode_dev(dev));
	else
		err = vfs_mknod(dir, d, mode, 0);
	done_path_create(&parent, d);
	return err;
}

int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct path parent;
	struct dentry *d;
	int err;

	d = kern_path_create(dfd, name, &parent, LOOKUP_DIRECTORY);
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_mkdir(parent.dentry->d_inode, d, mode & ~current_umask());
	done_path_create(&parent, d);
	return err;
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename,
		umode_t, mode, unsigned int, dev)
{
	struct filename *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mknodat(dfd, name->name, mode, dev);
	putname(name);
	return err;
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode,
		unsigned int, dev)
{
	return sys_mknodat(AT_FDCWD, filename, mode, dev);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname,
		umode_t, mode)
{
	struct filename *name = getname(pathname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat(dfd, name->name, mode);
	putname(name);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}
