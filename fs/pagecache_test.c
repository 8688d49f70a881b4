/*
 * pagecache_test.c - KUnit tests of the page cache under regular files:
 * writes across page boundaries, reads back, holes, appends, truncation
 * dropping pages and zeroing the tail, and the page references.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/pagemap.h>
#include "vfs_test.h"

static struct file *open_rw(struct kunit *test, int extra)
{
	struct file *f = filp_open("/data", O_RDWR | O_CREAT | extra, 0644);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	return f;
}

static void pc_write_read(struct kunit *test)
{
	size_t len = 3 * PAGE_SIZE + 100;
	char *in = kunit_kmalloc(test, len, GFP_KERNEL);
	char *out = kunit_kzalloc(test, len, GFP_KERNEL);
	struct file *f = open_rw(test, 0);
	loff_t pos = 0;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	for (size_t i = 0; i < len; i++)
		in[i] = (char)(i * 7 + 3);
	/* Start mid-page so every page is partly written. */
	pos = 50;
	KUNIT_EXPECT_EQ(test, kernel_write(f, in, len, &pos), (ssize_t)len);
	KUNIT_EXPECT_EQ(test, pos, (loff_t)len + 50);
	KUNIT_EXPECT_EQ(test, file_inode(f)->i_size, (loff_t)len + 50);
	KUNIT_EXPECT_EQ(test, f->f_mapping->nrpages, 4UL);
	pos = 50;
	KUNIT_EXPECT_EQ(test, kernel_read(f, out, len, &pos), (ssize_t)len);
	KUNIT_EXPECT_MEMEQ(test, out, in, len);
	/* The bytes before the write read as zeroes; EOF reads nothing. */
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_read(f, out, 50, &pos), 50);
	KUNIT_EXPECT_TRUE(test, all_zero(out, 50));
	pos = len + 50;
	KUNIT_EXPECT_EQ(test, kernel_read(f, out, 10, &pos), 0);
	fput(f);
}

static void pc_holes(struct kunit *test)
{
	struct file *f = open_rw(test, 0);
	char buf[16];
	loff_t pos = 10 * PAGE_SIZE;

	KUNIT_ASSERT_EQ(test, kernel_write(f, "end", 3, &pos), 3);
	KUNIT_EXPECT_EQ(test, f->f_mapping->nrpages, 1UL);
	/* Reading a hole of a memory file allocates nothing. */
	pos = 3 * PAGE_SIZE;
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 16);
	KUNIT_EXPECT_TRUE(test, all_zero(buf, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, f->f_mapping->nrpages, 1UL);
	KUNIT_EXPECT_EQ(test, file_inode(f)->i_blocks, PAGE_SIZE / 512);
	fput(f);
}

static void pc_append(struct kunit *test)
{
	struct file *f = open_rw(test, O_APPEND);
	char buf[8] = "";
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, kernel_write(f, "abc", 3, &pos), 3);
	pos = 0;
	KUNIT_ASSERT_EQ(test, kernel_write(f, "def", 3, &pos), 3);
	KUNIT_EXPECT_EQ(test, pos, 6);
	KUNIT_EXPECT_EQ(test, vfs_test_read("/data", buf, sizeof(buf)), 6);
	KUNIT_EXPECT_STREQ(test, buf, "abcdef");
	fput(f);
}

static void pc_truncate(struct kunit *test)
{
	struct file *f = open_rw(test, 0);
	struct address_space *m = f->f_mapping;
	char buf[PAGE_SIZE / 2];
	struct page *p;
	loff_t pos = 0;

	memset(buf, 'a', sizeof(buf));
	for (int i = 0; i < 6; i++)
		KUNIT_ASSERT_EQ(test, kernel_write(f, buf, sizeof(buf), &pos),
				(ssize_t)sizeof(buf));
	KUNIT_ASSERT_EQ(test, m->nrpages, 3UL);
	p = find_get_page(m, 2);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p->refcount, 2);
	KUNIT_EXPECT_PTR_EQ(test, p->mapping, m);
	/* Cut into page 1: page 2 leaves the cache, 1's tail is zeroed. */
	mutex_lock(&file_inode(f)->i_rwsem);
	KUNIT_EXPECT_EQ(test, do_truncate(f->f_path.dentry, PAGE_SIZE + 10,
					  0), 0);
	mutex_unlock(&file_inode(f)->i_rwsem);
	KUNIT_EXPECT_EQ(test, m->nrpages, 2UL);
	KUNIT_EXPECT_NULL(test, p->mapping);
	KUNIT_EXPECT_EQ(test, p->refcount, 1);
	put_page(p);
	KUNIT_EXPECT_NULL(test, find_get_page(m, 2));
	/* Growing again shows zeroes, not the old bytes. */
	mutex_lock(&file_inode(f)->i_rwsem);
	KUNIT_EXPECT_EQ(test, do_truncate(f->f_path.dentry, 3 * PAGE_SIZE, 0),
			0);
	mutex_unlock(&file_inode(f)->i_rwsem);
	pos = PAGE_SIZE + 10;
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, 100, &pos), 100);
	KUNIT_EXPECT_TRUE(test, all_zero(buf, 100));
	pos = PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, 10, &pos), 10);
	KUNIT_EXPECT_EQ(test, buf[9], 'a');
	KUNIT_EXPECT_EQ(test, do_truncate(f->f_path.dentry, -1, 0), -EINVAL);
	fput(f);
	/* O_TRUNC empties it. */
	f = open_rw(test, O_TRUNC);
	KUNIT_EXPECT_EQ(test, f->f_mapping->nrpages, 0UL);
	KUNIT_EXPECT_EQ(test, file_inode(f)->i_size, 0);
	KUNIT_EXPECT_EQ(test, file_inode(f)->i_blocks, 0ULL);
	fput(f);
}

static void pc_filemap_get_page(struct kunit *test)
{
	struct file *f = open_rw(test, 0);
	struct page *p;
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, kernel_write(f, "page0", 5, &pos), 5);
	p = filemap_get_page(f->f_mapping, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(p));
	KUNIT_EXPECT_TRUE(test, PageUptodate(p));
	KUNIT_EXPECT_MEMEQ(test, page_address(p), "page0", 5);
	put_page(p);
	/* A hole mapped by a guest gets a zeroed page of its own. */
	p = filemap_get_page(f->f_mapping, 5);
	KUNIT_ASSERT_FALSE(test, IS_ERR(p));
	KUNIT_EXPECT_TRUE(test, all_zero(page_address(p), PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, f->f_mapping->nrpages, 2UL);
	KUNIT_EXPECT_PTR_EQ(test, find_get_page(f->f_mapping, 5), p);
	put_page(p);
	put_page(p);
	fput(f);
}

static struct kunit_case pc_cases[] = {
	KUNIT_CASE(pc_write_read),
	KUNIT_CASE(pc_holes),
	KUNIT_CASE(pc_append),
	KUNIT_CASE(pc_truncate),
	KUNIT_CASE(pc_filemap_get_page),
	{}
};

static struct kunit_suite pc_suite = {
	.name = "pagecache",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = pc_cases,
};
kunit_test_suite(pc_suite);
