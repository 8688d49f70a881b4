/*
 * libfs.c - small pieces filesystems and drivers share: the operations
 * of files that cannot do anything (empty_fops), of directories read
 * with read(2) (EISDIR), of device kinds that do not exist yet, and the
 * superblock of pseudo filesystems (mount_pseudo).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include "internal.h"

ssize_t generic_read_dir(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return -EISDIR;
}

int stream_open(struct inode *inode, struct file *file)
{
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE |
			  FMODE_ATOMIC_POS);
	file->f_mode |= FMODE_STREAM;
	return 0;
}

const struct file_operations empty_fops = {
	.llseek = no_llseek,
};

static int no_device_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* Sockets are opened with socket(2), never by name. */
const struct file_operations bad_sock_fops = {
	.open = no_device_open,
};

struct dentry *mount_pseudo(struct file_system_type *type, int flags,
			    const struct super_operations *ops,
			    unsigned long magic)
{
	struct super_block *sb = sget(type, flags);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_op = ops;
	sb->s_magic = magic;
	if (get_anon_dev(&sb->s_dev))
		goto fail;
	root = new_inode(sb);
	if (!root)
		goto fail;
	root->i_ino = 1;
	root->i_mode = S_IFDIR | 0700;
	sb->s_root = d_make_root(root);
	if (sb->s_root)
		return dget(sb->s_root);
fail:
	kill_anon_super(sb);
	return ERR_PTR(-ENOMEM);
}
