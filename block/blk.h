/*
 * blk.h - what the files of block/ share among themselves: the request
 * queue's set-up and teardown (bio.c), and the buffer cache's hooks for
 * disks coming and going and for the bdflush thread (buffer.c).
 */
#ifndef BLOCK_BLK_H
#define BLOCK_BLK_H

#include <umk/blkdev.h>

void blk_queue_init(struct request_queue *q, unsigned int depth);
void blk_queue_kill(struct gendisk *disk);

/* A new block_device's cache fields; dropping all of a dying one's. */
void bdev_cache_init(struct block_device *bdev);
void bdev_cache_destroy(struct block_device *bdev);

/*
 * Writes the dirty buffers of bdev that were dirtied at or before
 * jiffies `before` (all of them: U64_MAX) and waits; 0 or the first
 * error.
 */
int writeback_bdev(struct block_device *bdev, u64 before);
/* True when cached data is over its share of RAM. */
bool buffer_cache_over_limit(void);

#endif
