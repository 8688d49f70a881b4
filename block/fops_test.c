/*
 * fops_test.c - KUnit tests of block device files (block/fops.c) on the
 * in-memory test disk: open errors, partial-block writes reaching the
 * medium after fsync, reads and writes at the end, SEEK_END.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/blkdev.h>
#include <uapi/umk/fcntl.h>
#include "test_disk.h"

#define SECTORS	16		/* 8 KiB */

static struct file *open_disk(struct kunit *test, struct test_disk *td,
			      fmode_t mode, int *err)
{
	struct inode *inode = kunit_kzalloc(test, sizeof(*inode), GFP_KERNEL);
	struct file *file = kunit_kzalloc(test, sizeof(*file), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, inode);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, file);
	inode->i_rdev = td->bdev->bd_dev;
	file->f_inode = inode;
	file->f_mode = mode;
	*err = def_blk_fops.open(inode, file);
	return file;
}

static ssize_t rw(struct file *file, bool write, void *buf, size_t len,
		  loff_t *pos)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter it;

	iov_iter_kvec(&it, &kv, 1, len);
	return write ? def_blk_fops.write_iter(file, &it, pos) :
		       def_blk_fops.read_iter(file, &it, pos);
}

static void fops_open_errors(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, SECTORS, 4, true);
	struct file *file;
	int err;

	file = open_disk(test, td, FMODE_READ, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	def_blk_fops.release(file->f_inode, file);
	file->f_inode->i_rdev = td->bdev->bd_dev + 1;	/* a partition */
	KUNIT_EXPECT_EQ(test, def_blk_fops.open(file->f_inode, file), -ENXIO);
	set_disk_ro(td->disk, true);
	open_disk(test, td, FMODE_READ | FMODE_WRITE, &err);
	KUNIT_EXPECT_EQ(test, err, -EROFS);
	file = open_disk(test, td, FMODE_READ, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	def_blk_fops.release(file->f_inode, file);
}

static void fops_read_write(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, SECTORS, 4, true);
	u8 buf[300], back[300], expect[SECTORS * 512];
	struct file *file;
	loff_t pos;
	int err;

	for (size_t i = 0; i < sizeof(expect); i++)
		td->data[i] = expect[i] = (u8)(i * 7);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i + 1);
	file = open_disk(test, td, FMODE_READ | FMODE_WRITE, &err);
	KUNIT_ASSERT_EQ(test, err, 0);

	/* Crosses a 4096-byte block: two read-modify-writes. */
	pos = 4000;
	KUNIT_EXPECT_EQ(test, rw(file, true, buf, sizeof(buf), &pos),
			(ssize_t)sizeof(buf));
	KUNIT_EXPECT_EQ(test, pos, 4300);
	memcpy(expect + 4000, buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, def_blk_fops.fsync(file, false), 0);
	KUNIT_EXPECT_MEMEQ(test, td->data, expect, sizeof(expect));
	KUNIT_EXPECT_EQ(test, td->flushes, 1u);
	pos = 3990;
	KUNIT_EXPECT_EQ(test, rw(file, false, back, sizeof(back), &pos),
			(ssize_t)sizeof(back));
	KUNIT_EXPECT_MEMEQ(test, back, expect + 3990, sizeof(back));

	/* The end: a short read, then 0; a cut write, then ENOSPC. */
	pos = SECTORS * 512 - 100;
	KUNIT_EXPECT_EQ(test, rw(file, false, back, sizeof(back), &pos), 100);
	KUNIT_EXPECT_EQ(test, rw(file, false, back, sizeof(back), &pos), 0);
	pos = SECTORS * 512 - 10;
	KUNIT_EXPECT_EQ(test, rw(file, true, buf, sizeof(buf), &pos), 10);
	KUNIT_EXPECT_EQ(test, rw(file, true, buf, sizeof(buf), &pos), -ENOSPC);
	KUNIT_EXPECT_EQ(test, def_blk_fops.llseek(file, -5, SEEK_END),
			SECTORS * 512 - 5);
	KUNIT_EXPECT_EQ(test, def_blk_fops.llseek(file, -1, SEEK_SET), -EINVAL);
	KUNIT_EXPECT_EQ(test, def_blk_fops.fsync(file, true), 0);
	KUNIT_EXPECT_MEMEQ(test, td->data + SECTORS * 512 - 10, buf, 10);
	def_blk_fops.release(file->f_inode, file);
}

static struct kunit_case fops_cases[] = {
	KUNIT_CASE(fops_open_errors),
	KUNIT_CASE(fops_read_write),
	{}
};

static struct kunit_suite fops_suite = {
	.name = "blkdev_fops",
	.exit = test_disk_exit,
	.test_cases = fops_cases,
};
kunit_test_suite(fops_suite);
