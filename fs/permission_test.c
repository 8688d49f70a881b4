/*
 * permission_test.c - KUnit tests of permission checks: owner, group
 * (also supplementary) and other classes, directory search, root's
 * overrides and their exec exception, sticky directories, who may
 * chmod/chown, access() with real ids, and mount.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/sched.h>
#include "vfs_test.h"

struct perm_ctx {
	const struct cred *saved;
	struct cred cred;
	gid_t groups[2];
};

/* Acts as uid/gid (all four ids of each), with up to two groups. */
static void become(struct perm_ctx *p, uid_t uid, gid_t gid, int ngroups,
		   gid_t g0, gid_t g1)
{
	p->cred.usage = 1;
	p->cred.uid = p->cred.euid = p->cred.suid = p->cred.fsuid = uid;
	p->cred.gid = p->cred.egid = p->cred.sgid = p->cred.fsgid = gid;
	p->groups[0] = g0;
	p->groups[1] = g1;
	p->cred.groups = p->groups;
	p->cred.ngroups = ngroups;
	current->cred = &p->cred;
}

static void make_file(struct kunit *test, const char *name, umode_t mode,
		      uid_t uid, gid_t gid)
{
	struct path path;

	KUNIT_ASSERT_EQ(test, vfs_test_write(name, "data", 4), 0);
	KUNIT_ASSERT_EQ(test, kern_path(name, 0, &path), 0);
	KUNIT_ASSERT_EQ(test, vfs_chown(&path, uid, gid), 0);
	KUNIT_ASSERT_EQ(test, vfs_chmod(&path, mode), 0);
	path_put(&path);
}

static int try_open(const char *name, int flags)
{
	long fd = do_sys_open(AT_FDCWD, name, flags, 0);

	if (fd >= 0)
		close_fd(fd);
	return fd < 0 ? (int)fd : 0;
}

static struct perm_ctx *ctx_of(struct kunit *test)
{
	struct perm_ctx *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->saved = current->cred;
	return p;
}

static void perm_classes(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);

	make_file(test, "/f", 0640, 1000, 100);
	make_file(test, "/owner_locked", 0077, 1000, 100);
	become(p, 1000, 1000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, try_open("/f", O_RDWR), 0);
	/* The owner gets the owner's bits only. */
	KUNIT_EXPECT_EQ(test, try_open("/owner_locked", O_RDONLY), -EACCES);
	become(p, 2000, 100, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, try_open("/f", O_RDONLY), 0);
	KUNIT_EXPECT_EQ(test, try_open("/f", O_WRONLY), -EACCES);
	become(p, 2000, 200, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, try_open("/f", O_RDONLY), -EACCES);
	become(p, 2000, 200, 2, 50, 100);
	KUNIT_EXPECT_EQ(test, try_open("/f", O_RDONLY), 0);
	current->cred = p->saved;
}

static void perm_directories(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);
	struct path path;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/d", 0700), 0);
	make_file(test, "/d/x", 0644, 0, 0);
	KUNIT_ASSERT_EQ(test, kern_path("/d", 0, &path), 0);
	KUNIT_ASSERT_EQ(test, vfs_chmod(&path, 0711), 0);
	become(p, 1000, 1000, 0, 0, 0);
	/* Search without read: known names only. */
	KUNIT_EXPECT_EQ(test, try_open("/d/x", O_RDONLY), 0);
	KUNIT_EXPECT_EQ(test, try_open("/d", O_RDONLY | O_DIRECTORY),
			-EACCES);
	KUNIT_EXPECT_EQ(test, do_mkdirat(AT_FDCWD, "/d/new", 0755), -EACCES);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/d/x"), -EACCES);
	current->cred = p->saved;
	KUNIT_ASSERT_EQ(test, vfs_chmod(&path, 0600), 0);
	become(p, 1000, 1000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, try_open("/d/x", O_RDONLY), -EACCES);
	current->cred = p->saved;
	path_put(&path);
}

static void perm_root(struct kunit *test)
{
	struct inode *none, *x;

	make_file(test, "/none", 0000, 1000, 1000);
	make_file(test, "/x", 0100, 1000, 1000);
	none = vfs_test_inode("/none");
	x = vfs_test_inode("/x");
	KUNIT_EXPECT_EQ(test, try_open("/none", O_RDWR), 0);
	/* Root may execute only what has an x bit. */
	KUNIT_EXPECT_EQ(test, inode_permission(none, MAY_EXEC), -EACCES);
	KUNIT_EXPECT_EQ(test, inode_permission(x, MAY_EXEC), 0);
	KUNIT_EXPECT_EQ(test, inode_permission(x, MAY_READ | MAY_WRITE), 0);
	KUNIT_EXPECT_TRUE(test, fs_capable(CAP_DAC_OVERRIDE));
}

static void perm_sticky(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);
	struct path path;

	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/tmp", 01777), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/tmp", 0, &path), 0);
	KUNIT_ASSERT_EQ(test, vfs_chmod(&path, 01777), 0);
	path_put(&path);
	become(p, 1000, 1000, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, vfs_test_write("/tmp/mine", "m", 1), 0);
	KUNIT_EXPECT_EQ(test, vfs_test_inode("/tmp/mine")->i_uid, 1000U);
	become(p, 2000, 2000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/tmp/mine"), -EPERM);
	KUNIT_EXPECT_EQ(test, do_renameat2(AT_FDCWD, "/tmp/mine", AT_FDCWD,
					   "/tmp/theirs", 0), -EPERM);
	become(p, 1000, 1000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, do_unlinkat(AT_FDCWD, "/tmp/mine"), 0);
	current->cred = p->saved;
}

static void perm_chmod_chown(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);
	struct path path;

	make_file(test, "/f", 0644, 1000, 1000);
	KUNIT_ASSERT_EQ(test, kern_path("/f", 0, &path), 0);
	become(p, 2000, 2000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, vfs_chmod(&path, 0777), -EPERM);
	become(p, 1000, 1000, 1, 300, 0);
	KUNIT_EXPECT_EQ(test, vfs_chown(&path, 2000, (gid_t)-1), -EPERM);
	KUNIT_EXPECT_EQ(test, vfs_chown(&path, (uid_t)-1, 400), -EPERM);
	KUNIT_EXPECT_EQ(test, vfs_chown(&path, (uid_t)-1, 300), 0);
	/* setgid for a group we are not in is dropped. */
	KUNIT_EXPECT_EQ(test, vfs_chown(&path, (uid_t)-1, 1000), 0);
	become(p, 1000, 500, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, vfs_chmod(&path, 02755), 0);
	KUNIT_EXPECT_EQ(test, path.dentry->d_inode->i_mode, S_IFREG | 0755);
	current->cred = p->saved;
	KUNIT_EXPECT_EQ(test, vfs_chmod(&path, 06755), 0);
	/* A change of owner drops set-id bits, even done by root. */
	KUNIT_EXPECT_EQ(test, vfs_chown(&path, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, path.dentry->d_inode->i_mode, S_IFREG | 0755);
	path_put(&path);
}

static void perm_access_real_ids(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);

	make_file(test, "/secret", 0600, 0, 0);
	/* A setuid-root program run by 1000: effective root, real 1000. */
	become(p, 1000, 1000, 0, 0, 0);
	p->cred.euid = p->cred.fsuid = 0;
	KUNIT_EXPECT_EQ(test, do_faccessat(AT_FDCWD, "/secret", R_OK, 0),
			-EACCES);
	KUNIT_EXPECT_EQ(test, do_faccessat(AT_FDCWD, "/secret", R_OK,
					   AT_EACCESS), 0);
	KUNIT_EXPECT_EQ(test, do_faccessat(AT_FDCWD, "/secret", F_OK, 0), 0);
	KUNIT_EXPECT_EQ(test, do_faccessat(AT_FDCWD, "/secret", 8, 0),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, current->cred, &p->cred);
	KUNIT_ASSERT_EQ(test, do_mkdirat(AT_FDCWD, "/m", 0777), 0);
	KUNIT_EXPECT_EQ(test, do_mount("none", "/m", "tmpfs", 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, do_umount_path("/m", 0), 0);
	p->cred.euid = p->cred.fsuid = 1000;
	KUNIT_EXPECT_EQ(test, do_mount("none", "/m", "tmpfs", 0, NULL),
			-EPERM);
	current->cred = p->saved;
}

static void perm_exec_open(struct kunit *test)
{
	struct perm_ctx *p = ctx_of(test);
	struct file *f;
	char buf[4];
	loff_t pos = 0;

	make_file(test, "/prog", 0711, 0, 0);
	make_file(test, "/text", 0644, 0, 0);
	become(p, 1000, 1000, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, try_open("/prog", O_RDONLY), -EACCES);
	f = file_open_exec(AT_FDCWD, "/prog", false);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, 4, &pos), 4);
	KUNIT_EXPECT_MEMEQ(test, buf, "data", 4);
	fput(f);
	KUNIT_EXPECT_EQ(test, PTR_ERR(file_open_exec(AT_FDCWD, "/text",
						     false)), -EACCES);
	current->cred = p->saved;
}

static struct kunit_case perm_cases[] = {
	KUNIT_CASE(perm_classes),
	KUNIT_CASE(perm_directories),
	KUNIT_CASE(perm_root),
	KUNIT_CASE(perm_sticky),
	KUNIT_CASE(perm_chmod_chown),
	KUNIT_CASE(perm_access_real_ids),
	KUNIT_CASE(perm_exec_open),
	{}
};

static struct kunit_suite perm_suite = {
	.name = "vfs_perm",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = perm_cases,
};
kunit_test_suite(perm_suite);
