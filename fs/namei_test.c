/*
 * namei_test.c - KUnit tests of the path walk: ".", "..", symlinks (and
 * their loops), length limits, ENOTDIR, trailing slashes, dirfds and
 * crossing mount points in both directions.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include <umk/mount.h>
#include "vfs_test.h"

/* The dentry a name resolves to (NULL on error), following symlinks. */
static struct dentry *resolve(const char *name, unsigned int flags, int *err)
{
	struct path path;
	struct dentry *d;

	*err = kern_path(name, flags, &path);
	if (*err)
		return NULL;
	d = path.dentry;
	path_put(&path);
	return d;
}

static void namei_dots(struct kunit *test)
{
	struct dentry *b, *d;
	struct path a;
	int err;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/a", 0755), 0);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/a/b", 0755), 0);
	b = resolve("/a/b", 0, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	d = resolve("/a/./b/../b//.", 0, &err);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_PTR_EQ(test, d, b);
	/* ".." at the root stays there. */
	d = resolve("/../../a/b", 0, &err);
	KUNIT_EXPECT_PTR_EQ(test, d, b);
	KUNIT_EXPECT_PTR_EQ(test, resolve("/..", 0, &err),
			    resolve("/", 0, &err));
	/* Relative names start at the cwd. */
	KUNIT_ASSERT_EQ(test, kern_path("/a", 0, &a), 0);
	set_fs_pwd(current_fs(), &a);
	path_put(&a);
	KUNIT_EXPECT_PTR_EQ(test, resolve("b", 0, &err), b);
	KUNIT_EXPECT_PTR_EQ(test, resolve("./b/../b", 0, &err), b);
	KUNIT_EXPECT_EQ(test, kern_path("", 0, &(struct path){ 0 }), -ENOENT);
}

static void namei_symlinks(struct kunit *test)
{
	struct dentry *target, *d;
	int err;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/dir", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/dir/file", "x", 1), 0);
	KUNIT_ASSERT_EQ(test, do_symlinkat("dir", AT_FDCWD, "/rel"), 0);
	KUNIT_ASSERT_EQ(test, do_symlinkat("/dir/file", AT_FDCWD, "/abs"), 0);
	KUNIT_ASSERT_EQ(test, do_symlinkat("nowhere", AT_FDCWD, "/dangling"),
			0);
	target = resolve("/dir/file", 0, &err);
	KUNIT_ASSERT_NOT_NULL(test, target);
	/* In the middle of a name, links are always followed. */
	KUNIT_EXPECT_PTR_EQ(test, resolve("/rel/file", 0, &err), target);
	/* At the end, only with LOOKUP_FOLLOW. */
	KUNIT_EXPECT_PTR_EQ(test, resolve("/abs", LOOKUP_FOLLOW, &err),
			    target);
	d = resolve("/abs", 0, &err);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_TRUE(test, d_is_symlink(d));
	/* A trailing slash follows it, and wants a directory. */
	KUNIT_EXPECT_TRUE(test, d_is_dir(resolve("/rel/", 0, &err)));
	KUNIT_EXPECT_NULL(test, resolve("/abs/", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOTDIR);
	KUNIT_EXPECT_NULL(test, resolve("/dangling", LOOKUP_FOLLOW, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	/* A relative body resolves from the link's directory. */
	KUNIT_ASSERT_EQ(test, do_symlinkat("file", AT_FDCWD, "/dir/l"), 0);
	KUNIT_EXPECT_PTR_EQ(test, resolve("/rel/l", LOOKUP_FOLLOW, &err),
			    target);
}

static void namei_symlink_loops(struct kunit *test)
{
	char name[16], body[16];
	int err, i;

	KUNIT_ASSERT_EQ(test, do_symlinkat("/l2", AT_FDCWD, "/l1"), 0);
	KUNIT_ASSERT_EQ(test, do_symlinkat("/l1", AT_FDCWD, "/l2"), 0);
	KUNIT_EXPECT_NULL(test, resolve("/l1", LOOKUP_FOLLOW, &err));
	KUNIT_EXPECT_EQ(test, err, -ELOOP);
	KUNIT_EXPECT_NULL(test, resolve("/l1/x", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ELOOP);
	/* A chain of exactly MAXSYMLINKS links resolves; one more fails. */
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/c0", 0755), 0);
	for (i = 1; i <= MAXSYMLINKS + 1; i++) {
		snprintf(name, sizeof(name), "/c%d", i);
		snprintf(body, sizeof(body), "c%d", i - 1);
		KUNIT_ASSERT_EQ(test, do_symlinkat(body, AT_FDCWD, name), 0);
	}
	KUNIT_EXPECT_NOT_NULL(test, resolve("/c40/", 0, &err));
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_NULL(test, resolve("/c41/", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ELOOP);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(AT_FDCWD, "/c1",
			LOOKUP_FOLLOW | LOOKUP_NO_SYMLINKS,
			&(struct path){ 0 }), -ELOOP);
}

static void namei_limits(struct kunit *test)
{
	char *name = kunit_kzalloc(test, NAME_MAX + 3, GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, name);
	name[0] = '/';
	memset(name + 1, 'n', NAME_MAX);
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, name, 0755), 0);
	KUNIT_EXPECT_NOT_NULL(test, resolve(name, 0, &err));
	name[NAME_MAX + 1] = 'n';
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, name, 0755),
			-ENAMETOOLONG);
	KUNIT_EXPECT_NULL(test, resolve(name, 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENAMETOOLONG);
}

static void namei_enotdir_and_slashes(struct kunit *test)
{
	int err;

	KUNIT_ASSERT_EQ(test, vfs_test_write("/f", "data", 4), 0);
	KUNIT_EXPECT_NULL(test, resolve("/f/x", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOTDIR);
	KUNIT_EXPECT_NULL(test, resolve("/f/", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOTDIR);
	KUNIT_EXPECT_NULL(test, resolve("/f", LOOKUP_DIRECTORY, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOTDIR);
	/* mkdir takes a trailing slash; other creations do not. */
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, "/d//", 0755), 0);
	KUNIT_EXPECT_EQ(test, do_mknodat(AT_FDCWD, "/g/", S_IFREG | 0644, 0),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/f/"), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/d/"), -EISDIR);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/d/"), 0);
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, "/", 0755), -EEXIST);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/f/.."), -ENOTDIR);
}

static void namei_dirfd(struct kunit *test)
{
	struct path path;
	struct dentry *x;
	int fd, err;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/d/x", "1", 1), 0);
	x = resolve("/d/x", 0, &err);
	fd = do_sys_open(AT_FDCWD, "/d", O_RDONLY | O_DIRECTORY, 0);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(fd, "x", 0, &path), 0);
	KUNIT_EXPECT_PTR_EQ(test, path.dentry, x);
	path_put(&path);
	/* Absolute names ignore the dirfd, even a bad one. */
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(999, "/d/x", 0, &path), 0);
	path_put(&path);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(999, "x", 0, &path), -EBADF);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(fd, "", 0, &path), -ENOENT);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(fd, "", LOOKUP_EMPTY, &path),
			0);
	KUNIT_EXPECT_PTR_EQ(test, path.dentry, x->d_parent);
	path_put(&path);
	close_fd(fd);
	fd = do_sys_open(AT_FDCWD, "/d/x", O_RDONLY, 0);
	KUNIT_ASSERT_GE(test, fd, 0);
	KUNIT_EXPECT_EQ(test, vfs_path_lookup_at(fd, "y", 0, &path),
			-ENOTDIR);
	close_fd(fd);
}

static void namei_mount_crossing(struct kunit *test)
{
	struct dentry *root, *mp, *inner, *d;
	struct file *f;
	int err;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/mnt", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/mnt/under", "u", 1), 0);
	root = resolve("/", 0, &err);
	mp = resolve("/mnt", 0, &err);
	KUNIT_ASSERT_EQ(test, do_mount("none", "/mnt", "tmpfs", 0, NULL), 0);
	/* Down: /mnt is now the root of the new tmpfs. */
	inner = resolve("/mnt", 0, &err);
	KUNIT_EXPECT_PTR_NE(test, inner, mp);
	KUNIT_EXPECT_PTR_NE(test, inner->d_sb, mp->d_sb);
	KUNIT_EXPECT_NULL(test, resolve("/mnt/under", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/mnt/over", "o", 1), 0);
	/* Up: ".." of the mount's root is the mountpoint's parent. */
	KUNIT_EXPECT_PTR_EQ(test, resolve("/mnt/..", 0, &err), root);
	KUNIT_EXPECT_PTR_EQ(test, resolve("/mnt/../mnt/over", 0, &err),
			    resolve("/mnt/over", 0, &err));
	/* Busy while a file is open on it; then it goes. */
	f = filp_open("/mnt/over", O_RDONLY, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	KUNIT_EXPECT_EQ(test, do_umount_path("/mnt", 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, do_rmdir(AT_FDCWD, "/mnt"), -EBUSY);
	fput(f);
	KUNIT_EXPECT_EQ(test, do_umount_path("/mnt/over", 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_umount_path("/mnt", 0), 0);
	d = resolve("/mnt/under", 0, &err);
	KUNIT_EXPECT_NOT_NULL(test, d);
	KUNIT_EXPECT_PTR_EQ(test, resolve("/mnt", 0, &err), mp);
	KUNIT_EXPECT_EQ(test, do_umount_path("/mnt", 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_mount("none", "/mnt", "nosuchfs", 0, NULL),
			-ENODEV);
}

/* Mounts stacked deep, then taken down at once with MNT_DETACH. */
static void namei_lazy_umount(struct kunit *test)
{
	char *name = kunit_kzalloc(test, PATH_MAX, GFP_KERNEL);
	int depth = 200, len, i, err;

	KUNIT_ASSERT_NOT_NULL(test, name);
	len = snprintf(name, PATH_MAX, "/m");
	for (i = 0; i < depth; i++) {
		KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, name, 0755), 0);
		KUNIT_ASSERT_EQ(test, do_mount("none", name, "tmpfs", 0, NULL),
				0);
		len += snprintf(name + len, PATH_MAX - len, "/m");
	}
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", MNT_DETACH), 0);
	KUNIT_EXPECT_NULL(test, resolve("/m/m", 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	KUNIT_EXPECT_NOT_NULL(test, resolve("/m", 0, &err));
}

static struct kunit_case namei_cases[] = {
	KUNIT_CASE(namei_dots),
	KUNIT_CASE(namei_symlinks),
	KUNIT_CASE(namei_symlink_loops),
	KUNIT_CASE(namei_limits),
	KUNIT_CASE(namei_enotdir_and_slashes),
	KUNIT_CASE(namei_dirfd),
	KUNIT_CASE(namei_mount_crossing),
	KUNIT_CASE(namei_lazy_umount),
	{}
};

static struct kunit_suite namei_suite = {
	.name = "vfs_namei",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = namei_cases,
};
kunit_test_suite(namei_suite);
