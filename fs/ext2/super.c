/*
 * super.c - mounting ext2: reading and validating the superblock and
 * group descriptors, feature flags, mount options (errors=), statfs,
 * remount, sync, unmount, the shutdown hook that leaves mounted
 * filesystems clean, and ext2_error() (the errors= behaviour).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/slab.h>
#include <umk/string.h>
#include <umk/dcache.h>
#include <umk/namei.h>
#include <umk/mount.h>
#include <umk/ktime.h>
#include <umk/reboot.h>
#include <uapi/umk/statfs.h>
#include <stdarg.h>
#include "ext2.h"

static struct kmem_cache *ext2_inode_cachep;
static LIST_HEAD(ext2_supers);		/* mounted, for the shutdown hook */
static DEFINE_MUTEX(ext2_supers_lock);

struct ext2_sb_link {
	struct list_head list;
	struct super_block *sb;
};

static u32 now_seconds(void)
{
	return (u32)(ktime_get_real_ns() / 1000000000ULL);
}

void ext2_error(struct super_block *sb, const char *func, const char *fmt,
		...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("EXT2-fs error (device %s): %s: %s\n", sb->s_id, func, msg);
	if (sb->s_flags & SB_RDONLY)
		return;
	sbi->s_mount_state |= EXT2_ERROR_FS;
	sbi->s_es->s_state |= EXT2_ERROR_FS;
	mark_buffer_dirty(sbi->s_sbh);
	if (sbi->s_errors == EXT2_ERRORS_PANIC)
		panic("EXT2-fs (device %s): panic forced after error",
		      sb->s_id);
	if (sbi->s_errors == EXT2_ERRORS_RO) {
		pr_err("EXT2-fs (%s): remounting filesystem read-only\n",
		       sb->s_id);
		sync_dirty_buffer(sbi->s_sbh);
		sb->s_flags |= SB_RDONLY;
	}
}

/*
 * Checks what a superblock says against itself and the device size;
 * 0 or -EINVAL after one log line. *ro is set for unknown ro_compat.
 */
int ext2_validate_super(const struct ext2_super_block *es, u64 dev_bytes,
			bool *ro)
{
	u64 bs, groups;

	*ro = false;
	if (es->s_magic != EXT2_SUPER_MAGIC) {
		pr_err("EXT2-fs: bad magic number 0x%x\n", es->s_magic);
		return -EINVAL;
	}
	if (es->s_log_block_size > 2) {
		pr_err("EXT2-fs: bad block size 2^%u KiB\n",
		       es->s_log_block_size);
		return -EINVAL;
	}
	bs = 1024ULL << es->s_log_block_size;
	if (es->s_rev_level > 1) {
		pr_err("EXT2-fs: unknown revision %u\n", es->s_rev_level);
		return -EINVAL;
	}
	if (es->s_rev_level >= 1) {
		if (es->s_feature_incompat & ~EXT2_INCOMPAT_SUPP) {
			pr_err("EXT2-fs: unsupported incompat features 0x%x\n",
			       es->s_feature_incompat & ~EXT2_INCOMPAT_SUPP);
			return -EINVAL;
		}
		if (es->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPP)
			*ro = true;
		if (es->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE ||
		    es->s_inode_size > bs ||
		    (es->s_inode_size & (es->s_inode_size - 1))) {
			pr_err("EXT2-fs: bad inode size %u\n", es->s_inode_size);
			return -EINVAL;
		}
		if (es->s_first_ino < EXT2_GOOD_OLD_FIRST_INO ||
		    es->s_first_ino > es->s_inodes_count) {
			pr_err("EXT2-fs: bad first inode %u\n", es->s_first_ino);
			return -EINVAL;
		}
	}
	if (es->s_first_data_block != (bs == 1024 ? 1U : 0U) ||
	    es->s_blocks_per_group == 0 || es->s_blocks_per_group > bs * 8 ||
	    es->s_inodes_per_group == 0 || es->s_inodes_per_group > bs * 8 ||
	    es->s_blocks_count <= es->s_first_data_block) {
		pr_err("EXT2-fs: bad geometry (blocks per group %u, inodes per group %u, first data block %u)\n",
		       es->s_blocks_per_group, es->s_inodes_per_group,
		       es->s_first_data_block);
		return -EINVAL;
	}
	groups = DIV_ROUND_UP((u64)es->s_blocks_count - es->s_first_data_block,
			      es->s_blocks_per_group);
	if (groups * es->s_inodes_per_group != es->s_inodes_count) {
		pr_err("EXT2-fs: inode count %u does not match %llu groups\n",
		       es->s_inodes_count, (unsigned long long)groups);
		return -EINVAL;
	}
	if ((u64)es->s_blocks_count * bs > dev_bytes) {
		pr_err("EXT2-fs: filesystem (%llu blocks) larger than the device (%llu bytes): truncated image?\n",
		       (unsigned long long)es->s_blocks_count,
		       (unsigned long long)dev_bytes);
		return -EINVAL;
	}
	if (es->s_free_blocks_count > es->s_blocks_count ||
	    es->s_free_inodes_count > es->s_inodes_count) {
		pr_err("EXT2-fs: free counts larger than totals\n");
		return -EINVAL;
	}
	return 0;
}

struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb,
					    unsigned long group,
					    struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long blk = group / sbi->s_desc_per_block;
	unsigned long off = group % sbi->s_desc_per_block;

	if (group >= sbi->s_groups_count)
		return NULL;
	if (bhp)
		*bhp = sbi->s_gd_bh[blk];
	return (struct ext2_group_desc *)sbi->s_gd_bh[blk]->b_data + off;
}

static bool is_power_of(unsigned long n, unsigned long b)
{
	while (n > 1 && n % b == 0)
		n /= b;
	return n == 1;
}

bool ext2_group_has_super(struct super_block *sb, unsigned long group)
{
	if (!(EXT2_SB(sb)->s_es->s_feature_ro_compat &
	      EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return group <= 1 || is_power_of(group, 3) || is_power_of(group, 5) ||
	       is_power_of(group, 7);
}

/* Every group's bitmaps and inode table lie inside the filesystem. */
static int check_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 nblocks = sbi->s_es->s_blocks_count;

	for (unsigned long g = 0; g < sbi->s_groups_count; g++) {
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, NULL);
		u64 first = sbi->s_es->s_first_data_block +
			    (u64)g * sbi->s_blocks_per_group;
		u64 end = first + sbi->s_blocks_per_group;
		u64 last;

		last = (end < nblocks ? end : nblocks) - 1;

		if (gd->bg_block_bitmap < first || gd->bg_block_bitmap > last ||
		    gd->bg_inode_bitmap < first || gd->bg_inode_bitmap > last ||
		    gd->bg_inode_table < first ||
		    gd->bg_inode_table + (u64)sbi->s_itb_per_group - 1 > last) {
			pr_err("EXT2-fs (%s): group descriptor %lu points outside its group\n",
			       sb->s_id, g);
			return -EINVAL;
		}
	}
	return 0;
}

void ext2_sync_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sbi->s_es->s_wtime = now_seconds();
	mark_buffer_dirty(sbi->s_sbh);
}

static int write_inode_pages(struct inode *inode)
{
	int err = 0;

	if (EXT2_I(inode)->i_bad)	/* not loaded, or already freed */
		return 0;

	if (S_ISREG(inode->i_mode))
		err = filemap_write_and_wait(inode->i_mapping);
	if (!(inode->i_state & I_FREEING)) {
		int e = ext2_write_inode(inode, false);

		if (!err)
			err = e;
	}
	return err;
}

int ext2_sync_fs(struct super_block *sb, bool wait)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct inode *inode;
	int err = 0, e;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_state & (I_NEW | I_FREEING))
			continue;
		e = write_inode_pages(inode);
		if (e && !err)
			err = e;
	}
	ext2_sync_super(sb);
	e = wait ? blkdev_fsync(sbi->s_bdev) : 0;
	return err ? err : e;
}

/* Marks the filesystem clean (ro, umount, shutdown) or in use (rw). */
static void set_state(struct super_block *sb, bool clean)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	if (clean)
		es->s_state = sbi->s_mount_state;
	else {
		sbi->s_mount_state = es->s_state;
		es->s_state &= ~EXT2_VALID_FS;
		es->s_mnt_count++;
		es->s_mtime = now_seconds();
	}
	ext2_sync_super(sb);
	sync_dirty_buffer(sbi->s_sbh);
}

static int ext2_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(dentry->d_sb);
	struct ext2_super_block *es = sbi->s_es;

	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = dentry->d_sb->s_blocksize;
	buf->f_blocks = es->s_blocks_count - es->s_first_data_block;
	buf->f_bfree = es->s_free_blocks_count;
	buf->f_bavail = es->s_free_blocks_count > es->s_r_blocks_count ?
			es->s_free_blocks_count - es->s_r_blocks_count : 0;
	buf->f_files = es->s_inodes_count;
	buf->f_ffree = es->s_free_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	return 0;
}

/* Options: errors=continue|remount-ro|panic; others are refused. */
static int parse_options(char *data, int *errors)
{
	char *opt;

	while (data && *data) {
		opt = data;
		data = strchr(data, ',');
		if (data)
			*data++ = '\0';
		if (!*opt || !strcmp(opt, "rw") || !strcmp(opt, "ro"))
			continue;
		if (!strcmp(opt, "errors=continue"))
			*errors = EXT2_ERRORS_CONTINUE;
		else if (!strcmp(opt, "errors=remount-ro"))
			*errors = EXT2_ERRORS_RO;
		else if (!strcmp(opt, "errors=panic"))
			*errors = EXT2_ERRORS_PANIC;
		else {
			pr_err("EXT2-fs: unknown mount option \"%s\"\n", opt);
			return -EINVAL;
		}
	}
	return 0;
}

static bool has_unknown_ro_compat(struct super_block *sb)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;

	return es->s_rev_level >= 1 &&
	       (es->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPP);
}

static int ext2_remount(struct super_block *sb, int *flags, char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int errors = sbi->s_errors;

	if (parse_options(data, &errors))
		return -EINVAL;
	sbi->s_errors = errors;
	if ((*flags & SB_RDONLY) == (sb->s_flags & SB_RDONLY))
		return 0;
	if (*flags & SB_RDONLY) {
		ext2_sync_fs(sb, true);
		set_state(sb, true);
		return 0;
	}
	if (has_unknown_ro_compat(sb) || bdev_read_only(sbi->s_bdev)) {
		pr_err("EXT2-fs (%s): cannot remount read-write\n", sb->s_id);
		return -EROFS;
	}
	set_state(sb, false);
	return 0;
}

/* Lets go of the disk: the superblock and descriptor buffers, the bdev. */
static void release_disk(struct ext2_sb_info *sbi)
{
	for (unsigned long i = 0; i < sbi->s_gdb_count; i++)
		brelse(sbi->s_gd_bh[i]);
	kfree(sbi->s_gd_bh);
	sbi->s_gd_bh = NULL;
	sbi->s_gdb_count = 0;
	brelse(sbi->s_sbh);
	sbi->s_sbh = NULL;
	blkdev_fsync(sbi->s_bdev);
	blkdev_put(sbi->s_bdev);
	sbi->s_bdev = NULL;
}

static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_sb_link *l, *n;

	if (!sbi)
		return;
	mutex_lock(&ext2_supers_lock);
	list_for_each_entry_safe(l, n, &ext2_supers, list)
		if (l->sb == sb) {
			list_del(&l->list);
			kfree(l);
		}
	mutex_unlock(&ext2_supers_lock);
	if (!sbi->s_bdev) {	/* the shutdown hook released it */
		kfree(sbi);
		sb->s_fs_info = NULL;
		return;
	}
	if (sbi->s_sbh && !(sb->s_flags & SB_RDONLY))
		set_state(sb, true);
	release_disk(sbi);
	kfree(sbi);
	sb->s_fs_info = NULL;
}

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kmem_cache_zalloc(ext2_inode_cachep,
						       GFP_KERNEL);

	if (!ei)
		return NULL;
	mutex_init(&ei->i_map_lock);
	return &ei->vfs_inode;
}

static void ext2_destroy_inode(struct inode *inode)
{
	kmem_cache_free(ext2_inode_cachep, EXT2_I(inode));
}

static const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.destroy_inode = ext2_destroy_inode,
	.evict_inode = ext2_evict_inode,
	.put_super = ext2_put_super,
	.statfs = ext2_statfs,
	.remount_fs = ext2_remount,
	.sync_fs = ext2_sync_fs,
};

/* Reads the superblock at byte 1024 in blocks of the filesystem's size. */
static int read_super(struct super_block *sb, struct ext2_sb_info *sbi,
		      bool *ro)
{
	struct block_device *bdev = sbi->s_bdev;
	struct ext2_super_block *es;
	struct buffer_head *bh;
	unsigned int bs;
	int err;

	err = set_blocksize(bdev, 1024);
	if (err)
		return err;
	bh = bread(bdev, 1, 1024);
	if (!bh) {
		pr_err("EXT2-fs (%s): cannot read the superblock\n", sb->s_id);
		return -EINVAL;
	}
	es = (struct ext2_super_block *)bh->b_data;
	err = ext2_validate_super(es, bdev_size_bytes(bdev), ro);
	bs = 1024U << (es->s_magic == EXT2_SUPER_MAGIC ?
		       es->s_log_block_size : 0);
	brelse(bh);
	if (err)
		return err;
	if (bs > PAGE_SIZE) {
		pr_err("EXT2-fs (%s): block size %u > page size\n", sb->s_id,
		       bs);
		return -EINVAL;
	}
	err = set_blocksize(bdev, bs);
	if (err)
		return err;
	sb->s_blocksize = bs;
	sb->s_blocksize_bits = __builtin_ctz(bs);
	sbi->s_sbh = bread(bdev, bs == 1024 ? 1 : 0, bs);
	if (!sbi->s_sbh)
		return -EIO;
	sbi->s_es = (struct ext2_super_block *)(sbi->s_sbh->b_data +
						(bs == 1024 ? 0 : 1024));
	return 0;
}

static int read_descriptors(struct super_block *sb, struct ext2_sb_info *sbi)
{
	struct ext2_super_block *es = sbi->s_es;
	unsigned int bs = sb->s_blocksize;

	sbi->s_blocks_per_group = es->s_blocks_per_group;
	sbi->s_inodes_per_group = es->s_inodes_per_group;
	sbi->s_inode_size = es->s_rev_level ? es->s_inode_size :
			    EXT2_GOOD_OLD_INODE_SIZE;
	sbi->s_first_ino = es->s_rev_level ? es->s_first_ino :
			   EXT2_GOOD_OLD_FIRST_INO;
	sbi->s_itb_per_group = DIV_ROUND_UP(sbi->s_inodes_per_group *
					    sbi->s_inode_size, bs);
	sbi->s_groups_count = DIV_ROUND_UP(es->s_blocks_count -
					   es->s_first_data_block,
					   es->s_blocks_per_group);
	sbi->s_desc_per_block = bs / sizeof(struct ext2_group_desc);
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count,
					sbi->s_desc_per_block);
	sbi->s_addr_per_block_bits = __builtin_ctz(bs / 4);
	sbi->s_gd_bh = kcalloc(sbi->s_gdb_count, sizeof(*sbi->s_gd_bh),
			       GFP_KERNEL);
	if (!sbi->s_gd_bh)
		return -ENOMEM;
	for (unsigned long i = 0; i < sbi->s_gdb_count; i++) {
		sbi->s_gd_bh[i] = bread(sbi->s_bdev,
					es->s_first_data_block + 1 + i, bs);
		if (!sbi->s_gd_bh[i]) {
			pr_err("EXT2-fs (%s): cannot read group descriptors\n",
			       sb->s_id);
			return -EIO;
		}
	}
	return check_descriptors(sb);
}

static int ext2_fill_super(struct super_block *sb, struct ext2_sb_info *sbi,
			   char *data)
{
	struct inode *root;
	bool ro;
	int err;

	err = read_super(sb, sbi, &ro);
	if (err)
		return err;
	sbi->s_errors = sbi->s_es->s_errors == EXT2_ERRORS_RO ||
			sbi->s_es->s_errors == EXT2_ERRORS_PANIC ?
			sbi->s_es->s_errors : EXT2_ERRORS_CONTINUE;
	if (parse_options(data, &sbi->s_errors))
		return -EINVAL;
	err = read_descriptors(sb, sbi);
	if (err)
		return err;
	if (ro && !(sb->s_flags & SB_RDONLY)) {
		pr_warn("EXT2-fs (%s): unsupported ro_compat features 0x%x: mounting read-only\n",
			sb->s_id, sbi->s_es->s_feature_ro_compat &
			~EXT2_RO_COMPAT_SUPP);
		sb->s_flags |= SB_RDONLY;
	}
	if (bdev_read_only(sbi->s_bdev))
		sb->s_flags |= SB_RDONLY;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_time_gran = 1000000000;
	sb->s_maxbytes = (sbi->s_es->s_feature_ro_compat &
			  EXT2_FEATURE_RO_COMPAT_LARGE_FILE) ?
			 ((loff_t)1 << 40) : 0x7fffffffLL;
	root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root))
		return PTR_ERR(root);
	if (!S_ISDIR(root->i_mode) || !root->i_size) {
		pr_err("EXT2-fs (%s): the root inode is not a directory\n",
		       sb->s_id);
		iput(root);
		return -EINVAL;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	if (!(sbi->s_es->s_state & EXT2_VALID_FS))
		pr_warn("EXT2-fs (%s): mounting an unchecked filesystem, running e2fsck is recommended\n",
			sb->s_id);
	if (!(sb->s_flags & SB_RDONLY))
		set_state(sb, false);
	return 0;
}

static void ext2_kill_sb(struct super_block *sb)
{
	if (sb->s_fs_info && sb->s_root)
		ext2_sync_fs(sb, false);
	kill_anon_super(sb);
}

/*
 * The disk to mount: a block device node (any path), or a disk's name
 * ("ubda", "/dev/ubda") even where /dev has no node for it.
 */
static struct block_device *open_bdev(const char *dev_name)
{
	struct block_device *bdev;
	struct path path;
	umode_t mode;
	dev_t rdev;
	int err = kern_path(dev_name, LOOKUP_FOLLOW, &path);

	if (err) {
		bdev = blkdev_get_by_name(dev_name);
		return IS_ERR(bdev) ? ERR_PTR(err) : bdev;
	}
	mode = path.dentry->d_inode->i_mode;
	rdev = path.dentry->d_inode->i_rdev;
	path_put(&path);
	if (!S_ISBLK(mode))
		return ERR_PTR(-ENOTBLK);
	return blkdev_get_by_dev(rdev);
}

static struct dentry *ext2_mount(struct file_system_type *type, int flags,
				 const char *dev_name, void *data)
{
	struct super_block *sb;
	struct block_device *bdev;
	struct ext2_sb_info *sbi;
	struct ext2_sb_link *link;
	int err;

	if (!dev_name)
		return ERR_PTR(-EINVAL);
	bdev = open_bdev(dev_name);
	if (IS_ERR(bdev))
		return ERR_PTR(PTR_ERR(bdev));
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	link = kzalloc(sizeof(*link), GFP_KERNEL);
	sb = sbi && link ? sget(type, flags) : NULL;
	if (!sb) {
		kfree(sbi);
		kfree(link);
		blkdev_put(bdev);
		return ERR_PTR(-ENOMEM);
	}
	sbi->s_bdev = bdev;
	mutex_init(&sbi->s_lock);
	sb->s_fs_info = sbi;
	sb->s_op = &ext2_sops;	/* put_super lets go of a failed mount */
	strscpy(sb->s_id, bdev->bd_disk->disk_name, sizeof(sb->s_id));
	err = get_anon_dev(&sb->s_dev);
	if (!err)
		err = ext2_fill_super(sb, sbi, data);
	if (err) {
		kfree(link);
		if (sb->s_root) {
			dput(sb->s_root);
			sb->s_root = NULL;
		}
		kill_anon_super(sb);
		return ERR_PTR(err);
	}
	link->sb = sb;
	mutex_lock(&ext2_supers_lock);
	list_add_tail(&link->list, &ext2_supers);
	mutex_unlock(&ext2_supers_lock);
	return dget(sb->s_root);
}

static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = ext2_mount,
	.kill_sb = ext2_kill_sb,
};

/*
 * Files unlinked but still open when the machine stops: ext2 has no
 * orphan list, so they are freed now, as their last close would have.
 */
static void free_open_orphans(struct super_block *sb)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_nlink || (inode->i_state & (I_NEW | I_FREEING)))
			continue;
		ext2_evict_inode(inode);
		EXT2_I(inode)->i_bad = true;	/* freed: never again */
	}
}

/* Runs before the block layer's hook: pages and inodes, then clean. */
static void ext2_shutdown(void)
{
	struct ext2_sb_link *l;

	mutex_lock(&ext2_supers_lock);
	list_for_each_entry(l, &ext2_supers, list) {
		if (!(l->sb->s_flags & SB_RDONLY)) {
			free_open_orphans(l->sb);
			ext2_sync_fs(l->sb, false);
			set_state(l->sb, true);
		}
		/* Nothing runs after the hooks: the disks may go. */
		l->sb->s_flags |= SB_RDONLY;
		release_disk(EXT2_SB(l->sb));
	}
	mutex_unlock(&ext2_supers_lock);
}

static struct shutdown_hook ext2_hook = { .fn = ext2_shutdown };

static int ext2_init(void)
{
	ext2_inode_cachep = kmem_cache_create("ext2_inode",
					      sizeof(struct ext2_inode_info),
					      0, 0, NULL);
	if (!ext2_inode_cachep)
		return -ENOMEM;
	register_shutdown_hook(&ext2_hook);
	return register_filesystem(&ext2_fs_type);
}
fs_initcall(ext2_init);
