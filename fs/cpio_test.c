/*
 * cpio_test.c - KUnit tests of the initramfs unpacker: a good archive
 * (every entry type, hard links, owners, modes, times) fed in awkward
 * pieces, and corrupt archives, each refused with its reason and the
 * offset of the entry at fault.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include "vfs_test.h"
#include "cpio.h"
#include "initramfs.h"

struct archive {
	char *buf;
	size_t len, cap;
};

struct centry {
	const char *name;
	u32 mode, uid, gid, nlink, ino, rmaj, rmin;
	const char *data;
};

static const struct centry good[] = {
	{ ".", S_IFDIR | 0755, 0, 0, 2, 1 },
	{ "bin", S_IFDIR | 0750, 0, 100, 2, 2 },
	{ "bin/sh", S_IFREG | 04755, 1000, 100, 1, 3, 0, 0, "#!shell\n" },
	{ "bin/link", S_IFLNK | 0777, 1000, 100, 1, 4, 0, 0, "sh" },
	{ "bin/hard1", S_IFREG | 0644, 0, 0, 2, 77, 0, 0, "" },
	{ "bin/hard2", S_IFREG | 0644, 0, 0, 2, 77, 0, 0, "shared" },
	{ "dev", S_IFDIR | 0755, 0, 0, 2, 5 },
	{ "dev/null", S_IFCHR | 0666, 0, 0, 1, 6, 1, 3 },
	{ "fifo", S_IFIFO | 0600, 0, 0, 1, 7 },
	{ "TRAILER!!!", 0, 0, 0, 1, 0 },
};

/* A file at the top, for archives cut short or checksummed. */
static const struct centry plain = {
	"file", S_IFREG | 0644, 0, 0, 1, 8, 0, 0, "payload"
};

#define MTIME	1234567890

static void put(struct kunit *test, struct archive *a, const void *p,
		size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2;
		a->buf = krealloc(a->buf, a->cap, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, a->buf);
	}
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad4(struct kunit *test, struct archive *a)
{
	static const char zeroes[3];

	put(test, a, zeroes, (4 - a->len % 4) % 4);
}

static void add(struct kunit *test, struct archive *a, const char *magic,
		const struct centry *e, u32 check)
{
	size_t size = e->data ? strlen(e->data) : 0;
	char hdr[CPIO_HDR_LEN + 1];

	snprintf(hdr, sizeof(hdr), "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x"
		 "%08x%08x%08x%08x", magic, e->ino, e->mode, e->uid, e->gid,
		 e->nlink, MTIME, (u32)size, 0, 0, e->rmaj, e->rmin,
		 (u32)strlen(e->name) + 1, check);
	put(test, a, hdr, CPIO_HDR_LEN);
	put(test, a, e->name, strlen(e->name) + 1);
	pad4(test, a);
	put(test, a, e->data, size);
	pad4(test, a);
}

/* The good archive; *second is where its second entry starts. */
static struct archive build(struct kunit *test, size_t *second)
{
	struct archive a = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		if (i == 1)
			*second = a.len;
		add(test, &a, "070701", &good[i], 0);
	}
	return a;
}

static int feed_in_pieces(struct unpack_ctx *u, const char *buf, size_t len,
			  size_t piece)
{
	int err = 0;

	for (size_t off = 0; !err && off < len; off += piece)
		err = unpack_feed(u, buf + off, min(piece, len - off));
	return unpack_finish(u, err);
}

static void check_attrs(struct kunit *test, const char *name, u32 mode,
			u32 uid, u32 gid)
{
	struct kstat st;

	KUNIT_ASSERT_EQ_MSG(test, vfs_fstatat(AT_FDCWD, name, &st,
					      AT_SYMLINK_NOFOLLOW), 0,
			    "%s", name);
	KUNIT_EXPECT_EQ_MSG(test, st.mode, mode, "%s", name);
	KUNIT_EXPECT_EQ_MSG(test, st.uid, uid, "%s", name);
	KUNIT_EXPECT_EQ_MSG(test, st.gid, gid, "%s", name);
	KUNIT_EXPECT_EQ_MSG(test, st.mtime.tv_sec, MTIME, "%s", name);
}

static void cpio_unpack_good(struct kunit *test)
{
	static const size_t pieces[] = { 1, 3, 110, 4096 };
	struct unpack_ctx *u = kunit_kmalloc(test, sizeof(*u), GFP_KERNEL);
	char buf[16] = "";
	struct kstat st;
	size_t second = 0;
	struct archive a = build(test, &second);

	KUNIT_ASSERT_NOT_NULL(test, u);
	/* Any cut of the stream gives the same result. */
	for (size_t i = 0; i < ARRAY_SIZE(pieces); i++) {
		unpack_init(u);
		KUNIT_ASSERT_EQ_MSG(test, feed_in_pieces(u, a.buf, a.len,
				    pieces[i]), 0, "pieces of %zu: %s",
				    pieces[i], u->why);
	}
	kfree(a.buf);
	check_attrs(test, "/bin", S_IFDIR | 0750, 0, 100);
	check_attrs(test, "/bin/sh", S_IFREG | 04755, 1000, 100);
	check_attrs(test, "/bin/link", S_IFLNK | 0777, 1000, 100);
	check_attrs(test, "/dev/null", S_IFCHR | 0666, 0, 0);
	check_attrs(test, "/fifo", S_IFIFO | 0600, 0, 0);
	KUNIT_EXPECT_EQ(test, vfs_test_read("/bin/sh", buf, sizeof(buf)), 8);
	KUNIT_EXPECT_STREQ(test, buf, "#!shell\n");
	KUNIT_EXPECT_EQ(test, vfs_fstatat(AT_FDCWD, "/dev/null", &st, 0), 0);
	KUNIT_EXPECT_EQ(test, st.rdev, MKDEV(1, 3));
	/* Hard links share an inode and the data of the later name. */
	KUNIT_EXPECT_PTR_EQ(test, vfs_test_inode("/bin/hard1"),
			    vfs_test_inode("/bin/hard2"));
	KUNIT_EXPECT_EQ(test, vfs_fstatat(AT_FDCWD, "/bin/hard1", &st, 0), 0);
	KUNIT_EXPECT_EQ(test, st.nlink, 2U);
	KUNIT_EXPECT_EQ(test, st.size, 6);
	KUNIT_EXPECT_EQ(test, vfs_fstatat(AT_FDCWD, "/bin/link", &st, 0), 0);
	KUNIT_EXPECT_EQ(test, st.mode, S_IFREG | 04755);
	KUNIT_EXPECT_EQ(test, current_umask(), 0022);
}

enum corruption {
	BAD_MAGIC, BAD_HEX, CUT_HEADER, CUT_DATA, NO_TRAILER, UNTERMINATED,
	BAD_CHECKSUM, ZERO_NAMESIZE, EMPTY,
};

struct corrupt_case {
	enum corruption kind;
	const char *desc;
	const char *error;
	bool at_second;		/* the fault is in the second entry */
};

static const struct corrupt_case corrupt_cases[] = {
	{ BAD_MAGIC, "bad magic", "bad cpio magic", false },
	{ BAD_HEX, "bad hex digit", "bad cpio header", true },
	{ CUT_HEADER, "cut in a header", "truncated cpio archive", true },
	{ CUT_DATA, "cut in file data", "truncated cpio archive", true },
	{ NO_TRAILER, "no trailer", "cpio archive without TRAILER!!!", false },
	{ UNTERMINATED, "name not terminated", "cpio name not terminated",
	  true },
	{ BAD_CHECKSUM, "checksum mismatch", "cpio checksum mismatch", true },
	{ ZERO_NAMESIZE, "name size 0", "bad cpio name size", true },
	{ EMPTY, "empty archive", "cpio archive without TRAILER!!!", false },
};

static void corrupt_desc(const struct corrupt_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(corrupt, corrupt_cases, corrupt_desc);

/* The corrupted archive of kind c (a kmalloc'ed buffer). */
static struct archive corrupt_archive(struct kunit *test,
				      const struct corrupt_case *c,
				      size_t *second)
{
	struct archive a = build(test, second);

	switch (c->kind) {
	case BAD_MAGIC:
		a.buf[0] = 'X';
		break;
	case BAD_HEX:
		a.buf[*second + 6 + 8 * 6 + 3] = 'g';	/* filesize */
		break;
	case CUT_HEADER:
		a.len = *second + 50;
		break;
	case CUT_DATA:
		a.len = *second;
		add(test, &a, "070701", &plain, 0);
		a.len -= 6;
		break;
	case NO_TRAILER:
		a.len = *second;
		break;
	case UNTERMINATED:
		a.buf[*second + 6 + 8 * 11 + 7] -= 1;	/* namesize - 1 */
		break;
	case BAD_CHECKSUM:
		a.len = *second;
		add(test, &a, "070702", &plain, 42);
		break;
	case ZERO_NAMESIZE:
		memset(a.buf + *second + 6 + 8 * 11, '0', 8);
		break;
	case EMPTY:
		a.len = 0;
		break;
	}
	return a;
}

static void cpio_corrupt(struct kunit *test)
{
	const struct corrupt_case *c = test->param_value;
	struct unpack_ctx *u = kunit_kmalloc(test, sizeof(*u), GFP_KERNEL);
	size_t second = 0;
	struct archive a = corrupt_archive(test, c, &second);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, u);
	unpack_init(u);
	err = unpack_feed(u, a.buf, a.len);
	err = unpack_finish(u, err);
	kfree(a.buf);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_EXPECT_STREQ(test, u->parser.error, c->error);
	if (c->at_second)
		KUNIT_EXPECT_EQ(test, u->parser.entry_offset, (u64)second);
	KUNIT_EXPECT_EQ(test, current_umask(), 0022);
}

static struct kunit_case cpio_cases[] = {
	KUNIT_CASE(cpio_unpack_good),
	KUNIT_CASE_PARAM(cpio_corrupt, corrupt_gen_params),
	{}
};

static struct kunit_suite cpio_suite = {
	.name = "initramfs",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = cpio_cases,
};
kunit_test_suite(cpio_suite);
