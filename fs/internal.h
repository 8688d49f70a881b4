/*
 * internal.h - what the files of fs/ share with each other and nothing
 * else: the walk state, boot-time setup and a few helpers.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <umk/string.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/namei.h>

/* The state of one path walk (fs/namei.c). */
struct nameidata {
	struct path path;		/* where the walk is */
	struct path root;		/* ".." stops here, "/" starts here */
	unsigned int flags;		/* LOOKUP_* */
	unsigned int total_links;	/* symlinks followed so far */
	int depth;			/* nested symlink bodies */
	struct {
		char *body;
		const char *rest;	/* of the enclosing name */
	} stack[MAXSYMLINKS];
	char *trail;			/* body of a followed final link */
	const char *name;		/* what is left to walk */
	struct qstr last;		/* the final component */
	int last_type;			/* LAST_* */
	bool dir_only;			/* a slash followed the last one */
};

int nd_init(struct nameidata *nd, int dfd, const char *name,
	    unsigned int flags);
void nd_terminate(struct nameidata *nd);
int link_path_walk(struct nameidata *nd);
int nd_follow_trailing(struct nameidata *nd, const struct path *link);
int nd_lookup_last(struct nameidata *nd, struct path *res);

/* Boot-time setup, in vfs_caches_init() order. */
void inode_cache_init(void);
void dcache_init(void);
void mnt_init(void);
void files_init(void);

long mnt_statfs_flags(const struct vfsmount *mnt);
int sync_all_filesystems(void);

/* Sockets are opened with socket(2), never by name: opening fails. */
extern const struct file_operations bad_sock_fops;

/* fs/pipe.c: a FIFO's open, and the pipes' inodes. */
int fifo_open(struct inode *inode, struct file *file);
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

/* fs/open.c */
struct file *do_filp_open(int dfd, const char *name,
			  const struct open_flags *op);
int build_open_flags(int flags, umode_t mode, struct open_flags *op);

/* fs/generic_file.c: RLIMIT_FSIZE for a write at pos (or a new size). */
struct iov_iter;
int check_fsize_limit(loff_t pos, struct iov_iter *from);

/* fs/unlink.c, fs/rename.c: a directory entry may go away. */
int may_delete(struct inode *dir, struct dentry *victim, bool isdir);

#endif
