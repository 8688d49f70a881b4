/*
 * test_disk.h - a disk in memory for the block layer's KUnit tests. It
 * logs every bio it starts, completes them at once or when the test says
 * so, and can fail or refuse them on request.
 */
#ifndef BLOCK_TEST_DISK_H
#define BLOCK_TEST_DISK_H

#include <kunit/test.h>
#include <umk/blkdev.h>

#define TEST_DISK_MAJOR	240	/* Linux's "local/experimental use" */
#define TEST_DISK_LOG	64

struct test_disk_entry {
	enum req_op op;
	unsigned int flags;
	u64 sector;
	u32 size;
};

struct test_disk {
	struct gendisk *disk;
	struct block_device *bdev;
	u8 *data;			/* the medium */
	bool defer;			/* complete only in test_disk_end() */
	int fail_writes;		/* complete writes with this error */
	int fail_reads;
	int busy;			/* refuse this many bios with -EBUSY */
	unsigned int nr_log;		/* bios started */
	struct test_disk_entry log[TEST_DISK_LOG];
	struct list_head started;	/* deferred, not ended */
	unsigned int reads, writes, flushes;
};

/*
 * A disk of sectors sectors whose driver takes depth bios at once, in
 * test->priv; added (named tdN, found by lookups) when add is set. One
 * per case; the suite's exit hook must be test_disk_exit(), which ends
 * what is deferred and frees it.
 */
struct test_disk *test_disk_create(struct kunit *test, u64 sectors,
				   unsigned int depth, bool add);
void test_disk_exit(struct kunit *test);
/* Ends the oldest deferred bio with status; false if none is started. */
bool test_disk_end(struct test_disk *td, int status);

#endif
