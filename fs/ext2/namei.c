/*
 * namei.c - the namespace operations of ext2 directories: lookup,
 * create, mknod, mkdir, symlink, link, unlink, rmdir and rename (with
 * RENAME_NOREPLACE and RENAME_EXCHANGE), on top of the entry handling
 * in dir.c. Link counts follow Linux: a directory's ".." is a link of
 * its parent.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/dcache.h>
#include <uapi/umk/fcntl.h>
#include "ext2.h"

static struct dentry *ext2_lookup(struct inode *dir, struct dentry *dentry)
{
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	struct inode *inode = NULL;
	int err = ext2_find_entry(dir, dentry->d_name.name, dentry->d_name.len,
			     &bh, &de, NULL);

	if (err && err != -ENOENT)
		return ERR_PTR(err);
	if (!err) {
		u32 ino = de->inode;

		brelse(bh);
		inode = ext2_iget(dir->i_sb, ino);
		if (IS_ERR(inode))
			return ERR_PTR(PTR_ERR(inode));
	}
	d_add(dentry, inode);
	return NULL;
}

/* Links a new inode into dir under dentry's name. */
static int add_nondir(struct inode *dir, struct dentry *dentry,
		      struct inode *inode)
{
	int err = ext2_add_entry(dir, dentry->d_name.name, dentry->d_name.len,
			    inode);

	if (err) {
		inode_dec_link_count(inode);
		iput(inode);
		return err;
	}
	ext2_write_inode(inode, false);
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_mknod(struct inode *dir, struct dentry *dentry, umode_t mode,
		      dev_t rdev)
{
	struct inode *inode;

	inode = ext2_new_inode(dir, mode);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (!S_ISREG(mode)) {
		inode->i_rdev = rdev;
		ext2_set_inode_ops(inode);
	}
	return add_nondir(dir, dentry, inode);
}

static int ext2_create(struct inode *dir, struct dentry *dentry,
		       umode_t mode)
{
	return ext2_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFREG, 0);
}

static int ext2_symlink(struct inode *dir, struct dentry *dentry,
			const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	struct buffer_head *bh;
	u32 phys;
	int err;

	if (len >= dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->i_size = len;
	if (len < sizeof(EXT2_I(inode)->i_data)) {
		memcpy(EXT2_I(inode)->i_data, target, len);
		return add_nondir(dir, dentry, inode);
	}
	err = ext2_get_block(inode, 0, true, &phys, NULL);
	bh = err ? NULL : getblk(EXT2_SB(dir->i_sb)->s_bdev, phys,
				 dir->i_sb->s_blocksize);
	if (!bh) {
		inode_dec_link_count(inode);
		iput(inode);
		return err ? err : -EIO;
	}
	memset(bh->b_data, 0, bh->b_size);
	memcpy(bh->b_data, target, len);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	brelse(bh);
	return add_nondir(dir, dentry, inode);
}

static int ext2_link(struct dentry *old, struct inode *dir,
		     struct dentry *dentry)
{
	struct inode *inode = old->d_inode;
	int err;

	if (inode->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode->i_ctime = current_time(inode);
	inode_inc_link_count(inode);
	ihold(inode);
	err = ext2_add_entry(dir, dentry->d_name.name, dentry->d_name.len, inode);
	if (err) {
		inode_dec_link_count(inode);
		iput(inode);
		return err;
	}
	ext2_write_inode(inode, false);
	d_instantiate(dentry, inode);
	return 0;
}

static int make_empty_dir(struct inode *inode, struct inode *parent)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	struct ext2_dir_entry *de;
	u32 phys;
	int err = ext2_get_block(inode, 0, true, &phys, NULL);

	if (err)
		return err;
	bh = getblk(EXT2_SB(sb)->s_bdev, phys, sb->s_blocksize);
	if (!bh)
		return -EIO;
	memset(bh->b_data, 0, bh->b_size);
	de = DE(bh, 0);
	ext2_set_entry(inode, de, ".", 1, inode);
	de->rec_len = EXT2_DIR_REC_LEN(1);
	de = DE(bh, de->rec_len);
	ext2_set_entry(inode, de, "..", 2, parent);
	de->rec_len = sb->s_blocksize - EXT2_DIR_REC_LEN(1);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->i_size = sb->s_blocksize;
	return 0;
}

static int ext2_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode;
	int err;

	if (dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | (mode & 07777));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	set_nlink(inode, 2);
	err = make_empty_dir(inode, dir);
	if (!err)
		err = ext2_add_entry(dir, dentry->d_name.name, dentry->d_name.len,
				inode);
	if (err) {
		set_nlink(inode, 0);
		iput(inode);
		return err;
	}
	inode_inc_link_count(dir);
	ext2_write_inode(dir, false);
	ext2_write_inode(inode, false);
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err = ext2_delete_entry(dir, dentry->d_name.name, dentry->d_name.len);

	if (err)
		return err;
	inode->i_ctime = dir->i_ctime;
	inode_dec_link_count(inode);
	ext2_write_inode(inode, false);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (!ext2_dir_is_empty(inode))
		return -ENOTEMPTY;
	err = ext2_delete_entry(dir, dentry->d_name.name, dentry->d_name.len);
	if (err)
		return err;
	set_nlink(inode, 0);
	inode->i_size = 0;
	ext2_write_inode(inode, false);
	inode_dec_link_count(dir);
	ext2_write_inode(dir, false);
	return 0;
}

/* RENAME_EXCHANGE: the two names swap their inodes. */
static int exchange(struct inode *old_dir, struct dentry *old,
		    struct inode *new_dir, struct dentry *new)
{
	struct inode *a = old->d_inode, *b = new->d_inode;
	int err = ext2_retarget_entry(old_dir, &old->d_name, b);

	if (!err)
		err = ext2_retarget_entry(new_dir, &new->d_name, a);
	if (err || old_dir == new_dir)
		goto out;
	if (S_ISDIR(a->i_mode)) {
		err = ext2_set_dotdot(a, new_dir);
		inode_inc_link_count(new_dir);
		inode_dec_link_count(old_dir);
	}
	if (S_ISDIR(b->i_mode)) {
		err = ext2_set_dotdot(b, old_dir) ?: err;
		inode_inc_link_count(old_dir);
		inode_dec_link_count(new_dir);
	}
out:
	a->i_ctime = b->i_ctime = current_time(a);
	ext2_write_inode(a, false);
	ext2_write_inode(b, false);
	ext2_write_inode(old_dir, false);
	ext2_write_inode(new_dir, false);
	return err;
}

static int ext2_rename(struct inode *old_dir, struct dentry *old,
		       struct inode *new_dir, struct dentry *new,
		       unsigned int flags)
{
	struct inode *inode = old->d_inode, *target = new->d_inode;
	bool isdir = S_ISDIR(inode->i_mode);
	int err;

	if (flags & RENAME_EXCHANGE)
		return target ? exchange(old_dir, old, new_dir, new) : -ENOENT;
	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	if (target && isdir && !ext2_dir_is_empty(target))
		return -ENOTEMPTY;
	if (target) {
		struct ext2_dir_entry *de;
		struct buffer_head *bh;

		err = ext2_find_entry(new_dir, new->d_name.name, new->d_name.len,
				 &bh, &de, NULL);
		if (err)
			return err;
		ext2_set_entry(new_dir, de, new->d_name.name, new->d_name.len,
			  inode);
		mark_buffer_dirty(bh);
		brelse(bh);
		ext2_dir_changed(new_dir);
		target->i_ctime = current_time(target);
		if (isdir) {
			set_nlink(target, 0);
			inode_dec_link_count(new_dir);
		} else {
			inode_dec_link_count(target);
		}
		ext2_write_inode(target, false);
	} else {
		err = ext2_add_entry(new_dir, new->d_name.name, new->d_name.len,
				inode);
		if (err)
			return err;
	}
	err = ext2_delete_entry(old_dir, old->d_name.name, old->d_name.len);
	if (err)
		return err;
	/* A directory's ".." counts as a link of its parent. */
	if (isdir && old_dir != new_dir) {
		err = ext2_set_dotdot(inode, new_dir);
		inode_inc_link_count(new_dir);
		inode_dec_link_count(old_dir);
	}
	inode->i_ctime = current_time(inode);
	ext2_write_inode(inode, false);
	ext2_write_inode(old_dir, false);
	ext2_write_inode(new_dir, false);
	return err;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mknod = ext2_mknod,
	.mkdir = ext2_mkdir,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
};
