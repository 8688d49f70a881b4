/*
 * libfs.c - small pieces filesystems and drivers share: the operations
 * of files that cannot do anything (empty_fops), of directories read
 * with read(2) (EISDIR), and of device kinds that do not exist yet.
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

/* Block devices arrive with the disk driver (ubd). */
const struct file_operations def_blk_fops = {
	.open = no_device_open,
};

/* Sockets are opened with socket(2), never by name. */
const struct file_operations bad_sock_fops = {
	.open = no_device_open,
};
