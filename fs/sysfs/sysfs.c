/*
 * sysfs.c - a small, read-only /sys built on procfs's entry tables
 * (fs/proc/internal.h): the registered devices by number (dev/char/M:m
 * with "dev" and "uevent" as busybox mdev reads them; dev/block/M:m
 * links to the disks), the disks (block/NAME with dev, size, ro,
 * removable, uevent), class/block (links to those) and class/tty (the
 * single tty devices: console, tty, ptmx, ttyN), the device tree
 * (firmware/devicetree/base) and the usual top-level
 * directories, empty where umk has nothing to show yet.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/blkdev.h>
#include <uapi/umk/dirent.h>
#include "../proc/internal.h"

#define SYSFS_MAGIC	0x62656572

/* ---- devices by number: pi->idx is the dev_t ---- */

struct dev_query {
	long want;		/* dev_t looked for, or -1 */
	long min;		/* else: smallest dev_t >= min */
	long found;
	char name[32];
	bool block;
	bool tty;		/* only the tty majors (4 and 5) */
};

#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5

/* Major 5's minors, registered as ranges, by their /dev names. */
static const char *const ttyaux_names[] = { "tty", "console", "ptmx" };

static int match_one(struct dev_query *q, long dev, const char *name)
{
	if (q->want >= 0 ? dev != q->want :
	    dev < q->min || (q->found >= 0 && dev >= q->found))
		return 0;
	q->found = dev;
	strscpy(q->name, name, sizeof(q->name));
	return q->want >= 0;
}

static int match_chrdev(unsigned int major, unsigned int baseminor,
			unsigned int count, const char *name, void *arg)
{
	struct dev_query *q = arg;
	unsigned int i;

	if (q->tty && major == TTYAUX_MAJOR) {
		for (i = baseminor; i < baseminor + count &&
		     i < ARRAY_SIZE(ttyaux_names); i++)
			if (match_one(q, MKDEV(major, i), ttyaux_names[i]))
				return 1;
		return 0;
	}
	/* Ranges (ptys...) have no single name: only single devices. */
	if (count != 1 || (q->tty && major != TTY_MAJOR))
		return 0;
	return match_one(q, MKDEV(major, baseminor), name);
}

static int match_blkdev(struct block_device *bdev, void *arg)
{
	struct dev_query *q = arg;
	long dev = bdev->bd_dev;

	if (q->want >= 0 ? dev != q->want :
	    dev < q->min || (q->found >= 0 && dev >= q->found))
		return 0;
	q->found = dev;
	strscpy(q->name, bdev->bd_disk->disk_name, sizeof(q->name));
	return q->want >= 0;
}

static void dev_query(struct dev_query *q)
{
	q->found = -1;
	if (q->block)
		blkdev_for_each(match_blkdev, q);
	else
		chrdev_for_each(match_chrdev, q);
}

static int dev_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%u:%u\n", MAJOR(pi->idx), MINOR(pi->idx));
	return 0;
}

static int uevent_show(struct pbuf *m, struct proc_inode *pi, bool block)
{
	struct dev_query q = { .want = pi->idx, .block = block };

	q.tty = !block && MAJOR(pi->idx) == TTYAUX_MAJOR;
	dev_query(&q);
	if (q.found < 0)
		return -ENOENT;
	pbuf_printf(m, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", MAJOR(pi->idx),
		    MINOR(pi->idx), q.name);
	if (q.block)
		pbuf_printf(m, "DEVTYPE=disk\n");
	return 0;
}

static int chr_uevent_show(struct pbuf *m, struct proc_inode *pi)
{
	return uevent_show(m, pi, false);
}

static int blk_uevent_show(struct pbuf *m, struct proc_inode *pi)
{
	return uevent_show(m, pi, true);
}

struct bdev_attr {
	struct pbuf *m;
	u32 dev;
	bool ro;		/* "ro" instead of "size" */
};

static int show_bdev_attr(struct block_device *bdev, void *arg)
{
	struct bdev_attr *a = arg;

	if (bdev->bd_dev != a->dev)
		return 0;
	if (a->ro)
		pbuf_printf(a->m, "%d\n", bdev_read_only(bdev));
	else
		pbuf_printf(a->m, "%llu\n",
			    (unsigned long long)bdev_nr_sectors(bdev));
	return 1;
}

static int size_show(struct pbuf *m, struct proc_inode *pi)
{
	struct bdev_attr a = { m, pi->idx, false };

	return blkdev_for_each(show_bdev_attr, &a) ? 0 : -ENOENT;
}

static int ro_show(struct pbuf *m, struct proc_inode *pi)
{
	struct bdev_attr a = { m, pi->idx, true };

	return blkdev_for_each(show_bdev_attr, &a) ? 0 : -ENOENT;
}

static int zero_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "0\n");
	return 0;
}

#define REG(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }

static const struct proc_entry chr_ents[] = {
	REG("dev", dev_show),
	REG("uevent", chr_uevent_show),
	{ }
};

static const struct proc_entry blk_ents[] = {
	REG("dev", dev_show),
	REG("uevent", blk_uevent_show),
	REG("size", size_show),
	REG("ro", ro_show),
	REG("removable", zero_show),
	{ }
};

/* /sys/dev/block/M:m is a link to the disk, as in Linux (mdev -s reads
 * the disk's name from its target). */
static int blk_link(struct proc_inode *pi, char *buf, int size)
{
	struct dev_query q = { .want = pi->idx, .block = true };

	dev_query(&q);
	if (q.found < 0)
		return -ENOENT;
	return scnprintf(buf, size, "../../block/%s", q.name);
}

static const struct proc_entry blk_link_entry = {
	.mode = S_IFLNK | 0777, .link = blk_link,
};

static const struct proc_entry chr_dir = {
	.mode = S_IFDIR | 0555, .ents = chr_ents,
};
static const struct proc_entry blk_dir = {
	.mode = S_IFDIR | 0555, .ents = blk_ents,
};

/* The directories of devices: which devices, how named, what each is. */
enum dev_view {
	VIEW_CHR_NUM,		/* dev/char/M:m: directories */
	VIEW_BLK_NUM,		/* dev/block/M:m: links to block/NAME */
	VIEW_DISK,		/* block/NAME: directories */
	VIEW_CLASS_BLOCK,	/* class/block/NAME: links to block/NAME */
	VIEW_CLASS_TTY,		/* class/tty/NAME: directories */
};

static bool view_is_link(enum dev_view v)
{
	return v == VIEW_BLK_NUM || v == VIEW_CLASS_BLOCK;
}

static void view_query(struct dev_query *q, enum dev_view v)
{
	q->block = v == VIEW_BLK_NUM || v == VIEW_DISK ||
		   v == VIEW_CLASS_BLOCK;
	q->tty = v == VIEW_CLASS_TTY;
}

static const struct proc_entry *dev_lookup(struct proc_inode *dir,
					   const char *name,
					   struct proc_inode *child,
					   enum dev_view v)
{
	bool by_name = v != VIEW_CHR_NUM && v != VIEW_BLK_NUM;
	struct dev_query q = { .want = -1 };
	long next = 0;

	view_query(&q, v);
	/* Few devices: walk them all and compare names. */
	for (;;) {
		char num[24];

		q.min = next;
		dev_query(&q);
		if (q.found < 0)
			return NULL;
		snprintf(num, sizeof(num), "%u:%u", MAJOR(q.found),
			 MINOR(q.found));
		if (!strcmp(by_name ? q.name : num, name))
			break;
		next = q.found + 1;
	}
	child->idx = q.found;
	/* Both links' targets are ../../block/NAME. */
	if (view_is_link(v))
		return &blk_link_entry;
	return q.block ? &blk_dir : &chr_dir;
}

static bool dev_next(long *idx, char *name, size_t size, unsigned int *type,
		     enum dev_view v)
{
	bool by_name = v != VIEW_CHR_NUM && v != VIEW_BLK_NUM;
	struct dev_query q = { .want = -1, .min = *idx };

	view_query(&q, v);
	dev_query(&q);
	if (q.found < 0)
		return false;
	*idx = q.found;
	if (by_name)
		strscpy(name, q.name, size);
	else
		snprintf(name, size, "%u:%u", MAJOR(q.found), MINOR(q.found));
	*type = view_is_link(v) ? DT_LNK : DT_DIR;
	return true;
}

static const struct proc_entry *char_lookup(struct proc_inode *dir,
					    const char *name,
					    struct proc_inode *child)
{
	return dev_lookup(dir, name, child, VIEW_CHR_NUM);
}

static bool char_next(struct proc_inode *dir, long *idx, char *name,
		      size_t size, unsigned int *type)
{
	return dev_next(idx, name, size, type, VIEW_CHR_NUM);
}

static const struct proc_entry *blocknum_lookup(struct proc_inode *dir,
						const char *name,
						struct proc_inode *child)
{
	return dev_lookup(dir, name, child, VIEW_BLK_NUM);
}

static bool blocknum_next(struct proc_inode *dir, long *idx, char *name,
			  size_t size, unsigned int *type)
{
	return dev_next(idx, name, size, type, VIEW_BLK_NUM);
}

static const struct proc_entry *disk_lookup(struct proc_inode *dir,
					    const char *name,
					    struct proc_inode *child)
{
	return dev_lookup(dir, name, child, VIEW_DISK);
}

static bool disk_next(struct proc_inode *dir, long *idx, char *name,
		      size_t size, unsigned int *type)
{
	return dev_next(idx, name, size, type, VIEW_DISK);
}

static const struct proc_entry *cblock_lookup(struct proc_inode *dir,
					     const char *name,
					     struct proc_inode *child)
{
	return dev_lookup(dir, name, child, VIEW_CLASS_BLOCK);
}

static bool cblock_next(struct proc_inode *dir, long *idx, char *name,
			size_t size, unsigned int *type)
{
	return dev_next(idx, name, size, type, VIEW_CLASS_BLOCK);
}

static const struct proc_entry *ctty_lookup(struct proc_inode *dir,
					    const char *name,
					    struct proc_inode *child)
{
	return dev_lookup(dir, name, child, VIEW_CLASS_TTY);
}

static bool ctty_next(struct proc_inode *dir, long *idx, char *name,
		      size_t size, unsigned int *type)
{
	return dev_next(idx, name, size, type, VIEW_CLASS_TTY);
}

static const struct proc_dir_ops cblock_dops = {
	.lookup = cblock_lookup, .next = cblock_next,
};
static const struct proc_dir_ops ctty_dops = {
	.lookup = ctty_lookup, .next = ctty_next,
};
static const struct proc_dir_ops char_dops = {
	.lookup = char_lookup, .next = char_next,
};
static const struct proc_dir_ops blocknum_dops = {
	.lookup = blocknum_lookup, .next = blocknum_next,
};
static const struct proc_dir_ops disk_dops = {
	.lookup = disk_lookup, .next = disk_next,
};

#define DIR(n, e, d)	{ .name = n, .mode = S_IFDIR | 0555, .ents = e, \
			  .dops = d }

static const struct proc_entry dev_ents[] = {
	DIR("char", NULL, &char_dops),
	DIR("block", NULL, &blocknum_dops),
	{ }
};

static const struct proc_entry class_ents[] = {
	DIR("block", NULL, &cblock_dops),
	DIR("tty", NULL, &ctty_dops),
	{ }
};

static const struct proc_entry devicetree_ents[] = {
	DIR("base", NULL, &proc_devtree_dops),
	{ }
};

static const struct proc_entry firmware_ents[] = {
	DIR("devicetree", devicetree_ents, NULL),
	{ }
};

static const struct proc_entry sysfs_top_ents[] = {
	DIR("block", NULL, &disk_dops),
	DIR("bus", NULL, NULL),
	DIR("class", class_ents, NULL),
	DIR("dev", dev_ents, NULL),
	DIR("devices", NULL, NULL),
	DIR("firmware", firmware_ents, NULL),
	DIR("fs", NULL, NULL),
	DIR("kernel", NULL, NULL),
	{ }
};

static const struct proc_entry sysfs_root = {
	.mode = S_IFDIR | 0555, .ents = sysfs_top_ents,
};

static struct dentry *sysfs_mount(struct file_system_type *type, int flags,
				  const char *dev_name, void *data)
{
	return pseudo_fs_mount(type, flags, &sysfs_root, SYSFS_MAGIC);
}

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
	.kill_sb = kill_anon_super,
};

static int sysfs_init(void)
{
	return register_filesystem(&sysfs_fs_type);
}
fs_initcall(sysfs_init);
