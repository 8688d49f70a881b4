/*
 * fs.h - the VFS: filesystem types, superblocks, inodes, open files and
 * the operations filesystems and drivers implement. Dentries are in
 * <umk/dcache.h>, mounts in <umk/mount.h>, path walk in <umk/namei.h>,
 * the page cache in <umk/pagemap.h>. Documentation/vfs.md explains how
 * they fit together.
 */
#ifndef UMK_FS_H
#define UMK_FS_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/mutex.h>
#include <umk/cred.h>
#include <umk/pagemap.h>
#include <uapi/umk/stat.h>
#include <uapi/umk/fcntl.h>

typedef unsigned short umode_t;
typedef u32 dev_t;
typedef unsigned int fmode_t;

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct path;
struct iov_iter;
struct kstatfs;
struct pipe_inode_info;
struct poll_table;
struct vm_area_struct;

#define PATH_MAX	4096	/* including the NUL */
#define NAME_MAX	255
#define MAXSYMLINKS	40
#define MAX_LFS_FILESIZE ((loff_t)0x7fffffffffffffffLL)
/* Most bytes one read/write moves, as Linux: INT_MAX rounded to pages. */
#define MAX_RW_COUNT	(0x7fffffff & PAGE_MASK)

/* Device numbers: 12-bit major, 20-bit minor inside the kernel. */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))

/* The user-visible encoding (stat's st_dev/st_rdev, mknod's dev). */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}
static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}
static inline bool new_valid_dev(u64 dev)
{
	return dev <= 0xffffffffULL;
}

/* f_mode bits: what an open file may do. */
#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u
#define FMODE_LSEEK	0x4u
#define FMODE_PREAD	0x8u
#define FMODE_PWRITE	0x10u
#define FMODE_EXEC	0x20u	/* opened by exec */
#define FMODE_PATH	0x40u	/* O_PATH: a handle, no I/O */
#define FMODE_ATOMIC_POS 0x80u	/* f_pos updates under f_pos_lock */
#define FMODE_STREAM	0x100u	/* no position (pipes) */
#define FMODE_OPENED	0x200u	/* open succeeded: release at the end */
#define FMODE_WRITER	0x400u	/* counted in i_writecount */

/* Permission masks for inode_permission(). */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4
#define MAY_APPEND	0x8
#define MAY_ACCESS	0x10	/* access(2): real ids already applied */
#define MAY_OPEN	0x20
#define MAY_CHDIR	0x40

/* Superblock flags (s_flags), the MS_* values. */
#define SB_RDONLY	0x1
#define SB_NOSUID	0x2
#define SB_NODEV	0x4
#define SB_NOEXEC	0x8
#define SB_KERNMOUNT	(1 << 22)

/* file_system_type.fs_flags */
#define FS_REQUIRES_DEV	0x1

/* inode.i_state */
#define I_NEW		0x1	/* being filled in by the filesystem */
#define I_FREEING	0x2	/* on its way out */

/* What a superblock stores as statfs says it. */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

struct super_operations {
	/* The filesystem's inode (with struct inode inside), or NULL. */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	/* Last iput of an inode that goes: release what it owns on disk. */
	void (*evict_inode)(struct inode *inode);
	/* true: evict a still linked inode at its last iput (disk fs). */
	bool (*drop_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	int (*remount_fs)(struct super_block *sb, int *flags, char *data);
	int (*sync_fs)(struct super_block *sb, bool wait);
};

struct super_block {
	struct list_head s_list;	/* all superblocks */
	dev_t s_dev;
	unsigned long s_blocksize;
	unsigned char s_blocksize_bits;
	loff_t s_maxbytes;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	unsigned long s_flags;
	unsigned long s_magic;
	struct dentry *s_root;
	int s_active;			/* mounts of it */
	struct list_head s_inodes;	/* every inode of it */
	struct list_head *s_inode_hash;	/* by i_ino, S_INODE_HASH lists */
	struct mutex s_vfs_rename_mutex;	/* cross-directory renames */
	u32 s_time_gran;		/* timestamp granularity (ns) */
	void *s_fs_info;
	char s_id[32];			/* for messages */
};
#define S_INODE_HASH	256

struct file_system_type {
	const char *name;
	int fs_flags;
	/* A new (or shared) superblock's root dentry, referenced; ERR_PTR. */
	struct dentry *(*mount)(struct file_system_type *type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};

struct kstat {
	u32 result_mask;	/* STATX_* filled in */
	umode_t mode;
	unsigned int nlink;
	u32 blksize;
	u64 attributes;
	u64 attributes_mask;
	u64 ino;
	dev_t dev;
	dev_t rdev;
	uid_t uid;
	gid_t gid;
	loff_t size;
	struct timespec64 atime, mtime, ctime, btime;
	u64 blocks;		/* 512-byte units */
	u64 mnt_id;
};

/* iattr.ia_valid: which fields notify_change() applies. */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
#define ATTR_ATIME_SET	(1 << 7)	/* explicit time, not "now" */
#define ATTR_MTIME_SET	(1 << 8)
#define ATTR_FORCE	(1 << 9)	/* no permission checks */
#define ATTR_KILL_SUID	(1 << 11)
#define ATTR_KILL_SGID	(1 << 12)
#define ATTR_TOUCH	(1 << 13)	/* utimensat "now": write access ok */

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

struct inode_operations {
	/* Fills dentry (d_add) with the inode of its name or NULL. */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode,
		     dev_t dev);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*symlink)(struct inode *dir, struct dentry *dentry,
		       const char *target);
	int (*link)(struct dentry *old, struct inode *dir,
		    struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	/* Names checked, locks held; flags are RENAME_*. */
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new,
		      unsigned int flags);
	/* Copies a symlink's target into buf (not NUL-terminated). */
	int (*get_link)(struct inode *inode, char *buf, size_t size);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
	int (*getattr)(const struct path *path, struct kstat *stat,
		       u32 request_mask, unsigned int flags);
	int (*permission)(struct inode *inode, int mask);
};

struct inode {
	umode_t i_mode;
	unsigned int i_flags;
	uid_t i_uid;
	gid_t i_gid;
	unsigned int i_nlink;
	dev_t i_rdev;
	u64 i_ino;
	loff_t i_size;
	struct timespec64 i_atime, i_mtime, i_ctime;
	u64 i_blocks;			/* 512-byte units */
	unsigned char i_blkbits;
	u32 i_generation;
	int i_count;			/* references (dentries, files) */
	int i_writecount;		/* >0 writers, <0 exec denies writes */
	unsigned long i_state;		/* I_NEW, I_FREEING */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct address_space i_data;	/* its page cache */
	struct address_space *i_mapping;	/* usually &i_data */
	struct mutex i_rwsem;		/* directory ops, writes, truncate */
	struct list_head i_sb_list;	/* sb->s_inodes */
	struct list_head i_hash;	/* sb->s_inode_hash, if hashed */
	struct list_head i_dentry;	/* dentries naming it */
	struct pipe_inode_info *i_pipe;	/* a FIFO's pipe while open */
	const char *i_link;		/* a symlink's target, if in memory */
	void *i_private;
};

static inline bool inode_unhashed(const struct inode *inode)
{
	return list_empty(&inode->i_hash);
}

/*
 * A readdir() callback: next is the position that continues after this
 * entry. It returns false when the entry did not fit: the filesystem
 * then stops, leaving ctx->pos at this entry.
 */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name,
			  int namelen, loff_t next, u64 ino,
			  unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;		/* where to continue */
};

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* Read/write at *pos (updated), through an iterator. */
	ssize_t (*read_iter)(struct file *file, struct iov_iter *to,
			     loff_t *pos);
	ssize_t (*write_iter)(struct file *file, struct iov_iter *from,
			      loff_t *pos);
	/* Emits entries from ctx->pos on; ctx->pos is then the next one. */
	int (*iterate)(struct file *file, struct dir_context *ctx);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd,
			       unsigned long arg);
	/* POLL* events now; NULL: always ready (<umk/poll.h>). */
	unsigned int (*poll)(struct file *file, struct poll_table *pt);
	/* NULL: files with a page cache get generic_file_mmap(). */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int (*fsync)(struct file *file, bool datasync);
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	int f_count;
	unsigned int f_flags;		/* O_* as opened, minus O_CREAT etc. */
	fmode_t f_mode;
	loff_t f_pos;
	struct mutex f_pos_lock;	/* may sleep: holders can block */
	const struct file_operations *f_op;
	struct path f_path;
	struct inode *f_inode;
	struct address_space *f_mapping;
	void *private_data;		/* the driver's or filesystem's */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* fs/super.c: filesystem types and superblocks. */
int register_filesystem(struct file_system_type *fs);
int unregister_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
/* Calls fn for every registered type, in order (/proc/filesystems). */
void for_each_filesystem(void (*fn)(struct file_system_type *fs, void *arg),
			 void *arg);
/* A new superblock of type, with one active reference. */
struct super_block *sget(struct file_system_type *type, int flags);
void deactivate_super(struct super_block *sb);
/* kill_sb for filesystems that keep everything in memory. */
void kill_anon_super(struct super_block *sb);
int get_anon_dev(dev_t *dev);
void free_anon_dev(dev_t dev);
int vfs_statfs(const struct path *path, struct kstatfs *buf);

/* fs/inode.c: the inode cache. */
struct inode *new_inode(struct super_block *sb);
/* Cached inode ino of sb (referenced), or a new one with I_NEW set:
 * the filesystem fills it and calls unlock_new_inode(). NULL: ENOMEM. */
struct inode *iget_locked(struct super_block *sb, u64 ino);
struct inode *ilookup(struct super_block *sb, u64 ino);
void unlock_new_inode(struct inode *inode);
void insert_inode_hash(struct inode *inode);
void ihold(struct inode *inode);
/* A reference on a cached (maybe unused) inode; NULL if it is going. */
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
/* Frees every unused inode of sb (umount). */
void evict_inodes(struct super_block *sb);
void inode_init_owner(struct inode *inode, const struct inode *dir,
		      umode_t mode);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
struct timespec64 current_time(const struct inode *inode);
void inode_inc_link_count(struct inode *inode);
void inode_dec_link_count(struct inode *inode);
void set_nlink(struct inode *inode, unsigned int nlink);
/* Updates atime as relatime does. */
void touch_atime(const struct path *path);
/* mtime and ctime to now (a write); kills suid/sgid as a write must. */
int file_update_time(struct file *file);
int file_remove_privs(struct file *file);
unsigned int dt_type(umode_t mode);

/* fs/permission.c: who may do what (current's fsuid/fsgid). */
int inode_permission(struct inode *inode, int mask);
int generic_permission(struct inode *inode, int mask);
bool inode_owner_or_capable(const struct inode *inode);
/* The fs capabilities follow fsuid 0 as in Linux; the rest euid 0. */
bool fs_capable(int cap);
bool fs_in_group(gid_t gid);
uid_t current_fsuid(void);
gid_t current_fsgid(void);

/* fs/attr.c */
int setattr_prepare(struct dentry *dentry, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
/* Checks and applies attr (the caller holds inode->i_rwsem). */
int notify_change(struct dentry *dentry, struct iattr *attr);
int vfs_truncate(const struct path *path, loff_t length);
int do_truncate(struct dentry *dentry, loff_t length, unsigned int attrs);
int simple_setattr(struct dentry *dentry, struct iattr *attr);
int vfs_chmod(const struct path *path, umode_t mode);
int vfs_chown(const struct path *path, uid_t uid, gid_t gid);
/* times[0] atime, times[1] mtime; NULL is "now"; UTIME_NOW/OMIT. */
int vfs_utimes(const struct path *path, const struct timespec64 *times);

/* fs/stat.c */
int vfs_getattr(const struct path *path, struct kstat *stat,
		u32 request_mask, unsigned int flags);
void generic_fillattr(struct inode *inode, struct kstat *stat);
int vfs_fstatat(int dfd, const char *name, struct kstat *stat, int flags);
int vfs_readlink(struct dentry *dentry, char *buf, int buflen);

/* fs/file_table.c: struct file. */
struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop);
struct file *get_file(struct file *f);
void fput(struct file *file);

/* fs/open.c */
struct file *filp_open(const char *name, int flags, umode_t mode);
struct file *file_open_at(int dfd, const char *name, int flags,
			  umode_t mode);
/* exec's open: MAY_EXEC instead of MAY_READ, readable by kernel_read. */
struct file *file_open_exec(int dfd, const char *name, bool nofollow);
int filp_close(struct file *file);
long do_sys_open(int dfd, const char *name, int flags, umode_t mode);
int vfs_open(const struct path *path, struct file *file);
int finish_open(struct file *file, int (*open)(struct inode *,
					       struct file *));
bool path_noexec(const struct path *path);
/* Exec: a running executable refuses writers (ETXTBSY) and back. */
int deny_write_access(struct file *file);
void allow_write_access(struct file *file);
int do_faccessat(int dfd, const char *name, int mode, int flags);

/* fs/read_write.c */
ssize_t vfs_read(struct file *file, struct iov_iter *to, loff_t *pos);
ssize_t vfs_write(struct file *file, struct iov_iter *from, loff_t *pos);
ssize_t kernel_read(struct file *file, void *buf, size_t count,
		    loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count,
		     loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
int rw_verify_area(int write, struct file *file, const loff_t *pos,
		   size_t count);

/* fs/generic_file.c: regular files through the page cache. */
ssize_t generic_file_read_iter(struct file *file, struct iov_iter *to,
			       loff_t *pos);
ssize_t generic_file_write_iter(struct file *file, struct iov_iter *from,
				loff_t *pos);
int noop_fsync(struct file *file, bool datasync);
/* The new size of a regular file's page cache (truncate). */
void truncate_setsize(struct inode *inode, loff_t newsize);

/* fs/readdir.c */
int iterate_dir(struct file *file, struct dir_context *ctx);

/* fs/mknod.c, link.c, unlink.c, rename.c: the namespace operations. */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode,
	      dev_t dev);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_symlink(struct inode *dir, struct dentry *dentry,
		const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old,
	       struct inode *new_dir, struct dentry *new,
	       unsigned int flags);
/* Kernel-pointer forms of the *at() system calls. */
int do_mknodat(int dfd, const char *name, umode_t mode, unsigned int dev);
int do_mkdirat(int dfd, const char *name, umode_t mode);
int do_symlinkat(const char *target, int dfd, const char *name);
int do_linkat(int olddfd, const char *oldname, int newdfd,
	      const char *newname, int flags);
int do_unlinkat(int dfd, const char *name);
int do_rmdir(int dfd, const char *name);
int do_renameat2(int olddfd, const char *oldname, int newdfd,
		 const char *newname, unsigned int flags);

/* fs/char_dev.c: character devices by major/minor. */
int register_chrdev(unsigned int major, unsigned int baseminor,
		    unsigned int count, const char *name,
		    const struct file_operations *fops);
void unregister_chrdev(unsigned int major, unsigned int baseminor,
		       unsigned int count);
/* Calls fn for each registered range until it returns non-zero. */
int chrdev_for_each(int (*fn)(unsigned int major, unsigned int baseminor,
			      unsigned int count, const char *name,
			      void *arg), void *arg);
extern const struct file_operations def_chr_fops;
/* Block-special inodes (block/fops.c). */
extern const struct file_operations def_blk_fops;

/* fs/pipe.c */
extern const struct file_operations pipefifo_fops;
/* Two files, [0] read end, [1] write end; flags O_NONBLOCK|O_DIRECT. */
int create_pipe_files(struct file **res, int flags);

/* fs/libfs.c */
/* For open(): a stream without positions (pread/lseek give ESPIPE). */
int stream_open(struct inode *inode, struct file *file);
ssize_t generic_read_dir(struct file *file, struct iov_iter *to,
			 loff_t *pos);
extern const struct file_operations empty_fops;
/* A superblock with only a root directory, for kernel-internal
 * filesystems whose inodes have no names (pipes, anonymous inodes). */
struct dentry *mount_pseudo(struct file_system_type *type, int flags,
			    const struct super_operations *ops,
			    unsigned long magic);

/* fs/initramfs.c: the root filesystem, called by kernel_init. */
int prepare_namespace(void);

#endif
