/*
 * ubd_test.c - KUnit tests of the ubd driver on temporary host files:
 * reads and writes that the host file agrees with, many bios in flight,
 * read-only devices, images that are refused (and why), locking against
 * a second user, and COW overlays: created like uml_mkcow's, reads from
 * the base or the overlay, the bitmap on disk after a flush or a FUA
 * write, reopening, a changed base, bad overlays and a base shared by
 * two overlays.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/completion.h>
#include <umk/buffer_head.h>
#include <os.h>
#include <os_block.h>
#include "ubd.h"

#define IMG_SIZE	(256 * 1024)
#define PATH_LEN	128

struct fixture {
	char img[PATH_LEN], cow[PATH_LEN], cow2[PATH_LEN];
	struct ubd *u[2];
	unsigned int unit[2];
	char why[256];
};

static u8 pattern(u64 off, u8 seed)
{
	return (off * 31 + seed) ^ (off >> 9);
}

static int fill_file(const char *path, u64 size, u8 seed)
{
	u8 *buf = kmalloc(4096, GFP_KERNEL);
	int fd = os_blk_open(path, OS_BLK_WRITE);
	long err = fd < 0 ? fd : 0;

	if (!buf)
		err = -ENOMEM;
	for (u64 off = 0; !err && off < size; off += 4096) {
		for (int i = 0; i < 4096; i++)
			buf[i] = pattern(off + i, seed);
		err = os_pwrite(fd, buf, min(size - off, (u64)4096), off);
		err = err < 0 ? err : 0;
	}
	if (fd >= 0)
		os_close(fd);
	kfree(buf);
	return err;
}

/* A new temporary file's path; created empty unless keep is false. */
static void tmp_path(struct kunit *test, char *path, bool keep)
{
	int fd = os_blk_tmpfile(path, PATH_LEN);

	KUNIT_ASSERT_GE(test, fd, 0);
	os_close(fd);
	if (!keep)
		os_blk_unlink(path);
}

static bool unit_free(unsigned int unit)
{
	char name[8];
	struct block_device *bdev;

	snprintf(name, sizeof(name), "ubd%c", 'a' + unit);
	bdev = blkdev_get_by_name(name);
	if (IS_ERR(bdev))
		return true;
	blkdev_put(bdev);
	return false;
}

static int ubd_test_init(struct kunit *test)
{
	struct fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	unsigned int n = 0;

	if (!f)
		return -ENOMEM;
	for (unsigned int unit = UBD_MAX_DEVS; unit-- > 0 && n < 2;)
		if (unit_free(unit))
			f->unit[n++] = unit;
	if (n < 2)
		return -EBUSY;
	test->priv = f;
	return 0;
}

static void ubd_test_exit(struct kunit *test)
{
	struct fixture *f = test->priv;

	for (int i = 0; i < 2; i++)
		if (f->u[i] && !IS_ERR(f->u[i]))
			ubd_destroy(f->u[i]);
	if (f->img[0])
		os_blk_unlink(f->img);
	if (f->cow[0])
		os_blk_unlink(f->cow);
	if (f->cow2[0])
		os_blk_unlink(f->cow2);
}

/* Device i of the fixture on file (and backing); NULL and why if not. */
static struct ubd *make(struct kunit *test, int i, const char *file,
			const char *backing, bool ro)
{
	struct fixture *f = test->priv;
	struct ubd_config cfg = {
		.unit = f->unit[i], .file = file, .backing = backing,
		.read_only = ro,
	};

	f->u[i] = ubd_create(&cfg, f->why, sizeof(f->why));
	if (IS_ERR(f->u[i]))
		return NULL;
	return f->u[i];
}

static struct block_device *bdev_of(struct ubd *u)
{
	return &u->disk->part0;
}

/* Reads the host file directly, as another program would. */
static void expect_host(struct kunit *test, const char *path, u64 off,
			const void *want, size_t len)
{
	u8 *buf = kunit_kmalloc(test, len, GFP_KERNEL);
	int fd = os_blk_open(path, 0);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, os_pread(fd, buf, len, off), (long)len);
	os_close(fd);
	KUNIT_EXPECT_MEMEQ(test, buf, want, len);
}

static void ubd_rw(struct kunit *test)
{
	struct fixture *f = test->priv;
	u8 *buf = kunit_kmalloc(test, 8192, GFP_KERNEL);
	struct ubd *u;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	tmp_path(test, f->img, true);
	KUNIT_ASSERT_EQ(test, fill_file(f->img, IMG_SIZE, 1), 0);
	u = make(test, 0, f->img, NULL, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	KUNIT_EXPECT_EQ(test, bdev_size_bytes(bdev_of(u)), IMG_SIZE);
	KUNIT_EXPECT_EQ(test, bdev_of(u)->bd_dev,
			(u32)(UBD_MAJOR << 20 | f->unit[0] << UBD_SHIFT));
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_READ, 10, buf,
					     4096, 0), 0);
	for (i = 0; i < 4096; i++)
		if (buf[i] != pattern(10 * 512 + i, 1))
			break;
	KUNIT_EXPECT_EQ(test, i, 4096);
	memset(buf, 0xc3, 8192);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_WRITE, 100,
					     buf, 8192, REQ_FUA), 0);
	expect_host(test, f->img, 100 * 512, buf, 8192);
	KUNIT_EXPECT_EQ(test, blkdev_issue_flush(bdev_of(u)), 0);
}

struct many {
	struct completion done;
	int left, errors;
};

static void many_end_io(struct bio *bio)
{
	struct many *m = bio->bi_private;

	if (bio->bi_status)
		m->errors++;
	bio_put(bio);
	if (--m->left == 0)
		complete(&m->done);
}

/* 64 writes in flight at once all land where they should. */
static void ubd_many_in_flight(struct kunit *test)
{
	struct fixture *f = test->priv;
	u8 *buf = kunit_kmalloc(test, 64 * 1024, GFP_KERNEL);
	struct many m = { .left = 64 };
	struct ubd *u;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	tmp_path(test, f->img, true);
	KUNIT_ASSERT_EQ(test, fill_file(f->img, IMG_SIZE, 2), 0);
	u = make(test, 0, f->img, NULL, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	init_completion(&m.done);
	for (int i = 0; i < 64; i++) {
		struct bio *bio = bio_alloc(bdev_of(u), 1, REQ_OP_WRITE,
					    GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, bio);
		memset(buf + i * 1024, i, 1024);
		bio->bi_sector = (63 - i) * 2;
		bio_add_buf(bio, buf + i * 1024, 1024);
		bio->bi_private = &m;
		bio->bi_end_io = many_end_io;
		submit_bio(bio);
	}
	wait_for_completion(&m.done);
	KUNIT_EXPECT_EQ(test, m.errors, 0);
	for (int i = 0; i < 64; i++)
		expect_host(test, f->img, (63 - i) * 1024, buf + i * 1024,
			    1024);
}

static void ubd_read_only(struct kunit *test)
{
	struct fixture *f = test->priv;
	u8 *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct ubd *u;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	tmp_path(test, f->img, true);
	KUNIT_ASSERT_EQ(test, fill_file(f->img, IMG_SIZE, 3), 0);
	u = make(test, 0, f->img, NULL, true);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	KUNIT_EXPECT_TRUE(test, bdev_read_only(bdev_of(u)));
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_WRITE, 0, buf,
					     512, 0), -EROFS);
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_READ, 0, buf,
					     512, 0), 0);
	KUNIT_EXPECT_EQ(test, buf[5], pattern(5, 3));
	/* A second reader is welcome; a writer is not. */
	KUNIT_EXPECT_NOT_NULL(test, make(test, 1, f->img, NULL, true));
	ubd_destroy(f->u[1]);
	KUNIT_EXPECT_NULL(test, make(test, 1, f->img, NULL, false));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[1]), -EBUSY);
}

/* A second writer of an image is refused, and told why. */
static void ubd_locked(struct kunit *test)
{
	struct fixture *f = test->priv;

	tmp_path(test, f->img, true);
	KUNIT_ASSERT_EQ(test, fill_file(f->img, IMG_SIZE, 4), 0);
	KUNIT_ASSERT_NOT_NULL(test, make(test, 0, f->img, NULL, false));
	KUNIT_EXPECT_NULL(test, make(test, 1, f->img, NULL, false));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[1]), -EBUSY);
	KUNIT_EXPECT_NOT_NULL(test, strstr(f->why,
				"image is in use by another process"));
	KUNIT_EXPECT_NULL(test, make(test, 1, f->img, NULL, true));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[1]), -EBUSY);
}

struct bad_image {
	const char *name;
	long size;		/* -1: no file at all */
	int err;
	const char *why;
};

static const struct bad_image bad_images[] = {
	{ "missing", -1, -ENOENT, "no such file" },
	{ "empty", 0, -EINVAL, "the file is empty" },
	{ "odd-size", 1000, -EINVAL, "size 1000 is not a multiple of 512" },
	{ "sector-and-a-bit", 513, -EINVAL, "is not a multiple of 512" },
};

static void bad_image_desc(const struct bad_image *b, char *desc)
{
	strcpy(desc, b->name);
}
KUNIT_ARRAY_PARAM(bad_image, bad_images, bad_image_desc);

static void ubd_bad_image(struct kunit *test)
{
	const struct bad_image *b = test->param_value;
	struct fixture *f = test->priv;
	int fd;

	tmp_path(test, f->img, b->size >= 0);
	if (b->size > 0) {
		fd = os_blk_open(f->img, OS_BLK_WRITE);
		KUNIT_ASSERT_GE(test, fd, 0);
		KUNIT_EXPECT_EQ(test, os_blk_truncate(fd, b->size), 0);
		os_close(fd);
	}
	KUNIT_EXPECT_NULL(test, make(test, 0, f->img, NULL, false));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[0]), b->err);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(f->why, b->why), "why: %s",
				  f->why);
	KUNIT_EXPECT_EQ(test, strncmp(f->why, "ubd", 3), 0);
}

/* A base image and a path for an overlay that does not exist yet. */
static void cow_files(struct kunit *test, u8 seed)
{
	struct fixture *f = test->priv;

	tmp_path(test, f->img, true);
	KUNIT_ASSERT_EQ(test, fill_file(f->img, IMG_SIZE, seed), 0);
	tmp_path(test, f->cow, false);
}

static void write_sectors(struct kunit *test, struct ubd *u, u64 sector,
			  unsigned int n, u8 fill, unsigned int flags)
{
	u8 *buf = kunit_kmalloc(test, n * 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, fill, n * 512);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_WRITE, sector,
					     buf, n * 512, flags), 0);
	kunit_kfree(test, buf);
}

/* Sectors [0, n) as the device shows them: fill where written, base. */
static void expect_sectors(struct kunit *test, struct ubd *u, unsigned int n,
			   const u8 *fill, u8 seed)
{
	u8 *buf = kunit_kmalloc(test, n * 512, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_READ, 0, buf,
					     n * 512, 0), 0);
	for (unsigned int s = 0; s < n; s++) {
		u8 want = fill[s] ? fill[s] : pattern(s * 512 + 17, seed);

		KUNIT_EXPECT_EQ_MSG(test, buf[s * 512 + 17], want,
				    "sector %u", s);
	}
	kunit_kfree(test, buf);
}

static void ubd_cow_rw(struct kunit *test)
{
	struct fixture *f = test->priv;
	u8 fill[16] = { [1] = 0xa1, [3] = 0xa3 };
	const u8 bitmap[2] = { 0xea, 0x1f };
	u64 size;
	s64 mtime;
	int fd;
	struct ubd *u;

	memset(fill + 5, 0xa5, 8);
	cow_files(test, 5);
	u = make(test, 0, f->cow, f->img, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	KUNIT_EXPECT_EQ(test, bdev_size_bytes(bdev_of(u)), IMG_SIZE);
	fd = os_blk_open(f->cow, 0);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, os_blk_stat(fd, &size, &mtime), 0);
	os_close(fd);
	KUNIT_EXPECT_EQ(test, size, 12288 + IMG_SIZE);
	expect_host(test, f->cow, 0, "OOOM\0\0\0\3", 8);
	expect_sectors(test, u, 16, (const u8 [16]){ 0 }, 5);
	write_sectors(test, u, 1, 1, 0xa1, 0);
	write_sectors(test, u, 3, 1, 0xa3, 0);
	write_sectors(test, u, 5, 8, 0xa5, 0);
	expect_sectors(test, u, 16, fill, 5);
	KUNIT_EXPECT_EQ(test, blkdev_issue_flush(bdev_of(u)), 0);
	expect_host(test, f->cow, 8192, bitmap, 2);
	expect_host(test, f->cow, 12288 + 3 * 512, (const u8 [4]){ 0xa3,
		    0xa3, 0xa3, 0xa3 }, 4);
	/* The base is never written. */
	expect_host(test, f->img, 3 * 512, (const u8 [2]){
		    pattern(3 * 512, 5), pattern(3 * 512 + 1, 5) }, 2);
	ubd_destroy(u);
	f->u[0] = NULL;
	/* The overlay alone names its base. */
	u = make(test, 0, f->cow, NULL, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	KUNIT_EXPECT_NOT_NULL(test, u->cow);
	expect_sectors(test, u, 16, fill, 5);
}

/* A FUA write's new bits are in the file when it completes. */
static void ubd_cow_fua(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct ubd *u;

	cow_files(test, 6);
	u = make(test, 0, f->cow, f->img, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	write_sectors(test, u, 30, 1, 0x30, 0);
	expect_host(test, f->cow, 8192 + 3, (const u8 [1]){ 0 }, 1);
	write_sectors(test, u, 20, 1, 0x20, REQ_FUA);
	expect_host(test, f->cow, 8192 + 2, (const u8 [2]){ 0x10, 0x40 }, 2);
}

struct base_change {
	const char *name;
	s64 mtime_delta;
	u64 size;
};

static const struct base_change base_changes[] = {
	{ "mtime", 100, IMG_SIZE },
	{ "size", 0, IMG_SIZE + 512 },
};

static void base_change_desc(const struct base_change *c, char *desc)
{
	strcpy(desc, c->name);
}
KUNIT_ARRAY_PARAM(base_change, base_changes, base_change_desc);

/* A base changed since the overlay was made is refused. */
static void ubd_cow_base_changed(struct kunit *test)
{
	const struct base_change *c = test->param_value;
	struct fixture *f = test->priv;
	u64 size;
	s64 mtime;
	int fd;

	cow_files(test, 7);
	KUNIT_ASSERT_NOT_NULL(test, make(test, 0, f->cow, f->img, false));
	ubd_destroy(f->u[0]);
	f->u[0] = NULL;
	fd = os_blk_open(f->img, OS_BLK_WRITE);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, os_blk_stat(fd, &size, &mtime), 0);
	KUNIT_EXPECT_EQ(test, os_blk_truncate(fd, c->size), 0);
	KUNIT_EXPECT_EQ(test, os_blk_set_mtime(fd, mtime + c->mtime_delta), 0);
	os_close(fd);
	KUNIT_EXPECT_NULL(test, make(test, 0, f->cow, f->img, false));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[0]), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(f->why,
				  "changed since the overlay was made"),
				  "why: %s", f->why);
}

struct bad_overlay {
	const char *name;
	unsigned int off;	/* patch: a byte of the header */
	u8 byte;
	u64 size;		/* truncate the overlay to this */
	const char *why;
};

static const struct bad_overlay bad_overlays[] = {
	{ "bad-magic", 0, 'X', 0, "bad magic" },
	{ "version-2", 7, 2, 0, "unsupported version" },
	{ "short-header", 0, 'O', 100, "truncated header" },
	{ "short-data", 0, 'O', 12288 + 512, "COW overlay is truncated" },
};

static void bad_overlay_desc(const struct bad_overlay *b, char *desc)
{
	strcpy(desc, b->name);
}
KUNIT_ARRAY_PARAM(bad_overlay, bad_overlays, bad_overlay_desc);

static void ubd_cow_bad_overlay(struct kunit *test)
{
	const struct bad_overlay *b = test->param_value;
	struct fixture *f = test->priv;
	int fd;

	cow_files(test, 8);
	KUNIT_ASSERT_NOT_NULL(test, make(test, 0, f->cow, f->img, false));
	ubd_destroy(f->u[0]);
	f->u[0] = NULL;
	fd = os_blk_open(f->cow, OS_BLK_WRITE);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, os_pwrite(fd, &b->byte, 1, b->off), 1);
	if (b->size)
		KUNIT_EXPECT_EQ(test, os_blk_truncate(fd, b->size), 0);
	os_close(fd);
	KUNIT_EXPECT_NULL(test, make(test, 0, f->cow, f->img, false));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[0]), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(f->why, b->why), "why: %s",
				  f->why);
}

/* Read-only: no overlay is made; an existing one is not written. */
static void ubd_cow_read_only(struct kunit *test)
{
	struct fixture *f = test->priv;
	u8 *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct ubd *u;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	cow_files(test, 9);
	KUNIT_EXPECT_NULL(test, make(test, 0, f->cow, f->img, true));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f->u[0]), -ENOENT);
	KUNIT_ASSERT_NOT_NULL(test, make(test, 0, f->cow, f->img, false));
	ubd_destroy(f->u[0]);
	u = make(test, 0, f->cow, f->img, true);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u, "%s", f->why);
	KUNIT_EXPECT_EQ(test, blkdev_rw_sync(bdev_of(u), REQ_OP_WRITE, 0, buf,
					     512, 0), -EROFS);
}

/* Two overlays share a base; nobody may write the base meanwhile. */
static void ubd_cow_shared_base(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct ubd_config cfg = { .unit = f->unit[0], .file = f->img };
	struct ubd *u0, *u1, *w;
	char why[256];

	cow_files(test, 10);
	tmp_path(test, f->cow2, false);
	u0 = make(test, 0, f->cow, f->img, false);
	u1 = make(test, 1, f->cow2, f->img, false);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u0, "%s", f->why);
	KUNIT_ASSERT_NOT_NULL_MSG(test, u1, "%s", f->why);
	write_sectors(test, u0, 2, 1, 0xb2, 0);
	write_sectors(test, u1, 4, 1, 0xc4, 0);
	expect_sectors(test, u0, 8, (const u8 [8]){ [2] = 0xb2 }, 10);
	expect_sectors(test, u1, 8, (const u8 [8]){ [4] = 0xc4 }, 10);
	cfg.unit = UBD_MAX_DEVS - 1 == f->unit[0] ? 0 : UBD_MAX_DEVS - 1;
	w = ubd_create(&cfg, why, sizeof(why));
	KUNIT_EXPECT_EQ(test, PTR_ERR(w), -EBUSY);
	if (!IS_ERR(w))
		ubd_destroy(w);
}

static struct kunit_case ubd_cases[] = {
	KUNIT_CASE(ubd_rw),
	KUNIT_CASE(ubd_many_in_flight),
	KUNIT_CASE(ubd_read_only),
	KUNIT_CASE(ubd_locked),
	KUNIT_CASE_PARAM(ubd_bad_image, bad_image_gen_params),
	{}
};

static struct kunit_suite ubd_suite = {
	.name = "ubd",
	.init = ubd_test_init,
	.exit = ubd_test_exit,
	.test_cases = ubd_cases,
};

static struct kunit_case ubd_cow_cases[] = {
	KUNIT_CASE(ubd_cow_rw),
	KUNIT_CASE(ubd_cow_fua),
	KUNIT_CASE_PARAM(ubd_cow_base_changed, base_change_gen_params),
	KUNIT_CASE_PARAM(ubd_cow_bad_overlay, bad_overlay_gen_params),
	KUNIT_CASE(ubd_cow_read_only),
	KUNIT_CASE(ubd_cow_shared_base),
	{}
};

static struct kunit_suite ubd_cow_suite = {
	.name = "ubd_cow",
	.init = ubd_test_init,
	.exit = ubd_test_exit,
	.test_cases = ubd_cow_cases,
};
kunit_test_suites(&ubd_suite, &ubd_cow_suite);
