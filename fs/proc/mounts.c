/*
 * mounts.c - /proc/PID/mounts (the fstab-like list mount(8) and df read)
 * and /proc/PID/mountinfo, for the one mount namespace there is. Paths
 * are shown as the reader's root sees them; mounts outside it are left
 * out.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/mount.h>
#include <umk/dcache.h>
#include "internal.h"

/* Writes s with space, tab, newline and backslash octal-escaped. */
static void put_escaped(struct pbuf *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			pbuf_printf(m, "\\%03o", (unsigned char)*s);
		else
			pbuf_putc(m, *s);
	}
}

static void put_mnt_opts(struct pbuf *m, const struct vfsmount *mnt)
{
	static const struct { int flag; const char *name; } opts[] = {
		{ MNT_NOSUID, ",nosuid" }, { MNT_NODEV, ",nodev" },
		{ MNT_NOEXEC, ",noexec" }, { MNT_NOATIME, ",noatime" },
		{ MNT_NODIRATIME, ",nodiratime" },
		{ MNT_RELATIME, ",relatime" },
		{ MNT_NOSYMFOLLOW, ",nosymfollow" },
	};
	unsigned int i;

	pbuf_printf(m, "%s", mnt_readonly(mnt) ? "ro" : "rw");
	for (i = 0; i < ARRAY_SIZE(opts); i++)
		if (mnt->mnt_flags & opts[i].flag)
			pbuf_printf(m, "%s", opts[i].name);
}

/* Where in its filesystem a mount's root is (bind mounts: not "/"). */
static void put_root_in_sb(struct pbuf *m, struct dentry *d)
{
	if (IS_ROOT(d)) {
		pbuf_putc(m, '/');
		return;
	}
	if (!IS_ROOT(d->d_parent))
		put_root_in_sb(m, d->d_parent);
	pbuf_putc(m, '/');
	put_escaped(m, d->d_name.name);
}

struct mounts_ctx {
	struct pbuf *m;
	char *buf;
	bool info;
};

static void show_one(struct vfsmount *mnt, void *arg)
{
	struct mounts_ctx *c = arg;
	struct pbuf *m = c->m;
	struct super_block *sb = mnt->mnt_sb;
	struct path mp = { mnt, mnt->mnt_root };
	const char *dev = mnt->mnt_devname ? mnt->mnt_devname : "none";
	char *p;

	p = d_path(&mp, c->buf, PATH_MAX);
	if (IS_ERR(p))
		return;		/* not below the reader's root */
	if (c->info) {
		pbuf_printf(m, "%d %d %u:%u ", mnt->mnt_id,
			    mnt->mnt_parent->mnt_id, MAJOR(sb->s_dev),
			    MINOR(sb->s_dev));
		put_root_in_sb(m, mnt->mnt_root);
		pbuf_putc(m, ' ');
		put_escaped(m, p);
		pbuf_putc(m, ' ');
		put_mnt_opts(m, mnt);
		pbuf_printf(m, " - %s ", sb->s_type->name);
		put_escaped(m, dev);
		pbuf_printf(m, " %s\n", sb->s_flags & SB_RDONLY ? "ro" : "rw");
		return;
	}
	put_escaped(m, dev);
	pbuf_putc(m, ' ');
	put_escaped(m, p);
	pbuf_printf(m, " %s ", sb->s_type->name);
	put_mnt_opts(m, mnt);
	pbuf_printf(m, " 0 0\n");
}

static int show_mounts(struct pbuf *m, bool info)
{
	struct mounts_ctx c = { .m = m, .info = info };

	c.buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!c.buf)
		return -ENOMEM;
	for_each_mount(show_one, &c);
	kfree(c.buf);
	return 0;
}

int proc_mounts_show(struct pbuf *m, struct proc_inode *pi)
{
	return show_mounts(m, false);
}

int proc_mountinfo_show(struct pbuf *m, struct proc_inode *pi)
{
	return show_mounts(m, true);
}
