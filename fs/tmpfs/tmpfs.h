/*
 * tmpfs.h - tmpfs internals: a filesystem kept entirely in memory.
 * Regular files live only in the page cache; directories keep their
 * entries in a list ordered by a per-directory cookie (stable getdents
 * offsets) plus a hash for lookups; symlinks keep their target in a
 * kmalloc'ed string. Entries point at inodes without a reference: an
 * inode lives while it has links (i_nlink) or users (i_count).
 */
#ifndef FS_TMPFS_H
#define FS_TMPFS_H

#include <umk/string.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <uapi/umk/dirent.h>

struct tmpfs_sb_info {
	u64 max_blocks;		/* pages the files may use */
	u64 used_blocks;
	u64 max_inodes;
	u64 free_inodes;
	u64 next_ino;
	umode_t root_mode;
	uid_t root_uid;
	gid_t root_gid;
};

struct tmpfs_dirent {
	struct list_head list;		/* in cookie order */
	struct list_head hash;
	u64 cookie;			/* its getdents position */
	struct inode *inode;
	u32 name_hash;
	unsigned int len;
	char name[];
};

struct tmpfs_inode {
	struct inode vfs_inode;
	/* directories */
	struct list_head entries;
	struct list_head *buckets;
	unsigned int nbuckets;
	unsigned int nentries;
	u64 next_cookie;
	/* symlinks */
	char *link;
};

/* The first cookie; 0 and 1 are "." and "..". */
#define TMPFS_FIRST_COOKIE	2

static inline struct tmpfs_inode *TMPFS_I(struct inode *inode)
{
	return container_of(inode, struct tmpfs_inode, vfs_inode);
}

static inline struct tmpfs_sb_info *TMPFS_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* dir.c */
extern const struct file_operations tmpfs_dir_operations;
int tmpfs_dir_init(struct inode *dir);
void tmpfs_dir_free(struct inode *dir);
struct tmpfs_dirent *tmpfs_find_entry(struct inode *dir,
				      const struct qstr *name);
/* A new entry, not yet in dir: insert it with tmpfs_add_entry(). */
struct tmpfs_dirent *tmpfs_new_entry(const struct qstr *name,
				     struct inode *inode);
void tmpfs_add_entry(struct inode *dir, struct tmpfs_dirent *de);
void tmpfs_remove_entry(struct inode *dir, struct tmpfs_dirent *de);

/* inode.c */
extern const struct inode_operations tmpfs_dir_inode_operations;
struct inode *tmpfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev);

/* file.c */
extern const struct file_operations tmpfs_file_operations;
extern const struct inode_operations tmpfs_file_inode_operations;
extern const struct inode_operations tmpfs_symlink_inode_operations;
extern const struct address_space_operations tmpfs_aops;

#endif
