/*
 * alloc.c - block and inode allocation from the group bitmaps, keeping
 * each group descriptor's and the superblock's free counts in step
 * with the bitmaps (under sbi->s_lock). A bitmap that disagrees with
 * what is being freed or allocated is corruption: ext2_error and -EIO.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/sched.h>
#include <umk/ktime.h>
#include "ext2.h"

static bool test_bit_le(const u8 *map, unsigned int nr)
{
	return map[nr >> 3] & (1U << (nr & 7));
}

static void change_bit_le(u8 *map, unsigned int nr, bool set)
{
	if (set)
		map[nr >> 3] |= 1U << (nr & 7);
	else
		map[nr >> 3] &= ~(1U << (nr & 7));
}

/* The first clear bit of map[0..size) at or after from, else -1. */
int ext2_find_zero_bit(const u8 *map, unsigned int size, unsigned int from)
{
	for (unsigned int i = from; i < size; i++) {
		if (!(i & 7) && i + 8 <= size && map[i >> 3] == 0xff) {
			i += 7;
			continue;
		}
		if (!test_bit_le(map, i))
			return i;
	}
	return -1;
}

unsigned long ext2_count_free(const u8 *map, unsigned int bits)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < bits; i++)
		n += !test_bit_le(map, i);
	return n;
}

static unsigned int blocks_in_group(struct ext2_sb_info *sbi,
				    unsigned long g)
{
	u64 first = sbi->s_es->s_first_data_block +
		    (u64)g * sbi->s_blocks_per_group;
	u64 left = sbi->s_es->s_blocks_count - first;

	return left < sbi->s_blocks_per_group ? left : sbi->s_blocks_per_group;
}

/* Is block one of group g's own metadata blocks (bitmaps, table)? */
static bool is_group_metadata(struct ext2_sb_info *sbi,
			      struct ext2_group_desc *gd, u32 block)
{
	return block == gd->bg_block_bitmap || block == gd->bg_inode_bitmap ||
	       (block >= gd->bg_inode_table &&
		block < gd->bg_inode_table + sbi->s_itb_per_group);
}

static void count_blocks(struct super_block *sb, struct ext2_group_desc *gd,
			 struct buffer_head *gdbh, int delta)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	gd->bg_free_blocks_count += delta;
	sbi->s_es->s_free_blocks_count += delta;
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(sbi->s_sbh);
}

static bool may_use_reserved(struct ext2_sb_info *sbi)
{
	return current_fsuid() == 0 ||
	       current_fsuid() == sbi->s_es->s_def_resuid;
}

int ext2_new_block(struct inode *inode, u64 goal, u32 *out)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	unsigned long g, start;
	int err = -ENOSPC;

	if (goal < es->s_first_data_block || goal >= es->s_blocks_count)
		goal = es->s_first_data_block;
	start = (goal - es->s_first_data_block) / sbi->s_blocks_per_group;
	mutex_lock(&sbi->s_lock);
	if (es->s_free_blocks_count <= es->s_r_blocks_count &&
	    !may_use_reserved(sbi))
		goto out;
	for (unsigned long n = 0; n < sbi->s_groups_count; n++) {
		struct buffer_head *gdbh, *bh;
		struct ext2_group_desc *gd;
		unsigned int from = 0, size;
		int bit;

		g = (start + n) % sbi->s_groups_count;
		gd = ext2_get_group_desc(sb, g, &gdbh);
		if (!gd->bg_free_blocks_count)
			continue;
		if (n == 0)
			from = (goal - es->s_first_data_block) %
			       sbi->s_blocks_per_group;
		bh = bread(sbi->s_bdev, gd->bg_block_bitmap, sb->s_blocksize);
		if (!bh) {
			err = -EIO;
			goto out;
		}
		size = blocks_in_group(sbi, g);
		bit = ext2_find_zero_bit((u8 *)bh->b_data, size, from);
		if (bit < 0 && from)
			bit = ext2_find_zero_bit((u8 *)bh->b_data, size, 0);
		if (bit < 0) {
			brelse(bh);
			continue;
		}
		*out = es->s_first_data_block + g * sbi->s_blocks_per_group +
		       bit;
		if (is_group_metadata(sbi, gd, *out)) {
			brelse(bh);
			mutex_unlock(&sbi->s_lock);
			ext2_error(sb, __func__,
				   "block bitmap of group %lu frees metadata block %u",
				   g, *out);
			return -EIO;
		}
		change_bit_le((u8 *)bh->b_data, bit, true);
		mark_buffer_dirty(bh);
		brelse(bh);
		count_blocks(sb, gd, gdbh, -1);
		inode->i_blocks += sb->s_blocksize >> 9;
		err = 0;
		break;
	}
out:
	mutex_unlock(&sbi->s_lock);
	return err;
}

void ext2_free_blocks(struct inode *inode, u32 block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	for (; count; count--, block++) {
		struct buffer_head *gdbh, *bh;
		struct ext2_group_desc *gd;
		unsigned long g, bit;

		if (block < es->s_first_data_block ||
		    block >= es->s_blocks_count) {
			ext2_error(sb, __func__, "freeing bad block %u (inode %llu)",
				   block, (unsigned long long)inode->i_ino);
			return;
		}
		g = (block - es->s_first_data_block) / sbi->s_blocks_per_group;
		bit = (block - es->s_first_data_block) %
		      sbi->s_blocks_per_group;
		mutex_lock(&sbi->s_lock);
		gd = ext2_get_group_desc(sb, g, &gdbh);
		bh = is_group_metadata(sbi, gd, block) ? NULL :
		     bread(sbi->s_bdev, gd->bg_block_bitmap, sb->s_blocksize);
		if (!bh || !test_bit_le((u8 *)bh->b_data, bit)) {
			brelse(bh);
			mutex_unlock(&sbi->s_lock);
			ext2_error(sb, __func__, "bit for block %u already clear or metadata (inode %llu)",
				   block, (unsigned long long)inode->i_ino);
			continue;
		}
		change_bit_le((u8 *)bh->b_data, bit, false);
		mark_buffer_dirty(bh);
		brelse(bh);
		count_blocks(sb, gd, gdbh, 1);
		if (inode->i_blocks >= (sb->s_blocksize >> 9))
			inode->i_blocks -= sb->s_blocksize >> 9;
		mutex_unlock(&sbi->s_lock);
	}
}

/* Finds and takes a free inode number near dir's group; 0 if none. */
static u64 take_inode_number(struct super_block *sb, struct inode *dir,
			     bool isdir, int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long start = EXT2_I(dir)->i_block_group;

	*err = -ENOSPC;
	for (unsigned long n = 0; n < sbi->s_groups_count; n++) {
		unsigned long g = (start + n) % sbi->s_groups_count;
		struct buffer_head *gdbh, *bh;
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, &gdbh);
		unsigned int from = 0;
		int bit;

		if (!gd->bg_free_inodes_count)
			continue;
		if (g == 0)
			from = sbi->s_first_ino - 1;
		bh = bread(sbi->s_bdev, gd->bg_inode_bitmap, sb->s_blocksize);
		if (!bh) {
			*err = -EIO;
			return 0;
		}
		bit = ext2_find_zero_bit((u8 *)bh->b_data,
					 sbi->s_inodes_per_group, from);
		if (bit < 0) {
			brelse(bh);
			continue;
		}
		change_bit_le((u8 *)bh->b_data, bit, true);
		mark_buffer_dirty(bh);
		brelse(bh);
		gd->bg_free_inodes_count--;
		if (isdir)
			gd->bg_used_dirs_count++;
		sbi->s_es->s_free_inodes_count--;
		mark_buffer_dirty(gdbh);
		mark_buffer_dirty(sbi->s_sbh);
		*err = 0;
		return (u64)g * sbi->s_inodes_per_group + bit + 1;
	}
	return 0;
}

struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei;
	struct inode *inode;
	u64 ino;
	int err;

	mutex_lock(&sbi->s_lock);
	ino = take_inode_number(sb, dir, S_ISDIR(mode), &err);
	mutex_unlock(&sbi->s_lock);
	if (!ino)
		return ERR_PTR(err);
	inode = iget_locked(sb, ino);
	if (!inode || !(inode->i_state & I_NEW)) {
		if (inode)
			iput(inode);
		ext2_error(sb, __func__, "inode %llu in use but free in bitmap",
			   (unsigned long long)ino);
		return ERR_PTR(inode ? -EIO : -ENOMEM);
	}
	ei = EXT2_I(inode);
	inode_init_owner(inode, dir, mode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_blocks = 0;
	inode->i_size = 0;
	set_nlink(inode, 1);
	memset(ei->i_data, 0, sizeof(ei->i_data));
	ei->i_flags = 0;
	ei->i_dtime = 0;
	ei->i_block_group = (ino - 1) / sbi->s_inodes_per_group;
	inode->i_generation = (u32)ktime_get_real_ns();
	ext2_set_inode_ops(inode);
	err = ext2_write_inode(inode, false);
	unlock_new_inode(inode);
	if (err) {
		set_nlink(inode, 0);
		iput(inode);
		return ERR_PTR(err);
	}
	return inode;
}

void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u64 ino = inode->i_ino;
	unsigned long g = (ino - 1) / sbi->s_inodes_per_group;
	unsigned long bit = (ino - 1) % sbi->s_inodes_per_group;
	struct buffer_head *gdbh, *bh;
	struct ext2_group_desc *gd;

	if (ino < sbi->s_first_ino || ino > sbi->s_es->s_inodes_count) {
		ext2_error(sb, __func__, "freeing reserved inode %llu",
			   (unsigned long long)ino);
		return;
	}
	mutex_lock(&sbi->s_lock);
	gd = ext2_get_group_desc(sb, g, &gdbh);
	bh = bread(sbi->s_bdev, gd->bg_inode_bitmap, sb->s_blocksize);
	if (!bh || !test_bit_le((u8 *)bh->b_data, bit)) {
		brelse(bh);
		mutex_unlock(&sbi->s_lock);
		ext2_error(sb, __func__, "bit for inode %llu already clear",
			   (unsigned long long)ino);
		return;
	}
	change_bit_le((u8 *)bh->b_data, bit, false);
	mark_buffer_dirty(bh);
	brelse(bh);
	gd->bg_free_inodes_count++;
	if (S_ISDIR(inode->i_mode) && gd->bg_used_dirs_count)
		gd->bg_used_dirs_count--;
	sbi->s_es->s_free_inodes_count++;
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(sbi->s_sbh);
	mutex_unlock(&sbi->s_lock);
}
