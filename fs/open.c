/*
 * open.c - opening files: open, openat, creat, close and the access
 * family. The last component of an open is special: it may be created
 * (O_CREAT, O_EXCL), must not be a symlink (O_NOFOLLOW), must be a
 * directory (O_DIRECTORY or a trailing slash), and the file may be
 * truncated (O_TRUNC) once permissions are checked.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/fdtable.h>
#include <umk/namei.h>
#include <umk/syscalls.h>
#include "internal.h"

/* Flags open() looks at; others are ignored, as Linux does. */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | \
	O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | \
	O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | \
	__O_SYNC | O_PATH | __O_TMPFILE)

int build_open_flags(int flags, umode_t mode, struct open_flags *op)
{
	static const int acc[4] = {
		MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE
	};

	flags &= VALID_OPEN_FLAGS;
	op->mode = (flags & (O_CREAT | __O_TMPFILE)) ?
		   (mode & S_IALLUGO) | S_IFREG : 0;
	if (flags & __O_TMPFILE) {
		if ((flags & O_TMPFILE) != O_TMPFILE ||
		    !(acc[flags & O_ACCMODE] & MAY_WRITE))
			return -EINVAL;
		return -EOPNOTSUPP;	/* unnamed files: not yet */
	}
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	if (flags & __O_SYNC)
		flags |= O_DSYNC;
	if (flags & O_PATH) {
		flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
		op->acc_mode = 0;
	} else {
		op->acc_mode = MAY_OPEN | acc[flags & O_ACCMODE];
		if (flags & O_TRUNC)
			op->acc_mode |= MAY_WRITE;
		if (flags & O_APPEND)
			op->acc_mode |= MAY_APPEND;
	}
	op->lookup_flags = 0;
	if (flags & O_DIRECTORY)
		op->lookup_flags |= LOOKUP_DIRECTORY;
	if (!(flags & O_NOFOLLOW))
		op->lookup_flags |= LOOKUP_FOLLOW;
	/* Every file is large on a 64-bit ABI; O_CLOEXEC is the fd's. */
	op->open_flag = (flags | O_LARGEFILE);
	return 0;
}

/* Creates the last component of nd in its (locked) directory. */
static int open_create(struct nameidata *nd, const struct open_flags *op,
		       struct dentry *d)
{
	struct inode *dir = nd->path.dentry->d_inode;
	int err = mnt_want_write(nd->path.mnt);

	if (err)
		return err;
	return vfs_create(dir, d, op->mode & ~current_umask());
}

/* The last component with O_CREAT: found, or created (*created). */
static int open_last_creat(struct nameidata *nd, const struct open_flags *op,
			   struct path *path, bool *created)
{
	struct dentry *dir = nd->path.dentry;
	struct dentry *d;
	int err = 0;

	if (nd->dir_only)
		return -EISDIR;
	mutex_lock(&dir->d_inode->i_rwsem);
	d = lookup_one(dir, &nd->last);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else if (d_is_negative(d)) {
		err = open_create(nd, op, d);
		*created = !err;
	} else if (op->open_flag & O_EXCL) {
		err = -EEXIST;
	}
	mutex_unlock(&dir->d_inode->i_rwsem);
	if (err) {
		if (!IS_ERR(d))
			dput(d);
		return err;
	}
	path->mnt = mntget(nd->path.mnt);
	path->dentry = d;
	if (!*created)
		follow_down(path);
	return 0;
}

/* Walks to the file an open names, following a final symlink if asked. */
static int open_walk(struct nameidata *nd, const struct open_flags *op,
		     struct path *path, bool *created)
{
	bool creat = op->open_flag & O_CREAT;
	int err = link_path_walk(nd);

	while (!err) {
		if (nd->last_type != LAST_NORM && creat)
			return -EISDIR;
		if (nd->last_type == LAST_NORM && creat)
			err = open_last_creat(nd, op, path, created);
		else
			err = nd_lookup_last(nd, path);
		if (err)
			return err;
		if (*created || !d_is_symlink(path->dentry))
			break;
		if (!(nd->flags & LOOKUP_FOLLOW)) {
			if (op->open_flag & O_PATH)
				return 0;	/* a handle on the link */
			path_put(path);
			return -ELOOP;
		}
		{
			struct path link = *path;

			err = nd_follow_trailing(nd, &link);
			path_put(&link);
		}
	}
	if (!err && (nd->flags & LOOKUP_DIRECTORY) && !d_is_dir(path->dentry)) {
		path_put(path);
		err = -ENOTDIR;
	}
	return err;
}

static int may_open(const struct path *path, int acc_mode, int flag)
{
	struct inode *inode = path->dentry->d_inode;
	umode_t mode = inode->i_mode;
	int err;

	if (S_ISLNK(mode))
		return -ELOOP;
	if (S_ISDIR(mode) && (acc_mode & MAY_WRITE))
		return -EISDIR;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) &&
	    (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	err = inode_permission(inode, MAY_OPEN | acc_mode);
	if (err)
		return err;
	if ((acc_mode & MAY_WRITE) && (S_ISREG(mode) || S_ISDIR(mode))) {
		err = mnt_want_write(path->mnt);
		if (err)
			return err;
	}
	if ((flag & O_NOATIME) && !inode_owner_or_capable(inode))
		return -EPERM;
	return 0;
}

int finish_open(struct file *file, int (*open)(struct inode *, struct file *))
{
	int err = open ? open(file_inode(file), file) : 0;

	if (!err)
		file->f_mode |= FMODE_OPENED;
	return err;
}

int vfs_open(const struct path *path, struct file *file)
{
	struct inode *inode = path->dentry->d_inode;

	file->f_op = inode->i_fop;
	if ((file->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		if (inode->i_writecount < 0)
			return -ETXTBSY;
		inode->i_writecount++;
		file->f_mode |= FMODE_WRITER;
	}
	return finish_open(file, file->f_op->open);
}

static struct file *do_open(const struct path *path,
			    const struct open_flags *op, bool created)
{
	int flag = op->open_flag;
	struct inode *inode = path->dentry->d_inode;
	struct file *file;
	int err;

	if (flag & O_PATH)
		return alloc_file(path, flag, &empty_fops);
	if ((flag & O_CREAT) && S_ISDIR(inode->i_mode))
		return ERR_PTR(-EISDIR);
	/* A file we just created may be opened as asked, even read-only. */
	if (!created) {
		err = may_open(path, op->acc_mode, flag);
		if (err)
			return ERR_PTR(err);
	}
	/* O_NOCTTY stays for the open method (ttys), as in Linux. */
	file = alloc_file(path, flag & ~(O_CREAT | O_EXCL | O_TRUNC), NULL);
	if (IS_ERR(file))
		return file;
	err = vfs_open(path, file);
	file->f_flags &= ~O_NOCTTY;
	if (!err && (flag & O_TRUNC) && !created && S_ISREG(inode->i_mode)) {
		mutex_lock(&inode->i_rwsem);
		err = do_truncate(path->dentry, 0, ATTR_MTIME | ATTR_CTIME);
		mutex_unlock(&inode->i_rwsem);
	}
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

struct file *do_filp_open(int dfd, const char *name,
			  const struct open_flags *op)
{
	struct nameidata nd;
	struct path path;
	bool created = false;
	struct file *file;
	int err;

	err = nd_init(&nd, dfd, name, op->lookup_flags);
	if (!err)
		err = open_walk(&nd, op, &path, &created);
	nd_terminate(&nd);
	if (err)
		return ERR_PTR(err);
	file = do_open(&path, op, created);
	path_put(&path);
	return file;
}

struct file *file_open_at(int dfd, const char *name, int flags,
			  umode_t mode)
{
	struct open_flags op;
	int err = build_open_flags(flags, mode, &op);

	if (err)
		return ERR_PTR(err);
	return do_filp_open(dfd, name, &op);
}

/*
 * For exec: needs execute permission, not read (a mode 0711 program
 * runs), yet the file can be read with kernel_read().
 */
struct file *file_open_exec(int dfd, const char *name, bool nofollow)
{
	struct open_flags op = {
		.open_flag = O_RDONLY | O_LARGEFILE,
		.acc_mode = MAY_OPEN | MAY_EXEC,
		.lookup_flags = nofollow ? 0 : LOOKUP_FOLLOW,
	};

	return do_filp_open(dfd, name, &op);
}

struct file *filp_open(const char *name, int flags, umode_t mode)
{
	return file_open_at(AT_FDCWD, name, flags, mode);
}

int filp_close(struct file *file)
{
	fput(file);
	return 0;
}

long do_sys_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct open_flags op;
	struct file *file;
	int fd, err;

	err = build_open_flags(flags, mode, &op);
	if (err)
		return err;
	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		return fd;
	file = do_filp_open(dfd, name, &op);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

static long user_open(int dfd, const char __user *filename, int flags,
		      umode_t mode)
{
	struct filename *name = getname(filename);
	long ret;

	if (IS_ERR(name))
		return PTR_ERR(name);
	ret = do_sys_open(dfd, name->name, flags, mode);
	putname(name);
	return ret;
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags,
		umode_t, mode)
{
	return user_open(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		umode_t, mode)
{
	return user_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return user_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC,
			 mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

bool path_noexec(const struct path *path)
{
	return (path->mnt->mnt_flags & MNT_NOEXEC) ||
	       (path->mnt->mnt_sb->s_flags & SB_NOEXEC);
}

int deny_write_access(struct file *file)
{
	struct inode *inode = file_inode(file);

	if (inode->i_writecount > 0)
		return -ETXTBSY;
	inode->i_writecount--;
	return 0;
}

void allow_write_access(struct file *file)
{
	if (file)
		file_inode(file)->i_writecount++;
}
