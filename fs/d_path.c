/*
 * d_path.c - the name of a path, built backwards from the dentry up to
 * the task's root across mounts; and getcwd(2), which returns it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs_struct.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/slab.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include "internal.h"

static bool prepend(char **pos, char *start, const char *s, size_t len)
{
	if ((size_t)(*pos - start) < len)
		return false;
	*pos -= len;
	memcpy(*pos, s, len);
	return true;
}

/*
 * Writes path's name as seen from root at the end of buf; returns where
 * it starts, or ERR_PTR(-ENAMETOOLONG). A path outside root is named
 * from the top of its mount tree.
 */
char *d_path_from(const struct path *path, const struct path *root,
		  char *buf, int buflen)
{
	struct vfsmount *mnt = path->mnt;
	struct dentry *d = path->dentry;
	char *pos = buf + buflen;

	if (buflen < 1)
		return ERR_PTR(-ENAMETOOLONG);
	*--pos = '\0';
	while (!(d == root->dentry && mnt == root->mnt)) {
		if (d == mnt->mnt_root || IS_ROOT(d)) {
			if (mnt->mnt_parent == mnt)
				break;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (!prepend(&pos, buf, d->d_name.name, d->d_name.len) ||
		    !prepend(&pos, buf, "/", 1))
			return ERR_PTR(-ENAMETOOLONG);
		d = d->d_parent;
	}
	if (!*pos && !prepend(&pos, buf, "/", 1))
		return ERR_PTR(-ENAMETOOLONG);
	return pos;
}

char *d_path(const struct path *path, char *buf, int buflen)
{
	struct path root;
	char *res;

	get_fs_root(current_fs(), &root);
	if (!root.mnt)
		return ERR_PTR(-ENOENT);
	res = d_path_from(path, &root, buf, buflen);
	path_put(&root);
	return res;
}

SYSCALL_DEFINE2(getcwd, char __user *, ubuf, unsigned long, size)
{
	struct path pwd;
	char *buf, *name;
	long len;

	get_fs_pwd(current_fs(), &pwd);
	if (!pwd.mnt)
		return -ENOENT;
	len = -ENOENT;
	if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry))
		goto out;
	len = -ENOMEM;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		goto out;
	name = d_path(&pwd, buf, PATH_MAX);
	len = PTR_ERR(name);
	if (!IS_ERR(name)) {
		len = strlen(name) + 1;
		if ((unsigned long)len > size)
			len = -ERANGE;
		else if (copy_to_user(ubuf, name, len))
			len = -EFAULT;
	}
	kfree(buf);
out:
	path_put(&pwd);
	return len;
}
