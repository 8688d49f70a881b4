/*
 * devtmpfs.c - "mount -t devtmpfs": a tmpfs filled at mount time with a
 * node for every device a driver has registered. Known numbers get
 * their Linux names (1,3 is null, 5,1 console...), other single
 * character devices the name they were registered with, disks their
 * disk name; plus pts/, shm/ and the fd, stdin, stdout, stderr links.
 * Devices registered later do not appear in existing mounts yet.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/namei.h>
#include <umk/blkdev.h>

struct dev_name {
	unsigned int major, minor;
	const char *name;
	umode_t mode;
};

static const struct dev_name known[] = {
	{ 1, 3, "null", 0666 }, { 1, 5, "zero", 0666 },
	{ 1, 7, "full", 0666 }, { 1, 8, "random", 0666 },
	{ 1, 9, "urandom", 0666 }, { 1, 11, "kmsg", 0644 },
	{ 4, 0, "tty0", 0620 }, { 4, 1, "tty1", 0620 },
	{ 4, 64, "ttyS0", 0660 }, { 5, 0, "tty", 0666 },
	{ 5, 1, "console", 0600 }, { 5, 2, "ptmx", 0666 },
};

static const char *const links[][2] = {
	{ "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
};

/* Creates name in dir: a node (S_IFCHR/S_IFBLK), directory or link. */
static int add(struct dentry *dir, const char *name, umode_t mode,
	       dev_t dev, const char *target)
{
	struct qstr q = QSTR_INIT(name, strlen(name));
	struct inode *inode = dir->d_inode;
	struct dentry *d;
	int err;

	mutex_lock(&inode->i_rwsem);
	d = lookup_one(dir, &q);
	if (IS_ERR(d)) {
		mutex_unlock(&inode->i_rwsem);
		return PTR_ERR(d);
	}
	if (d->d_inode)
		err = 0;	/* a second driver for the same name */
	else if (S_ISDIR(mode))
		err = vfs_mkdir(inode, d, mode & 07777);
	else if (S_ISLNK(mode))
		err = vfs_symlink(inode, d, target);
	else
		err = vfs_mknod(inode, d, mode, dev);
	dput(d);
	mutex_unlock(&inode->i_rwsem);
	return err;
}

struct fill_ctx {
	struct dentry *root;
	int err;
};

static int add_chrdev(unsigned int major, unsigned int baseminor,
		      unsigned int count, const char *name, void *arg)
{
	struct fill_ctx *c = arg;
	bool named = false;
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(known) && !err; i++) {
		if (known[i].major != major || known[i].minor < baseminor ||
		    known[i].minor - baseminor >= count)
			continue;
		err = add(c->root, known[i].name, S_IFCHR | known[i].mode,
			  MKDEV(major, known[i].minor), NULL);
		named = true;
	}
	if (!named && count == 1 && !err)
		err = add(c->root, name, S_IFCHR | 0600,
			  MKDEV(major, baseminor), NULL);
	c->err = err;
	return err;
}

static int add_blkdev(struct block_device *bdev, void *arg)
{
	struct fill_ctx *c = arg;

	c->err = add(c->root, bdev->bd_disk->disk_name, S_IFBLK | 0660,
		     bdev->bd_dev, NULL);
	return c->err;
}

static int devtmpfs_fill(struct dentry *root)
{
	struct fill_ctx c = { .root = root };
	unsigned int i;
	int err;

	if (chrdev_for_each(add_chrdev, &c) || blkdev_for_each(add_blkdev, &c))
		return c.err;
	err = add(root, "pts", S_IFDIR | 0755, 0, NULL);
	if (!err)
		err = add(root, "shm", S_IFDIR | 01777, 0, NULL);
	for (i = 0; i < ARRAY_SIZE(links) && !err; i++)
		err = add(root, links[i][0], S_IFLNK | 0777, 0, links[i][1]);
	return err;
}

static struct dentry *devtmpfs_mount(struct file_system_type *type,
				     int flags, const char *dev_name,
				     void *data)
{
	struct file_system_type *tmpfs = get_fs_type("tmpfs");
	char opts[] = "mode=0755";
	struct dentry *root;
	int err;

	if (!tmpfs)
		return ERR_PTR(-ENODEV);
	root = tmpfs->mount(tmpfs, flags, dev_name,
			    data && *(char *)data ? data : opts);
	if (IS_ERR(root))
		return root;
	err = devtmpfs_fill(root);
	if (err) {
		struct super_block *sb = root->d_sb;

		dput(root);
		deactivate_super(sb);
		return ERR_PTR(err);
	}
	return root;
}

static struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount,
	.kill_sb = kill_anon_super,
};

static int devtmpfs_init(void)
{
	return register_filesystem(&devtmpfs_fs_type);
}
fs_initcall(devtmpfs_init);
