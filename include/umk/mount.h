/*
 * mount.h - mounts: a tree of vfsmounts, each attaching the root of a
 * superblock at a (mount, dentry) mountpoint of its parent. A path is a
 * (mount, dentry) pair; walking crosses mounts in both directions.
 */
#ifndef UMK_MOUNT_H
#define UMK_MOUNT_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/fs.h>
#include <uapi/umk/mount.h>

struct dentry;
struct super_block;
struct file_system_type;
struct path;

/* mnt_flags */
#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08
#define MNT_NODIRATIME	0x10
#define MNT_RELATIME	0x20
#define MNT_READONLY	0x40
#define MNT_NOSYMFOLLOW	0x80
#define MNT_DETACHED	0x1000	/* out of the tree (lazy umount) */
#define MNT_INTERNAL	0x2000	/* a kernel mount (pipefs), never seen */

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
	int mnt_count;			/* paths referencing it, +1 in tree */
	struct vfsmount *mnt_parent;	/* itself when not attached */
	struct dentry *mnt_mountpoint;	/* in mnt_parent */
	struct list_head mnt_hash;	/* by (parent, mountpoint) */
	struct list_head mnt_child;	/* parent's mnt_mounts */
	struct list_head mnt_mounts;
	struct list_head mnt_list;	/* all mounts in the tree */
	char *mnt_devname;
	int mnt_id;
};

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
void path_get(const struct path *path);
void path_put(const struct path *path);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* A mount of type that is in no tree (pipefs, tests). ERR_PTR. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data);
struct vfsmount *kern_mount(struct file_system_type *type);
/* The mount on (path->mnt, path->dentry), referenced, or NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
/* Moves path down to the top mount on it; true if it moved. */
bool follow_down(struct path *path);
/* Moves path from a mount's root to its mountpoint; false at the top. */
bool follow_up(struct path *path);
bool mnt_readonly(const struct vfsmount *mnt);
/* Whether a write to path's filesystem is allowed: 0 or -EROFS. */
int mnt_want_write(const struct vfsmount *mnt);

/*
 * mount(2) with kernel strings: source, target path, type, MS_* flags
 * and type-specific data ("size=16m,mode=755"). Supports new mounts,
 * MS_REMOUNT (flags only), MS_BIND and MS_MOVE.
 */
int do_mount(const char *source, const char *target, const char *fstype,
	     unsigned long flags, void *data);
/* umount2(2): MNT_DETACH, MNT_FORCE (treated as plain), UMOUNT_NOFOLLOW. */
int do_umount_path(const char *target, int flags);
int path_umount(struct path *path, int flags);
/* Attaches a tmpfs as "/" and points init_fs at it. */
int init_mount_tree(void);
/* Calls fn for every mount in the tree, parents first (/proc/mounts);
 * fn may sleep but must not mount or unmount. */
void for_each_mount(void (*fn)(struct vfsmount *mnt, void *arg), void *arg);
/* The root mount, or NULL before init_mount_tree(). */
extern struct vfsmount *root_mnt;

#endif
