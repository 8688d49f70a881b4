/*
 * namei.h - path walk: names to (mount, dentry) pairs. Absolute names
 * start at the task's root, relative ones at its cwd or at the directory
 * of a file descriptor. "." and "..", mount points (both ways) and
 * symlinks (at most MAXSYMLINKS followed, else ELOOP) are handled here.
 */
#ifndef UMK_NAMEI_H
#define UMK_NAMEI_H

#include <umk/types.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>

/* Lookup flags. */
#define LOOKUP_FOLLOW		0x0001	/* follow a trailing symlink */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */
#define LOOKUP_EMPTY		0x0004	/* "" names the dfd itself */
#define LOOKUP_NO_SYMLINKS	0x0008	/* any symlink: ELOOP */
#define LOOKUP_BENEATH		0x0010	/* reserved (openat2) */

/* Kinds of the last component of a parent walk. */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* A name copied from the guest (PATH_MAX bytes). */
struct filename {
	char *name;
};
/* From guest memory: ERR_PTR(-EFAULT, -ENAMETOOLONG, -ENOENT for ""). */
struct filename *getname(const char __user *uname);
/* The same, where "" is allowed (AT_EMPTY_PATH). */
struct filename *getname_flags(const char __user *uname, bool empty_ok);
struct filename *getname_kernel(const char *name);
void putname(struct filename *name);

/* Full walks (kernel strings). 0 and a referenced *path, or -errno. */
int kern_path(const char *name, unsigned int flags, struct path *path);
int vfs_path_lookup_at(int dfd, const char *name, unsigned int flags,
		       struct path *path);
int user_path_at(int dfd, const char __user *name, unsigned int flags,
		 struct path *path);

/*
 * The parent of the last component: *parent referenced, last pointing
 * into name, *type one of LAST_*. A trailing slash sets *dir_only.
 */
int path_parentat(int dfd, const char *name, unsigned int flags,
		  struct path *parent, struct qstr *last, int *type,
		  bool *dir_only);

/*
 * The dentry of name in parent directory (locked by the caller):
 * cached, or looked up by the filesystem. Referenced; may be negative.
 */
struct dentry *lookup_one(struct dentry *parent, struct qstr *name);

/*
 * For creating name: locks the parent directory and returns a negative
 * dentry (-EEXIST if the name exists). done_path_create() unlocks.
 */
struct dentry *kern_path_create(int dfd, const char *name,
				struct path *parent, unsigned int flags);
void done_path_create(struct path *parent, struct dentry *dentry);

/* Lock the two parents of a rename in a safe order; the common one. */
void lock_rename(struct dentry *p1, struct dentry *p2);
void unlock_rename(struct dentry *p1, struct dentry *p2);

/* The open() walk: the final file's path, created if asked (fs/namei.c). */
struct open_flags {
	int open_flag;		/* O_* */
	umode_t mode;		/* for O_CREAT, umask not yet applied */
	int acc_mode;		/* MAY_* */
	unsigned int lookup_flags;
};
int path_openat_lookup(int dfd, const char *name,
		       const struct open_flags *op, struct path *path,
		       bool *created);

/* The directory a dfd names (or cwd), referenced; for *at() calls. */
int dfd_path(int dfd, struct path *path);

#endif
