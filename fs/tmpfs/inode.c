/*
 * inode.c - tmpfs inodes and the namespace operations on them: lookup,
 * create, mknod, mkdir, symlink, link, unlink, rmdir, rename. The VFS
 * has checked permissions and locked the directories involved.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include "tmpfs.h"

struct inode *tmpfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev)
{
	struct tmpfs_sb_info *sbi = TMPFS_SB(sb);
	struct inode *inode;

	if (!sbi->free_inodes)
		return ERR_PTR(-ENOSPC);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	sbi->free_inodes--;
	inode->i_ino = sbi->next_ino++;
	inode_init_owner(inode, dir, mode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_mapping->a_ops = &tmpfs_aops;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &tmpfs_file_inode_operations;
		inode->i_fop = &tmpfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &tmpfs_dir_inode_operations;
		inode->i_fop = &tmpfs_dir_operations;
		set_nlink(inode, 2);
		if (tmpfs_dir_init(inode)) {
			set_nlink(inode, 0);
			iput(inode);
			return ERR_PTR(-ENOMEM);
		}
		break;
	case S_IFLNK:
		inode->i_op = &tmpfs_symlink_inode_operations;
		break;
	default:
		init_special_inode(inode, inode->i_mode, dev);
		break;
	}
	return inode;
}

static void touch_dir(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time(dir);
}

static struct dentry *tmpfs_lookup(struct inode *dir, struct dentry *dentry)
{
	struct tmpfs_dirent *de = tmpfs_find_entry(dir, &dentry->d_name);
	struct inode *inode = de ? igrab(de->inode) : NULL;

	d_add(dentry, inode);
	return NULL;
}

/* Links a new inode under dentry's name; on failure the inode goes. */
static int instantiate(struct inode *dir, struct dentry *dentry,
		       struct inode *inode)
{
	struct tmpfs_dirent *de = tmpfs_new_entry(&dentry->d_name, inode);

	if (!de) {
		set_nlink(inode, 0);
		iput(inode);
		return -ENOMEM;
	}
	tmpfs_add_entry(dir, de);
	if (S_ISDIR(inode->i_mode))
		inode_inc_link_count(dir);
	touch_dir(dir);
	d_instantiate(dentry, inode);
	return 0;
}

static int tmpfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode,
		       dev_t dev)
{
	struct inode *inode = tmpfs_get_inode(dir->i_sb, dir, mode, dev);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	return instantiate(dir, dentry, inode);
}

static int tmpfs_create(struct inode *dir, struct dentry *dentry,
			umode_t mode)
{
	return tmpfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *dentry,
		       umode_t mode)
{
	return tmpfs_mknod(dir, dentry, mode | S_IFDIR, 0);
}

static int tmpfs_symlink(struct inode *dir, struct dentry *dentry,
			 const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	char *link;

	if (len >= PAGE_SIZE)
		return -ENAMETOOLONG;
	link = kmalloc(len + 1, GFP_KERNEL);
	if (!link)
		return -ENOMEM;
	memcpy(link, target, len + 1);
	inode = tmpfs_get_inode(dir->i_sb, dir, S_IFLNK | S_IRWXUGO, 0);
	if (IS_ERR(inode)) {
		kfree(link);
		return PTR_ERR(inode);
	}
	TMPFS_I(inode)->link = link;
	inode->i_link = link;
	inode->i_size = len;
	return instantiate(dir, dentry, inode);
}

static int tmpfs_link(struct dentry *old, struct inode *dir,
		      struct dentry *dentry)
{
	struct inode *inode = old->d_inode;
	struct tmpfs_dirent *de = tmpfs_new_entry(&dentry->d_name, inode);

	if (!de)
		return -ENOMEM;
	tmpfs_add_entry(dir, de);
	inode_inc_link_count(inode);
	inode->i_ctime = current_time(inode);
	touch_dir(dir);
	ihold(inode);
	d_instantiate(dentry, inode);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	struct tmpfs_dirent *de = tmpfs_find_entry(dir, &dentry->d_name);

	if (!de || de->inode != inode)
		return -ENOENT;
	tmpfs_remove_entry(dir, de);
	inode->i_ctime = current_time(inode);
	inode_dec_link_count(inode);
	touch_dir(dir);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (TMPFS_I(inode)->nentries)
		return -ENOTEMPTY;
	err = tmpfs_unlink(dir, dentry);
	if (err)
		return err;
	set_nlink(inode, 0);		/* its "." goes too */
	inode_dec_link_count(dir);	/* and its ".." */
	return 0;
}

static int tmpfs_exchange(struct inode *old_dir, struct dentry *old,
			  struct inode *new_dir, struct dentry *new)
{
	struct tmpfs_dirent *a = tmpfs_find_entry(old_dir, &old->d_name);
	struct tmpfs_dirent *b = tmpfs_find_entry(new_dir, &new->d_name);
	bool a_dir = S_ISDIR(old->d_inode->i_mode);
	bool b_dir = S_ISDIR(new->d_inode->i_mode);

	if (!a || !b)
		return -ENOENT;
	a->inode = new->d_inode;
	b->inode = old->d_inode;
	/* A directory's ".." counts in its parent's links. */
	if (old_dir != new_dir && a_dir != b_dir) {
		if (a_dir) {
			inode_dec_link_count(old_dir);
			inode_inc_link_count(new_dir);
		} else {
			inode_inc_link_count(old_dir);
			inode_dec_link_count(new_dir);
		}
	}
	return 0;
}

static int tmpfs_move(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new)
{
	struct inode *inode = old->d_inode, *target = new->d_inode;
	struct tmpfs_dirent *from = tmpfs_find_entry(old_dir, &old->d_name);
	struct tmpfs_dirent *to;
	bool is_dir = S_ISDIR(inode->i_mode);
	int err;

	if (!from)
		return -ENOENT;
	if (target && S_ISDIR(target->i_mode) && TMPFS_I(target)->nentries)
		return -ENOTEMPTY;
	to = tmpfs_new_entry(&new->d_name, inode);
	if (!to)
		return -ENOMEM;
	if (target) {
		err = S_ISDIR(target->i_mode) ? tmpfs_rmdir(new_dir, new) :
						tmpfs_unlink(new_dir, new);
		if (err) {
			kfree(to);
			return err;
		}
	}
	tmpfs_remove_entry(old_dir, from);
	tmpfs_add_entry(new_dir, to);
	if (is_dir && old_dir != new_dir) {
		inode_dec_link_count(old_dir);
		inode_inc_link_count(new_dir);
	}
	return 0;
}

static int tmpfs_rename(struct inode *old_dir, struct dentry *old,
			struct inode *new_dir, struct dentry *new,
			unsigned int flags)
{
	struct timespec64 now = current_time(old_dir);
	int err;

	if (flags & RENAME_EXCHANGE)
		err = tmpfs_exchange(old_dir, old, new_dir, new);
	else
		err = tmpfs_move(old_dir, old, new_dir, new);
	if (err)
		return err;
	old_dir->i_mtime = old_dir->i_ctime = now;
	new_dir->i_mtime = new_dir->i_ctime = now;
	old->d_inode->i_ctime = now;
	if (new->d_inode)
		new->d_inode->i_ctime = now;
	return 0;
}

const struct inode_operations tmpfs_dir_inode_operations = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.mknod = tmpfs_mknod,
	.mkdir = tmpfs_mkdir,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
};
