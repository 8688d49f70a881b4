/*
 * permission.c - who may do what to an inode, decided from current's
 * credentials (current->cred; NULL is root, as for kernel threads). As
 * in Linux the filesystem capabilities (DAC override, chown, fowner,
 * fsetid, mknod) follow the fs uid: setfsuid(1000) as root drops them.
 * Root may read and write anything, and execute a file only if some x
 * bit is set.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/sched.h>
#include "internal.h"

uid_t current_fsuid(void)
{
	return current->cred ? current->cred->fsuid : GLOBAL_ROOT_UID;
}

gid_t current_fsgid(void)
{
	return current->cred ? current->cred->fsgid : 0;
}

bool fs_capable(int cap)
{
	const struct cred *c = current->cred;

	if (!c)
		return true;
	switch (cap) {
	case CAP_CHOWN:
	case CAP_DAC_OVERRIDE:
	case CAP_DAC_READ_SEARCH:
	case CAP_FOWNER:
	case CAP_FSETID:
	case CAP_MKNOD:
		return c->fsuid == GLOBAL_ROOT_UID;
	default:
		return c->euid == GLOBAL_ROOT_UID;
	}
}

bool fs_in_group(gid_t gid)
{
	const struct cred *c = current->cred;
	int lo = 0, hi;

	if (!c)
		return gid == 0;
	if (c->fsgid == gid)
		return true;
	/* groups[] is kept sorted */
	hi = c->ngroups - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->groups[mid] == gid)
			return true;
		if (c->groups[mid] < gid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

bool inode_owner_or_capable(const struct inode *inode)
{
	return current_fsuid() == inode->i_uid || fs_capable(CAP_FOWNER);
}

/* The owner's, group's or others' bits, whichever class current is in. */
static int mode_check(struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	if (current_fsuid() == inode->i_uid)
		mode >>= 6;
	else if (fs_in_group(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

int generic_permission(struct inode *inode, int mask)
{
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!mode_check(inode, mask))
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && fs_capable(CAP_DAC_READ_SEARCH))
			return 0;
		return fs_capable(CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	/* Root executes only what someone may execute. */
	if (!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO))
		if (fs_capable(CAP_DAC_OVERRIDE))
			return 0;
	if (mask == MAY_READ && fs_capable(CAP_DAC_READ_SEARCH))
		return 0;
	return -EACCES;
}

int inode_permission(struct inode *inode, int mask)
{
	umode_t mode = inode->i_mode;

	if ((mask & MAY_WRITE) && (inode->i_sb->s_flags & SB_RDONLY) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	if (inode->i_op && inode->i_op->permission)
		return inode->i_op->permission(inode, mask);
	return generic_permission(inode, mask);
}

/*
 * May victim be removed from (or renamed out of) dir? Needs write and
 * search on dir; in a sticky directory only the owner of the entry or
 * of the directory may.
 */
int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	uid_t fsuid = current_fsuid();
	int err;

	if (!inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if ((dir->i_mode & S_ISVTX) && fsuid != inode->i_uid &&
	    fsuid != dir->i_uid && !fs_capable(CAP_FOWNER))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (S_ISDIR(inode->i_mode)) {
		return -EISDIR;
	}
	if (d_mountpoint(victim))
		return -EBUSY;
	return 0;
}
