/*
 * vfs_test.h - shared set-up of the VFS KUnit suites: every case gets a
 * private tmpfs as its root and cwd and an empty descriptor table, so
 * cases neither see nor disturb the real root.
 */
#ifndef FS_VFS_TEST_H
#define FS_VFS_TEST_H

#include <kunit/test.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/fdtable.h>
#include <umk/namei.h>

struct vfs_test_env {
	struct vfsmount *mnt;
	struct fs_struct *fs;
	struct files_struct *files;
};

/* Suite init/exit hooks: test->priv is the env. */
int vfs_test_init(struct kunit *test);
void vfs_test_exit(struct kunit *test);

/* Creates (or truncates) name with data; 0 or -errno. */
int vfs_test_write(const char *name, const void *data, size_t len);
/* Reads up to len bytes of name; bytes or -errno. */
ssize_t vfs_test_read(const char *name, void *buf, size_t len);
/* The inode behind name (not following a final symlink), or NULL. */
struct inode *vfs_test_inode(const char *name);

static inline bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++)
			return false;
	return true;
}

#endif
