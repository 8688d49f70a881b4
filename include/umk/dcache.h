/*
 * dcache.h - dentries: the names of the namespace, cached. A dentry ties
 * a name in a parent directory to an inode, or to nothing (a negative
 * dentry remembers that the name does not exist). Lookups hash on
 * (parent, name); unused dentries stay cached on an LRU list until the
 * cache grows too large or their filesystem is unmounted.
 */
#ifndef UMK_DCACHE_H
#define UMK_DCACHE_H

#include <umk/types.h>
#include <umk/list.h>

struct inode;
struct super_block;
struct path;

struct qstr {
	const char *name;
	u32 len;
	u32 hash;
};
#define QSTR_INIT(n, l) { .name = (n), .len = (l) }

#define DNAME_INLINE_LEN 32

/* d_flags */
#define DCACHE_HASHED	0x1	/* findable by d_lookup() */
#define DCACHE_LRU	0x2	/* on the unused list */
#define DCACHE_MOUNTED	0x4	/* something is mounted here (d_mounts) */

struct dentry {
	int d_count;
	unsigned int d_flags;
	unsigned int d_mounts;		/* mounts on it */
	struct inode *d_inode;		/* NULL: negative */
	struct dentry *d_parent;	/* itself for a root */
	struct qstr d_name;
	struct super_block *d_sb;
	struct list_head d_hash;
	struct list_head d_child;	/* parent's d_subdirs */
	struct list_head d_subdirs;
	struct list_head d_alias;	/* inode's i_dentry */
	struct list_head d_lru;
	void *d_fsdata;
	char d_iname[DNAME_INLINE_LEN];
};

static inline bool d_is_negative(const struct dentry *d)
{
	return !d->d_inode;
}
static inline bool d_mountpoint(const struct dentry *d)
{
	return d->d_flags & DCACHE_MOUNTED;
}
static inline bool d_unhashed(const struct dentry *d)
{
	return !(d->d_flags & DCACHE_HASHED);
}
static inline bool IS_ROOT(const struct dentry *d)
{
	return d == d->d_parent;
}
bool d_is_dir(const struct dentry *d);
bool d_is_symlink(const struct dentry *d);
bool d_is_reg(const struct dentry *d);

u32 full_name_hash(const char *name, unsigned int len);

struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
/* A new unhashed, negative child of parent; NULL on ENOMEM. */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
/* The root dentry of a superblock (consumes the inode reference). */
struct dentry *d_make_root(struct inode *inode);
/* Cached child name of parent (referenced), negative ones included. */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
/* Attach inode (or NULL) to dentry and hash it (consumes the ref). */
void d_add(struct dentry *dentry, struct inode *inode);
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* The name is gone: negative if unused, else unhashed. */
void d_delete(struct dentry *dentry);
void d_drop(struct dentry *dentry);
/* rename: dentry takes target's place (and name); target is dropped. */
int d_move(struct dentry *dentry, struct dentry *target);
/* RENAME_EXCHANGE: the two swap names and parents. */
int d_exchange(struct dentry *a, struct dentry *b);
/* Frees unused dentries below (and including) parent / of sb. */
void shrink_dcache_parent(struct dentry *parent);
void shrink_dcache_sb(struct super_block *sb);
/* Frees up to nr unused dentries, oldest first; returns how many. */
unsigned long prune_dcache(unsigned long nr);
/* Whether d is p or below it. */
bool is_subdir(struct dentry *d, struct dentry *p);

struct dcache_stats {
	unsigned long nr_dentry;	/* allocated */
	unsigned long nr_unused;	/* on the LRU */
	unsigned long lookups, hits;
};
void dcache_get_stats(struct dcache_stats *s);

/* fs/d_path.c: "/a/b" of path as seen from root, at the end of buf. */
char *d_path_from(const struct path *path, const struct path *root,
		  char *buf, int buflen);
char *d_path(const struct path *path, char *buf, int buflen);

#endif
