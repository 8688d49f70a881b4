/*
 * bdflush.c - writing back in the background and at shutdown. The
 * bdflush thread wakes every WRITEBACK_SECS: it writes the buffers that
 * have been dirty for DIRTY_EXPIRE_SECS (all of them when the cache is
 * over its share of RAM, which also wakes it early), then flushes each
 * disk written since its last flush, so that what reached the host's
 * cache (and a COW overlay's bitmap) is durable within seconds even
 * without a guest fsync. Every orderly shutdown writes and flushes all.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/sched.h>
#include <umk/wait.h>
#include <umk/reboot.h>
#include <umk/blkdev.h>
#include <umk/buffer_head.h>
#include "blk.h"

#define WRITEBACK_SECS		5
#define DIRTY_EXPIRE_SECS	30

static DECLARE_WAIT_QUEUE_HEAD(bdflush_wait);
static bool bdflush_kicked;

void wakeup_bdflush(void)
{
	WRITE_ONCE(bdflush_kicked, true);
	wake_up(&bdflush_wait);
}

static int flush_one(struct block_device *bdev, void *arg)
{
	u64 age = *(u64 *)arg;

	/* A failed write is kept in bd_wb_err for the next sync. */
	writeback_bdev(bdev, age);
	if (READ_ONCE(bdev->bd_disk->needs_flush))
		blkdev_issue_flush(bdev);
	return 0;
}

static int bdflush(void *unused)
{
	u64 age;

	for (;;) {
		wait_event_timeout(bdflush_wait, READ_ONCE(bdflush_kicked),
				   WRITEBACK_SECS * HZ);
		WRITE_ONCE(bdflush_kicked, false);
		age = buffer_cache_over_limit() ? 0 : DIRTY_EXPIRE_SECS * HZ;
		blkdev_for_each(flush_one, &age);
	}
	return 0;
}

static int sync_one(struct block_device *bdev, void *arg)
{
	int *first = arg;
	int err = blkdev_fsync(bdev);

	if (err && !*first)
		*first = err;
	return 0;
}

int sync_all_blockdevs(void)
{
	int err = 0;

	blkdev_for_each(sync_one, &err);
	return err;
}

static void block_shutdown(void)
{
	int err = sync_all_blockdevs();

	if (err)
		pr_err("block: writing back at shutdown failed: %d\n", err);
}

static struct shutdown_hook block_hook = { .fn = block_shutdown };

static int bdflush_init(void)
{
	struct task_struct *t = kthread_run(bdflush, NULL, "bdflush");

	if (IS_ERR(t))
		return PTR_ERR(t);
	register_shutdown_hook(&block_hook);
	return 0;
}
subsys_initcall(bdflush_init);
