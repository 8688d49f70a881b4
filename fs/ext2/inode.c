/*
 * inode.c - ext2 inodes: reading and writing them in the inode tables,
 * the block tree (12 direct, then single, double and triple indirect
 * blocks), the page cache's readpage/writepage over it, truncation
 * (freeing data and indirect blocks) and eviction of unlinked inodes.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/ktime.h>
#include <umk/dcache.h>
#include "ext2.h"

static struct ext2_inode *raw_inode(struct super_block *sb, u64 ino,
				    struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g, idx;
	struct ext2_group_desc *gd;
	u64 off, block;

	if (ino < 1 || ino > sbi->s_es->s_inodes_count ||
	    (ino != EXT2_ROOT_INO && ino < sbi->s_first_ino)) {
		ext2_error(sb, __func__, "bad inode number %llu",
			   (unsigned long long)ino);
		return ERR_PTR(-EIO);
	}
	g = (ino - 1) / sbi->s_inodes_per_group;
	idx = (ino - 1) % sbi->s_inodes_per_group;
	gd = ext2_get_group_desc(sb, g, NULL);
	off = (u64)idx * sbi->s_inode_size;
	block = gd->bg_inode_table + (off >> sb->s_blocksize_bits);
	*bhp = bread(sbi->s_bdev, block, sb->s_blocksize);
	if (!*bhp)
		return ERR_PTR(-EIO);
	return (struct ext2_inode *)((*bhp)->b_data +
				     (off & (sb->s_blocksize - 1)));
}

static bool is_fast_symlink(struct inode *inode)
{
	return S_ISLNK(inode->i_mode) && inode->i_blocks == 0;
}

/* Does i_data hold block numbers (not a device number or a link)? */
static bool has_block_tree(struct inode *inode)
{
	return S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
	       (S_ISLNK(inode->i_mode) && !is_fast_symlink(inode));
}

void ext2_set_inode_ops(struct inode *inode)
{
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_iops;
		inode->i_fop = &ext2_file_ops;
		inode->i_mapping->a_ops = &ext2_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_iops;
		inode->i_fop = &ext2_dir_ops;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = &ext2_symlink_iops;
	} else {
		inode->i_op = &ext2_special_iops;
		init_special_inode(inode, inode->i_mode, inode->i_rdev);
	}
}

static void fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid | ((u32)raw->i_uid_high << 16);
	inode->i_gid = raw->i_gid | ((u32)raw->i_gid_high << 16);
	set_nlink(inode, raw->i_links_count);
	inode->i_size = raw->i_size;
	if (S_ISREG(inode->i_mode))
		inode->i_size |= (loff_t)raw->i_size_high << 32;
	inode->i_atime.tv_sec = (s32)raw->i_atime;
	inode->i_mtime.tv_sec = (s32)raw->i_mtime;
	inode->i_ctime.tv_sec = (s32)raw->i_ctime;
	inode->i_blocks = raw->i_blocks;
	inode->i_generation = raw->i_generation;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_flags = raw->i_flags;
	ei->i_dtime = raw->i_dtime;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		if (raw->i_block[0])	/* old 8:8 encoding */
			inode->i_rdev = MKDEV((raw->i_block[0] >> 8) & 0xff,
					      raw->i_block[0] & 0xff);
		else
			inode->i_rdev = new_decode_dev(raw->i_block[1]);
	}
}

struct inode *ext2_iget(struct super_block *sb, u64 ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	struct inode *inode;
	int err = -EIO;

	inode = iget_locked(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	EXT2_I(inode)->i_block_group = (ino - 1) / sbi->s_inodes_per_group;
	raw = raw_inode(sb, ino, &bh);
	if (IS_ERR(raw)) {
		err = PTR_ERR(raw);
		goto bad;
	}
	fill_inode(inode, raw);
	brelse(bh);
	if (!inode->i_nlink || !inode->i_mode) {
		ext2_error(sb, __func__, "inode %llu is deleted or unused",
			   (unsigned long long)ino);
		goto bad;
	}
	if ((inode->i_mode & S_IFMT) == 0 ||
	    (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode) &&
	     !S_ISLNK(inode->i_mode) && !S_ISCHR(inode->i_mode) &&
	     !S_ISBLK(inode->i_mode) && !S_ISFIFO(inode->i_mode) &&
	     !S_ISSOCK(inode->i_mode)) || inode->i_size < 0 ||
	    (S_ISLNK(inode->i_mode) && inode->i_size >= (loff_t)PAGE_SIZE)) {
		ext2_error(sb, __func__, "inode %llu has a bad mode 0%o or size",
			   (unsigned long long)ino, inode->i_mode);
		goto bad;
	}
	if (has_block_tree(inode)) {
		for (int i = 0; i < EXT2_N_BLOCKS; i++)
			if (EXT2_I(inode)->i_data[i] >= sbi->s_es->s_blocks_count) {
				ext2_error(sb, __func__, "inode %llu points past the end of the disk",
					   (unsigned long long)ino);
				goto bad;
			}
	}
	ext2_set_inode_ops(inode);
	unlock_new_inode(inode);
	return inode;
bad:
	EXT2_I(inode)->i_bad = true;
	set_nlink(inode, 0);
	unlock_new_inode(inode);
	iput(inode);
	return ERR_PTR(err);
}

int ext2_write_inode(struct inode *inode, bool sync)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	struct ext2_inode *raw, new;

	if (ei->i_bad || (sb->s_flags & SB_RDONLY))
		return 0;
	raw = raw_inode(sb, inode->i_ino, &bh);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	new = *raw;
	new.i_mode = inode->i_mode;
	new.i_uid = inode->i_uid & 0xffff;
	new.i_uid_high = inode->i_uid >> 16;
	new.i_gid = inode->i_gid & 0xffff;
	new.i_gid_high = inode->i_gid >> 16;
	new.i_links_count = inode->i_nlink;
	new.i_size = (u32)inode->i_size;
	new.i_size_high = S_ISREG(inode->i_mode) ? inode->i_size >> 32 : 0;
	new.i_atime = inode->i_atime.tv_sec;
	new.i_mtime = inode->i_mtime.tv_sec;
	new.i_ctime = inode->i_ctime.tv_sec;
	new.i_dtime = ei->i_dtime;
	new.i_blocks = inode->i_blocks;
	new.i_flags = ei->i_flags;
	new.i_generation = inode->i_generation;
	memcpy(new.i_block, ei->i_data, sizeof(new.i_block));
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		memset(new.i_block, 0, sizeof(new.i_block));
		new.i_block[1] = new_encode_dev(inode->i_rdev);
	}
	if (memcmp(&new, raw, sizeof(new))) {
		*raw = new;
		mark_buffer_dirty(bh);
	}
	if (sync)
		sync_dirty_buffer(bh);
	brelse(bh);
	return 0;
}

/* Indexes of block in each level of the tree; the depth, 0: too big. */
int ext2_block_to_path(unsigned int addr_bits, u64 block, int offsets[4])
{
	u64 per = 1ULL << addr_bits;

	if (block < EXT2_NDIR_BLOCKS) {
		offsets[0] = block;
		return 1;
	}
	block -= EXT2_NDIR_BLOCKS;
	if (block < per) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = block;
		return 2;
	}
	block -= per;
	if (block < per * per) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = block >> addr_bits;
		offsets[2] = block & (per - 1);
		return 3;
	}
	block -= per * per;
	if (block < per * per * per) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = block >> (2 * addr_bits);
		offsets[2] = (block >> addr_bits) & (per - 1);
		offsets[3] = block & (per - 1);
		return 4;
	}
	return 0;
}

static int alloc_one(struct inode *inode, u32 *out, bool zero)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	u64 goal = ei->i_last_alloc ? ei->i_last_alloc + 1 :
		   sbi->s_es->s_first_data_block +
		   (u64)ei->i_block_group * sbi->s_blocks_per_group;
	int err = ext2_new_block(inode, goal, out);

	if (err)
		return err;
	ei->i_last_alloc = *out;
	if (zero) {
		struct buffer_head *bh = getblk(sbi->s_bdev, *out,
						inode->i_sb->s_blocksize);

		if (!bh)
			return -EIO;
		memset(bh->b_data, 0, bh->b_size);
		set_buffer_uptodate(bh);
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	return 0;
}

static int get_block_locked(struct inode *inode, u64 iblock, bool create,
			    u32 *phys, bool *new)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 *slot = &EXT2_I(inode)->i_data[0];
	struct buffer_head *bh = NULL;
	int offsets[4], depth, err;

	*phys = 0;
	depth = ext2_block_to_path(sbi->s_addr_per_block_bits, iblock,
				   offsets);
	if (!depth)
		return -EFBIG;
	slot = &EXT2_I(inode)->i_data[offsets[0]];
	for (int level = 0; level < depth; level++) {
		u32 b;

		if (level)
			slot = (u32 *)bh->b_data + offsets[level];
		b = *slot;
		if (!b) {
			if (!create) {
				brelse(bh);
				return 0;
			}
			err = alloc_one(inode, &b, level + 1 < depth);
			if (err) {
				brelse(bh);
				return err;
			}
			*slot = b;
			if (bh)
				mark_buffer_dirty(bh);
			if (level + 1 == depth && new)
				*new = true;
		} else if (b >= sbi->s_es->s_blocks_count ||
			   b < sbi->s_es->s_first_data_block) {
			brelse(bh);
			ext2_error(sb, __func__, "inode %llu: bad block %u",
				   (unsigned long long)inode->i_ino, b);
			return -EIO;
		}
		brelse(bh);
		bh = NULL;
		if (level + 1 == depth) {
			*phys = b;
			return 0;
		}
		bh = bread(sbi->s_bdev, b, sb->s_blocksize);
		if (!bh)
			return -EIO;
	}
	return 0;
}

int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *phys,
		   bool *new)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	int err;

	if (create && (inode->i_sb->s_flags & SB_RDONLY))
		return -EROFS;
	mutex_lock(&ei->i_map_lock);
	err = get_block_locked(inode, iblock, create, phys, new);
	mutex_unlock(&ei->i_map_lock);
	return err;
}

/*
 * Moves a page from or to the disk, block by block; runs of adjacent
 * blocks go in one request. Holes read as zeroes; writing fills them.
 */
static int page_io(struct address_space *m, struct page *page, bool write)
{
	struct inode *inode = m->host;
	struct super_block *sb = inode->i_sb;
	struct block_device *bdev = EXT2_SB(sb)->s_bdev;
	unsigned int bits = sb->s_blocksize_bits, per = PAGE_SIZE >> bits;
	u64 first = (u64)page->index << (PAGE_SHIFT - bits);
	u64 nblocks = ((u64)inode->i_size + sb->s_blocksize - 1) >> bits;
	char *data = page_address(page);
	unsigned int run = 0, run_start = 0;
	u32 run_phys = 0;
	int err = 0;

	for (unsigned int i = 0; i <= per && !err; i++) {
		u32 phys = 0;

		if (i < per && first + i < nblocks)
			err = ext2_get_block(inode, first + i, write, &phys,
					     NULL);
		if (!err && run && phys && phys == run_phys + run) {
			run++;
			continue;
		}
		if (run && !err)
			err = blkdev_rw_sync(bdev, write ? REQ_OP_WRITE :
					     REQ_OP_READ,
					     (u64)run_phys << (bits - 9),
					     data + (run_start << bits),
					     run << bits, 0);
		run = 0;
		if (i < per && !phys && !write)
			memset(data + (i << bits), 0, 1U << bits);
		if (phys) {
			run = 1;
			run_start = i;
			run_phys = phys;
		}
	}
	if (err && err != -ENOSPC && err != -EFBIG)
		err = -EIO;
	return err;
}

static int ext2_readpage(struct address_space *m, struct page *page)
{
	return page_io(m, page, false);
}

static int ext2_writepage(struct address_space *m, struct page *page)
{
	return page_io(m, page, true);
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
};

/* Frees a whole subtree of depth levels under block b. */
static void free_tree(struct inode *inode, u32 b, int depth)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (depth > 0) {
		struct buffer_head *bh = bread(sbi->s_bdev, b,
					       sb->s_blocksize);

		if (!bh) {
			ext2_error(sb, __func__, "cannot read block %u", b);
			return;
		}
		for (unsigned int i = 0; i < sb->s_blocksize / 4; i++) {
			u32 c = ((u32 *)bh->b_data)[i];

			if (c && c < sbi->s_es->s_blocks_count)
				free_tree(inode, c, depth - 1);
		}
		bforget(bh);
	} else if (!S_ISREG(inode->i_mode)) {
		/*
		 * Directory and symlink blocks live in the buffer cache: a
		 * dirty copy left there would later overwrite whatever the
		 * block holds next (file data goes around the cache).
		 */
		struct buffer_head *bh = getblk(sbi->s_bdev, b,
						sb->s_blocksize);

		if (bh)
			bforget(bh);
	}
	ext2_free_blocks(inode, b, 1);
}

/*
 * Frees what *slot maps among logical blocks >= keep; the slot covers
 * blocks [base, base + per^depth).
 */
static void trunc_slot(struct inode *inode, u32 *slot, int depth, u64 base,
		       u64 keep, struct buffer_head *parent)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = EXT2_SB(sb)->s_addr_per_block_bits;
	u64 span = 1ULL << (bits * depth);
	struct buffer_head *bh;

	if (!*slot || base + span <= keep)
		return;
	if (*slot >= EXT2_SB(sb)->s_es->s_blocks_count) {
		ext2_error(sb, __func__, "inode %llu: bad block %u",
			   (unsigned long long)inode->i_ino, *slot);
		return;
	}
	if (base >= keep) {
		free_tree(inode, *slot, depth);
		*slot = 0;
		if (parent)
			mark_buffer_dirty(parent);
		return;
	}
	bh = bread(EXT2_SB(sb)->s_bdev, *slot, sb->s_blocksize);
	if (!bh)
		return;
	for (unsigned int i = 0; i < sb->s_blocksize / 4; i++)
		trunc_slot(inode, (u32 *)bh->b_data + i, depth - 1,
			   base + ((u64)i << (bits * (depth - 1))), keep, bh);
	brelse(bh);
}

int ext2_truncate_blocks(struct inode *inode, loff_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned int bits = EXT2_SB(inode->i_sb)->s_addr_per_block_bits;
	u64 keep = ((u64)size + inode->i_sb->s_blocksize - 1) >>
		   inode->i_sb->s_blocksize_bits;
	u64 base = EXT2_NDIR_BLOCKS;

	if (!has_block_tree(inode))
		return 0;
	mutex_lock(&ei->i_map_lock);
	for (int i = 0; i < EXT2_NDIR_BLOCKS; i++)
		trunc_slot(inode, &ei->i_data[i], 0, i, keep, NULL);
	for (int d = 1; d <= 3; d++) {
		trunc_slot(inode, &ei->i_data[EXT2_IND_BLOCK + d - 1], d,
			   base, keep, NULL);
		base += 1ULL << (bits * d);
	}
	ei->i_last_alloc = 0;
	mutex_unlock(&ei->i_map_lock);
	return ext2_write_inode(inode, false);
}

void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (ei->i_bad || inode->i_nlink ||
	    (inode->i_sb->s_flags & SB_RDONLY))
		return;
	ei->i_dtime = (u32)(ktime_get_real_ns() / 1000000000ULL);
	ext2_truncate_blocks(inode, 0);
	inode->i_size = 0;
	ext2_write_inode(inode, false);
	ext2_free_inode(inode);
}

/*
 * The bytes of the new last page beyond a shorter size are zero on disk
 * too (a later growth must read them as zero): the page is read in,
 * zeroed past the end and written back with the rest.
 */
static int zero_tail(struct inode *inode, loff_t size)
{
	unsigned int off = size & ~PAGE_MASK;
	struct page *page;

	if (!off)
		return 0;
	page = filemap_get_page(inode->i_mapping, size >> PAGE_SHIFT);
	if (IS_ERR(page))
		return PTR_ERR(page);
	memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
	set_page_dirty(page);
	put_page(page);
	return 0;
}

int ext2_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	loff_t old = inode->i_size;
	int err = simple_setattr(dentry, attr);

	if (err)
		return err;
	if ((attr->ia_valid & ATTR_SIZE) && inode->i_size < old) {
		err = ext2_truncate_blocks(inode, inode->i_size);
		if (!err && S_ISREG(inode->i_mode))
			err = zero_tail(inode, inode->i_size);
		if (err)
			return err;
	}
	return ext2_write_inode(inode, false);
}
