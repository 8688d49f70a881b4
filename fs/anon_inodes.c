/*
 * anon_inodes.c - an internal filesystem for files without a name
 * (eventfd, timerfd, signalfd, epoll). Each file gets its own inode and
 * an unhashed dentry "anon_inode:[name]"; the inode goes with the file.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/fdtable.h>
#include <umk/init.h>
#include <umk/anon_inodes.h>
#include "internal.h"

#define ANON_INODE_FS_MAGIC	0x09041934

static struct vfsmount *anon_mnt;

static bool anon_drop_inode(struct inode *inode)
{
	return true;
}

static const struct super_operations anon_ops = {
	.drop_inode = anon_drop_inode,
};

static struct dentry *anon_mount(struct file_system_type *type, int flags,
				 const char *dev_name, void *data)
{
	return mount_pseudo(type, flags, &anon_ops, ANON_INODE_FS_MAGIC);
}

static struct file_system_type anon_type = {
	.name = "anon_inodefs",
	.mount = anon_mount,
	.kill_sb = kill_anon_super,
};

struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, unsigned int flags)
{
	static u64 next_ino = 2;
	struct super_block *sb = anon_mnt->mnt_sb;
	struct inode *inode = new_inode(sb);
	struct path path;
	struct file *f;
	char buf[48];
	struct qstr q;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_ino = next_ino++;
	inode->i_fop = fops;
	inode->i_mode = S_IRUSR | S_IWUSR;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	q.len = snprintf(buf, sizeof(buf), "anon_inode:%s", name);
	q.name = buf;
	path.dentry = d_alloc(sb->s_root, &q);
	if (!path.dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(path.dentry, inode);
	path.mnt = mntget(anon_mnt);
	f = alloc_file(&path, flags & (O_ACCMODE | O_NONBLOCK), fops);
	path_put(&path);
	if (IS_ERR(f))
		return f;
	f->private_data = priv;
	f->f_mode |= FMODE_OPENED;
	stream_open(inode, f);
	return f;
}

int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags)
{
	int fd = get_unused_fd_flags(flags);
	struct file *f;

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

static int anon_inode_init(void)
{
	int err = register_filesystem(&anon_type);

	if (err)
		return err;
	anon_mnt = kern_mount(&anon_type);
	if (IS_ERR(anon_mnt)) {
		err = PTR_ERR(anon_mnt);
		anon_mnt = NULL;
	}
	return err;
}
fs_initcall(anon_inode_init);
