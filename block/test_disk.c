/*
 * test_disk.c - the in-memory disk of the block layer's tests (see
 * test_disk.h). Its data moves when a bio ends, as a real device's
 * would; a deferred bio waits on td->started for test_disk_end().
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/buffer_head.h>
#include "test_disk.h"

static void transfer(struct test_disk *td, struct bio *bio)
{
	u8 *pos = td->data + (bio->bi_sector << SECTOR_SHIFT);

	for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
		struct bio_vec *v = &bio->bi_io_vec[i];
		u8 *mem = (u8 *)page_address(v->bv_page) + v->bv_offset;

		if (bio->bi_op == REQ_OP_READ)
			memcpy(mem, pos, v->bv_len);
		else
			memcpy(pos, mem, v->bv_len);
		pos += v->bv_len;
	}
}

static void finish(struct test_disk *td, struct bio *bio, int status)
{
	if (!status && bio->bi_op != REQ_OP_FLUSH)
		transfer(td, bio);
	bio->bi_status = status;
	bio_endio(bio);
}

static int test_disk_queue_bio(struct gendisk *disk, struct bio *bio)
{
	struct test_disk *td = disk->private_data;
	struct test_disk_entry *e;
	int status = 0;

	if (td->busy) {
		td->busy--;
		return -EBUSY;
	}
	if (td->nr_log < TEST_DISK_LOG) {
		e = &td->log[td->nr_log];
		e->op = bio->bi_op;
		e->flags = bio->bi_flags;
		e->sector = bio->bi_sector;
		e->size = bio->bi_size;
	}
	td->nr_log++;
	if (bio->bi_op == REQ_OP_READ) {
		td->reads++;
		status = td->fail_reads;
	} else if (bio->bi_op == REQ_OP_WRITE) {
		td->writes++;
		status = td->fail_writes;
	} else {
		td->flushes++;
	}
	if (td->defer)
		list_add_tail(&bio->bi_list, &td->started);
	else
		finish(td, bio, status);
	return 0;
}

static const struct block_device_operations test_disk_fops = {
	.queue_bio = test_disk_queue_bio,
};

bool test_disk_end(struct test_disk *td, int status)
{
	struct bio *bio;

	if (list_empty(&td->started))
		return false;
	bio = list_first_entry(&td->started, struct bio, bi_list);
	list_del_init(&bio->bi_list);
	finish(td, bio, status);
	return true;
}

static void test_disk_destroy(struct kunit *test)
{
	struct test_disk *td = test->priv;

	td->defer = false;
	while (test_disk_end(td, -EIO))
		;
	del_gendisk(td->disk);
	put_disk(td->disk);
	kfree(td->data);
}

struct test_disk *test_disk_create(struct kunit *test, u64 sectors,
				   unsigned int depth, bool add)
{
	static unsigned int serial;
	struct test_disk *td = kunit_kzalloc(test, sizeof(*td), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, td);
	td->data = kzalloc(sectors << SECTOR_SHIFT, GFP_KERNEL);
	td->disk = alloc_disk(&test_disk_fops, depth);
	KUNIT_ASSERT_NOT_NULL(test, td->data);
	KUNIT_ASSERT_NOT_NULL(test, td->disk);
	INIT_LIST_HEAD(&td->started);
	snprintf(td->disk->disk_name, DISK_NAME_LEN, "td%u", serial);
	td->disk->major = TEST_DISK_MAJOR;
	td->disk->first_minor = serial++;
	set_capacity(td->disk, sectors);
	td->disk->private_data = td;
	test->priv = td;
	if (add) {
		register_blkdev(TEST_DISK_MAJOR, "testdisk");
		KUNIT_ASSERT_EQ(test, add_disk(td->disk), 0);
	}
	td->bdev = &td->disk->part0;
	return td;
}

void test_disk_exit(struct kunit *test)
{
	if (test->priv)
		test_disk_destroy(test);
}
