/*
 * buffer_head.h - the buffer cache: blocks of a block device kept in
 * memory (from the slab and page allocators), found by (device, block
 * number, size) in a hash. Filesystems read metadata with bread(),
 * change it, mark_buffer_dirty() and brelse(); dirty buffers go back
 * to the disk on sync_blockdev(), sync_dirty_buffer(), under memory
 * pressure, and from the bdflush thread once they are 30 seconds old.
 * Implemented in block/buffer.c and block/bdflush.c.
 */
#ifndef UMK_BUFFER_HEAD_H
#define UMK_BUFFER_HEAD_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/wait.h>

struct block_device;

enum bh_state_bits {
	BH_Uptodate,	/* b_data holds the block's contents */
	BH_Dirty,	/* b_data differs from the disk */
	BH_Lock,	/* I/O in progress (or a caller holds it) */
	BH_Write_EIO,	/* the last write of it failed */
};

struct buffer_head {
	struct block_device *b_bdev;
	u64 b_blocknr;			/* in units of b_size */
	unsigned int b_size;		/* 512 .. PAGE_SIZE, a power of 2 */
	char *b_data;
	unsigned long b_state;		/* 1 << BH_*, changed atomically */
	int b_count;			/* references (getblk / brelse) */
	u64 b_dirtied;			/* jiffies when it became dirty */
	struct list_head b_hash;	/* on its hash chain */
	struct list_head b_lru;		/* on the LRU while b_count == 0 */
	struct list_head b_dirty;	/* on its device's dirty list */
	struct list_head b_wb;		/* on a writeback batch */
	struct wait_queue_head b_wait;	/* for BH_Lock */
};

#define BUFFER_FNS(bit, name) \
static inline bool buffer_##name(const struct buffer_head *bh) \
{ \
	return __atomic_load_n(&bh->b_state, __ATOMIC_SEQ_CST) & \
	       (1UL << BH_##bit); \
} \
static inline void set_buffer_##name(struct buffer_head *bh) \
{ \
	__atomic_fetch_or(&bh->b_state, 1UL << BH_##bit, __ATOMIC_SEQ_CST); \
} \
static inline void clear_buffer_##name(struct buffer_head *bh) \
{ \
	__atomic_fetch_and(&bh->b_state, ~(1UL << BH_##bit), \
			   __ATOMIC_SEQ_CST); \
} \
static inline bool test_set_buffer_##name(struct buffer_head *bh) \
{ \
	return __atomic_fetch_or(&bh->b_state, 1UL << BH_##bit, \
				 __ATOMIC_SEQ_CST) & (1UL << BH_##bit); \
} \
static inline bool test_clear_buffer_##name(struct buffer_head *bh) \
{ \
	return __atomic_fetch_and(&bh->b_state, ~(1UL << BH_##bit), \
				  __ATOMIC_SEQ_CST) & (1UL << BH_##bit); \
}
BUFFER_FNS(Uptodate, uptodate)
BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
BUFFER_FNS(Write_EIO, write_io_error)
#undef BUFFER_FNS

/*
 * The buffer for block of bdev, with a reference: from the cache, or a
 * new one (not uptodate) -- getblk() does no I/O. NULL when size is not
 * a power of two from 512 to PAGE_SIZE, the block lies past the end of
 * the device, or memory is short.
 */
struct buffer_head *getblk(struct block_device *bdev, u64 block,
			   unsigned int size);
/* getblk() and read it if it is not uptodate; NULL on any failure. */
struct buffer_head *bread(struct block_device *bdev, u64 block,
			  unsigned int size);
/* Drops a reference (NULL is fine); the buffer stays cached. */
void brelse(struct buffer_head *bh);
/* brelse() that also forgets the changes: for a freed block. */
void bforget(struct buffer_head *bh);
static inline void get_bh(struct buffer_head *bh)
{
	__atomic_fetch_add(&bh->b_count, 1, __ATOMIC_SEQ_CST);
}

/* The buffer must be uptodate; it will be written back later. */
void mark_buffer_dirty(struct buffer_head *bh);
/* Writes bh now if it is dirty and waits: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh);
/*
 * Writes every dirty buffer of bdev and waits for them; returns the
 * first error, including one from an earlier background write. It
 * does not flush the disk's write cache: blkdev_issue_flush() (bio.h)
 * does, and blkdev_fsync() does both -- what fsync needs.
 */
int sync_blockdev(struct block_device *bdev);
int blkdev_fsync(struct block_device *bdev);
/* Drops the clean, unused buffers of bdev (BLKFLSBUF). */
void invalidate_bdev(struct block_device *bdev);
/*
 * The block size the filesystem on bdev uses from now on (512 ..
 * PAGE_SIZE, a power of 2): writes back and drops the cached buffers,
 * since buffers of two sizes over the same bytes are not kept in step.
 */
int set_blocksize(struct block_device *bdev, unsigned int size);

/* Sleeping lock of a buffer (held during I/O). */
void lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void wait_on_buffer(struct buffer_head *bh);

/* For tests and /proc/meminfo: bytes of cached block data. */
unsigned long buffer_cache_bytes(void);

/* block/bdflush.c: start a background writeback pass now. */
void wakeup_bdflush(void);

#endif
