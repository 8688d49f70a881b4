/*
 * bio.h - block I/O requests. A bio reads or writes a run of 512-byte
 * sectors from or to a list of memory segments (a page, an offset and a
 * length, each a multiple of 512 bytes), or asks the device to flush
 * its write cache. submit_bio() queues it and returns at once; the
 * device calls bio_endio() when it is done, which calls bi_end_io --
 * often from an interrupt handler, so end_io must not sleep.
 * submit_bio_wait() is the synchronous form: the caller sleeps, the
 * kernel does not. Implemented in block/bio.c (Documentation/block.md).
 */
#ifndef UMK_BIO_H
#define UMK_BIO_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/mm.h>

struct block_device;

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1U << SECTOR_SHIFT)

enum req_op {
	REQ_OP_READ,
	REQ_OP_WRITE,
	/* Make every write that completed before this was submitted
	 * durable (the device's write cache flushed). No data. */
	REQ_OP_FLUSH,
};

/* bi_flags */
#define REQ_FUA		0x1u	/* write: durable when it completes */

/* Most segments one bio may have. */
#define BIO_MAX_VECS	256

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;	/* from the start of bv_page; the segment
				 * may run on into the following pages of
				 * the same allocation */
};

struct bio {
	struct block_device *bi_bdev;
	u64 bi_sector;			/* first sector */
	enum req_op bi_op;
	unsigned int bi_flags;		/* REQ_FUA */
	unsigned short bi_vcnt;		/* segments in use */
	unsigned short bi_max_vecs;
	u32 bi_size;			/* bytes, the sum of the segments */
	int bi_status;			/* 0 or -errno, set before end_io */
	struct bio_vec *bi_io_vec;
	void (*bi_end_io)(struct bio *bio);
	void *bi_private;		/* the submitter's */
	struct list_head bi_list;	/* on the request queue */
	bool bi_allocated;		/* bio_alloc()'s: bio_put() frees */
	struct bio_vec bi_inline_vecs[];
};

/*
 * A bio with room for nr_vecs segments (at most BIO_MAX_VECS), from
 * kmalloc; NULL without memory. bio_put() frees it. bio_init() sets up
 * one the caller owns (on the stack, say) with its own vecs array.
 */
struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs,
		      enum req_op op, gfp_t gfp);
void bio_init(struct bio *bio, struct block_device *bdev,
	      struct bio_vec *vecs, unsigned int max_vecs, enum req_op op);
void bio_put(struct bio *bio);

/*
 * Appends a segment; returns len, or 0 when the bio is full (or len is
 * 0 or not a multiple of 512). bio_add_buf() takes kernel memory from
 * the page or slab allocators (guest RAM).
 */
unsigned int bio_add_page(struct bio *bio, struct page *page,
			  unsigned int len, unsigned int offset);
unsigned int bio_add_buf(struct bio *bio, void *buf, unsigned int len);

/*
 * Queues bio on its device. Requests start in submission order. A bio
 * that is bad (past the end of the device, unaligned, a write to a
 * read-only device: -EIO, -EINVAL, -EROFS) ends at once, before
 * submit_bio() returns, with bi_status set.
 */
void submit_bio(struct bio *bio);
/* Submits and sleeps until it ends; returns bi_status. */
int submit_bio_wait(struct bio *bio);
/* For drivers: bio is done with bi_status (set it first). */
void bio_endio(struct bio *bio);

/*
 * Synchronous helpers: read or write len bytes (a multiple of 512) of
 * kernel memory at sector; flush the device. 0 or -errno.
 */
int blkdev_rw_sync(struct block_device *bdev, enum req_op op, u64 sector,
		   void *buf, size_t len, unsigned int flags);
int blkdev_issue_flush(struct block_device *bdev);

#endif
