/*
 * file.c - ext2 regular files, symlinks and special inodes: reads and
 * mmap through the page cache, writes that take their disk blocks
 * before copying (so a full disk is -ENOSPC at write(), not later),
 * fsync, and symlink bodies (in the inode, or in one block).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/uio.h>
#include "ext2.h"

/*
 * Gives the blocks under [pos, pos + len) disk space, page by page. A
 * page is brought into the cache first so that a block allocated now
 * is never read from disk before it was written. Bytes covered.
 */
static ssize_t reserve_range(struct inode *inode, loff_t pos, size_t len)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = sb->s_blocksize_bits;
	loff_t end = pos + len, p = pos;

	while (p < end) {
		u64 index = p >> PAGE_SHIFT;
		loff_t pstart = (loff_t)index << PAGE_SHIFT;
		loff_t pend = min(pstart + (loff_t)PAGE_SIZE, end);
		bool full = (p == pstart && pend - pstart == PAGE_SIZE) ||
			    pstart >= inode->i_size;
		struct page *page = filemap_grab_page(inode->i_mapping, index,
						      full);
		int err = 0;

		if (IS_ERR(page))
			return p > pos ? p - pos : PTR_ERR(page);
		for (u64 b = p >> bits; !err && ((loff_t)b << bits) < pend;
		     b++) {
			u32 phys;

			err = ext2_get_block(inode, b, true, &phys, NULL);
			if (!err)
				p = min((loff_t)(b + 1) << bits, end);
		}
		put_page(page);
		if (err)
			return p > pos ? p - pos : err;
	}
	return len;
}

static ssize_t ext2_file_write_iter(struct file *file, struct iov_iter *from,
				    loff_t *pos)
{
	struct inode *inode = file_inode(file);
	loff_t start = (file->f_flags & O_APPEND) ? inode->i_size : *pos;
	size_t count = iov_iter_count(from);
	ssize_t got;

	if (!count)
		return 0;
	if (start >= inode->i_sb->s_maxbytes)
		return -EFBIG;
	if (count > (u64)(inode->i_sb->s_maxbytes - start))
		count = inode->i_sb->s_maxbytes - start;
	mutex_lock(&inode->i_rwsem);
	got = reserve_range(inode, start, count);
	mutex_unlock(&inode->i_rwsem);
	if (got < 0)
		return got;
	iov_iter_truncate(from, got);
	return generic_file_write_iter(file, from, pos);
}

int ext2_fsync(struct file *file, bool datasync)
{
	struct inode *inode = file_inode(file);
	int err = 0, e;

	if (S_ISREG(inode->i_mode))
		err = filemap_write_and_wait(inode->i_mapping);
	e = ext2_write_inode(inode, false);
	if (!err)
		err = e;
	e = blkdev_fsync(EXT2_SB(inode->i_sb)->s_bdev);
	return err ? err : e;
}

const struct file_operations ext2_file_ops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = ext2_file_write_iter,
	.fsync = ext2_fsync,
};

const struct inode_operations ext2_file_iops = {
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_special_iops = {
	.setattr = ext2_setattr,
};

static int ext2_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t len = min((size_t)inode->i_size, size);
	struct buffer_head *bh;
	u32 phys;
	int err;

	if (inode->i_blocks == 0) {
		if (inode->i_size > (loff_t)sizeof(EXT2_I(inode)->i_data))
			return -EIO;
		memcpy(buf, EXT2_I(inode)->i_data, len);
		return len;
	}
	err = ext2_get_block(inode, 0, false, &phys, NULL);
	if (err)
		return err;
	if (!phys || inode->i_size > (loff_t)inode->i_sb->s_blocksize)
		return -EIO;
	bh = bread(EXT2_SB(inode->i_sb)->s_bdev, phys,
		   inode->i_sb->s_blocksize);
	if (!bh)
		return -EIO;
	memcpy(buf, bh->b_data, len);
	brelse(bh);
	return len;
}

const struct inode_operations ext2_symlink_iops = {
	.get_link = ext2_get_link,
	.setattr = ext2_setattr,
};
