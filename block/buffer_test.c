/*
 * buffer_test.c - KUnit tests of the buffer cache on the in-memory test
 * disk: reads and cache hits at every block size, dirty buffers written
 * only when synced (and once), forgotten and invalidated buffers, I/O
 * errors, writeback by age, and two readers of one block sharing one
 * read.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <umk/buffer_head.h>
#include "blk.h"
#include "test_disk.h"

#define SECTORS	256	/* 128 KiB */

static struct test_disk *patterned_disk(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, SECTORS, 8, false);

	for (unsigned int i = 0; i < SECTORS * 512; i++)
		td->data[i] = (i * 13) ^ (i >> 8);
	return td;
}

static const unsigned int sizes[] = { 512, 1024, 2048, 4096 };

static void size_desc(const unsigned int *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u", *size);
}
KUNIT_ARRAY_PARAM(sizes, sizes, size_desc);

/* bread reads the right bytes once; the second bread is a hit. */
static void buffer_bread_hit(struct kunit *test)
{
	unsigned int size = *(const unsigned int *)test->param_value;
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh, *again;

	bh = bread(td->bdev, 3, size);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_TRUE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_EQ(test, bh->b_size, size);
	KUNIT_EXPECT_MEMEQ(test, bh->b_data, td->data + 3 * size, size);
	KUNIT_EXPECT_EQ(test, td->reads, 1);
	KUNIT_EXPECT_EQ(test, td->log[0].sector, 3 * size / 512);
	brelse(bh);
	again = bread(td->bdev, 3, size);
	KUNIT_EXPECT_PTR_EQ(test, again, bh);
	KUNIT_EXPECT_EQ(test, td->reads, 1);
	brelse(again);
}

/* getblk does no I/O, and refuses bad sizes and blocks past the end. */
static void buffer_getblk(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	const unsigned int bad[] = { 0, 100, 768, 8192 };
	struct buffer_head *bh;

	bh = getblk(td->bdev, 5, 1024);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_FALSE(test, buffer_uptodate(bh));
	KUNIT_EXPECT_EQ(test, td->nr_log, 0);
	brelse(bh);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_NULL_MSG(test, getblk(td->bdev, 0, bad[i]),
				      "size %u", bad[i]);
	KUNIT_EXPECT_NULL(test, getblk(td->bdev, SECTORS / 2, 1024));
	KUNIT_EXPECT_NULL(test, bread(td->bdev, ~0ULL, 4096));
	bh = bread(td->bdev, SECTORS / 2 - 1, 1024);
	KUNIT_EXPECT_NOT_NULL(test, bh);
	brelse(bh);
}

static struct buffer_head *dirty_block(struct kunit *test,
				       struct test_disk *td, u64 block, u8 fill)
{
	struct buffer_head *bh = bread(td->bdev, block, 1024);

	KUNIT_ASSERT_NOT_NULL(test, bh);
	memset(bh->b_data, fill, 1024);
	mark_buffer_dirty(bh);
	KUNIT_EXPECT_TRUE(test, buffer_dirty(bh));
	return bh;
}

/* A dirty buffer reaches the disk on sync, once. */
static void buffer_dirty_sync(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh = dirty_block(test, td, 2, 0xab);
	u8 *want = kunit_kmalloc(test, 1024, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, want);
	memset(want, 0xab, 1024);
	brelse(bh);
	KUNIT_EXPECT_EQ(test, td->writes, 0);
	KUNIT_EXPECT_MEMNEQ(test, td->data + 2048, want, 1024);
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 1);
	KUNIT_EXPECT_EQ(test, td->log[1].sector, 4);
	KUNIT_EXPECT_MEMEQ(test, td->data + 2048, want, 1024);
	KUNIT_EXPECT_FALSE(test, buffer_dirty(bh));
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 1);
	/* blkdev_fsync also flushes the disk. */
	KUNIT_EXPECT_EQ(test, blkdev_fsync(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->flushes, 1);
}

/* sync_dirty_buffer writes that buffer alone. */
static void buffer_sync_one(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *a = dirty_block(test, td, 1, 0x11);
	struct buffer_head *b = dirty_block(test, td, 7, 0x77);

	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(b), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 1);
	KUNIT_EXPECT_EQ(test, td->data[7 * 1024], 0x77);
	KUNIT_EXPECT_NE(test, td->data[1024], 0x11);
	KUNIT_EXPECT_TRUE(test, buffer_dirty(a));
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(b), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 1);
	brelse(a);
	brelse(b);
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 2);
	KUNIT_EXPECT_EQ(test, td->data[1024], 0x11);
}

/* A forgotten buffer is never written. */
static void buffer_bforget(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh = dirty_block(test, td, 4, 0x44);

	bforget(bh);
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 0);
	KUNIT_EXPECT_NE(test, td->data[4 * 1024], 0x44);
}

/* Invalidation drops clean unused buffers, keeps held and dirty ones. */
static void buffer_invalidate(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *held = bread(td->bdev, 0, 1024);
	struct buffer_head *dirty = dirty_block(test, td, 1, 0x5a);
	struct buffer_head *bh = bread(td->bdev, 2, 1024);
	unsigned long before;

	KUNIT_ASSERT_NOT_NULL(test, held);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	brelse(bh);
	brelse(dirty);
	before = buffer_cache_bytes();
	invalidate_bdev(td->bdev);
	KUNIT_EXPECT_EQ(test, buffer_cache_bytes(), before - 1024);
	KUNIT_EXPECT_EQ(test, td->bdev->bd_nr_buffers, 2);
	bh = bread(td->bdev, 2, 1024);
	KUNIT_EXPECT_EQ(test, td->reads, 4);
	brelse(bh);
	bh = bread(td->bdev, 0, 1024);
	KUNIT_EXPECT_PTR_EQ(test, bh, held);
	brelse(bh);
	brelse(held);
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	KUNIT_EXPECT_EQ(test, td->data[1024], 0x5a);
}

/* A failed write is reported by the next sync, once. */
static void buffer_write_error(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh = dirty_block(test, td, 3, 0x33);

	td->fail_writes = -EIO;
	brelse(bh);
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), -EIO);
	KUNIT_EXPECT_TRUE(test, buffer_write_io_error(bh));
	KUNIT_EXPECT_EQ(test, sync_blockdev(td->bdev), 0);
	td->fail_writes = 0;
	bh = dirty_block(test, td, 3, 0x34);
	KUNIT_EXPECT_EQ(test, sync_dirty_buffer(bh), 0);
	KUNIT_EXPECT_FALSE(test, buffer_write_io_error(bh));
	KUNIT_EXPECT_EQ(test, td->data[3 * 1024], 0x34);
	brelse(bh);
}

/* A failed read gives NULL and leaves the buffer to be read again. */
static void buffer_read_error(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh;

	td->fail_reads = -EIO;
	KUNIT_EXPECT_NULL(test, bread(td->bdev, 6, 2048));
	td->fail_reads = 0;
	bh = bread(td->bdev, 6, 2048);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	KUNIT_EXPECT_EQ(test, td->reads, 2);
	KUNIT_EXPECT_MEMEQ(test, bh->b_data, td->data + 6 * 2048, 2048);
	brelse(bh);
}

/* Background writeback takes only buffers old enough. */
static void buffer_writeback_age(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct buffer_head *bh = dirty_block(test, td, 9, 0x99);

	brelse(bh);
	KUNIT_EXPECT_EQ(test, writeback_bdev(td->bdev, 30 * HZ), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 0);
	KUNIT_EXPECT_TRUE(test, buffer_dirty(bh));
	KUNIT_EXPECT_EQ(test, writeback_bdev(td->bdev, 0), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 1);
	KUNIT_EXPECT_EQ(test, td->data[9 * 1024], 0x99);
}

struct reader {
	struct test_disk *td;
	struct buffer_head *bh;
};

static int read_block(void *arg)
{
	struct reader *r = arg;

	r->bh = bread(r->td->bdev, 12, 4096);
	return 0;
}

/* Two tasks bread one block while its read is in flight: one read. */
static void buffer_shared_read(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);
	struct reader r[2] = { { td, NULL }, { td, NULL } };
	struct task_struct *t[2];
	int i;

	td->defer = true;
	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(read_block, &r[i], "bh-reader");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 10; i++)
		yield();
	KUNIT_EXPECT_EQ(test, td->reads, 1);
	KUNIT_EXPECT_TRUE(test, test_disk_end(td, 0));
	for (i = 0; i < 2; i++)
		kthread_join(t[i]);
	KUNIT_EXPECT_EQ(test, td->reads, 1);
	KUNIT_ASSERT_NOT_NULL(test, r[0].bh);
	KUNIT_EXPECT_PTR_EQ(test, r[0].bh, r[1].bh);
	KUNIT_EXPECT_MEMEQ(test, r[0].bh->b_data, td->data + 12 * 4096, 4096);
	brelse(r[0].bh);
	brelse(r[1].bh);
}

static void buffer_set_blocksize(struct kunit *test)
{
	struct test_disk *td = patterned_disk(test);

	KUNIT_EXPECT_EQ(test, set_blocksize(td->bdev, 3000), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_blocksize(td->bdev, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_blocksize(td->bdev, 8192), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_blocksize(td->bdev, 2048), 0);
	KUNIT_EXPECT_EQ(test, td->bdev->bd_block_size, 2048);
}

static struct kunit_case buffer_cases[] = {
	KUNIT_CASE_PARAM(buffer_bread_hit, sizes_gen_params),
	KUNIT_CASE(buffer_getblk),
	KUNIT_CASE(buffer_dirty_sync),
	KUNIT_CASE(buffer_sync_one),
	KUNIT_CASE(buffer_bforget),
	KUNIT_CASE(buffer_invalidate),
	KUNIT_CASE(buffer_write_error),
	KUNIT_CASE(buffer_read_error),
	KUNIT_CASE(buffer_writeback_age),
	KUNIT_CASE(buffer_shared_read),
	KUNIT_CASE(buffer_set_blocksize),
	{}
};

static struct kunit_suite buffer_suite = {
	.name = "buffer_cache",
	.exit = test_disk_exit,
	.test_cases = buffer_cases,
};
kunit_test_suite(buffer_suite);
