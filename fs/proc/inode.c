/*
 * inode.c - the procfs filesystem: mounting it, making inodes from the
 * entry tables, and the generic operations of its three kinds of files.
 * Regular files are printed whole into a buffer at open and read from
 * it; directories list their table and then their dynamic children;
 * symlinks compute their target at each use. Nothing stays in the
 * dcache (every dentry is unhashed at lookup), so a name always reflects
 * the live system: a dead pid's directory is gone at once.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/slab.h>
#include <umk/string.h>
#include <umk/pid.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/uio.h>
#include <uapi/umk/dirent.h>
#include "internal.h"

#define PBUF_FIRST	4096
#define PBUF_MAX	(4 << 20)

static u64 proc_next_ino = 2;

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	return pi ? &pi->vfs_inode : NULL;
}

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

/* Nothing is cached: an inode goes with its last reference. */
static bool proc_drop_inode(struct inode *inode)
{
	return true;
}

static int proc_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
	.drop_inode = proc_drop_inode,
	.statfs = proc_statfs,
};

struct task_struct *proc_task(struct proc_inode *pi)
{
	struct task_struct *t = find_task_by_pid(pi->pid);

	if (!t || t->exit_state == EXIT_DEAD)
		return NULL;
	return t;
}

static int proc_link_size(struct proc_inode *pi);
static const struct inode_operations proc_dir_iops;
static const struct file_operations proc_dir_fops;
static const struct inode_operations proc_link_iops;
static const struct file_operations proc_reg_fops;

/* A new inode for entry pe, with the pid and index of tmpl. */
static struct inode *proc_make_inode(struct super_block *sb,
				     const struct proc_entry *pe,
				     const struct proc_inode *tmpl)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi;
	struct task_struct *t;

	if (!inode)
		return NULL;
	pi = PROC_I(inode);
	pi->pe = pe;
	pi->pid = tmpl ? tmpl->pid : 0;
	pi->idx = tmpl ? tmpl->idx : 0;
	inode->i_ino = proc_next_ino++;
	inode->i_mode = pe->mode;
	inode->i_atime = inode->i_mtime = inode->i_ctime =
		current_time(inode);
	set_nlink(inode, S_ISDIR(pe->mode) ? 2 : 1);
	/* A process's files belong to its owner, as in Linux. */
	t = pi->pid ? proc_task(pi) : NULL;
	if (t && t->cred) {
		inode->i_uid = t->cred->euid;
		inode->i_gid = t->cred->egid;
	}
	if (S_ISDIR(pe->mode)) {
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
	} else if (S_ISLNK(pe->mode)) {
		inode->i_op = &proc_link_iops;
		inode->i_size = proc_link_size(pi);
	} else {
		inode->i_fop = &proc_reg_fops;
	}
	return inode;
}

/* ---- directories ---- */

static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry)
{
	struct proc_inode *pdir = PROC_I(dir);
	const struct proc_entry *pe = pdir->pe, *found = NULL;
	struct proc_inode child = { .pid = pdir->pid, .idx = pdir->idx };
	const char *name = dentry->d_name.name;
	struct inode *inode = NULL;
	unsigned int i;

	if (pdir->pid && !proc_task(pdir))
		return ERR_PTR(-ENOENT);
	for (i = 0; pe->ents && pe->ents[i].name && !found; i++)
		if (!strcmp(pe->ents[i].name, name))
			found = &pe->ents[i];
	if (!found && pe->dops)
		found = pe->dops->lookup(pdir, name, &child);
	if (found) {
		inode = proc_make_inode(dir->i_sb, found, &child);
		if (!inode)
			return ERR_PTR(-ENOMEM);
	}
	d_add(dentry, inode);
	/* Never cached: the next walk asks again (see the top comment). */
	d_drop(dentry);
	return NULL;
}

static int proc_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	struct proc_inode *pdir = PROC_I(dir);
	const struct proc_entry *pe = pdir->pe;
	char name[NAME_MAX + 1];
	unsigned int type;
	long idx, nents = 0;

	if (pdir->pid && !proc_task(pdir))
		return -ENOENT;
	while (pe->ents && pe->ents[nents].name)
		nents++;
	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while (ctx->pos - 2 < nents) {
		const struct proc_entry *e = &pe->ents[ctx->pos - 2];

		if (!ctx->actor(ctx, e->name, strlen(e->name), ctx->pos + 1,
				proc_next_ino, dt_type(e->mode)))
			return 0;
		ctx->pos++;
	}
	if (!pe->dops)
		return 0;
	idx = ctx->pos - 2 - nents;
	while (pe->dops->next(pdir, &idx, name, sizeof(name), &type)) {
		loff_t pos = idx + 2 + nents;

		if (!ctx->actor(ctx, name, strlen(name), pos + 1,
				proc_next_ino, type))
			return 0;
		ctx->pos = pos + 1;
		idx++;
	}
	return 0;
}

static loff_t proc_dir_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_fops = {
	.llseek = proc_dir_llseek,
	.read_iter = generic_read_dir,
	.iterate = proc_iterate,
};

/* ---- symlinks ---- */

static int proc_get_link(struct inode *inode, char *buf, size_t size)
{
	struct proc_inode *pi = PROC_I(inode);
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	int len;

	if (!tmp)
		return -ENOMEM;
	if (pi->pid && !proc_task(pi))
		len = -ENOENT;
	else
		len = pi->pe->link(pi, tmp, PATH_MAX);
	if (len >= 0) {
		len = min((size_t)len, size);
		memcpy(buf, tmp, len);
	}
	kfree(tmp);
	return len;
}

/*
 * The target's length now: the path walk sizes its buffer by i_size.
 * Inodes are made afresh at each lookup, so it stays about right; a
 * link that cannot be read gets room for any path.
 */
static int proc_link_size(struct proc_inode *pi)
{
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	int len = PATH_MAX - 1;

	if (tmp) {
		len = pi->pe->link(pi, tmp, PATH_MAX);
		if (len < 0)
			len = PATH_MAX - 1;
		kfree(tmp);
	}
	return len;
}

static const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

/* ---- regular files: one snapshot per open ---- */

static int proc_reg_open(struct inode *inode, struct file *file)
{
	struct proc_inode *pi = PROC_I(inode);
	struct pbuf *m = kzalloc(sizeof(*m), GFP_KERNEL);
	size_t size = PBUF_FIRST;
	int err;

	if (!m)
		return -ENOMEM;
	do {
		err = -ENOENT;
		if (pi->pid && !proc_task(pi))
			break;
		err = -ENOMEM;
		kfree(m->buf);
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			break;
		m->size = size;
		m->len = 0;
		m->overflow = false;
		err = pi->pe->show(m, pi);
		size *= 2;
	} while (!err && m->overflow && size <= PBUF_MAX);
	if (err) {
		kfree(m->buf);
		kfree(m);
		return err;
	}
	file->private_data = m;
	return 0;
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	struct pbuf *m = file->private_data;

	kfree(m->buf);
	kfree(m);
	return 0;
}

static ssize_t proc_reg_read(struct file *file, struct iov_iter *to,
			     loff_t *pos)
{
	struct pbuf *m = file->private_data;
	size_t n, done;

	if (*pos < 0)
		return -EINVAL;
	if ((u64)*pos >= m->len)
		return 0;
	n = min(m->len - (size_t)*pos, iov_iter_count(to));
	done = copy_to_iter(m->buf + *pos, n, to);
	if (!done && n)
		return -EFAULT;
	*pos += done;
	return done;
}

static ssize_t proc_reg_write(struct file *file, struct iov_iter *from,
			      loff_t *pos)
{
	struct proc_inode *pi = PROC_I(file_inode(file));
	char buf[256];
	size_t n = min(iov_iter_count(from), sizeof(buf) - 1);
	int err;

	if (!pi->pe->write)
		return -EIO;
	if (copy_from_iter(buf, n, from) != n)
		return -EFAULT;
	buf[n] = '\0';
	err = pi->pe->write(pi, buf, n);
	if (err)
		return err;
	*pos += n;
	return n;
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	struct pbuf *m = file->private_data;

	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence == SEEK_END)
		offset += m->len;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

static const struct file_operations proc_reg_fops = {
	.llseek = proc_reg_llseek,
	.read_iter = proc_reg_read,
	.write_iter = proc_reg_write,
	.open = proc_reg_open,
	.release = proc_reg_release,
};

/* ---- the filesystem ---- */

struct dentry *pseudo_fs_mount(struct file_system_type *type, int flags,
				const struct proc_entry *root_entry,
				unsigned long magic)
{
	struct super_block *sb = sget(type, flags);
	struct inode *root;
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = get_anon_dev(&sb->s_dev);
	if (err)
		goto fail;
	sb->s_magic = magic;
	sb->s_op = &proc_sops;
	err = -ENOMEM;
	root = proc_make_inode(sb, root_entry, NULL);
	if (!root)
		goto fail;
	root->i_ino = 1;
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		goto fail;
	return dget(sb->s_root);
fail:
	kill_anon_super(sb);
	return ERR_PTR(err);
}

static struct dentry *proc_mount(struct file_system_type *type, int flags,
				 const char *dev_name, void *data)
{
	return pseudo_fs_mount(type, flags, &proc_root_entry,
			       PROC_SUPER_MAGIC);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = kill_anon_super,
};

static int proc_init(void)
{
	return register_filesystem(&proc_fs_type);
}
fs_initcall(proc_init);
