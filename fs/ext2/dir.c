/*
 * dir.c - ext2 directory entries: linear entries in blocks (read
 * through the buffer cache and checked), readdir, finding, adding,
 * retargeting and removing entries under the rec_len rules. The
 * namespace operations on top are in namei.c. Indexed (htree)
 * directories are read linearly; the index flag is cleared on the
 * first change, as Linux's ext2 does, so the index is rebuilt by e2fsck
 * -D rather than trusted stale.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/dcache.h>
#include <uapi/umk/dirent.h>
#include <uapi/umk/fcntl.h>
#include "ext2.h"

int ext2_check_dirent(const struct ext2_dir_entry *de, unsigned int off,
		      unsigned int bsize)
{
	if (de->rec_len < EXT2_DIR_REC_LEN(1) || (de->rec_len & 3) ||
	    off + de->rec_len > bsize ||
	    (de->inode && de->rec_len < EXT2_DIR_REC_LEN(de->name_len)))
		return -EIO;
	return 0;
}

static unsigned char ft_of(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

static unsigned long dir_blocks(struct inode *dir)
{
	return dir->i_size >> dir->i_sb->s_blocksize_bits;
}

/* Block n of dir, checked entry by entry; NULL for a hole, or ERR_PTR. */
static struct buffer_head *dir_block(struct inode *dir, unsigned long n)
{
	struct super_block *sb = dir->i_sb;
	struct buffer_head *bh;
	unsigned int off;
	u32 phys;
	int err = ext2_get_block(dir, n, false, &phys, NULL);

	if (err)
		return ERR_PTR(err);
	if (!phys)
		return NULL;
	bh = bread(EXT2_SB(sb)->s_bdev, phys, sb->s_blocksize);
	if (!bh)
		return ERR_PTR(-EIO);
	for (off = 0; off < sb->s_blocksize; off += DE(bh, off)->rec_len) {
		if (ext2_check_dirent(DE(bh, off), off, sb->s_blocksize)) {
			brelse(bh);
			ext2_error(sb, __func__, "directory %llu block %lu: bad entry at %u",
				   (unsigned long long)dir->i_ino, n, off);
			return ERR_PTR(-EIO);
		}
	}
	return bh;
}

static int ext2_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	unsigned int bits = dir->i_sb->s_blocksize_bits;
	unsigned int bs = dir->i_sb->s_blocksize;

	while (ctx->pos < dir->i_size) {
		unsigned long n = ctx->pos >> bits;
		struct buffer_head *bh = dir_block(dir, n);
		unsigned int off;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!bh) {
			ctx->pos = (loff_t)(n + 1) << bits;
			continue;
		}
		for (off = 0; off < bs; off += DE(bh, off)->rec_len) {
			struct ext2_dir_entry *de = DE(bh, off);
			loff_t here = ((loff_t)n << bits) + off;
			unsigned int type = DT_UNKNOWN;

			if (here < ctx->pos || !de->inode)
				continue;
			if (ext2_has_filetype(dir->i_sb) &&
			    de->file_type <= EXT2_FT_SYMLINK) {
				static const unsigned char dt[] = {
					DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR,
					DT_BLK, DT_FIFO, DT_SOCK, DT_LNK };
				type = dt[de->file_type];
			}
			if (!ctx->actor(ctx, de->name, de->name_len,
					here + de->rec_len, de->inode, type)) {
				brelse(bh);
				return 0;
			}
			ctx->pos = here + de->rec_len;
		}
		brelse(bh);
		ctx->pos = (loff_t)(n + 1) << bits;
	}
	return 0;
}

/* Finds name: its block (referenced), entry and the one before it. */
int ext2_find_entry(struct inode *dir, const char *name, unsigned int len,
		    struct buffer_head **bhp, struct ext2_dir_entry **dep,
		    struct ext2_dir_entry **prevp)
{
	unsigned int bs = dir->i_sb->s_blocksize;

	for (unsigned long n = 0; n < dir_blocks(dir); n++) {
		struct buffer_head *bh = dir_block(dir, n);
		struct ext2_dir_entry *prev = NULL;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!bh)
			continue;
		for (unsigned int off = 0; off < bs;
		     off += DE(bh, off)->rec_len) {
			struct ext2_dir_entry *de = DE(bh, off);

			if (de->inode && de->name_len == len &&
			    !memcmp(de->name, name, len)) {
				*bhp = bh;
				*dep = de;
				if (prevp)
					*prevp = prev;
				return 0;
			}
			prev = de;
		}
		brelse(bh);
	}
	return -ENOENT;
}

void ext2_dir_changed(struct inode *dir)
{
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	dir->i_mtime = dir->i_ctime = current_time(dir);
	ext2_write_inode(dir, false);
}

void ext2_set_entry(struct inode *dir, struct ext2_dir_entry *de,
		    const char *name, unsigned int len, struct inode *inode)
{
	de->inode = inode->i_ino;
	de->name_len = len;
	de->file_type = ext2_has_filetype(dir->i_sb) ? ft_of(inode->i_mode) :
			0;
	memcpy(de->name, name, len);
}

/* Space for an entry of need bytes in bh: the entry to put it in. */
static struct ext2_dir_entry *room_in(struct buffer_head *bh,
				      unsigned int bs, unsigned int need)
{
	for (unsigned int off = 0; off < bs; off += DE(bh, off)->rec_len) {
		struct ext2_dir_entry *de = DE(bh, off);
		unsigned int used = de->inode ?
				    EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (de->rec_len - used < need)
			continue;
		if (used) {
			struct ext2_dir_entry *nde = DE(bh, off + used);

			nde->rec_len = de->rec_len - used;
			nde->inode = 0;
			de->rec_len = used;
			de = nde;
		}
		return de;
	}
	return NULL;
}

int ext2_add_entry(struct inode *dir, const char *name, unsigned int len,
		   struct inode *inode)
{
	struct super_block *sb = dir->i_sb;
	unsigned int bs = sb->s_blocksize, need = EXT2_DIR_REC_LEN(len);
	unsigned long n;
	struct buffer_head *bh;
	struct ext2_dir_entry *de;
	u32 phys;
	int err;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (n = 0; n < dir_blocks(dir); n++) {
		bh = dir_block(dir, n);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!bh)
			continue;
		de = room_in(bh, bs, need);
		if (de)
			goto found;
		brelse(bh);
	}
	err = ext2_get_block(dir, n, true, &phys, NULL);
	if (err)
		return err;
	bh = getblk(EXT2_SB(sb)->s_bdev, phys, bs);
	if (!bh)
		return -EIO;
	memset(bh->b_data, 0, bs);
	set_buffer_uptodate(bh);
	de = DE(bh, 0);
	de->rec_len = bs;
	dir->i_size = (loff_t)(n + 1) * bs;
found:
	ext2_set_entry(dir, de, name, len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	ext2_dir_changed(dir);
	return 0;
}

int ext2_delete_entry(struct inode *dir, const char *name, unsigned int len)
{
	struct ext2_dir_entry *de, *prev;
	struct buffer_head *bh;
	int err = ext2_find_entry(dir, name, len, &bh, &de, &prev);

	if (err)
		return err;
	if (prev)
		prev->rec_len += de->rec_len;
	else {			/* the first of its block: left unused */
		de->inode = 0;
		de->name_len = 0;
		de->file_type = 0;
	}
	mark_buffer_dirty(bh);
	brelse(bh);
	ext2_dir_changed(dir);
	return 0;
}

/* Only "." and ".." (or nothing readable: then not empty). */
bool ext2_dir_is_empty(struct inode *dir)
{
	unsigned int bs = dir->i_sb->s_blocksize;

	for (unsigned long n = 0; n < dir_blocks(dir); n++) {
		struct buffer_head *bh = dir_block(dir, n);

		if (IS_ERR(bh))
			return false;
		if (!bh)
			continue;
		for (unsigned int off = 0; off < bs;
		     off += DE(bh, off)->rec_len) {
			struct ext2_dir_entry *de = DE(bh, off);

			if (!de->inode)
				continue;
			if ((de->name_len == 1 && de->name[0] == '.') ||
			    (de->name_len == 2 && de->name[0] == '.' &&
			     de->name[1] == '.'))
				continue;
			brelse(bh);
			return false;
		}
		brelse(bh);
	}
	return true;
}

/* Points a moved directory's ".." at its new parent. */
int ext2_set_dotdot(struct inode *inode, struct inode *parent)
{
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	int err = ext2_find_entry(inode, "..", 2, &bh, &de, NULL);

	if (err)
		return err == -ENOENT ? -EIO : err;
	de->inode = parent->i_ino;
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/* Points the entry name of dir at inode (a rename over an entry). */
int ext2_retarget_entry(struct inode *dir, const struct qstr *name,
			struct inode *inode)
{
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	int err = ext2_find_entry(dir, name->name, name->len, &bh, &de, NULL);

	if (err)
		return err == -ENOENT ? -EIO : err;
	ext2_set_entry(dir, de, name->name, name->len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	ext2_dir_changed(dir);
	return 0;
}

const struct file_operations ext2_dir_ops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = ext2_iterate,
	.fsync = ext2_fsync,
};
