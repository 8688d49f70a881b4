/*
 * attr.c - changing an inode's attributes: mode, owner, times, size.
 * notify_change() checks what current may change (setattr_prepare) and
 * hands the change to the filesystem. The system calls of the chmod,
 * chown, utimensat and truncate families are here too.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/fdtable.h>
#include <umk/namei.h>
#include <umk/uaccess.h>
#include <umk/ktime.h>
#include <umk/syscalls.h>
#include <uapi/umk/time_types.h>
#include "internal.h"

static bool chown_ok(const struct inode *inode, uid_t uid)
{
	if (current_fsuid() == inode->i_uid && uid == inode->i_uid)
		return true;
	return fs_capable(CAP_CHOWN);
}

static bool chgrp_ok(const struct inode *inode, gid_t gid)
{
	if (current_fsuid() == inode->i_uid &&
	    (gid == inode->i_gid || fs_in_group(gid)))
		return true;
	return fs_capable(CAP_CHOWN);
}

int setattr_prepare(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	unsigned int valid = attr->ia_valid;

	if (valid & ATTR_FORCE)
		return 0;
	if ((valid & ATTR_SIZE) && attr->ia_size > inode->i_sb->s_maxbytes)
		return -EFBIG;
	/* Growing a file counts against RLIMIT_FSIZE; shrinking does not. */
	if ((valid & ATTR_SIZE) && attr->ia_size > inode->i_size &&
	    check_fsize_limit(attr->ia_size - 1, NULL))
		return -EFBIG;
	if ((valid & ATTR_UID) && !chown_ok(inode, attr->ia_uid))
		return -EPERM;
	if ((valid & ATTR_GID) && !chgrp_ok(inode, attr->ia_gid))
		return -EPERM;
	if (valid & ATTR_MODE) {
		gid_t gid = (valid & ATTR_GID) ? attr->ia_gid : inode->i_gid;

		if (!inode_owner_or_capable(inode))
			return -EPERM;
		if (!fs_in_group(gid) && !fs_capable(CAP_FSETID))
			attr->ia_mode &= ~S_ISGID;
	}
	if (valid & (ATTR_ATIME_SET | ATTR_MTIME_SET)) {
		if (!inode_owner_or_capable(inode))
			return -EPERM;
	} else if (valid & ATTR_TOUCH) {
		/* "now" needs only write access */
		if (!inode_owner_or_capable(inode) &&
		    inode_permission(inode, MAY_WRITE))
			return -EACCES;
	}
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;

	if (valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (valid & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (valid & ATTR_MODE)
		inode->i_mode = attr->ia_mode;
}

int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != inode->i_size) {
		truncate_setsize(inode, attr->ia_size);
		/* truncate(2) changes the times only when the size changes */
		attr->ia_valid |= ATTR_MTIME | ATTR_CTIME;
	}
	setattr_copy(inode, attr);
	return 0;
}

/* Turns ATTR_KILL_SUID/SGID into a mode change where a bit is set. */
static void kill_privs(struct inode *inode, struct iattr *attr)
{
	umode_t mode = (attr->ia_valid & ATTR_MODE) ? attr->ia_mode :
		       inode->i_mode;
	umode_t kill = 0;

	if ((attr->ia_valid & ATTR_KILL_SUID) && (mode & S_ISUID))
		kill |= S_ISUID;
	if ((attr->ia_valid & ATTR_KILL_SGID) &&
	    (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= S_ISGID;
	if (kill) {
		attr->ia_valid |= ATTR_MODE;
		attr->ia_mode = mode & ~kill;
	}
}

int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	struct timespec64 now = current_time(inode);
	int err;

	if (attr->ia_valid & ATTR_SIZE) {
		if (S_ISDIR(inode->i_mode))
			return -EISDIR;
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
	}
	attr->ia_valid |= ATTR_CTIME;
	attr->ia_ctime = now;
	if (!(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if (!(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	err = setattr_prepare(dentry, attr);
	if (err)
		return err;
	kill_privs(inode, attr);
	if (inode->i_op->setattr)
		return inode->i_op->setattr(dentry, attr);
	return simple_setattr(dentry, attr);
}

int do_truncate(struct dentry *dentry, loff_t length, unsigned int attrs)
{
	struct iattr attr = {
		.ia_valid = ATTR_SIZE | attrs | ATTR_KILL_SUID | ATTR_KILL_SGID,
		.ia_size = length,
	};

	if (length < 0)
		return -EINVAL;
	/* Only an unprivileged truncate loses the set-id bits. */
	if (fs_capable(CAP_FSETID))
		attr.ia_valid &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID);
	return notify_change(dentry, &attr);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	err = mnt_want_write(path->mnt);
	if (!err)
		err = inode_permission(inode, MAY_WRITE);
	if (!err && inode->i_writecount < 0)
		err = -ETXTBSY;
	if (err)
		return err;
	mutex_lock(&inode->i_rwsem);
	err = do_truncate(path->dentry, length, 0);
	mutex_unlock(&inode->i_rwsem);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, filename, long, length)
{
	struct path path;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
	struct file *f;
	struct inode *inode;
	int err = -EINVAL;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	inode = file_inode(f);
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		goto out;
	mutex_lock(&inode->i_rwsem);
	err = do_truncate(f->f_path.dentry, length, ATTR_MTIME | ATTR_CTIME);
	mutex_unlock(&inode->i_rwsem);
out:
	fput(f);
	return err;
}

/* Applies attr to path's inode under its lock, on a writable mount. */
static int change_attr(const struct path *path, struct iattr *attr)
{
	struct inode *inode = path->dentry->d_inode;
	int err = mnt_want_write(path->mnt);

	if (err)
		return err;
	mutex_lock(&inode->i_rwsem);
	err = notify_change(path->dentry, attr);
	mutex_unlock(&inode->i_rwsem);
	return err;
}

int vfs_chmod(const struct path *path, umode_t mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE };

	attr.ia_mode = (mode & S_IALLUGO) |
		       (path->dentry->d_inode->i_mode & ~S_IALLUGO);
	return change_attr(path, &attr);
}

int vfs_chown(const struct path *path, uid_t uid, gid_t gid)
{
	struct iattr attr = { .ia_valid = 0 };

	if (uid != (uid_t)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = uid;
	}
	if (gid != (gid_t)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = gid;
	}
	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		attr.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
	return change_attr(path, &attr);
}

int vfs_utimes(const struct path *path, const struct timespec64 *times)
{
	struct iattr attr = { .ia_valid = ATTR_ATIME | ATTR_MTIME };

	if (times && times[0].tv_nsec == UTIME_NOW &&
	    times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	if (!times) {
		attr.ia_valid |= ATTR_TOUCH;
		return change_attr(path, &attr);
	}
	if (times[0].tv_nsec == UTIME_OMIT) {
		attr.ia_valid &= ~ATTR_ATIME;
	} else if (times[0].tv_nsec != UTIME_NOW) {
		attr.ia_valid |= ATTR_ATIME_SET;
		attr.ia_atime = times[0];
	}
	if (times[1].tv_nsec == UTIME_OMIT) {
		attr.ia_valid &= ~ATTR_MTIME;
	} else if (times[1].tv_nsec != UTIME_NOW) {
		attr.ia_valid |= ATTR_MTIME_SET;
		attr.ia_mtime = times[1];
	}
	/* A time left "now" needs no more than write access. */
	if (!(attr.ia_valid & (ATTR_ATIME_SET | ATTR_MTIME_SET)))
		attr.ia_valid |= ATTR_TOUCH;
	return change_attr(path, &attr);
}

/* The path an *at() call names, with AT_SYMLINK_NOFOLLOW/AT_EMPTY_PATH. */
static int at_path(int dfd, const char __user *filename, int flags,
		   struct path *path)
{
	unsigned int lookup = LOOKUP_FOLLOW;

	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	return user_path_at(dfd, filename, lookup, path);
}

static long do_fchmodat(int dfd, const char __user *filename, umode_t mode,
			int flags)
{
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_path(dfd, filename, flags, &path);
	if (err)
		return err;
	/* A symlink's mode means nothing; Linux refuses to set it. */
	if (d_is_symlink(path.dentry))
		err = -EOPNOTSUPP;
	else
		err = vfs_chmod(&path, mode);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(fchmodat2, int, dfd, const char __user *, filename,
		umode_t, mode, unsigned int, flags)
{
	return do_fchmodat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename,
		umode_t, mode)
{
	return do_fchmodat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_chmod(&f->f_path, mode);
	fput(f);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename,
		uid_t, user, gid_t, group, int, flag)
{
	struct path path;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_path(dfd, filename, flag, &path);
	if (err)
		return err;
	err = vfs_chown(&path, user, group);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(chown, const char __user *, filename, uid_t, user,
		gid_t, group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, uid_t, user,
		gid_t, group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group,
			    AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_chown(&f->f_path, user, group);
	fput(f);
	return err;
}

static bool nsec_valid(long nsec)
{
	if (nsec == UTIME_OMIT || nsec == UTIME_NOW)
		return true;
	return nsec >= 0 && nsec < NSEC_PER_SEC;
}

/* utimensat(); a NULL filename with a dfd is that file (Linux). */
static long do_utimes(int dfd, const char __user *filename,
		      struct timespec64 *times, int flags)
{
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (times && (!nsec_valid(times[0].tv_nsec) ||
		      !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == UTIME_OMIT &&
	    times[1].tv_nsec == UTIME_OMIT)
		return 0;
	if (!filename && dfd != AT_FDCWD) {
		struct file *f;

		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		f = fget_raw(dfd);
		if (!f)
			return -EBADF;
		err = vfs_utimes(&f->f_path, times);
		fput(f);
		return err;
	}
	err = at_path(dfd, filename, flags, &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename,
		struct __kernel_timespec __user *, utimes, int, flags)
{
	struct __kernel_timespec ut[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, flags);
	if (copy_from_user(ut, utimes, sizeof(ut)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		t[i].tv_sec = ut[i].tv_sec;
		t[i].tv_nsec = ut[i].tv_nsec;
	}
	return do_utimes(dfd, filename, t, flags);
}

struct utimbuf {
	long actime;
	long modtime;
};

SYSCALL_DEFINE2(utime, const char __user *, filename,
		struct utimbuf __user *, times)
{
	struct timespec64 t[2] = { { 0, 0 }, { 0, 0 } };
	struct utimbuf ut;

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&ut, times, sizeof(ut)))
		return -EFAULT;
	t[0].tv_sec = ut.actime;
	t[1].tv_sec = ut.modtime;
	return do_utimes(AT_FDCWD, filename, t, 0);
}

SYSCALL_DEFINE2(utimes, const char __user *, filename,
		struct __kernel_old_timeval __user *, utimes)
{
	struct __kernel_old_timeval tv[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(AT_FDCWD, filename, t, 0);
}
