/*
 * tmpfs_test.c - KUnit tests of tmpfs: listing a directory while its
 * entries are removed and added (every survivor exactly once), positions
 * that stay valid, statfs, and the size and inode limits (ENOSPC).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/mount.h>
#include <uapi/umk/statfs.h>
#include "../vfs_test.h"

#define NFILES	100

struct lister {
	struct dir_context ctx;
	int budget;		/* entries per call: a small buffer */
	int seen[NFILES];	/* times each fNN was listed */
	int dots;
	int others;
};

static bool list_actor(struct dir_context *ctx, const char *name, int len,
		       loff_t next, u64 ino, unsigned int type)
{
	struct lister *l = container_of(ctx, struct lister, ctx);
	unsigned int n;

	if (l->budget-- <= 0)
		return false;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		l->dots++;
	else if (len >= 2 && name[0] == 'f' && !kstrtouint(name + 1, 10, &n)
		 && n < NFILES)
		l->seen[n]++;
	else
		l->others++;
	return true;
}

static void tmpfs_readdir_with_deletions(struct kunit *test)
{
	struct lister *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	char name[16];
	struct file *dir;
	int i, calls = 0;

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d", 0755), 0);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/d/f%d", i);
		KUNIT_ASSERT_EQ(test, vfs_test_write(name, "", 0), 0);
	}
	dir = filp_open("/d", O_RDONLY | O_DIRECTORY, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dir);
	l->ctx.actor = list_actor;
	for (;;) {
		loff_t before = dir->f_pos;

		l->budget = 7;
		KUNIT_ASSERT_EQ(test, iterate_dir(dir, &l->ctx), 0);
		if (dir->f_pos == before)
			break;
		/* Between calls, remove every third file and add one. */
		if (calls < NFILES / 3) {
			snprintf(name, sizeof(name), "/d/f%d", calls * 3);
			do_unlinkat(AT_FDCWD, name);
			snprintf(name, sizeof(name), "/d/new%d", calls);
			vfs_test_write(name, "", 0);
		}
		calls++;
	}
	KUNIT_EXPECT_EQ(test, l->dots, 2);
	for (i = 0; i < NFILES; i++)
		KUNIT_EXPECT_LE_MSG(test, l->seen[i], 1, "f%d listed twice", i);
	/* A file not yet removed when its turn came was listed. */
	for (i = 1; i < NFILES; i++)
		if (i % 3)
			KUNIT_EXPECT_EQ_MSG(test, l->seen[i], 1, "f%d lost", i);
	KUNIT_EXPECT_GT(test, l->others, 0);
	/* Rewinding lists the survivors again. */
	memset(l->seen, 0, sizeof(l->seen));
	l->budget = 1000;
	KUNIT_EXPECT_EQ(test, vfs_llseek(dir, 0, SEEK_SET), 0);
	KUNIT_EXPECT_EQ(test, iterate_dir(dir, &l->ctx), 0);
	KUNIT_EXPECT_EQ(test, l->seen[0], 0);
	KUNIT_EXPECT_EQ(test, l->seen[1], 1);
	KUNIT_EXPECT_EQ(test, vfs_llseek(dir, 0, SEEK_END), -EINVAL);
	fput(dir);
}

/* Mounts a tmpfs with opts on /m. */
static void mount_small(struct kunit *test, const char *opts)
{
	char data[64];

	strscpy(data, opts, sizeof(data));
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/m", 0755), 0);
	KUNIT_ASSERT_EQ(test, do_mount("tmpfs", "/m", "tmpfs", 0, data), 0);
}

static void tmpfs_size_limit(struct kunit *test)
{
	char *page = kunit_kzalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	struct kstatfs st;
	struct path path;
	struct file *f;
	loff_t pos = 0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	mount_small(test, "size=16k,mode=700");
	f = filp_open("/m/big", O_WRONLY | O_CREAT, 0600);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, kernel_write(f, page, PAGE_SIZE, &pos),
				(ssize_t)PAGE_SIZE);
	/* A write that gets part-way returns what it wrote... */
	KUNIT_EXPECT_EQ(test, kernel_write(f, page, 2 * PAGE_SIZE, &pos),
			(ssize_t)PAGE_SIZE);
	/* ...and the next one fails. */
	KUNIT_EXPECT_EQ(test, kernel_write(f, page, PAGE_SIZE, &pos),
			-ENOSPC);
	KUNIT_ASSERT_EQ(test, kern_path("/m", 0, &path), 0);
	KUNIT_EXPECT_EQ(test, vfs_statfs(&path, &st), 0);
	KUNIT_EXPECT_EQ(test, st.f_type, (long)TMPFS_MAGIC);
	KUNIT_EXPECT_EQ(test, st.f_blocks, 4ULL);
	KUNIT_EXPECT_EQ(test, st.f_bfree, 0ULL);
	KUNIT_EXPECT_EQ(test, path.dentry->d_inode->i_mode, S_IFDIR | 0700);
	path_put(&path);
	fput(f);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/m/big"), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/m", 0, &path), 0);
	KUNIT_EXPECT_EQ(test, vfs_statfs(&path, &st), 0);
	KUNIT_EXPECT_EQ(test, st.f_bfree, 4ULL);
	path_put(&path);
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", 0), 0);
}

static void tmpfs_inode_limit(struct kunit *test)
{
	mount_small(test, "nr_inodes=3");
	/* The root is one of the three. */
	KUNIT_EXPECT_EQ(test, vfs_test_write("/m/a", "", 0), 0);
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, "/m/b", 0755), 0);
	KUNIT_EXPECT_EQ(test, do_symlinkat("a", AT_FDCWD, "/m/c"), -ENOSPC);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/m/a"), 0);
	KUNIT_EXPECT_EQ(test, do_symlinkat("a", AT_FDCWD, "/m/c"), 0);
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", 0), 0);
}

static void tmpfs_bad_options(struct kunit *test)
{
	char bad[] = "size=lots", unknown[] = "colour=blue";

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/m", 0755), 0);
	KUNIT_EXPECT_EQ(test, do_mount("tmpfs", "/m", "tmpfs", 0, bad),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, do_mount("tmpfs", "/m", "tmpfs", 0, unknown),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", 0), -EINVAL);
}

static struct kunit_case tmpfs_cases[] = {
	KUNIT_CASE(tmpfs_readdir_with_deletions),
	KUNIT_CASE(tmpfs_size_limit),
	KUNIT_CASE(tmpfs_inode_limit),
	KUNIT_CASE(tmpfs_bad_options),
	{}
};

static struct kunit_suite tmpfs_suite = {
	.name = "tmpfs",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = tmpfs_cases,
};
kunit_test_suite(tmpfs_suite);
