/*
 * inode.c - the inode cache and the common parts of inodes: allocation,
 * reference counting, a per-superblock hash by inode number (for
 * filesystems that read inodes from a store), link counts, ownership of
 * new inodes and timestamps.
 *
 * An inode whose last reference goes stays cached while it is still
 * linked, unless its filesystem's drop_inode says otherwise (memory
 * filesystems have no other copy); an unlinked one is evicted: its pages
 * dropped and its filesystem's evict_inode called.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/slab.h>
#include <umk/ktime.h>
#include <umk/wait.h>
#include "internal.h"

static struct kmem_cache *inode_cachep;
/* Inodes start with no operations; filesystems fill in theirs. */
static const struct inode_operations empty_iops;
static DEFINE_SPINLOCK(inode_hash_lock);
static DECLARE_WAIT_QUEUE_HEAD(inode_new_wait);

static void inode_init_always(struct super_block *sb, struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->i_op = &empty_iops;
	inode->i_fop = &empty_fops;
	address_space_init(&inode->i_data, inode, NULL);
	inode->i_mapping = &inode->i_data;
	mutex_init(&inode->i_rwsem);
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_dentry);
}

static struct inode *alloc_inode(struct super_block *sb)
{
	struct inode *inode;

	if (sb->s_op && sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);
	if (inode)
		inode_init_always(sb, inode);
	return inode;
}

static void destroy_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (sb->s_op && sb->s_op->destroy_inode)
		sb->s_op->destroy_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = alloc_inode(sb);

	if (!inode)
		return NULL;
	spin_lock(&inode_hash_lock);
	list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&inode_hash_lock);
	return inode;
}

static struct list_head *hash_bucket(struct super_block *sb, u64 ino)
{
	return &sb->s_inode_hash[(ino ^ (ino >> 8)) % S_INODE_HASH];
}

void insert_inode_hash(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	list_add(&inode->i_hash, hash_bucket(inode->i_sb, inode->i_ino));
	spin_unlock(&inode_hash_lock);
}

static struct inode *find_inode(struct super_block *sb, u64 ino)
{
	struct inode *inode;

	list_for_each_entry(inode, hash_bucket(sb, ino), i_hash)
		if (inode->i_ino == ino && !(inode->i_state & I_FREEING))
			return inode;
	return NULL;
}

struct inode *ilookup(struct super_block *sb, u64 ino)
{
	struct inode *inode;

	spin_lock(&inode_hash_lock);
	inode = find_inode(sb, ino);
	if (inode)
		inode->i_count++;
	spin_unlock(&inode_hash_lock);
	if (inode)
		wait_event(inode_new_wait, !(inode->i_state & I_NEW));
	return inode;
}

struct inode *iget_locked(struct super_block *sb, u64 ino)
{
	struct inode *inode = ilookup(sb, ino);

	if (inode)
		return inode;
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_state = I_NEW;
	insert_inode_hash(inode);
	return inode;
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
	wake_up_all(&inode_new_wait);
}

void ihold(struct inode *inode)
{
	WARN_ON(inode->i_count <= 0);
	inode->i_count++;
}

struct inode *igrab(struct inode *inode)
{
	if (inode->i_state & I_FREEING)
		return NULL;
	inode->i_count++;
	return inode;
}

static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	inode->i_state |= I_FREEING;
	spin_lock(&inode_hash_lock);
	list_del_init(&inode->i_hash);
	spin_unlock(&inode_hash_lock);
	truncate_inode_pages(&inode->i_data, 0);
	if (op && op->evict_inode)
		op->evict_inode(inode);
	spin_lock(&inode_hash_lock);
	list_del_init(&inode->i_sb_list);
	spin_unlock(&inode_hash_lock);
	destroy_inode(inode);
}

void iput(struct inode *inode)
{
	const struct super_operations *op;

	if (!inode)
		return;
	if (WARN_ON(inode->i_count <= 0))
		return;
	if (--inode->i_count > 0)
		return;
	op = inode->i_sb->s_op;
	if (inode->i_nlink && !(op && op->drop_inode && op->drop_inode(inode)))
		return;		/* stays cached */
	evict(inode);
}

void evict_inodes(struct super_block *sb)
{
	struct inode *inode, *next;

	list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list)
		if (inode->i_count == 0)
			evict(inode);
}

void inode_init_owner(struct inode *inode, const struct inode *dir,
		      umode_t mode)
{
	inode->i_uid = current_fsuid();
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->i_gid = current_fsgid();
	}
	/* A setgid file of a group we are not in loses the bit. */
	if ((mode & S_ISGID) && (mode & S_IXGRP) && !S_ISDIR(mode) &&
	    !fs_in_group(inode->i_gid) && !fs_capable(CAP_FSETID))
		mode &= ~S_ISGID;
	inode->i_mode = mode;
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	} else {
		inode->i_fop = &bad_sock_fops;
	}
}

struct timespec64 current_time(const struct inode *inode)
{
	ktime_t now = ktime_get_real_ns();
	u32 gran = inode->i_sb->s_time_gran ? inode->i_sb->s_time_gran : 1;
	struct timespec64 ts;

	ts.tv_sec = now / NSEC_PER_SEC;
	ts.tv_nsec = now % NSEC_PER_SEC;
	ts.tv_nsec -= ts.tv_nsec % gran;
	return ts;
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

void inode_inc_link_count(struct inode *inode)
{
	inode->i_nlink++;
}

void inode_dec_link_count(struct inode *inode)
{
	if (!WARN_ON(inode->i_nlink == 0))
		inode->i_nlink--;
}

static bool ts_before_eq(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec < b.tv_sec ||
	       (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

/* relatime: only when atime is not newer than the last change or a day old */
static bool atime_needs_update(const struct path *path, struct inode *inode,
			       struct timespec64 now)
{
	int flags = path->mnt->mnt_flags;

	if (flags & (MNT_NOATIME | MNT_READONLY))
		return false;
	if ((flags & MNT_NODIRATIME) && S_ISDIR(inode->i_mode))
		return false;
	if (!(flags & MNT_RELATIME))
		return true;
	if (ts_before_eq(inode->i_atime, inode->i_mtime) ||
	    ts_before_eq(inode->i_atime, inode->i_ctime))
		return true;
	return now.tv_sec - inode->i_atime.tv_sec >= 24 * 60 * 60;
}

void touch_atime(const struct path *path)
{
	struct inode *inode = path->dentry->d_inode;
	struct timespec64 now = current_time(inode);

	if (atime_needs_update(path, inode, now))
		inode->i_atime = now;
}

int file_remove_privs(struct file *file)
{
	struct inode *inode = file_inode(file);
	umode_t kill = S_ISUID;

	if (inode->i_mode & S_IXGRP)
		kill |= S_ISGID;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & kill) ||
	    fs_capable(CAP_FSETID))
		return 0;
	inode->i_mode &= ~kill;
	inode->i_ctime = current_time(inode);
	return 0;
}

int file_update_time(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct timespec64 now = current_time(inode);

	inode->i_mtime = now;
	inode->i_ctime = now;
	return 0;
}

unsigned int dt_type(umode_t mode)
{
	return (mode >> 12) & 15;
}

void inode_cache_init(void)
{
	inode_cachep = kmem_cache_create("inode", sizeof(struct inode), 0, 0,
					 NULL);
	if (!inode_cachep)
		panic("VFS: cannot create the inode cache");
}
