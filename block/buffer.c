/*
 * buffer.c - the buffer cache. Buffers (a buffer_head from a slab cache
 * and its block's data from kmalloc, so from guest RAM) are found in a
 * hash by (device, block, size). Unused ones sit on an LRU list and the
 * oldest clean ones are freed when cached data passes its share of RAM
 * or an allocation fails; dirty ones are on their device's dirty list,
 * oldest first, until written back. One spinlock guards the hash, the
 * lists and the counters; a buffer's state bits change atomically
 * (I/O completions set them from interrupt context).
 */
#include <limits.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/slab.h>
#include <umk/timer.h>
#include <umk/blkdev.h>
#include <umk/buffer_head.h>
#include "blk.h"

#define HASH_BITS	12
#define CACHE_SHARE	8	/* at most 1/8 of RAM holds block data */

static struct list_head hash_table[1 << HASH_BITS];
static struct kmem_cache *bh_cache;
static DEFINE_SPINLOCK(cache_lock);
static LIST_HEAD(lru);			/* b_count == 0, least recent first */
static unsigned long cached_bytes;

static struct list_head *hash_chain(struct block_device *bdev, u64 block,
				    unsigned int size)
{
	u64 h = ((uintptr_t)bdev >> 4) ^ (block * 0x9e3779b97f4a7c15ULL) ^
		size;

	return &hash_table[(h ^ (h >> 29) ^ (h >> 47)) &
			   ((1 << HASH_BITS) - 1)];
}

unsigned long buffer_cache_bytes(void)
{
	return READ_ONCE(cached_bytes);
}

bool buffer_cache_over_limit(void)
{
	return buffer_cache_bytes() >
	       totalram_pages() * PAGE_SIZE / CACHE_SHARE;
}

void lock_buffer(struct buffer_head *bh)
{
	wait_event(bh->b_wait, !test_set_buffer_locked(bh));
}

void unlock_buffer(struct buffer_head *bh)
{
	clear_buffer_locked(bh);
	wake_up_all(&bh->b_wait);
}

void wait_on_buffer(struct buffer_head *bh)
{
	wait_event(bh->b_wait, !buffer_locked(bh));
}

/* Takes a reference; with cache_lock held. */
static void grab_locked(struct buffer_head *bh)
{
	if (bh->b_count++ == 0 && !list_empty(&bh->b_lru))
		list_del_init(&bh->b_lru);
}

void brelse(struct buffer_head *bh)
{
	unsigned long flags;

	if (!bh)
		return;
	spin_lock_irqsave(&cache_lock, flags);
	if (!WARN_ON(bh->b_count <= 0) && --bh->b_count == 0 &&
	    list_empty(&bh->b_lru))
		list_add_tail(&bh->b_lru, &lru);
	spin_unlock_irqrestore(&cache_lock, flags);
}

static void free_bh(struct buffer_head *bh)
{
	kfree(bh->b_data);
	kmem_cache_free(bh_cache, bh);
}

/* Unhashes an unused buffer; with cache_lock held. */
static void forget_locked(struct buffer_head *bh)
{
	list_del_init(&bh->b_hash);
	list_del_init(&bh->b_lru);
	list_del_init(&bh->b_dirty);
	cached_bytes -= bh->b_size;
	bh->b_bdev->bd_nr_buffers--;
}

static bool can_free(struct buffer_head *bh, struct block_device *bdev)
{
	return !bh->b_count && !buffer_locked(bh) && !buffer_dirty(bh) &&
	       (!bdev || bh->b_bdev == bdev);
}

/*
 * Frees unused clean buffers, least recently used first: at least
 * `want` bytes (all that can go for ULONG_MAX), only bdev's if it is
 * given. Returns the bytes freed.
 */
static unsigned long shrink(unsigned long want, struct block_device *bdev)
{
	struct buffer_head *bh, *next;
	unsigned long flags, freed = 0;
	LIST_HEAD(victims);

	spin_lock_irqsave(&cache_lock, flags);
	list_for_each_entry_safe(bh, next, &lru, b_lru) {
		if (freed >= want)
			break;
		if (!can_free(bh, bdev))
			continue;
		forget_locked(bh);
		list_add_tail(&bh->b_lru, &victims);
		freed += bh->b_size;
	}
	spin_unlock_irqrestore(&cache_lock, flags);
	list_for_each_entry_safe(bh, next, &victims, b_lru)
		free_bh(bh);
	return freed;
}

static struct buffer_head *alloc_bh(struct block_device *bdev, u64 block,
				    unsigned int size)
{
	struct buffer_head *bh = kmem_cache_zalloc(bh_cache, GFP_KERNEL);

	if (!bh)
		return NULL;
	bh->b_data = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!bh->b_data) {
		kmem_cache_free(bh_cache, bh);
		return NULL;
	}
	bh->b_bdev = bdev;
	bh->b_blocknr = block;
	bh->b_size = size;
	bh->b_count = 1;
	INIT_LIST_HEAD(&bh->b_hash);
	INIT_LIST_HEAD(&bh->b_lru);
	INIT_LIST_HEAD(&bh->b_dirty);
	INIT_LIST_HEAD(&bh->b_wb);
	init_waitqueue_head(&bh->b_wait);
	return bh;
}

/* The cached buffer with a new reference, or NULL; cache_lock held. */
static struct buffer_head *find_locked(struct block_device *bdev, u64 block,
				       unsigned int size)
{
	struct list_head *chain = hash_chain(bdev, block, size);
	struct buffer_head *bh;

	list_for_each_entry(bh, chain, b_hash)
		if (bh->b_bdev == bdev && bh->b_blocknr == block &&
		    bh->b_size == size) {
			grab_locked(bh);
			return bh;
		}
	return NULL;
}

static bool valid_size(unsigned int size)
{
	return size >= SECTOR_SIZE && size <= PAGE_SIZE && is_power_of_2(size);
}

struct buffer_head *getblk(struct block_device *bdev, u64 block,
			   unsigned int size)
{
	struct buffer_head *bh, *new;
	unsigned long flags;

	if (!valid_size(size) || block >= bdev_size_bytes(bdev) / size)
		return NULL;
	spin_lock_irqsave(&cache_lock, flags);
	bh = find_locked(bdev, block, size);
	spin_unlock_irqrestore(&cache_lock, flags);
	if (bh)
		return bh;
	if (buffer_cache_over_limit() && !shrink(size, NULL))
		wakeup_bdflush();
	new = alloc_bh(bdev, block, size);
	if (!new && shrink(ULONG_MAX, NULL))
		new = alloc_bh(bdev, block, size);
	if (!new)
		return NULL;
	spin_lock_irqsave(&cache_lock, flags);
	bh = find_locked(bdev, block, size);
	if (!bh) {
		bh = new;
		new = NULL;
		list_add(&bh->b_hash, hash_chain(bdev, block, size));
		cached_bytes += size;
		bdev->bd_nr_buffers++;
	}
	spin_unlock_irqrestore(&cache_lock, flags);
	if (new)
		free_bh(new);
	return bh;
}

static u64 bh_sector(const struct buffer_head *bh)
{
	return bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT);
}

struct buffer_head *bread(struct block_device *bdev, u64 block,
			  unsigned int size)
{
	struct buffer_head *bh = getblk(bdev, block, size);
	int err = 0;

	if (!bh || buffer_uptodate(bh))
		return bh;
	lock_buffer(bh);
	if (!buffer_uptodate(bh)) {
		err = blkdev_rw_sync(bdev, REQ_OP_READ, bh_sector(bh),
				     bh->b_data, size, 0);
		if (!err)
			set_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	if (err) {
		pr_err("%s: cannot read block %llu (size %u): %d\n",
		       bdev->bd_disk->disk_name,
		       (unsigned long long)block, size, err);
		brelse(bh);
		return NULL;
	}
	return bh;
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	unsigned long flags;

	WARN_ON_ONCE(!buffer_uptodate(bh));
	if (buffer_dirty(bh))
		return;
	spin_lock_irqsave(&cache_lock, flags);
	if (!test_set_buffer_dirty(bh)) {
		bh->b_dirtied = jiffies;
		if (list_empty(&bh->b_dirty))
			list_add_tail(&bh->b_dirty, &bh->b_bdev->bd_dirty);
	}
	spin_unlock_irqrestore(&cache_lock, flags);
}

void bforget(struct buffer_head *bh)
{
	unsigned long flags;

	if (!bh)
		return;
	spin_lock_irqsave(&cache_lock, flags);
	clear_buffer_dirty(bh);
	list_del_init(&bh->b_dirty);
	spin_unlock_irqrestore(&cache_lock, flags);
	brelse(bh);
}

/* Records the result of a write of bh (which the caller holds locked). */
static void bh_write_done(struct buffer_head *bh, int err)
{
	struct block_device *bdev = bh->b_bdev;
	unsigned long flags;

	if (!err) {
		clear_buffer_write_io_error(bh);
		return;
	}
	set_buffer_write_io_error(bh);
	spin_lock_irqsave(&cache_lock, flags);
	if (!bdev->bd_wb_err)
		bdev->bd_wb_err = err;
	spin_unlock_irqrestore(&cache_lock, flags);
	pr_err("%s: write error %d on block %llu (size %u): data lost\n",
	       bdev->bd_disk->disk_name, err,
	       (unsigned long long)bh->b_blocknr, bh->b_size);
}

/* Writes a locked buffer whose dirty bit the caller cleared; waits. */
static int bh_write_sync(struct buffer_head *bh)
{
	int err = blkdev_rw_sync(bh->b_bdev, REQ_OP_WRITE, bh_sector(bh),
				 bh->b_data, bh->b_size, 0);

	bh_write_done(bh, err);
	return err;
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	unsigned long flags;
	int err = 0;

	lock_buffer(bh);
	if (test_clear_buffer_dirty(bh)) {
		spin_lock_irqsave(&cache_lock, flags);
		list_del_init(&bh->b_dirty);
		spin_unlock_irqrestore(&cache_lock, flags);
		err = bh_write_sync(bh);
	}
	unlock_buffer(bh);
	return err;
}

static void bh_end_write(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private;

	bh_write_done(bh, bio->bi_status);
	bio_put(bio);
	unlock_buffer(bh);
	brelse(bh);
}

/*
 * Starts the write of a buffer that the caller locked and whose dirty
 * bit it cleared; the completion unlocks it and drops one reference.
 */
static void bh_write_async(struct buffer_head *bh)
{
	struct bio *bio = bio_alloc(bh->b_bdev, 1, REQ_OP_WRITE, GFP_KERNEL);

	if (!bio) {
		/* No memory for a bio: write it the slow way. */
		bh_write_sync(bh);
		unlock_buffer(bh);
		brelse(bh);
		return;
	}
	bio->bi_sector = bh_sector(bh);
	bio_add_buf(bio, bh->b_data, bh->b_size);
	bio->bi_private = bh;
	bio->bi_end_io = bh_end_write;
	submit_bio(bio);
}

/* Takes bdev's dirty buffers dirtied age jiffies ago or earlier. */
static void take_dirty(struct block_device *bdev, u64 age,
		       struct list_head *batch)
{
	struct buffer_head *bh, *next;
	unsigned long flags;

	spin_lock_irqsave(&cache_lock, flags);
	list_for_each_entry_safe(bh, next, &bdev->bd_dirty, b_dirty) {
		if (age && jiffies - bh->b_dirtied < age)
			break;
		list_del_init(&bh->b_dirty);
		grab_locked(bh);
		list_add_tail(&bh->b_wb, batch);
	}
	spin_unlock_irqrestore(&cache_lock, flags);
}

int writeback_bdev(struct block_device *bdev, u64 age)
{
	struct buffer_head *bh, *next;
	LIST_HEAD(batch);
	int err = 0;

	mutex_lock(&bdev->bd_writeback);
	take_dirty(bdev, age, &batch);
	list_for_each_entry(bh, &batch, b_wb) {
		lock_buffer(bh);
		if (test_clear_buffer_dirty(bh)) {
			get_bh(bh);
			bh_write_async(bh);
		} else {
			unlock_buffer(bh);
		}
	}
	list_for_each_entry_safe(bh, next, &batch, b_wb) {
		wait_on_buffer(bh);
		if (buffer_write_io_error(bh) && !err)
			err = -EIO;
		list_del_init(&bh->b_wb);
		brelse(bh);
	}
	mutex_unlock(&bdev->bd_writeback);
	return err;
}

int sync_blockdev(struct block_device *bdev)
{
	int err = writeback_bdev(bdev, 0);
	unsigned long flags;
	int old;

	/* Reported once: the error of a write nobody waited for. */
	spin_lock_irqsave(&cache_lock, flags);
	old = bdev->bd_wb_err;
	bdev->bd_wb_err = 0;
	spin_unlock_irqrestore(&cache_lock, flags);
	return old ? old : err;
}

int blkdev_fsync(struct block_device *bdev)
{
	int err = sync_blockdev(bdev);
	int ferr = blkdev_issue_flush(bdev);

	return err ? err : ferr;
}

void invalidate_bdev(struct block_device *bdev)
{
	shrink(ULONG_MAX, bdev);
}

int set_blocksize(struct block_device *bdev, unsigned int size)
{
	int err;

	if (!valid_size(size) || size < bdev_logical_block_size(bdev))
		return -EINVAL;
	err = sync_blockdev(bdev);
	if (err)
		return err;
	invalidate_bdev(bdev);
	bdev->bd_block_size = size;
	return 0;
}

void bdev_cache_init(struct block_device *bdev)
{
	INIT_LIST_HEAD(&bdev->bd_dirty);
	mutex_init(&bdev->bd_writeback);
	bdev->bd_block_size = PAGE_SIZE;
}

/* The device is going: its unused buffers go, dirty or not. */
void bdev_cache_destroy(struct block_device *bdev)
{
	struct buffer_head *bh, *next;
	unsigned long flags;
	LIST_HEAD(victims);

	spin_lock_irqsave(&cache_lock, flags);
	list_for_each_entry_safe(bh, next, &lru, b_lru) {
		if (bh->b_bdev != bdev || bh->b_count || buffer_locked(bh))
			continue;
		WARN_ON_ONCE(buffer_dirty(bh));
		forget_locked(bh);
		list_add_tail(&bh->b_lru, &victims);
	}
	spin_unlock_irqrestore(&cache_lock, flags);
	list_for_each_entry_safe(bh, next, &victims, b_lru)
		free_bh(bh);
	if (bdev->bd_nr_buffers)
		pr_warn("%s: %lu buffers still in use as it goes\n",
			bdev->bd_disk->disk_name, bdev->bd_nr_buffers);
}

static int buffer_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(hash_table); i++)
		INIT_LIST_HEAD(&hash_table[i]);
	bh_cache = kmem_cache_create("buffer_head", sizeof(struct buffer_head),
				     0, 0, NULL);
	return bh_cache ? 0 : -ENOMEM;
}
core_initcall(buffer_init);
