/*
 * super.c - filesystem types and superblocks. A superblock lives while
 * mounts of it exist (s_active); the last deactivate_super() lets its
 * filesystem's kill_sb free it. Anonymous device numbers (major 0) name
 * the superblocks of memory filesystems.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/slab.h>
#include <umk/string.h>
#include "internal.h"

static struct file_system_type *file_systems;
static LIST_HEAD(super_blocks);
static DEFINE_MUTEX(sb_lock);

#define ANON_DEVS	4096
static unsigned long anon_dev_map[ANON_DEVS / 64];

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	if (fs->next)
		return -EBUSY;
	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, fs->name))
			return -EBUSY;
	*p = fs;
	return 0;
}

int unregister_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next) {
		if (*p == fs) {
			*p = fs->next;
			fs->next = NULL;
			return 0;
		}
	}
	return -EINVAL;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	for (fs = file_systems; fs; fs = fs->next)
		if (!strcmp(fs->name, name))
			return fs;
	return NULL;
}

void for_each_filesystem(void (*fn)(struct file_system_type *fs, void *arg),
			 void *arg)
{
	struct file_system_type *fs;

	for (fs = file_systems; fs; fs = fs->next)
		fn(fs, arg);
}

/* Minor 0 of major 0 is "no device": the first number given is 1. */
int get_anon_dev(dev_t *dev)
{
	for (unsigned int i = 1; i < ANON_DEVS; i++) {
		unsigned long bit = 1UL << (i % 64);

		if (!(anon_dev_map[i / 64] & bit)) {
			anon_dev_map[i / 64] |= bit;
			*dev = MKDEV(0, i);
			return 0;
		}
	}
	return -EMFILE;
}

void free_anon_dev(dev_t dev)
{
	unsigned int i = MINOR(dev);

	if (MAJOR(dev) == 0 && i > 0 && i < ANON_DEVS)
		anon_dev_map[i / 64] &= ~(1UL << (i % 64));
}

struct super_block *sget(struct file_system_type *type, int flags)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_inode_hash = kcalloc(S_INODE_HASH, sizeof(struct list_head),
				   GFP_KERNEL);
	if (!sb->s_inode_hash) {
		kfree(sb);
		return NULL;
	}
	for (int i = 0; i < S_INODE_HASH; i++)
		INIT_LIST_HEAD(&sb->s_inode_hash[i]);
	INIT_LIST_HEAD(&sb->s_inodes);
	mutex_init(&sb->s_vfs_rename_mutex);
	sb->s_type = type;
	sb->s_flags = flags;
	sb->s_active = 1;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_time_gran = 1;
	strscpy(sb->s_id, type->name, sizeof(sb->s_id));
	mutex_lock(&sb_lock);
	list_add_tail(&sb->s_list, &super_blocks);
	mutex_unlock(&sb_lock);
	return sb;
}

/*
 * Tears down what the VFS built on sb: the dentry tree, then every
 * inode. The filesystem's put_super then frees its own state.
 */
static void generic_shutdown_super(struct super_block *sb)
{
	if (sb->s_root) {
		shrink_dcache_parent(sb->s_root);
		dput(sb->s_root);
		sb->s_root = NULL;
		shrink_dcache_sb(sb);
	}
	evict_inodes(sb);
	if (!list_empty(&sb->s_inodes))
		pr_err("VFS: busy inodes on unmount of %s\n", sb->s_id);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
}

static void free_super(struct super_block *sb)
{
	mutex_lock(&sb_lock);
	list_del(&sb->s_list);
	mutex_unlock(&sb_lock);
	kfree(sb->s_inode_hash);
	kfree(sb);
}

void kill_anon_super(struct super_block *sb)
{
	dev_t dev = sb->s_dev;

	generic_shutdown_super(sb);
	free_anon_dev(dev);
	free_super(sb);
}

void deactivate_super(struct super_block *sb)
{
	if (--sb->s_active > 0)
		return;
	sb->s_type->kill_sb(sb);
}

int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	if (!sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = mnt_statfs_flags(path->mnt);
	return 0;
}

int sync_all_filesystems(void)
{
	struct super_block *sb;
	int err = 0;

	mutex_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_op && sb->s_op->sync_fs) {
			int e = sb->s_op->sync_fs(sb, true);

			if (e && !err)
				err = e;
		}
	}
	mutex_unlock(&sb_lock);
	return err;
}
