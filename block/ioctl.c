/*
 * ioctl.c - the block device ioctls of include/uapi/umk/fs_ioctl.h, as
 * Linux answers them for a whole disk. Results go to the guest through
 * copy_to_user(), so a bad pointer is -EFAULT.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/cred.h>
#include <umk/uaccess.h>
#include <umk/blkdev.h>
#include <umk/buffer_head.h>
#include <uapi/umk/fs_ioctl.h>

static int put_int(unsigned long arg, int val)
{
	return copy_to_user((void __user *)arg, &val, sizeof(val));
}

static int put_uint(unsigned long arg, unsigned int val)
{
	return copy_to_user((void __user *)arg, &val, sizeof(val));
}

static int flush_buffers(struct block_device *bdev)
{
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EACCES;
	err = sync_blockdev(bdev);
	invalidate_bdev(bdev);
	return err;
}

static int set_read_only(struct block_device *bdev, unsigned long arg)
{
	int ro;

	if (!capable(CAP_SYS_ADMIN))
		return -EACCES;
	if (copy_from_user(&ro, (const void __user *)arg, sizeof(ro)))
		return -EFAULT;
	bdev->bd_read_only = ro != 0;
	return 0;
}

int blkdev_ioctl(struct block_device *bdev, unsigned int cmd,
		 unsigned long arg)
{
	u64 bytes = bdev_size_bytes(bdev);
	unsigned long sectors = bdev_nr_sectors(bdev);

	switch (cmd) {
	case BLKGETSIZE64:
		return copy_to_user((void __user *)arg, &bytes, sizeof(bytes));
	case BLKGETSIZE:
		return copy_to_user((void __user *)arg, &sectors,
				    sizeof(sectors));
	case BLKSSZGET:
		return put_int(arg, bdev_logical_block_size(bdev));
	case BLKPBSZGET:
	case BLKIOMIN:
		return put_uint(arg, bdev_logical_block_size(bdev));
	case BLKIOOPT:
		return put_uint(arg, 0);
	case BLKBSZGET:
		return put_int(arg, bdev->bd_block_size);
	case BLKROGET:
		return put_int(arg, bdev_read_only(bdev));
	case BLKROSET:
		return set_read_only(bdev, arg);
	case BLKFLSBUF:
		return flush_buffers(bdev);
	}
	return -ENOTTY;
}
