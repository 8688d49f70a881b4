/*
 * super.c - tmpfs instances: mount options (size=, nr_inodes=, mode=,
 * uid=, gid=), the root directory, statfs, remount, and freeing it all
 * at umount. By default an instance may use half of guest RAM and as
 * many inodes as half of RAM has pages, as in Linux.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/slab.h>
#include <umk/string.h>
#include <uapi/umk/statfs.h>
#include "tmpfs.h"

static struct kmem_cache *tmpfs_inode_cachep;

static struct inode *tmpfs_alloc_inode(struct super_block *sb)
{
	struct tmpfs_inode *ti = kmem_cache_zalloc(tmpfs_inode_cachep,
						   GFP_KERNEL);

	return ti ? &ti->vfs_inode : NULL;
}

static void tmpfs_destroy_inode(struct inode *inode)
{
	kmem_cache_free(tmpfs_inode_cachep, TMPFS_I(inode));
}

static void tmpfs_evict_inode(struct inode *inode)
{
	struct tmpfs_inode *ti = TMPFS_I(inode);

	if (S_ISDIR(inode->i_mode) && ti->buckets)
		tmpfs_dir_free(inode);
	kfree(ti->link);
	ti->link = NULL;
	TMPFS_SB(inode->i_sb)->free_inodes++;
}

static int tmpfs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct tmpfs_sb_info *sbi = TMPFS_SB(dentry->d_sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_blocks = sbi->max_blocks;
	buf->f_bfree = buf->f_bavail = sbi->max_blocks - sbi->used_blocks;
	buf->f_files = sbi->max_inodes;
	buf->f_ffree = sbi->free_inodes;
	buf->f_namelen = NAME_MAX;
	return 0;
}

struct tmpfs_options {
	u64 max_blocks, max_inodes;
	umode_t mode;
	uid_t uid;
	gid_t gid;
	bool size_set, inodes_set;
};

/* "size=": bytes with k/m/g suffixes, or a percentage of RAM. */
static int parse_tmpfs_size(const char *val, u64 *pages)
{
	size_t len = strlen(val);
	unsigned long long n;
	u64 bytes;

	if (len && val[len - 1] == '%') {
		char num[24];

		if (len > sizeof(num) || strscpy(num, val, len) < 0 ||
		    kstrtoull(num, 10, (unsigned long long *)&n) || n > 100)
			return -EINVAL;
		*pages = totalram_pages() * n / 100;
		return 0;
	}
	if (parse_size(val, &bytes))
		return -EINVAL;
	*pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	return 0;
}

static int parse_option(char *opt, struct tmpfs_options *o)
{
	char *val = strchr(opt, '=');
	unsigned long long n;

	if (!val)
		return -EINVAL;
	*val++ = '\0';
	if (!strcmp(opt, "size")) {
		o->size_set = true;
		return parse_tmpfs_size(val, &o->max_blocks);
	}
	if (!strcmp(opt, "nr_inodes")) {
		o->inodes_set = true;
		return parse_size(val, &o->max_inodes);
	}
	if (!strcmp(opt, "mode")) {
		if (kstrtoull(val, 8, &n) || n > 07777)
			return -EINVAL;
		o->mode = n;
		return 0;
	}
	if (!strcmp(opt, "uid") || !strcmp(opt, "gid")) {
		if (kstrtoull(val, 10, &n) || n > 0xfffffffeULL)
			return -EINVAL;
		if (opt[0] == 'u')
			o->uid = n;
		else
			o->gid = n;
		return 0;
	}
	return -EINVAL;
}

/* Parses "opt=val,opt=val" (data is modified). */
static int parse_options(char *data, struct tmpfs_options *o)
{
	char *opt;

	while (data && *data) {
		opt = data;
		data = strchr(data, ',');
		if (data)
			*data++ = '\0';
		if (*opt && parse_option(opt, o))
			return -EINVAL;
	}
	return 0;
}

static int tmpfs_remount(struct super_block *sb, int *flags, char *data)
{
	struct tmpfs_sb_info *sbi = TMPFS_SB(sb);
	struct tmpfs_options o = { 0 };
	u64 used_inodes = sbi->max_inodes - sbi->free_inodes;

	if (parse_options(data, &o))
		return -EINVAL;
	if (o.size_set) {
		if (o.max_blocks < sbi->used_blocks)
			return -EINVAL;
		sbi->max_blocks = o.max_blocks;
	}
	if (o.inodes_set) {
		if (o.max_inodes < used_inodes)
			return -EINVAL;
		sbi->max_inodes = o.max_inodes;
		sbi->free_inodes = o.max_inodes - used_inodes;
	}
	return 0;
}

static void tmpfs_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

static const struct super_operations tmpfs_ops = {
	.alloc_inode = tmpfs_alloc_inode,
	.destroy_inode = tmpfs_destroy_inode,
	.evict_inode = tmpfs_evict_inode,
	.statfs = tmpfs_statfs,
	.remount_fs = tmpfs_remount,
	.put_super = tmpfs_put_super,
};

static int tmpfs_fill_super(struct super_block *sb, char *data)
{
	struct tmpfs_options o = {
		.max_blocks = totalram_pages() / 2,
		.max_inodes = totalram_pages() / 2,
		.mode = 01777,
	};
	struct tmpfs_sb_info *sbi;
	struct inode *root;

	if (parse_options(data, &o))
		return -EINVAL;
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	sbi->max_blocks = o.max_blocks;
	sbi->max_inodes = sbi->free_inodes = o.max_inodes;
	sbi->next_ino = 1;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &tmpfs_ops;
	root = tmpfs_get_inode(sb, NULL, S_IFDIR | o.mode, 0);
	if (IS_ERR(root))
		return PTR_ERR(root);
	root->i_uid = o.uid;
	root->i_gid = o.gid;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *tmpfs_mount(struct file_system_type *type, int flags,
				  const char *dev_name, void *data)
{
	struct super_block *sb = sget(type, flags);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = get_anon_dev(&sb->s_dev);
	if (!err)
		err = tmpfs_fill_super(sb, data);
	if (err) {
		kill_anon_super(sb);
		return ERR_PTR(err);
	}
	return dget(sb->s_root);
}

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.kill_sb = kill_anon_super,
};

static int tmpfs_init(void)
{
	tmpfs_inode_cachep = kmem_cache_create("tmpfs_inode",
					       sizeof(struct tmpfs_inode), 0,
					       0, NULL);
	if (!tmpfs_inode_cachep)
		return -ENOMEM;
	return register_filesystem(&tmpfs_fs_type);
}
postcore_initcall(tmpfs_init);
