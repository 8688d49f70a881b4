/*
 * ubd_cow_test.c - KUnit tests of the COW overlay format: the header's
 * bytes and its round trip, every way a header can be bad, where the
 * bitmap and data go (checked against what uml_mkcow writes), and the
 * bitmap's ranges and runs across byte and chunk boundaries.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include "ubd.h"

static void sample_header(struct cow_header *h)
{
	memset(h, 0, sizeof(*h));
	h->mtime = 1704164645;
	h->size = 102400;
	h->sectorsize = 512;
	h->alignment = 4096;
	strcpy(h->backing_file, "/tmp/blk/base.img");
}

/* The bytes uml_mkcow writes for the same header (facts, big-endian). */
static const u8 uml_mkcow_start[32] = {
	0x4f, 0x4f, 0x4f, 0x4d, 0x00, 0x00, 0x00, 0x03,
	0x65, 0x93, 0x7d, 0x25, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x90, 0x00, 0x00, 0x00, 0x02, 0x00,
	0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void cow_header_roundtrip(struct kunit *test)
{
	struct cow_header *h = kunit_kmalloc(test, sizeof(*h), GFP_KERNEL);
	struct cow_header *back = kunit_kmalloc(test, sizeof(*h), GFP_KERNEL);
	u8 *buf = kunit_kmalloc(test, COW_HEADER_SIZE, GFP_KERNEL);
	const char *why;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, back);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	sample_header(h);
	cow_header_encode(h, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, uml_mkcow_start, 32);
	KUNIT_EXPECT_STREQ(test, (char *)buf + 32, "/tmp/blk/base.img");
	KUNIT_EXPECT_EQ(test, buf[COW_HEADER_SIZE - 1], 0);
	KUNIT_ASSERT_EQ(test, cow_header_decode(buf, COW_HEADER_SIZE, back,
						&why), 0);
	KUNIT_EXPECT_EQ(test, back->mtime, h->mtime);
	KUNIT_EXPECT_EQ(test, back->size, h->size);
	KUNIT_EXPECT_EQ(test, back->sectorsize, 512);
	KUNIT_EXPECT_EQ(test, back->alignment, 4096);
	KUNIT_EXPECT_EQ(test, back->cow_format, 0);
	KUNIT_EXPECT_STREQ(test, back->backing_file, h->backing_file);
}

struct bad_header {
	const char *name;
	size_t len;		/* bytes given to decode */
	unsigned int off;	/* patch these bytes */
	u8 bytes[4];
	unsigned int nbytes;
	const char *why;
};

static const struct bad_header bad_headers[] = {
	{ "empty", 0, 0, {}, 0, "truncated header" },
	{ "tiny", 6, 0, {}, 0, "truncated header" },
	{ "bad-magic", COW_HEADER_SIZE, 0, { 'M', 'O', 'O', 'O' }, 4,
	  "bad magic (not a COW file)" },
	{ "version-2", COW_HEADER_SIZE, 4, { 0, 0, 0, 2 }, 4,
	  "unsupported version (umk reads version 3)" },
	{ "version-le", COW_HEADER_SIZE, 4, { 3, 0, 0, 0 }, 4,
	  "unsupported version (umk reads version 3)" },
	{ "truncated", 100, 0, {}, 0, "truncated header" },
	{ "one-short", COW_HEADER_SIZE - 1, 0, {}, 0, "truncated header" },
	{ "sector-4096", COW_HEADER_SIZE, 20, { 0, 0, 0x10, 0 }, 4,
	  "sector size is not 512" },
	{ "align-3", COW_HEADER_SIZE, 24, { 0, 0, 0, 3 }, 4,
	  "bad alignment" },
	{ "align-0", COW_HEADER_SIZE, 24, { 0, 0, 0, 0 }, 4,
	  "bad alignment" },
	{ "format-1", COW_HEADER_SIZE, 28, { 0, 0, 0, 1 }, 4,
	  "unknown bitmap format" },
	{ "no-path", COW_HEADER_SIZE, 32, { 0 }, 1, "no backing file name" },
	{ "odd-size", COW_HEADER_SIZE, 16, { 0, 0, 0x03, 0xe8 }, 4,
	  "backing file size is not a multiple of 512" },
	{ "zero-size", COW_HEADER_SIZE, 16, { 0, 0, 0, 0 }, 4,
	  "backing file size is not a multiple of 512" },
};

static void bad_header_desc(const struct bad_header *b, char *desc)
{
	strcpy(desc, b->name);
}
KUNIT_ARRAY_PARAM(bad_header, bad_headers, bad_header_desc);

static void cow_header_bad(struct kunit *test)
{
	const struct bad_header *b = test->param_value;
	struct cow_header *h = kunit_kmalloc(test, sizeof(*h), GFP_KERNEL);
	u8 *buf = kunit_kmalloc(test, COW_HEADER_SIZE, GFP_KERNEL);
	const char *why = NULL;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	sample_header(h);
	cow_header_encode(h, buf);
	memcpy(buf + b->off, b->bytes, b->nbytes);
	KUNIT_EXPECT_EQ(test, cow_header_decode(buf, b->len, h, &why),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, why, b->why);
}

/* A path filling the whole field has no NUL: refused. */
static void cow_header_long_path(struct kunit *test)
{
	struct cow_header *h = kunit_kmalloc(test, sizeof(*h), GFP_KERNEL);
	u8 *buf = kunit_kmalloc(test, COW_HEADER_SIZE, GFP_KERNEL);
	const char *why = NULL;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	sample_header(h);
	cow_header_encode(h, buf);
	memset(buf + 32, 'x', COW_PATH_LEN);
	KUNIT_EXPECT_EQ(test, cow_header_decode(buf, COW_HEADER_SIZE, h, &why),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, why, "backing file name is not terminated");
}

struct layout_case {
	u64 size;
	u32 align;
	u64 bitmap_off, bitmap_len, data_off;
};

static const struct layout_case layouts[] = {
	/* uml_mkcow of a 100 KiB file: 114688 bytes in all. */
	{ 102400, 4096, 8192, 25, 12288 },
	{ 512, 4096, 8192, 1, 12288 },
	{ 4096, 4096, 8192, 1, 12288 },
	{ 1ULL << 30, 4096, 8192, 262144, 270336 },
	{ 1ULL << 30, 512, 4608, 262144, 266752 },
	{ 32 * 1024 * 4096ULL, 4096, 8192, 32768, 40960 },
};

static void layout_desc(const struct layout_case *l, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size-%llu-align-%u",
		 (unsigned long long)l->size, l->align);
}
KUNIT_ARRAY_PARAM(layout, layouts, layout_desc);

static void cow_layout_offsets(struct kunit *test)
{
	const struct layout_case *c = test->param_value;
	struct cow_header *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct cow_layout l;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->size = c->size;
	h->sectorsize = 512;
	h->alignment = c->align;
	cow_layout(h, &l);
	KUNIT_EXPECT_EQ(test, l.bitmap_off, c->bitmap_off);
	KUNIT_EXPECT_EQ(test, l.bitmap_len, c->bitmap_len);
	KUNIT_EXPECT_EQ(test, l.data_off, c->data_off);
}

struct range_case {
	u64 first, n;
};

#define BITS	70000ULL	/* three chunks: 32768 bits each */

static const struct range_case ranges[] = {
	{ 0, 1 }, { 7, 1 }, { 7, 2 }, { 5, 10 }, { 8, 8 }, { 3, 30 },
	{ 32767, 2 }, { 32760, 33000 }, { 0, BITS }, { BITS - 1, 1 },
	{ 65535, 1 },
};

static void range_desc(const struct range_case *r, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%llu+%llu",
		 (unsigned long long)r->first, (unsigned long long)r->n);
}
KUNIT_ARRAY_PARAM(range, ranges, range_desc);

/* Exactly the range is set; runs and dirty chunks agree. */
static void cow_bitmap_range(struct kunit *test)
{
	const struct range_case *r = test->param_value;
	u64 end = r->first + r->n, b;
	struct cow_bitmap bm;
	bool bit;

	KUNIT_ASSERT_EQ(test, cow_bitmap_alloc(&bm, BITS), 0);
	KUNIT_EXPECT_EQ(test, bm.nr_chunks, 3);
	KUNIT_EXPECT_TRUE(test, cow_set_range(&bm, r->first, r->n));
	for (b = r->first ? r->first - 1 : 0; b < min(end + 9, BITS); b++)
		KUNIT_EXPECT_EQ_MSG(test, cow_test(&bm, b),
				    b >= r->first && b < end, "bit %llu",
				    (unsigned long long)b);
	for (unsigned long c = 0; c < bm.nr_chunks; c++)
		KUNIT_EXPECT_EQ_MSG(test, bm.dirty[c],
				    c >= r->first / 32768 &&
				    c <= (end - 1) / 32768, "chunk %lu", c);
	KUNIT_EXPECT_EQ(test, cow_run(&bm, r->first, BITS - r->first, &bit),
			r->n);
	KUNIT_EXPECT_TRUE(test, bit);
	if (r->first) {
		KUNIT_EXPECT_EQ(test, cow_run(&bm, 0, BITS, &bit), r->first);
		KUNIT_EXPECT_FALSE(test, bit);
	}
	memset(bm.dirty, 0, bm.nr_chunks);
	KUNIT_EXPECT_FALSE(test, cow_set_range(&bm, r->first, r->n));
	KUNIT_EXPECT_FALSE(test, bm.dirty[r->first / 32768]);
	cow_bitmap_free(&bm);
}

/* A run stops at a change and at its limit; the last chunk is short. */
static void cow_bitmap_runs(struct kunit *test)
{
	struct cow_bitmap bm;
	bool bit;

	KUNIT_ASSERT_EQ(test, cow_bitmap_alloc(&bm, 40000), 0);
	KUNIT_EXPECT_EQ(test, cow_chunk_bytes(&bm, 0), 4096);
	KUNIT_EXPECT_EQ(test, cow_chunk_bytes(&bm, 1), 904);
	cow_set_range(&bm, 1, 1);
	cow_set_range(&bm, 3, 1);
	KUNIT_EXPECT_EQ(test, cow_run(&bm, 0, 8, &bit), 1);
	KUNIT_EXPECT_FALSE(test, bit);
	KUNIT_EXPECT_EQ(test, cow_run(&bm, 1, 8, &bit), 1);
	KUNIT_EXPECT_TRUE(test, bit);
	KUNIT_EXPECT_EQ(test, cow_run(&bm, 4, 100, &bit), 100);
	KUNIT_EXPECT_FALSE(test, bit);
	KUNIT_EXPECT_EQ(test, cow_run(&bm, 4, 39996, &bit), 39996);
	cow_bitmap_free(&bm);
}

static struct kunit_case cow_cases[] = {
	KUNIT_CASE(cow_header_roundtrip),
	KUNIT_CASE_PARAM(cow_header_bad, bad_header_gen_params),
	KUNIT_CASE(cow_header_long_path),
	KUNIT_CASE_PARAM(cow_layout_offsets, layout_gen_params),
	KUNIT_CASE_PARAM(cow_bitmap_range, range_gen_params),
	KUNIT_CASE(cow_bitmap_runs),
	{}
};

static struct kunit_suite cow_suite = {
	.name = "ubd_cow_format",
	.test_cases = cow_cases,
};
kunit_test_suite(cow_suite);
