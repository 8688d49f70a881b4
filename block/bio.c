/*
 * bio.c - block I/O requests and the request queue. submit_bio() checks
 * a bio, puts it at the tail of its disk's queue and starts as many
 * queued bios as the driver takes (its depth), head first, so bios
 * start in submission order. bio_endio() from the driver ends one and
 * starts the next. Nothing here sleeps but submit_bio_wait() and the
 * helpers built on it, which sleep the caller on a completion.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/completion.h>
#include <umk/blkdev.h>
#include "blk.h"

/* Largest bio the synchronous helpers make. */
#define SYNC_CHUNK	(1U << 20)

struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs,
		      enum req_op op, gfp_t gfp)
{
	struct bio *bio;

	if (nr_vecs > BIO_MAX_VECS)
		return NULL;
	bio = kmalloc(sizeof(*bio) + nr_vecs * sizeof(struct bio_vec), gfp);
	if (!bio)
		return NULL;
	bio_init(bio, bdev, bio->bi_inline_vecs, nr_vecs, op);
	bio->bi_allocated = true;
	return bio;
}

void bio_init(struct bio *bio, struct block_device *bdev,
	      struct bio_vec *vecs, unsigned int max_vecs, enum req_op op)
{
	memset(bio, 0, sizeof(*bio));
	bio->bi_bdev = bdev;
	bio->bi_op = op;
	bio->bi_io_vec = vecs;
	bio->bi_max_vecs = max_vecs;
	INIT_LIST_HEAD(&bio->bi_list);
}

void bio_put(struct bio *bio)
{
	if (bio && bio->bi_allocated)
		kfree(bio);
}

unsigned int bio_add_page(struct bio *bio, struct page *page,
			  unsigned int len, unsigned int offset)
{
	struct bio_vec *v;

	if (!len || len % SECTOR_SIZE || bio->bi_vcnt >= bio->bi_max_vecs ||
	    bio->bi_size + (u64)len > UINT32_MAX)
		return 0;
	v = &bio->bi_io_vec[bio->bi_vcnt++];
	v->bv_page = page;
	v->bv_len = len;
	v->bv_offset = offset;
	bio->bi_size += len;
	return len;
}

unsigned int bio_add_buf(struct bio *bio, void *buf, unsigned int len)
{
	if (WARN_ON(!virt_is_ram(buf)))
		return 0;
	return bio_add_page(bio, virt_to_page(buf), len,
			    (unsigned long)buf & ~PAGE_MASK);
}

/* Why bio cannot go to its device at all, or 0. */
static int bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	u64 nr = bio->bi_size >> SECTOR_SHIFT;

	if (bio->bi_op == REQ_OP_FLUSH)
		return bio->bi_size ? -EINVAL : 0;
	if (bio->bi_op != REQ_OP_READ && bio->bi_op != REQ_OP_WRITE)
		return -EOPNOTSUPP;
	if (!bio->bi_size || bio->bi_size % SECTOR_SIZE)
		return -EINVAL;
	if (bio->bi_sector > bdev_nr_sectors(bdev) ||
	    nr > bdev_nr_sectors(bdev) - bio->bi_sector) {
		pr_err("%s: access beyond end of device (sector %llu, %llu "
		       "sectors, device has %llu)\n",
		       bdev->bd_disk->disk_name,
		       (unsigned long long)bio->bi_sector,
		       (unsigned long long)nr,
		       (unsigned long long)bdev_nr_sectors(bdev));
		return -EIO;
	}
	if (bio->bi_op == REQ_OP_WRITE && bdev_read_only(bdev))
		return -EROFS;
	return 0;
}

static void bio_end_now(struct bio *bio, int status)
{
	bio->bi_status = status;
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

/*
 * Starts queued bios while the driver has room. One loop runs at a
 * time: a submission or completion that comes while it runs (from the
 * driver's queue_bio or an end_io) leaves the work to it. Bios the
 * driver refused end after the lock is dropped.
 */
static void queue_run(struct gendisk *disk)
{
	struct request_queue *q = &disk->queue;
	struct bio *bio, *next;
	unsigned long flags;
	LIST_HEAD(failed);
	int err;

	spin_lock_irqsave(&q->lock, flags);
	if (q->dispatching) {
		spin_unlock_irqrestore(&q->lock, flags);
		return;
	}
	q->dispatching = true;
	while (q->in_flight < q->depth && !list_empty(&q->pending)) {
		bio = list_first_entry(&q->pending, struct bio, bi_list);
		list_del_init(&bio->bi_list);
		q->in_flight++;
		err = q->dead ? -EIO : disk->fops->queue_bio(disk, bio);
		if (!err) {
			q->nr_started++;
			continue;
		}
		q->in_flight--;
		if (err == -EBUSY || err == -ENOMEM) {
			list_add(&bio->bi_list, &q->pending);
			if (!q->in_flight)
				mod_timer(&q->retry, jiffies + 1);
			break;
		}
		bio->bi_status = err;
		list_add_tail(&bio->bi_list, &failed);
	}
	q->dispatching = false;
	spin_unlock_irqrestore(&q->lock, flags);
	list_for_each_entry_safe(bio, next, &failed, bi_list) {
		list_del_init(&bio->bi_list);
		bio_end_now(bio, bio->bi_status);
	}
}

static void queue_retry(struct timer_list *t)
{
	struct request_queue *q = container_of(t, struct request_queue, retry);

	queue_run(container_of(q, struct gendisk, queue));
}

void blk_queue_init(struct request_queue *q, unsigned int depth)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->pending);
	q->depth = depth ? depth : 1;
	timer_setup(&q->retry, queue_retry);
}

/* Fails everything still queued and all that comes (the disk goes). */
void blk_queue_kill(struct gendisk *disk)
{
	struct request_queue *q = &disk->queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->dead = true;
	spin_unlock_irqrestore(&q->lock, flags);
	del_timer(&q->retry);
	queue_run(disk);
}

void submit_bio(struct bio *bio)
{
	struct gendisk *disk = bio->bi_bdev->bd_disk;
	struct request_queue *q = &disk->queue;
	unsigned long flags;
	int err = bio_check(bio);

	if (err) {
		bio_end_now(bio, err);
		return;
	}
	bio->bi_status = 0;
	spin_lock_irqsave(&q->lock, flags);
	if (bio->bi_op == REQ_OP_WRITE)
		disk->needs_flush = true;
	else if (bio->bi_op == REQ_OP_FLUSH)
		disk->needs_flush = false;
	list_add_tail(&bio->bi_list, &q->pending);
	spin_unlock_irqrestore(&q->lock, flags);
	queue_run(disk);
}

void bio_endio(struct bio *bio)
{
	struct gendisk *disk = bio->bi_bdev->bd_disk;
	struct request_queue *q = &disk->queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->in_flight--;
	q->nr_ended++;
	/* A failed flush leaves writes that may not be durable. */
	if (bio->bi_status && bio->bi_op != REQ_OP_READ)
		disk->needs_flush = true;
	spin_unlock_irqrestore(&q->lock, flags);
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
	queue_run(disk);
}

static void bio_wait_end_io(struct bio *bio)
{
	complete(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->bi_private = &done;
	bio->bi_end_io = bio_wait_end_io;
	submit_bio(bio);
	wait_for_completion(&done);
	return bio->bi_status;
}

int blkdev_rw_sync(struct block_device *bdev, enum req_op op, u64 sector,
		   void *buf, size_t len, unsigned int flags)
{
	struct bio_vec vec;
	struct bio bio;
	int err;

	if (len % SECTOR_SIZE || (op != REQ_OP_READ && op != REQ_OP_WRITE))
		return -EINVAL;
	while (len) {
		unsigned int n = min(len, (size_t)SYNC_CHUNK);

		bio_init(&bio, bdev, &vec, 1, op);
		bio.bi_sector = sector;
		bio.bi_flags = flags;
		if (!bio_add_buf(&bio, buf, n))
			return -EINVAL;
		err = submit_bio_wait(&bio);
		if (err)
			return err;
		buf = (char *)buf + n;
		sector += n >> SECTOR_SHIFT;
		len -= n;
	}
	return 0;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio bio;

	bio_init(&bio, bdev, NULL, 0, REQ_OP_FLUSH);
	return submit_bio_wait(&bio);
}
