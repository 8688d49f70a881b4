/*
 * blk_test.c - KUnit tests of the block layer on the in-memory test
 * disk: bios start in submission order and no more than the driver's
 * depth at once, each ends once with its driver's status, bad bios end
 * before reaching the driver, a busy driver is retried, the
 * synchronous helpers, flush bookkeeping, and finding disks.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/fs.h>
#include <umk/blkdev.h>
#include <uapi/umk/fs_ioctl.h>
#include "test_disk.h"

#define NR_BIOS	6

struct end_log {
	int order[NR_BIOS];
	int status[NR_BIOS];
	int nr;
};

static void log_end_io(struct bio *bio)
{
	struct end_log *log = bio->bi_private;
	int idx = (int)(bio->bi_sector / 8);

	log->status[idx] = bio->bi_status;
	log->order[log->nr++] = idx;
}

static struct bio *make_bio(struct kunit *test, struct test_disk *td,
			    enum req_op op, u64 sector, void *buf,
			    unsigned int len)
{
	struct bio *bio = bio_alloc(td->bdev, 1, op, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, bio);
	bio->bi_sector = sector;
	if (len)
		KUNIT_ASSERT_EQ(test, bio_add_buf(bio, buf, len), len);
	return bio;
}

/* Six bios, depth 2: they start in order, two at a time. */
static void blk_queue_order(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 2, false);
	struct bio *bios[NR_BIOS];
	struct end_log log = { .nr = 0 };
	char *buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	td->defer = true;
	for (i = 0; i < NR_BIOS; i++) {
		bios[i] = make_bio(test, td, i % 2 ? REQ_OP_WRITE : REQ_OP_READ,
				   i * 8, buf, 512);
		bios[i]->bi_private = &log;
		bios[i]->bi_end_io = log_end_io;
		submit_bio(bios[i]);
	}
	KUNIT_EXPECT_EQ(test, td->nr_log, 2);
	KUNIT_EXPECT_EQ(test, td->disk->queue.in_flight, 2);
	for (i = 0; i < NR_BIOS; i++) {
		KUNIT_ASSERT_TRUE(test, test_disk_end(td, i == 3 ? -EIO : 0));
		KUNIT_EXPECT_EQ(test, td->nr_log, min(i + 3, NR_BIOS));
		KUNIT_EXPECT_LE(test, td->disk->queue.in_flight, 2);
	}
	KUNIT_EXPECT_FALSE(test, test_disk_end(td, 0));
	KUNIT_ASSERT_EQ(test, log.nr, NR_BIOS);
	for (i = 0; i < NR_BIOS; i++) {
		KUNIT_EXPECT_EQ(test, td->log[i].sector, (u64)i * 8);
		KUNIT_EXPECT_EQ(test, log.order[i], i);
		KUNIT_EXPECT_EQ(test, log.status[i], i == 3 ? -EIO : 0);
		bio_put(bios[i]);
	}
	KUNIT_EXPECT_EQ(test, td->disk->queue.in_flight, 0);
}

struct bad_bio {
	const char *name;
	enum req_op op;
	u64 sector;
	unsigned int len;
	bool read_only;
	int err;
};

static const struct bad_bio bad_bios[] = {
	{ "past-end", REQ_OP_READ, 63, 1024, false, -EIO },
	{ "start-past-end", REQ_OP_WRITE, 64, 512, false, -EIO },
	{ "huge-sector", REQ_OP_READ, ~0ULL - 1, 1024, false, -EIO },
	{ "no-data", REQ_OP_READ, 0, 0, false, -EINVAL },
	{ "flush-with-data", REQ_OP_FLUSH, 0, 512, false, -EINVAL },
	{ "write-read-only", REQ_OP_WRITE, 0, 512, true, -EROFS },
};

static void bad_bio_desc(const struct bad_bio *b, char *desc)
{
	strcpy(desc, b->name);
}
KUNIT_ARRAY_PARAM(bad_bio, bad_bios, bad_bio_desc);

/* A bad bio ends with its error and never reaches the driver. */
static void blk_bad_bio(struct kunit *test)
{
	const struct bad_bio *b = test->param_value;
	struct test_disk *td = test_disk_create(test, 64, 4, false);
	char *buf = kunit_kzalloc(test, 1024, GFP_KERNEL);
	struct bio *bio;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	set_disk_ro(td->disk, b->read_only);
	bio = make_bio(test, td, b->op, b->sector, buf, b->len);
	KUNIT_EXPECT_EQ(test, submit_bio_wait(bio), b->err);
	KUNIT_EXPECT_EQ(test, td->nr_log, 0);
	bio_put(bio);
}

/* The driver's error is the caller's; a read-only disk still reads. */
static void blk_status(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, false);
	char *buf = kunit_kzalloc(test, 1024, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	td->fail_reads = -EIO;
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_READ, 0, buf,
					     512, 0), -EIO);
	td->fail_reads = 0;
	set_disk_ro(td->disk, true);
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_READ, 0, buf,
					     1024, 0), 0);
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_WRITE, 0, buf,
					     512, 0), -EROFS);
	KUNIT_EXPECT_EQ(test, td->writes, 0);
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_READ, 0, buf,
					     100, 0), -EINVAL);
}

/* Refused with -EBUSY and nothing in flight: retried by the timer. */
static void blk_busy_retry(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, false);
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	td->busy = 3;
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_READ, 5, buf,
					     512, 0), 0);
	KUNIT_EXPECT_EQ(test, td->busy, 0);
	KUNIT_EXPECT_EQ(test, td->reads, 1);
}

/* Data written comes back; large buffers are split; FUA reaches it. */
static void blk_rw_sync(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 4096, 8, false);
	size_t len = 1536 * 1024;
	u8 *out = kunit_kmalloc(test, len, GFP_KERNEL);
	u8 *in = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	for (size_t i = 0; i < len; i++)
		out[i] = i * 7 + (i >> 9);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_WRITE, 100, out,
					     len, REQ_FUA), 0);
	KUNIT_EXPECT_EQ(test, td->writes, 2);
	KUNIT_EXPECT_EQ(test, td->log[0].flags, REQ_FUA);
	KUNIT_EXPECT_MEMEQ(test, td->data + 100 * 512, out, len);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_READ, 100, in,
					     len, 0), 0);
	KUNIT_EXPECT_MEMEQ(test, in, out, len);
}

/* A write makes the disk need a flush; a flush clears it. */
static void blk_flush(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, false);
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_FALSE(test, td->disk->needs_flush);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(td->bdev, REQ_OP_WRITE, 0, buf,
					     512, 0), 0);
	KUNIT_EXPECT_TRUE(test, td->disk->needs_flush);
	KUNIT_EXPECT_EQ(test, blkdev_issue_flush(td->bdev), 0);
	KUNIT_EXPECT_FALSE(test, td->disk->needs_flush);
	KUNIT_EXPECT_EQ(test, td->flushes, 1);
	KUNIT_EXPECT_EQ(test, td->log[1].op, REQ_OP_FLUSH);
}

/* Added disks are found by name and number, and only those. */
static void blk_lookup(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, true);
	struct block_device *bdev;
	char name[24];

	bdev = blkdev_get_by_name(td->disk->disk_name);
	KUNIT_EXPECT_PTR_EQ(test, bdev, td->bdev);
	if (!IS_ERR(bdev))
		blkdev_put(bdev);
	snprintf(name, sizeof(name), "/dev/%s", td->disk->disk_name);
	bdev = blkdev_get_by_name(name);
	KUNIT_EXPECT_PTR_EQ(test, bdev, td->bdev);
	if (!IS_ERR(bdev))
		blkdev_put(bdev);
	bdev = blkdev_get_by_dev(MKDEV(TEST_DISK_MAJOR,
				       td->disk->first_minor));
	KUNIT_EXPECT_PTR_EQ(test, bdev, td->bdev);
	if (!IS_ERR(bdev))
		blkdev_put(bdev);
	KUNIT_EXPECT_EQ(test, td->bdev->bd_openers, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(blkdev_get_by_name("nosuchdisk")),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, PTR_ERR(blkdev_get_by_dev(
			MKDEV(TEST_DISK_MAJOR, td->disk->first_minor + 1))),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, bdev_size_bytes(td->bdev), 64 * 512);
}

/* Two disks may not share a name or a number; majors must exist. */
static void blk_add_clash(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, true);
	struct gendisk *d = alloc_disk(td->disk->fops, 1);

	KUNIT_ASSERT_NOT_NULL(test, d);
	strcpy(d->disk_name, td->disk->disk_name);
	d->major = TEST_DISK_MAJOR;
	d->first_minor = 1000;
	KUNIT_EXPECT_EQ(test, add_disk(d), -EEXIST);
	strcpy(d->disk_name, "tdclash");
	d->first_minor = td->disk->first_minor;
	KUNIT_EXPECT_EQ(test, add_disk(d), -EEXIST);
	d->major = 239;
	KUNIT_EXPECT_EQ(test, add_disk(d), -ENODEV);
	put_disk(d);
}

/* Ioctls that need no guest memory: unknown ones, bad pointers. */
static void blk_ioctl_errors(struct kunit *test)
{
	struct test_disk *td = test_disk_create(test, 64, 4, false);

	KUNIT_EXPECT_EQ(test, blkdev_ioctl(td->bdev, 0x1234, 0), -ENOTTY);
	KUNIT_EXPECT_EQ(test, blkdev_ioctl(td->bdev, BLKGETSIZE64, 0),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, blkdev_ioctl(td->bdev, BLKSSZGET, 8), -EFAULT);
}

static struct kunit_case blk_cases[] = {
	KUNIT_CASE(blk_queue_order),
	KUNIT_CASE_PARAM(blk_bad_bio, bad_bio_gen_params),
	KUNIT_CASE(blk_status),
	KUNIT_CASE(blk_busy_retry),
	KUNIT_CASE(blk_rw_sync),
	KUNIT_CASE(blk_flush),
	KUNIT_CASE(blk_lookup),
	KUNIT_CASE(blk_add_clash),
	KUNIT_CASE(blk_ioctl_errors),
	{}
};

static struct kunit_suite blk_suite = {
	.name = "block_queue",
	.exit = test_disk_exit,
	.test_cases = blk_cases,
};
kunit_test_suite(blk_suite);
