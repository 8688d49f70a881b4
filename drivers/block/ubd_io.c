/*
 * ubd_io.c - turning bios into work for the I/O thread and finishing
 * them. Each bio becomes one host request (a list of preadv, pwritev
 * and fdatasync operations the thread runs in order); the thread runs
 * requests in submission order and hands them back through IRQ_WAKE.
 *
 * COW overlays: a read is split into runs of sectors that come from the
 * overlay or from the backing file, as the bitmap says; a write goes to
 * the overlay, and only once it has succeeded are its bits set. The
 * bitmap reaches the file on a flush (or a FUA or O_SYNC write that set
 * new bits), always as "fdatasync, write the dirty bitmap chunks,
 * fdatasync": every bit set so far belongs to a write the thread ran
 * before that first fdatasync, so a bit is never durable before its
 * data, and a crash exposes old data or new, never garbage.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/init.h>
#include <umk/irqflags.h>
#include <umk/completion.h>
#include <os_block.h>
#include "ubd.h"

struct ubd_req {
	struct os_blk_req host;
	struct ubd *ubd;
	struct bio *bio;		/* NULL: set-up I/O (ubd_host_io) */
	struct completion *done;	/* set-up I/O: the waiter */
	bool commit;			/* the bitmap commit of a COW write */
	unsigned int nr_ops, nr_iov;
	struct os_blk_op *ops;
	struct os_blk_iov *iov;
};

static LIST_HEAD(ubd_devices);		/* changed with irqs masked */

static struct ubd_req *req_alloc(struct ubd *u, struct bio *bio,
				 unsigned int nr_ops, unsigned int nr_iov,
				 gfp_t gfp)
{
	struct ubd_req *r;

	r = kmalloc(sizeof(*r) + nr_ops * sizeof(*r->ops) +
		    nr_iov * sizeof(*r->iov), gfp | __GFP_NOWARN);
	if (!r)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->ubd = u;
	r->bio = bio;
	r->ops = (struct os_blk_op *)(r + 1);
	r->iov = (struct os_blk_iov *)(r->ops + nr_ops);
	return r;
}

static struct os_blk_op *add_op(struct ubd_req *r, int type, int fd,
				u64 offset)
{
	struct os_blk_op *op = &r->ops[r->nr_ops++];

	op->type = type;
	op->fd = fd;
	op->offset = offset;
	op->iov = &r->iov[r->nr_iov];
	op->nr_iov = 0;
	return op;
}

static void add_iov(struct ubd_req *r, struct os_blk_op *op, void *base,
		    size_t len)
{
	r->iov[r->nr_iov].base = base;
	r->iov[r->nr_iov].len = len;
	r->nr_iov++;
	op->nr_iov++;
}

/* A position in a bio's data. */
struct bio_pos {
	unsigned int vec;
	unsigned int off;
};

/* The next len bytes of the bio's data, as iov entries of op. */
static void add_bio_bytes(struct ubd_req *r, struct os_blk_op *op,
			  struct bio_pos *pos, u64 len)
{
	while (len) {
		struct bio_vec *v = &r->bio->bi_io_vec[pos->vec];
		u64 n = min((u64)(v->bv_len - pos->off), len);

		add_iov(r, op, (char *)page_address(v->bv_page) +
			v->bv_offset + pos->off, n);
		pos->off += n;
		len -= n;
		if (pos->off == v->bv_len) {
			pos->vec++;
			pos->off = 0;
		}
	}
}

static void req_submit(struct ubd_req *r)
{
	unsigned long flags;

	r->host.ops = r->ops;
	r->host.nr_ops = r->nr_ops;
	local_irq_save(flags);
	os_blk_submit(r->ubd->io, &r->host);
	local_irq_restore(flags);
}

static bool needs_sync_op(struct ubd *u, struct bio *bio)
{
	return (bio->bi_flags & REQ_FUA) && !u->cfg.sync;
}

/* A read or write at offset of fd, all of the bio's data. */
static struct ubd_req *rw_req(struct ubd *u, struct bio *bio, int fd,
			      u64 offset)
{
	int type = bio->bi_op == REQ_OP_READ ? OS_BLK_OP_READ :
					       OS_BLK_OP_WRITE;
	bool sync = type == OS_BLK_OP_WRITE && needs_sync_op(u, bio);
	struct bio_pos pos = { 0, 0 };
	struct os_blk_op *op;
	struct ubd_req *r;

	r = req_alloc(u, bio, 1 + sync, bio->bi_vcnt, GFP_ATOMIC);
	if (!r)
		return NULL;
	op = add_op(r, type, fd, offset);
	add_bio_bytes(r, op, &pos, bio->bi_size);
	if (sync)
		add_op(r, OS_BLK_OP_SYNC, fd, 0);
	return r;
}

/* A COW read: each run of sectors from the overlay or the base. */
static struct ubd_req *cow_read_req(struct ubd *u, struct bio *bio)
{
	struct ubd_cow *cow = u->cow;
	u64 first = bio->bi_sector, n = bio->bi_size >> SECTOR_SHIFT;
	u64 s, run, runs = 0;
	struct bio_pos pos = { 0, 0 };
	struct os_blk_op *op;
	struct ubd_req *r;
	bool bit;

	for (s = first; s < first + n; s += run, runs++)
		run = cow_run(&cow->bm, s, first + n - s, &bit);
	r = req_alloc(u, bio, runs, bio->bi_vcnt + runs, GFP_ATOMIC);
	if (!r)
		return NULL;
	for (s = first; s < first + n; s += run) {
		run = cow_run(&cow->bm, s, first + n - s, &bit);
		if (bit)
			op = add_op(r, OS_BLK_OP_READ, u->fd,
				    cow->layout.data_off + s * SECTOR_SIZE);
		else
			op = add_op(r, OS_BLK_OP_READ, u->base_fd,
				    s * SECTOR_SIZE);
		add_bio_bytes(r, op, &pos, run * SECTOR_SIZE);
	}
	return r;
}

/* Runs of consecutive dirty chunks, and dirty chunks, of the bitmap. */
static void count_dirty(const struct cow_bitmap *bm, unsigned int *runs,
			unsigned int *chunks)
{
	*runs = *chunks = 0;
	for (unsigned long i = 0; i < bm->nr_chunks; i++) {
		if (!bm->dirty[i])
			continue;
		if (!i || !bm->dirty[i - 1])
			(*runs)++;
		(*chunks)++;
	}
}

/*
 * A request that writes the dirty bitmap chunks between two fdatasyncs
 * (see the top of the file); the chunks count as clean from now on,
 * and become dirty again if it fails.
 */
static struct ubd_req *commit_req(struct ubd *u, struct bio *bio)
{
	struct cow_bitmap *bm = &u->cow->bm;
	struct os_blk_op *op = NULL;
	unsigned int runs, chunks;
	struct ubd_req *r;

	count_dirty(bm, &runs, &chunks);
	r = req_alloc(u, bio, runs + 2, chunks, GFP_ATOMIC);
	if (!r)
		return NULL;
	add_op(r, OS_BLK_OP_SYNC, u->fd, 0);
	for (unsigned long i = 0; i < bm->nr_chunks; i++) {
		if (!bm->dirty[i]) {
			op = NULL;
			continue;
		}
		if (!op)
			op = add_op(r, OS_BLK_OP_WRITE, u->fd,
				    u->cow->layout.bitmap_off + i * COW_CHUNK);
		add_iov(r, op, bm->chunk[i], cow_chunk_bytes(bm, i));
		bm->dirty[i] = false;
	}
	if (chunks)
		add_op(r, OS_BLK_OP_SYNC, u->fd, 0);
	return r;
}

/* A failed commit: its chunks are dirty again. */
static void redirty(struct ubd_req *r)
{
	struct ubd_cow *cow = r->ubd->cow;

	for (unsigned int i = 0; i < r->nr_ops; i++) {
		const struct os_blk_op *op = &r->ops[i];
		u64 first;

		if (op->type != OS_BLK_OP_WRITE || op->fd != r->ubd->fd ||
		    op->offset >= cow->layout.data_off)
			continue;
		first = (op->offset - cow->layout.bitmap_off) / COW_CHUNK;
		for (unsigned int j = 0; j < op->nr_iov; j++)
			cow->bm.dirty[first + j] = true;
	}
}

static int ubd_queue_bio(struct gendisk *disk, struct bio *bio)
{
	struct ubd *u = disk->private_data;
	struct ubd_req *r;

	switch (bio->bi_op) {
	case REQ_OP_READ:
		if (u->cow)
			r = cow_read_req(u, bio);
		else
			r = rw_req(u, bio, u->fd, bio->bi_sector * SECTOR_SIZE);
		break;
	case REQ_OP_WRITE:
		r = rw_req(u, bio, u->fd, bio->bi_sector * SECTOR_SIZE +
			   (u->cow ? u->cow->layout.data_off : 0));
		break;
	case REQ_OP_FLUSH:
		if (u->cow) {
			r = commit_req(u, bio);
			break;
		}
		r = req_alloc(u, bio, 1, 0, GFP_ATOMIC);
		if (r)
			add_op(r, OS_BLK_OP_SYNC, u->fd, 0);
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (!r)
		return -ENOMEM;
	req_submit(r);
	return 0;
}

const struct block_device_operations ubd_fops = {
	.queue_bio = ubd_queue_bio,
};

/* A COW write succeeded: its sectors now live in the overlay. */
static long cow_write_done(struct ubd_req *r)
{
	struct ubd *u = r->ubd;
	struct bio *bio = r->bio;
	struct ubd_req *c;

	if (!cow_set_range(&u->cow->bm, bio->bi_sector,
			   bio->bi_size >> SECTOR_SHIFT))
		return 0;
	if (!(bio->bi_flags & REQ_FUA) && !u->cfg.sync)
		return 0;
	/* Durable on completion: so must its new bits be. */
	c = commit_req(u, bio);
	if (!c)
		return -ENOMEM;
	c->commit = true;
	req_submit(c);
	return 1;
}

static void req_done(struct ubd_req *r)
{
	struct bio *bio = r->bio;
	long res = r->host.result;

	if (!bio) {
		complete(r->done);
		return;
	}
	if (res && r->ubd->cow)
		redirty(r);
	if (!res && r->ubd->cow && bio->bi_op == REQ_OP_WRITE && !r->commit) {
		res = cow_write_done(r);
		if (res > 0) {
			kfree(r);
			return;
		}
	}
	kfree(r);
	bio->bi_status = res;
	bio_endio(bio);
}

void ubd_reap(struct ubd *u)
{
	struct os_blk_req *h, *next;

	for (h = os_blk_reap(u->io); h; h = next) {
		next = h->next;
		req_done(container_of(h, struct ubd_req, host));
	}
}

/* IRQ_WAKE: some I/O thread finished something. */
static void ubd_irq(int irq, void *data)
{
	struct ubd *u;

	list_for_each_entry(u, &ubd_devices, list)
		ubd_reap(u);
}

static bool irq_ready;

static int ubd_irq_init(void)
{
	int err = request_irq(IRQ_WAKE, ubd_irq, NULL);

	irq_ready = !err;
	return err;
}
device_initcall(ubd_irq_init);

bool ubd_irq_ready(void)
{
	return irq_ready;
}

void ubd_add_device(struct ubd *u)
{
	unsigned long flags;

	local_irq_save(flags);
	list_add_tail(&u->list, &ubd_devices);
	local_irq_restore(flags);
}

void ubd_remove_device(struct ubd *u)
{
	unsigned long flags;

	local_irq_save(flags);
	ubd_reap(u);
	list_del_init(&u->list);
	local_irq_restore(flags);
}

int ubd_host_io(struct ubd *u, int type, int fd, u64 off, void *buf,
		size_t len)
{
	struct completion done;
	struct os_blk_op *op;
	struct ubd_req *r;
	long res;

	r = req_alloc(u, NULL, 1, 1, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	init_completion(&done);
	r->done = &done;
	op = add_op(r, type, fd, off);
	if (len)
		add_iov(r, op, buf, len);
	req_submit(r);
	wait_for_completion(&done);
	res = r->host.result;
	kfree(r);
	return res;
}
