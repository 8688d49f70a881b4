/*
 * fops.c - the file operations of block-special inodes (/dev/ubda):
 * open finds the disk by the inode's device number, read and write go
 * through the buffer cache at f_pos, so they share cached blocks with a
 * filesystem on the same disk and partial blocks are read, patched and
 * written back. fsync writes back and flushes the disk.
 */
#include <string.h>
#include <limits.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/blkdev.h>
#include <umk/buffer_head.h>
#include <uapi/umk/fcntl.h>

static int blkdev_open(struct inode *inode, struct file *file)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	if ((file->f_mode & FMODE_WRITE) && bdev_read_only(bdev)) {
		blkdev_put(bdev);
		return -EROFS;
	}
	file->private_data = bdev;
	return 0;
}

static int blkdev_release(struct inode *inode, struct file *file)
{
	blkdev_put(file->private_data);
	return 0;
}

/*
 * The block size for file I/O: the filesystem's if one set it (so its
 * buffers are the ones we use), else the largest up to 4096 that
 * divides the disk, so the last block is whole.
 */
static unsigned int io_block_size(struct block_device *bdev)
{
	u64 size = bdev_size_bytes(bdev);
	unsigned int bs = bdev->bd_block_size ? bdev->bd_block_size : 4096;

	while (bs > SECTOR_SIZE && size % bs)
		bs >>= 1;
	return bs;
}

static ssize_t blkdev_read_iter(struct file *file, struct iov_iter *to,
				loff_t *pos)
{
	struct block_device *bdev = file->private_data;
	unsigned int bs = io_block_size(bdev);
	u64 size = bdev_size_bytes(bdev);
	ssize_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	while (iov_iter_count(to) && (u64)*pos < size) {
		unsigned int off = *pos % bs;
		size_t n = min((u64)(bs - off), size - *pos);
		struct buffer_head *bh;
		size_t copied;

		n = min(n, iov_iter_count(to));
		bh = bread(bdev, *pos / bs, bs);
		if (!bh)
			return done ? done : -EIO;
		copied = copy_to_iter(bh->b_data + off, n, to);
		brelse(bh);
		*pos += copied;
		done += copied;
		if (copied < n)
			return done ? done : -EFAULT;
	}
	return done;
}

static ssize_t blkdev_write_iter(struct file *file, struct iov_iter *from,
				 loff_t *pos)
{
	struct block_device *bdev = file->private_data;
	unsigned int bs = io_block_size(bdev);
	u64 size = bdev_size_bytes(bdev);
	ssize_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	if (bdev_read_only(bdev))
		return -EPERM;
	if (iov_iter_count(from) && (u64)*pos >= size)
		return -ENOSPC;
	while (iov_iter_count(from) && (u64)*pos < size) {
		unsigned int off = *pos % bs;
		size_t n = min((u64)(bs - off), size - *pos);
		struct buffer_head *bh;
		size_t copied;

		n = min(n, iov_iter_count(from));
		/* A whole block need not be read first. */
		if (n == bs)
			bh = getblk(bdev, *pos / bs, bs);
		else
			bh = bread(bdev, *pos / bs, bs);
		if (!bh)
			return done ? done : -EIO;
		lock_buffer(bh);
		copied = copy_from_iter(bh->b_data + off, n, from);
		if (n == bs && copied < n && !buffer_uptodate(bh))
			copied = 0;	/* the rest of the block is garbage */
		if (copied) {
			set_buffer_uptodate(bh);
			mark_buffer_dirty(bh);
		}
		unlock_buffer(bh);
		brelse(bh);
		*pos += copied;
		done += copied;
		if (copied < n)
			return done ? done : -EFAULT;
	}
	if ((file->f_flags & (O_SYNC | O_DSYNC)) && done > 0) {
		int err = blkdev_fsync(bdev);

		if (err)
			return err;
	}
	return done;
}

static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	struct block_device *bdev = file->private_data;
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = bdev_size_bytes(bdev);
		break;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > LLONG_MAX - offset) || base + offset < 0)
		return -EINVAL;
	file->f_pos = base + offset;
	return file->f_pos;
}

static long blkdev_file_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	return blkdev_ioctl(file->private_data, cmd, arg);
}

static int blkdev_file_fsync(struct file *file, bool datasync)
{
	return blkdev_fsync(file->private_data);
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.release = blkdev_release,
	.llseek = blkdev_llseek,
	.read_iter = blkdev_read_iter,
	.write_iter = blkdev_write_iter,
	.unlocked_ioctl = blkdev_file_ioctl,
	.fsync = blkdev_file_fsync,
};
