/*
 * fs_struct.c - root, cwd and umask of tasks, and the system calls that
 * change them: chdir, fchdir, chroot. init_fs serves kernel threads and
 * is what the first process copies.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs_struct.h>
#include <umk/namei.h>
#include <umk/fdtable.h>
#include <umk/slab.h>
#include <umk/syscalls.h>
#include "internal.h"

#define CAP_SYS_CHROOT	18	/* not in <umk/cred.h> yet */

struct fs_struct init_fs = {
	.users = 1,
	.umask = 0022,
};

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	if (!old)
		old = &init_fs;
	fs->users = 1;
	spin_lock_init(&fs->lock);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	spin_unlock(&old->lock);
	if (fs->root.mnt)
		path_get(&fs->root);
	if (fs->pwd.mnt)
		path_get(&fs->pwd);
	return fs;
}

void get_fs_struct(struct fs_struct *fs)
{
	fs->users++;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!fs || WARN_ON(fs->users <= 0) || --fs->users > 0)
		return;
	if (WARN_ON(fs == &init_fs))
		return;
	if (fs->root.mnt)
		path_put(&fs->root);
	if (fs->pwd.mnt)
		path_put(&fs->pwd);
	kfree(fs);
}

void get_fs_root(struct fs_struct *fs, struct path *root)
{
	spin_lock(&fs->lock);
	*root = fs->root;
	spin_unlock(&fs->lock);
	if (root->mnt)
		path_get(root);
}

void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	spin_lock(&fs->lock);
	*pwd = fs->pwd;
	spin_unlock(&fs->lock);
	if (pwd->mnt)
		path_get(pwd);
}

void set_fs_root(struct fs_struct *fs, const struct path *path)
{
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = fs->root;
	fs->root = *path;
	spin_unlock(&fs->lock);
	if (old.mnt)
		path_put(&old);
}

void set_fs_pwd(struct fs_struct *fs, const struct path *path)
{
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = fs->pwd;
	fs->pwd = *path;
	spin_unlock(&fs->lock);
	if (old.mnt)
		path_put(&old);
}

int current_umask(void)
{
	return current_fs()->umask;
}

static int set_pwd_checked(struct path *path)
{
	int err = -ENOTDIR;

	if (d_is_dir(path->dentry))
		err = inode_permission(path->dentry->d_inode,
				       MAY_EXEC | MAY_CHDIR);
	if (!err)
		set_fs_pwd(current_fs(), path);
	return err;
}

static int do_chdir(const char *name)
{
	struct path path;
	int err = kern_path(name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	err = set_pwd_checked(&path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct filename *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_chdir(name->name);
	putname(name);
	return err;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = set_pwd_checked(&f->f_path);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	struct path path;
	int err;

	err = user_path_at(AT_FDCWD, filename,
			   LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);
	if (err)
		return err;
	err = inode_permission(path.dentry->d_inode, MAY_EXEC | MAY_CHDIR);
	if (!err && !fs_capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(current_fs(), &path);
	path_put(&path);
	return err;
}
