/*
 * vfs_ops_test.c - KUnit tests of the namespace operations (create,
 * unlink, link, rename in all its forms, rmdir) and of the dentry
 * cache: hits, negative entries, names that go away.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/dcache.h>
#include "vfs_test.h"

static unsigned int nlink_of(const char *name)
{
	struct inode *inode = vfs_test_inode(name);

	return inode ? inode->i_nlink : 0;
}

static void ops_create_excl(struct kunit *test)
{
	struct kstat st;
	int fd;

	fd = do_sys_open(AT_FDCWD, "/f", O_CREAT | O_EXCL | O_RDWR, 0640);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/f", O_CREAT | O_EXCL |
					  O_RDWR, 0640), -EEXIST);
	KUNIT_EXPECT_EQ(test, vfs_fstatat(AT_FDCWD, "/f", &st, 0), 0);
	KUNIT_EXPECT_EQ(test, st.mode, S_IFREG | 0640);
	KUNIT_EXPECT_EQ(test, st.nlink, 1U);
	/* O_EXCL does not follow a symlink, even a dangling one. */
	KUNIT_ASSERT_EQ(test, do_symlinkat("/g", AT_FDCWD, "/l"), 0);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/l", O_CREAT | O_EXCL |
					  O_WRONLY, 0600), -EEXIST);
	/* Without it the target is created. */
	KUNIT_EXPECT_GE(test, do_sys_open(AT_FDCWD, "/l", O_CREAT | O_WRONLY,
					  0600), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/g"), 1U);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/l", O_RDONLY |
					  O_NOFOLLOW, 0), -ELOOP);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/", O_WRONLY, 0),
			-EISDIR);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/f", O_RDONLY |
					  O_DIRECTORY, 0), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/new/", O_CREAT |
					  O_WRONLY, 0600), -EISDIR);
	close_fd(fd);
}

static void ops_unlink_open_file(struct kunit *test)
{
	struct file *f;
	char buf[8] = "";
	loff_t pos = 0;
	struct kstat st;

	KUNIT_ASSERT_EQ(test, vfs_test_write("/f", "hello", 5), 0);
	f = filp_open("/f", O_RDONLY, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/f"), 0);
	KUNIT_EXPECT_EQ(test, vfs_fstatat(AT_FDCWD, "/f", &st, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/f"), -ENOENT);
	/* The open file still has its data. */
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 5);
	KUNIT_EXPECT_STREQ(test, buf, "hello");
	KUNIT_EXPECT_EQ(test, vfs_getattr(&f->f_path, &st, STATX_BASIC_STATS,
					  0), 0);
	KUNIT_EXPECT_EQ(test, st.nlink, 0U);
	fput(f);
	/* A new file of that name is another file. */
	KUNIT_EXPECT_EQ(test, vfs_test_write("/f", "x", 1), 0);
	KUNIT_EXPECT_EQ(test, vfs_test_read("/f", buf, sizeof(buf)), 1);
}

static void ops_links(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, vfs_test_write("/a", "1", 1), 0);
	KUNIT_EXPECT_EQ(test, do_linkat(AT_FDCWD, "/a", AT_FDCWD, "/b", 0), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/a"), 2U);
	KUNIT_EXPECT_PTR_EQ(test, vfs_test_inode("/a"), vfs_test_inode("/b"));
	KUNIT_EXPECT_EQ(test, do_linkat(AT_FDCWD, "/a", AT_FDCWD, "/b", 0),
			-EEXIST);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d", 0755), 0);
	KUNIT_EXPECT_EQ(test, do_linkat(AT_FDCWD, "/d", AT_FDCWD, "/e", 0),
			-EPERM);
	KUNIT_EXPECT_EQ(test, nlink_of("/d"), 2U);
	KUNIT_EXPECT_EQ(test, nlink_of("/"), 3U);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d/sub", 0755), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/d"), 3U);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/d"), -ENOTEMPTY);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/d/sub/."), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/a"), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/d"), -EISDIR);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/d/sub"), 0);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/d"), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/"), 2U);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/a"), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/b"), 1U);
}

static void ops_rename(struct kunit *test)
{
	struct inode *a, *b;
	char buf[4] = "";

	KUNIT_ASSERT_EQ(test, vfs_test_write("/a", "A", 1), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/b", "B", 1), 0);
	a = vfs_test_inode("/a");
	/* Replacing: b's old file goes. */
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/a", AT_FDCWD, "/b", 0),
			0);
	KUNIT_EXPECT_PTR_EQ(test, vfs_test_inode("/b"), a);
	KUNIT_EXPECT_NULL(test, vfs_test_inode("/a"));
	KUNIT_EXPECT_EQ(test, vfs_test_read("/b", buf, 1), 1);
	KUNIT_EXPECT_EQ(test, buf[0], 'A');
	/* NOREPLACE and EXCHANGE. */
	KUNIT_ASSERT_EQ(test, vfs_test_write("/c", "C", 1), 0);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/b", AT_FDCWD, "/c",
					   RENAME_NOREPLACE), -EEXIST);
	b = vfs_test_inode("/b");
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/b", AT_FDCWD, "/c",
					   RENAME_EXCHANGE), 0);
	KUNIT_EXPECT_PTR_EQ(test, vfs_test_inode("/c"), b);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/b", AT_FDCWD, "/zz",
					   RENAME_EXCHANGE), -ENOENT);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/b", AT_FDCWD, "/c",
				RENAME_EXCHANGE | RENAME_NOREPLACE), -EINVAL);
	/* Directories. */
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d/e", 0755), 0);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/full", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/full/x", "x", 1), 0);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/d", AT_FDCWD, "/d/e/f",
					   0), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/d", AT_FDCWD, "/full",
					   0), -ENOTEMPTY);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/b", AT_FDCWD, "/d", 0),
			-EISDIR);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/d", AT_FDCWD, "/b", 0),
			-ENOTDIR);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/d/e", AT_FDCWD,
					   "/full/e", 0), 0);
	KUNIT_EXPECT_EQ(test, nlink_of("/d"), 2U);
	KUNIT_EXPECT_EQ(test, nlink_of("/full"), 3U);
	KUNIT_EXPECT_NOT_NULL(test, vfs_test_inode("/full/e/.."));
	KUNIT_EXPECT_PTR_EQ(test, vfs_test_inode("/full/e/.."),
			    vfs_test_inode("/full"));
	/* Onto an empty directory, and a name to itself. */
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/full/e", AT_FDCWD,
					   "/d", 0), 0);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/c", AT_FDCWD, "/c", 0),
			0);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/nope", AT_FDCWD, "/q",
					   0), -ENOENT);
}

static void ops_dcache(struct kunit *test)
{
	struct dcache_stats before, after;
	struct path path;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/dir", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/dir/file", "x", 1), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/dir/file", 0, &path), 0);
	path_put(&path);
	dcache_get_stats(&before);
	KUNIT_ASSERT_EQ(test, kern_path("/dir/file", 0, &path), 0);
	path_put(&path);
	dcache_get_stats(&after);
	KUNIT_EXPECT_EQ(test, after.hits - before.hits, 2UL);
	KUNIT_EXPECT_EQ(test, after.lookups - before.lookups, 2UL);
	/* A miss is cached too (a negative dentry). */
	KUNIT_EXPECT_EQ(test, kern_path("/dir/none", 0, &path), -ENOENT);
	dcache_get_stats(&before);
	KUNIT_EXPECT_EQ(test, kern_path("/dir/none", 0, &path), -ENOENT);
	dcache_get_stats(&after);
	KUNIT_EXPECT_EQ(test, after.hits - before.hits, 2UL);
	/* Creating the name turns the negative entry positive. */
	KUNIT_EXPECT_EQ(test, vfs_test_write("/dir/none", "y", 1), 0);
	KUNIT_EXPECT_EQ(test, kern_path("/dir/none", 0, &path), 0);
	path_put(&path);
	/* Unused entries can be pruned and found again. */
	KUNIT_EXPECT_GT(test, prune_dcache(~0UL), 0UL);
	KUNIT_EXPECT_EQ(test, kern_path("/dir/file", 0, &path), 0);
	path_put(&path);
}

static struct kunit_case ops_cases[] = {
	KUNIT_CASE(ops_create_excl),
	KUNIT_CASE(ops_unlink_open_file),
	KUNIT_CASE(ops_links),
	KUNIT_CASE(ops_rename),
	KUNIT_CASE(ops_dcache),
	{}
};

static struct kunit_suite ops_suite = {
	.name = "vfs_ops",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = ops_cases,
};
kunit_test_suite(ops_suite);
