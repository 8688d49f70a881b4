/*
 * inode.c - devpts, the filesystem of pty slaves: mounted at /dev/pts,
 * it lists "ptmx" (5,2) and one character device N (136,N, mode 0620,
 * owned by whoever opened /dev/ptmx) for each pty whose master is open.
 * The names come from the pty table (drivers/tty/pty.c) at lookup; a
 * pty that comes or goes drops the cached names of every instance.
 * All instances share the one table (Linux's single-instance mode).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/slab.h>
#include <umk/tty.h>
#include <uapi/umk/dirent.h>

#define DEVPTS_MAGIC		0x1cd1
#define PTMX_INO		2
#define PTS_INO(i)		((u64)(i) + 3)
#define UNIX98_PTY_SLAVE_MAJOR	136

#define MAX_INSTANCES	8
static struct super_block *instances[MAX_INSTANCES];

static void index_name(int index, char *buf, size_t len)
{
	snprintf(buf, len, "%d", index);
}

void devpts_invalidate(int index)
{
	char name[16];

	index_name(index, name, sizeof(name));
	for (int i = 0; i < MAX_INSTANCES; i++) {
		struct qstr q = QSTR_INIT(name, strlen(name));
		struct dentry *d;

		if (!instances[i] || !instances[i]->s_root)
			continue;
		q.hash = full_name_hash(name, q.len);
		d = d_lookup(instances[i]->s_root, &q);
		if (d) {
			d_drop(d);
			dput(d);
		}
	}
}

static struct inode *devpts_inode(struct super_block *sb, u64 ino,
				  umode_t mode, dev_t rdev, uid_t uid)
{
	struct inode *inode = iget_locked(sb, ino);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (inode->i_state & I_NEW) {
		inode->i_atime = inode->i_mtime = inode->i_ctime =
			current_time(inode);
		init_special_inode(inode, mode, rdev);
		set_nlink(inode, 1);
		unlock_new_inode(inode);
	}
	inode->i_uid = uid;
	return inode;
}

static int parse_index(const struct dentry *d)
{
	int n = 0;

	if (!d->d_name.len || d->d_name.len > 4 ||
	    (d->d_name.name[0] == '0' && d->d_name.len > 1))
		return -1;
	for (unsigned int i = 0; i < d->d_name.len; i++) {
		char c = d->d_name.name[i];

		if (c < '0' || c > '9')
			return -1;
		n = n * 10 + c - '0';
	}
	return n;
}

static struct dentry *devpts_lookup(struct inode *dir, struct dentry *d)
{
	struct inode *inode = NULL;
	int index;

	if (d->d_name.len == 4 && !memcmp(d->d_name.name, "ptmx", 4)) {
		inode = devpts_inode(dir->i_sb, PTMX_INO, S_IFCHR,
				     MKDEV(5, 2), 0);
	} else {
		index = parse_index(d);
		if (index >= 0 && pty_index_exists(index))
			inode = devpts_inode(dir->i_sb, PTS_INO(index),
					     S_IFCHR | 0620,
					     MKDEV(UNIX98_PTY_SLAVE_MAJOR,
						   index),
					     pty_owner(index));
	}
	if (IS_ERR(inode))
		return (struct dentry *)inode;
	d_add(d, inode);
	return NULL;
}

static int devpts_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	char name[16];

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (ctx->pos == 2) {
		if (!ctx->actor(ctx, "ptmx", 4, 3, PTMX_INO, DT_CHR))
			return 0;
		ctx->pos = 3;
	}
	/* Positions 3 + N: pty N. */
	for (int i = ctx->pos - 3; i < PTY_MAX; i++) {
		if (!pty_index_exists(i))
			continue;
		index_name(i, name, sizeof(name));
		if (!ctx->actor(ctx, name, strlen(name), i + 4, PTS_INO(i),
				DT_CHR))
			return 0;
		ctx->pos = i + 4;
	}
	return 0;
}

static const struct inode_operations devpts_dir_iops = {
	.lookup = devpts_lookup,
};

static const struct file_operations devpts_dir_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = devpts_iterate,
};

static void devpts_put_super(struct super_block *sb)
{
	for (int i = 0; i < MAX_INSTANCES; i++)
		if (instances[i] == sb)
			instances[i] = NULL;
}

static const struct super_operations devpts_sops = {
	.put_super = devpts_put_super,
};

static int devpts_fill_super(struct super_block *sb)
{
	struct inode *root = new_inode(sb);
	int i;

	for (i = 0; i < MAX_INSTANCES && instances[i]; i++)
		;
	if (i == MAX_INSTANCES || !root) {
		if (root)
			iput(root);
		return i == MAX_INSTANCES ? -ENOSPC : -ENOMEM;
	}
	sb->s_magic = DEVPTS_MAGIC;
	sb->s_op = &devpts_sops;
	root->i_ino = 1;
	root->i_mode = S_IFDIR | 0755;
	root->i_op = &devpts_dir_iops;
	root->i_fop = &devpts_dir_fops;
	root->i_atime = root->i_mtime = root->i_ctime = current_time(root);
	set_nlink(root, 2);
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	instances[i] = sb;
	return 0;
}

static struct dentry *devpts_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	struct super_block *sb = sget(type, flags);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = get_anon_dev(&sb->s_dev);
	if (!err)
		err = devpts_fill_super(sb);
	if (err) {
		kill_anon_super(sb);
		return ERR_PTR(err);
	}
	return dget(sb->s_root);
}

static struct file_system_type devpts_fs_type = {
	.name = "devpts",
	.mount = devpts_mount,
	.kill_sb = kill_anon_super,
};

static int devpts_init(void)
{
	return register_filesystem(&devpts_fs_type);
}
fs_initcall(devpts_init);
