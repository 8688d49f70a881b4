/*
 * vfs_test.c - helpers of the VFS KUnit suites (see vfs_test.h).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mount.h>
#include <umk/sched.h>
#include "vfs_test.h"

int vfs_test_init(struct kunit *test)
{
	struct vfs_test_env *env = kunit_kzalloc(test, sizeof(*env),
						 GFP_KERNEL);
	struct file_system_type *tmpfs = get_fs_type("tmpfs");
	char opts[] = "mode=0755";
	struct path root;

	if (!env || !tmpfs)
		return -ENOMEM;
	env->mnt = vfs_kern_mount(tmpfs, 0, "test", opts);
	if (IS_ERR(env->mnt))
		return PTR_ERR(env->mnt);
	env->fs = copy_fs_struct(NULL);
	env->files = dup_fd(NULL);
	if (!env->fs || IS_ERR(env->files)) {
		if (env->fs)
			put_fs_struct(env->fs);
		mntput(env->mnt);
		return -ENOMEM;
	}
	root.mnt = env->mnt;
	root.dentry = env->mnt->mnt_root;
	set_fs_root(env->fs, &root);
	set_fs_pwd(env->fs, &root);
	/* The case runs in this thread; the exit hook puts these back. */
	current->fs = env->fs;
	current->files = env->files;
	test->priv = env;
	return 0;
}

void vfs_test_exit(struct kunit *test)
{
	struct vfs_test_env *env = test->priv;

	if (!env)
		return;
	put_files_struct(env->files);
	put_fs_struct(env->fs);
	mntput(env->mnt);
}

int vfs_test_write(const char *name, const void *data, size_t len)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, data, len, &pos);
	fput(f);
	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -EIO;
}

ssize_t vfs_test_read(const char *name, void *buf, size_t len)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len, &pos);
	fput(f);
	return n;
}

struct inode *vfs_test_inode(const char *name)
{
	struct path path;
	struct inode *inode;

	if (kern_path(name, 0, &path))
		return NULL;
	inode = path.dentry->d_inode;
	path_put(&path);
	return inode;
}
