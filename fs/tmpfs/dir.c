/*
 * dir.c - tmpfs directories. Entries are kept in insertion order, each
 * with a cookie that never changes and never repeats within the
 * directory: getdents positions are cookies, so a listing goes on
 * correctly while entries are removed. A hash over the names, grown as
 * the directory grows, serves lookups.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include "tmpfs.h"

#define MIN_BUCKETS	8
#define MAX_BUCKETS	(1U << 16)
/* A directory's size counts its entries as Linux's tmpfs does. */
#define BOGO_DIRENT_SIZE	20

static struct list_head *alloc_buckets(unsigned int n)
{
	struct list_head *b = kmalloc(n * sizeof(*b), GFP_KERNEL);

	if (b)
		for (unsigned int i = 0; i < n; i++)
			INIT_LIST_HEAD(&b[i]);
	return b;
}

int tmpfs_dir_init(struct inode *dir)
{
	struct tmpfs_inode *ti = TMPFS_I(dir);

	INIT_LIST_HEAD(&ti->entries);
	ti->buckets = alloc_buckets(MIN_BUCKETS);
	if (!ti->buckets)
		return -ENOMEM;
	ti->nbuckets = MIN_BUCKETS;
	ti->nentries = 0;
	ti->next_cookie = TMPFS_FIRST_COOKIE;
	dir->i_size = 2 * BOGO_DIRENT_SIZE;	/* "." and ".." */
	return 0;
}

void tmpfs_dir_free(struct inode *dir)
{
	struct tmpfs_inode *ti = TMPFS_I(dir);
	struct tmpfs_dirent *de, *next;

	list_for_each_entry_safe(de, next, &ti->entries, list)
		kfree(de);
	INIT_LIST_HEAD(&ti->entries);
	kfree(ti->buckets);
	ti->buckets = NULL;
}

static struct list_head *bucket(struct tmpfs_inode *ti, u32 hash)
{
	return &ti->buckets[hash & (ti->nbuckets - 1)];
}

/* Doubles the table when it gets crowded; staying small is still right. */
static void maybe_grow(struct tmpfs_inode *ti)
{
	unsigned int n = ti->nbuckets * 2;
	struct tmpfs_dirent *de;
	struct list_head *b;

	if (ti->nentries <= ti->nbuckets * 2 || n > MAX_BUCKETS)
		return;
	b = alloc_buckets(n);
	if (!b)
		return;
	kfree(ti->buckets);
	ti->buckets = b;
	ti->nbuckets = n;
	list_for_each_entry(de, &ti->entries, list)
		list_add(&de->hash, bucket(ti, de->name_hash));
}

struct tmpfs_dirent *tmpfs_find_entry(struct inode *dir,
				      const struct qstr *name)
{
	struct tmpfs_inode *ti = TMPFS_I(dir);
	u32 hash = full_name_hash(name->name, name->len);
	struct tmpfs_dirent *de;

	list_for_each_entry(de, bucket(ti, hash), hash)
		if (de->name_hash == hash && de->len == name->len &&
		    !memcmp(de->name, name->name, name->len))
			return de;
	return NULL;
}

struct tmpfs_dirent *tmpfs_new_entry(const struct qstr *name,
				     struct inode *inode)
{
	struct tmpfs_dirent *de = kmalloc(sizeof(*de) + name->len + 1,
					  GFP_KERNEL);

	if (!de)
		return NULL;
	memcpy(de->name, name->name, name->len);
	de->name[name->len] = '\0';
	de->len = name->len;
	de->name_hash = full_name_hash(name->name, name->len);
	de->inode = inode;
	INIT_LIST_HEAD(&de->list);
	INIT_LIST_HEAD(&de->hash);
	return de;
}

void tmpfs_add_entry(struct inode *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_inode *ti = TMPFS_I(dir);

	de->cookie = ti->next_cookie++;
	list_add_tail(&de->list, &ti->entries);
	list_add(&de->hash, bucket(ti, de->name_hash));
	ti->nentries++;
	dir->i_size += BOGO_DIRENT_SIZE;
	maybe_grow(ti);
}

void tmpfs_remove_entry(struct inode *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_inode *ti = TMPFS_I(dir);

	list_del(&de->list);
	list_del(&de->hash);
	ti->nentries--;
	dir->i_size -= BOGO_DIRENT_SIZE;
	kfree(de);
}

static int tmpfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	struct tmpfs_inode *ti = TMPFS_I(dir);
	struct dentry *parent = file->f_path.dentry->d_parent;
	struct tmpfs_dirent *de;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, TMPFS_FIRST_COOKIE,
				parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = TMPFS_FIRST_COOKIE;
	}
	list_for_each_entry(de, &ti->entries, list) {
		if (de->cookie < (u64)ctx->pos)
			continue;
		if (!ctx->actor(ctx, de->name, de->len, de->cookie + 1,
				de->inode->i_ino, dt_type(de->inode->i_mode)))
			return 0;
		ctx->pos = de->cookie + 1;
	}
	return 0;
}

/* Positions are cookies: only absolute and relative seeks make sense. */
static loff_t tmpfs_dir_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

const struct file_operations tmpfs_dir_operations = {
	.llseek = tmpfs_dir_llseek,
	.read_iter = generic_read_dir,
	.iterate = tmpfs_iterate,
	.fsync = noop_fsync,
};
