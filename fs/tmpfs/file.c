/*
 * file.c - tmpfs regular files and symlinks. File data is the page
 * cache and nothing else: pages are charged to the filesystem's size
 * limit when they join the cache (a full tmpfs gives ENOSPC) and
 * uncharged when truncation drops them.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include "tmpfs.h"

static int tmpfs_charge_page(struct address_space *m)
{
	struct inode *inode = m->host;
	struct tmpfs_sb_info *sbi = TMPFS_SB(inode->i_sb);

	if (sbi->used_blocks >= sbi->max_blocks)
		return -ENOSPC;
	sbi->used_blocks++;
	inode->i_blocks += PAGE_SIZE / 512;
	return 0;
}

static void tmpfs_uncharge_page(struct address_space *m)
{
	struct inode *inode = m->host;
	struct tmpfs_sb_info *sbi = TMPFS_SB(inode->i_sb);

	sbi->used_blocks--;
	inode->i_blocks -= PAGE_SIZE / 512;
}

/* No readpage: holes read as zeroes; no writepage: memory is the store. */
const struct address_space_operations tmpfs_aops = {
	.charge_page = tmpfs_charge_page,
	.uncharge_page = tmpfs_uncharge_page,
};

const struct file_operations tmpfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.fsync = noop_fsync,
};

const struct inode_operations tmpfs_file_inode_operations = {
	.setattr = simple_setattr,
};

static int tmpfs_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t len = min((size_t)inode->i_size, size);

	memcpy(buf, TMPFS_I(inode)->link, len);
	return len;
}

const struct inode_operations tmpfs_symlink_inode_operations = {
	.get_link = tmpfs_get_link,
};
