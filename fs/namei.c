/*
 * namei.c - the path walk. A walk starts at the root (absolute names),
 * the cwd or a dirfd, and steps component by component: "." stays,
 * ".." goes up (across mount roots, never above the task's root), a
 * name is found in the dcache or asked of the filesystem, and mounts on
 * the result are entered. Symlinks in the middle of a name are always
 * followed: their bodies are walked on a stack of pending rests; a final
 * symlink is followed when the caller asks (LOOKUP_FOLLOW) or a slash
 * comes after it. More than MAXSYMLINKS links in one walk is ELOOP.
 *
 * Every step needs search (x) permission on the directory it leaves.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/namei.h>
#include <umk/fs_struct.h>
#include <umk/fdtable.h>
#include <umk/slab.h>
#include <umk/uaccess.h>
#include "internal.h"

static void nd_drop_stack(struct nameidata *nd)
{
	while (nd->depth > 0)
		kfree(nd->stack[--nd->depth].body);
	kfree(nd->trail);
	nd->trail = NULL;
}

void nd_terminate(struct nameidata *nd)
{
	nd_drop_stack(nd);
	path_put(&nd->path);
	path_put(&nd->root);
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
	nd->root = nd->path;
}

int dfd_path(int dfd, struct path *path)
{
	struct file *f;

	if (dfd == AT_FDCWD) {
		get_fs_pwd(current_fs(), path);
		return path->mnt ? 0 : -ENOENT;
	}
	f = fget_raw(dfd);
	if (!f)
		return -EBADF;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

int nd_init(struct nameidata *nd, int dfd, const char *name,
	    unsigned int flags)
{
	int err;

	memset(nd, 0, sizeof(*nd));
	nd->flags = flags;
	nd->name = name;
	get_fs_root(current_fs(), &nd->root);
	if (!nd->root.mnt)
		return -ENOENT;
	if (!*name && !(flags & LOOKUP_EMPTY)) {
		path_put(&nd->root);
		nd->root.mnt = NULL;
		nd->root.dentry = NULL;
		return -ENOENT;
	}
	if (*name == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	err = dfd_path(dfd, &nd->path);
	if (!err && *name && !d_is_dir(nd->path.dentry)) {
		path_put(&nd->path);
		err = -ENOTDIR;
	}
	if (err) {
		path_put(&nd->root);
		nd->path.mnt = NULL;
		nd->path.dentry = NULL;
		nd->root = nd->path;
	}
	return err;
}

static int may_lookup(struct nameidata *nd)
{
	return inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
}

struct dentry *lookup_one(struct dentry *parent, struct qstr *name)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d, *res;

	if (name->len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!dir || !S_ISDIR(dir->i_mode))
		return ERR_PTR(-ENOTDIR);
	name->hash = full_name_hash(name->name, name->len);
	d = d_lookup(parent, name);
	if (d)
		return d;
	/* A deleted directory has no entries to find. */
	if (dir->i_nlink == 0)
		return ERR_PTR(-ENOENT);
	d = d_alloc(parent, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	res = dir->i_op->lookup(dir, d);
	if (!res)
		return d;
	dput(d);
	return res;
}

/* lookup_one() for the walk: takes the directory's lock itself. */
static struct dentry *lookup_locked(struct dentry *parent, struct qstr *name)
{
	struct dentry *d;

	name->hash = full_name_hash(name->name, name->len);
	d = d_lookup(parent, name);
	if (d)
		return d;
	mutex_lock(&parent->d_inode->i_rwsem);
	d = lookup_one(parent, name);
	mutex_unlock(&parent->d_inode->i_rwsem);
	return d;
}

static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		if (path_equal(&nd->path, &nd->root))
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			struct dentry *parent = dget(nd->path.dentry->d_parent);

			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;
	}
	follow_down(&nd->path);
}

/* Reads the target of the symlink at link into a new buffer. */
static int read_link_body(struct nameidata *nd, const struct path *link,
			  char **body)
{
	struct inode *inode = link->dentry->d_inode;
	size_t size = min((size_t)inode->i_size, (size_t)PATH_MAX - 1);
	char *buf;
	int len;

	if (nd->flags & LOOKUP_NO_SYMLINKS)
		return -ELOOP;
	if (link->mnt->mnt_flags & MNT_NOSYMFOLLOW)
		return -ELOOP;
	if (++nd->total_links > MAXSYMLINKS)
		return -ELOOP;
	if (!inode->i_op->get_link)
		return -EINVAL;
	buf = kmalloc(size + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = inode->i_op->get_link(inode, buf, size);
	if (len < 0) {
		kfree(buf);
		return len;
	}
	buf[len] = '\0';
	if (!len) {
		kfree(buf);
		return -ENOENT;
	}
	touch_atime(link);
	*body = buf;
	return 0;
}

/* An absolute body restarts at the root. */
static void nd_jump(struct nameidata *nd, const char *body)
{
	if (*body != '/')
		return;
	path_put(&nd->path);
	nd->path = nd->root;
	path_get(&nd->path);
}

/*
 * The dentry of name in nd's directory, mounts entered: *next gets a
 * referenced path; -ENOENT for a negative entry.
 */
static int lookup_step(struct nameidata *nd, struct qstr *name,
		       struct path *next)
{
	struct dentry *d = lookup_locked(nd->path.dentry, name);

	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d_is_negative(d)) {
		dput(d);
		return -ENOENT;
	}
	next->mnt = mntget(nd->path.mnt);
	next->dentry = d;
	follow_down(next);
	return 0;
}

/* An intermediate component: enter it, or push the symlink it is. */
static int walk_component(struct nameidata *nd, struct qstr *name, int type,
			  const char *rest)
{
	struct path next;
	char *body;
	int err;

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	err = lookup_step(nd, name, &next);
	if (err)
		return err;
	if (!d_is_symlink(next.dentry)) {
		path_put(&nd->path);
		nd->path = next;
		return 0;
	}
	err = read_link_body(nd, &next, &body);
	path_put(&next);
	if (err)
		return err;
	if (nd->depth >= MAXSYMLINKS) {
		kfree(body);
		return -ELOOP;
	}
	nd->stack[nd->depth].body = body;
	nd->stack[nd->depth].rest = rest;
	nd->depth++;
	nd->name = body;
	nd_jump(nd, body);
	return 0;
}

static int component_type(const char *s, unsigned int len)
{
	if (len == 1 && s[0] == '.')
		return LAST_DOT;
	if (len == 2 && s[0] == '.' && s[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * Walks everything but the last component of the whole name; leaves
 * nd->path at its directory and the component in nd->last.
 */
int link_path_walk(struct nameidata *nd)
{
	const char *s = nd->name;

	for (;;) {
		const char *after;
		unsigned int len;
		struct qstr name;
		int err, type;

		while (*s == '/')
			s++;
		if (!*s) {
			if (nd->depth == 0) {
				nd->last.name = s;
				nd->last.len = 0;
				nd->last_type = LAST_ROOT;
				nd->dir_only = false;
				return 0;
			}
			/* A nested body is done: back to what followed it. */
			nd->depth--;
			s = nd->stack[nd->depth].rest;
			kfree(nd->stack[nd->depth].body);
			continue;
		}
		if (!d_is_dir(nd->path.dentry))
			return -ENOTDIR;
		err = may_lookup(nd);
		if (err)
			return err;
		len = strcspn(s, "/");
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		type = component_type(s, len);
		for (after = s + len; *after == '/'; after++)
			;
		if (!*after && nd->depth == 0) {
			nd->last.name = s;
			nd->last.len = len;
			nd->last_type = type;
			nd->dir_only = s[len] == '/';
			/* "name/" must be a directory, through any links. */
			if (nd->dir_only)
				nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
			return 0;
		}
		name.name = s;
		name.len = len;
		nd->name = after;
		err = walk_component(nd, &name, type, after);
		if (err)
			return err;
		s = nd->name;
	}
}

/* A final symlink to follow: walk its body as the rest of the name. */
int nd_follow_trailing(struct nameidata *nd, const struct path *link)
{
	char *body;
	int err = read_link_body(nd, link, &body);

	if (err)
		return err;
	kfree(nd->trail);
	nd->trail = body;
	nd->name = body;
	nd_jump(nd, body);
	return link_path_walk(nd);
}

/* Resolves nd->last in nd->path (after link_path_walk) to *res. */
int nd_lookup_last(struct nameidata *nd, struct path *res)
{
	struct qstr name = nd->last;
	int err;

	if (nd->last_type != LAST_NORM) {
		if (nd->last_type == LAST_DOTDOT)
			follow_dotdot(nd);
		*res = nd->path;
		path_get(res);
		return 0;
	}
	err = lookup_step(nd, &name, res);
	if (err)
		return err;
	return 0;
}

static int path_lookupat(struct nameidata *nd, struct path *out)
{
	int err = link_path_walk(nd);

	while (!err) {
		err = nd_lookup_last(nd, out);
		if (err)
			break;
		if (d_is_symlink(out->dentry) && (nd->flags & LOOKUP_FOLLOW)) {
			struct path link = *out;

			err = nd_follow_trailing(nd, &link);
			path_put(&link);
			continue;
		}
		if ((nd->flags & LOOKUP_DIRECTORY) && !d_is_dir(out->dentry)) {
			path_put(out);
			err = -ENOTDIR;
		}
		break;
	}
	return err;
}

int vfs_path_lookup_at(int dfd, const char *name, unsigned int flags,
		       struct path *path)
{
	struct nameidata nd;
	int err = nd_init(&nd, dfd, name, flags);

	if (!err)
		err = path_lookupat(&nd, path);
	nd_terminate(&nd);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return vfs_path_lookup_at(AT_FDCWD, name, flags, path);
}

int user_path_at(int dfd, const char __user *uname, unsigned int flags,
		 struct path *path)
{
	struct filename *name = getname_flags(uname, flags & LOOKUP_EMPTY);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_path_lookup_at(dfd, name->name, flags, path);
	putname(name);
	return err;
}

int path_parentat(int dfd, const char *name, unsigned int flags,
		  struct path *parent, struct qstr *last, int *type,
		  bool *dir_only)
{
	struct nameidata nd;
	int err = nd_init(&nd, dfd, name, flags & ~LOOKUP_EMPTY);

	if (!err)
		err = link_path_walk(&nd);
	if (!err && !d_is_dir(nd.path.dentry))
		err = -ENOTDIR;
	if (!err) {
		/* Depth 0 at the end: last points into name itself. */
		*parent = nd.path;
		path_get(parent);
		*last = nd.last;
		*type = nd.last_type;
		if (dir_only)
			*dir_only = nd.dir_only;
	}
	nd_terminate(&nd);
	return err;
}

struct dentry *kern_path_create(int dfd, const char *name,
				struct path *parent, unsigned int flags)
{
	struct qstr last;
	struct dentry *d;
	bool dir_only;
	int type, err, rofs;

	err = path_parentat(dfd, name, 0, parent, &last, &type, &dir_only);
	if (err)
		return ERR_PTR(err);
	if (type != LAST_NORM) {
		path_put(parent);
		return ERR_PTR(-EEXIST);
	}
	rofs = mnt_want_write(parent->mnt);
	mutex_lock(&parent->dentry->d_inode->i_rwsem);
	d = lookup_one(parent->dentry, &last);
	if (IS_ERR(d))
		goto fail;
	err = -EEXIST;
	if (!d_is_negative(d))
		goto fail_dput;
	/* "name/" only makes sense for a directory. */
	err = -ENOENT;
	if (dir_only && !(flags & LOOKUP_DIRECTORY))
		goto fail_dput;
	err = rofs;
	if (err)
		goto fail_dput;
	return d;
fail_dput:
	dput(d);
	d = ERR_PTR(err);
fail:
	mutex_unlock(&parent->dentry->d_inode->i_rwsem);
	path_put(parent);
	return d;
}

void done_path_create(struct path *parent, struct dentry *dentry)
{
	dput(dentry);
	mutex_unlock(&parent->dentry->d_inode->i_rwsem);
	path_put(parent);
}

void lock_rename(struct dentry *p1, struct dentry *p2)
{
	if (p1 == p2) {
		mutex_lock(&p1->d_inode->i_rwsem);
		return;
	}
	mutex_lock(&p1->d_sb->s_vfs_rename_mutex);
	/* Ancestors first, so two renames cannot lock in opposite order. */
	if (is_subdir(p2, p1)) {
		mutex_lock(&p1->d_inode->i_rwsem);
		mutex_lock(&p2->d_inode->i_rwsem);
	} else {
		mutex_lock(&p2->d_inode->i_rwsem);
		mutex_lock(&p1->d_inode->i_rwsem);
	}
}

void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	mutex_unlock(&p1->d_inode->i_rwsem);
	if (p1 != p2) {
		mutex_unlock(&p2->d_inode->i_rwsem);
		mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
	}
}

struct filename *getname_kernel(const char *kname)
{
	struct filename *name = kmalloc(sizeof(*name), GFP_KERNEL);
	size_t len = strlen(kname);

	if (!name)
		return ERR_PTR(-ENOMEM);
	if (len >= PATH_MAX) {
		kfree(name);
		return ERR_PTR(-ENAMETOOLONG);
	}
	name->name = kstrdup(kname, GFP_KERNEL);
	if (!name->name) {
		kfree(name);
		return ERR_PTR(-ENOMEM);
	}
	return name;
}

struct filename *getname_flags(const char __user *uname, bool empty_ok)
{
	struct filename *name = kmalloc(sizeof(*name), GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	name->name = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!name->name) {
		kfree(name);
		return ERR_PTR(-ENOMEM);
	}
	len = strncpy_from_user(name->name, uname, PATH_MAX);
	if (len == 0 && !empty_ok)
		len = -ENOENT;
	if (len < 0) {
		putname(name);
		return ERR_PTR(len);
	}
	return name;
}

struct filename *getname(const char __user *uname)
{
	return getname_flags(uname, false);
}

void putname(struct filename *name)
{
	if (IS_ERR_OR_NULL(name))
		return;
	kfree(name->name);
	kfree(name);
}
