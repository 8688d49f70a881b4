/*
 * namespace.c - the mount tree. Every vfsmount but the root hangs on a
 * (parent mount, dentry) mountpoint; a hash on that pair lets the path
 * walk step down into mounts, mnt_parent/mnt_mountpoint step back up.
 * The tree holds one reference on each mount it contains; paths (files,
 * cwds, walks in progress) hold the others, which is how umount knows
 * that a mount is busy.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/namei.h>
#include <umk/slab.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/statfs.h>
#include "internal.h"

#define MNT_HASH_SIZE	256

static struct kmem_cache *mnt_cache;
static struct list_head mount_hashtable[MNT_HASH_SIZE];
static LIST_HEAD(mount_list);
static DEFINE_SPINLOCK(mount_lock);
/* Serialises changes of the tree (mount, umount, move). */
static DEFINE_MUTEX(namespace_sem);
static int next_mnt_id = 1;
struct vfsmount *root_mnt;

static struct list_head *m_hash(const struct vfsmount *mnt,
				const struct dentry *d)
{
	uintptr_t h = ((uintptr_t)mnt >> 4) ^ ((uintptr_t)d >> 6);

	return &mount_hashtable[(h ^ (h >> 8)) % MNT_HASH_SIZE];
}

static struct vfsmount *alloc_vfsmnt(const char *name)
{
	struct vfsmount *mnt = kmem_cache_zalloc(mnt_cache, GFP_KERNEL);

	if (!mnt)
		return NULL;
	mnt->mnt_devname = kstrdup(name ? name : "none", GFP_KERNEL);
	if (!mnt->mnt_devname) {
		kmem_cache_free(mnt_cache, mnt);
		return NULL;
	}
	mnt->mnt_count = 1;
	mnt->mnt_parent = mnt;
	mnt->mnt_id = next_mnt_id++;
	INIT_LIST_HEAD(&mnt->mnt_hash);
	INIT_LIST_HEAD(&mnt->mnt_child);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_list);
	return mnt;
}

static int ms_to_mnt_flags(unsigned long ms)
{
	int f = 0;

	if (ms & MS_RDONLY)
		f |= MNT_READONLY;
	if (ms & MS_NOSUID)
		f |= MNT_NOSUID;
	if (ms & MS_NODEV)
		f |= MNT_NODEV;
	if (ms & MS_NOEXEC)
		f |= MNT_NOEXEC;
	if (ms & MS_NOATIME)
		f |= MNT_NOATIME;
	if (ms & MS_NODIRATIME)
		f |= MNT_NODIRATIME;
	if (ms & MS_NOSYMFOLLOW)
		f |= MNT_NOSYMFOLLOW;
	/* relatime is the default, as in Linux */
	if (!(ms & (MS_NOATIME | MS_STRICTATIME)))
		f |= MNT_RELATIME;
	return f;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data)
{
	struct vfsmount *mnt = alloc_vfsmnt(name);
	struct dentry *root;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	root = type->mount(type, flags & (SB_RDONLY | SB_NOSUID | SB_NODEV |
				SB_NOEXEC | SB_KERNMOUNT), name, data);
	if (IS_ERR(root)) {
		kfree(mnt->mnt_devname);
		kmem_cache_free(mnt_cache, mnt);
		return ERR_PTR(PTR_ERR(root));
	}
	mnt->mnt_root = root;
	mnt->mnt_sb = root->d_sb;
	mnt->mnt_mountpoint = root;
	mnt->mnt_flags = ms_to_mnt_flags(flags);
	return mnt;
}

struct vfsmount *kern_mount(struct file_system_type *type)
{
	struct vfsmount *mnt = vfs_kern_mount(type, SB_KERNMOUNT, type->name,
					      NULL);

	if (!IS_ERR(mnt))
		mnt->mnt_flags |= MNT_INTERNAL;
	return mnt;
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}

void mntput(struct vfsmount *mnt)
{
	if (!mnt || WARN_ON(mnt->mnt_count <= 0) || --mnt->mnt_count > 0)
		return;
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(mnt->mnt_devname);
	kmem_cache_free(mnt_cache, mnt);
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *m, *found = NULL;

	spin_lock(&mount_lock);
	list_for_each_entry(m, m_hash(path->mnt, path->dentry), mnt_hash) {
		if (m->mnt_parent == path->mnt &&
		    m->mnt_mountpoint == path->dentry) {
			found = mntget(m);
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found;
}

bool follow_down(struct path *path)
{
	bool moved = false;
	struct vfsmount *m;

	while (d_mountpoint(path->dentry) && (m = lookup_mnt(path))) {
		path_put(path);
		path->mnt = m;
		path->dentry = dget(m->mnt_root);
		moved = true;
	}
	return moved;
}

bool follow_up(struct path *path)
{
	struct vfsmount *mnt = path->mnt;
	struct path up;

	if (mnt->mnt_parent == mnt)
		return false;
	up.mnt = mntget(mnt->mnt_parent);
	up.dentry = dget(mnt->mnt_mountpoint);
	path_put(path);
	*path = up;
	return true;
}

bool mnt_readonly(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MNT_READONLY) ||
	       (mnt->mnt_sb->s_flags & SB_RDONLY);
}

int mnt_want_write(const struct vfsmount *mnt)
{
	return mnt_readonly(mnt) ? -EROFS : 0;
}

long mnt_statfs_flags(const struct vfsmount *mnt)
{
	long f = ST_VALID;

	if (mnt_readonly(mnt))
		f |= ST_RDONLY;
	if (mnt->mnt_flags & MNT_NOSUID)
		f |= ST_NOSUID;
	if (mnt->mnt_flags & MNT_NODEV)
		f |= ST_NODEV;
	if (mnt->mnt_flags & MNT_NOEXEC)
		f |= ST_NOEXEC;
	if (mnt->mnt_flags & MNT_NOATIME)
		f |= ST_NOATIME;
	if (mnt->mnt_flags & MNT_NODIRATIME)
		f |= ST_NODIRATIME;
	if (mnt->mnt_flags & MNT_RELATIME)
		f |= ST_RELATIME;
	return f;
}

/* Hangs mnt on mp; the tree keeps the caller's reference on mnt. */
static void attach_mnt(struct vfsmount *mnt, const struct path *mp)
{
	mnt->mnt_parent = mntget(mp->mnt);
	mnt->mnt_mountpoint = dget(mp->dentry);
	spin_lock(&mount_lock);
	mp->dentry->d_mounts++;
	mp->dentry->d_flags |= DCACHE_MOUNTED;
	list_add(&mnt->mnt_hash, m_hash(mp->mnt, mp->dentry));
	list_add_tail(&mnt->mnt_child, &mp->mnt->mnt_mounts);
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
}

/* Takes mnt off its mountpoint; *old gets the references it held. */
static void detach_mnt(struct vfsmount *mnt, struct path *old)
{
	struct dentry *mp = mnt->mnt_mountpoint;

	spin_lock(&mount_lock);
	list_del_init(&mnt->mnt_hash);
	list_del_init(&mnt->mnt_child);
	list_del_init(&mnt->mnt_list);
	if (--mp->d_mounts == 0)
		mp->d_flags &= ~DCACHE_MOUNTED;
	spin_unlock(&mount_lock);
	old->mnt = mnt->mnt_parent;
	old->dentry = mp;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
}

/*
 * Detaches mnt and everything below it (iteratively: a guest may stack
 * mounts deeper than a kernel stack could recurse), children first.
 */
static void umount_tree(struct vfsmount *mnt)
{
	LIST_HEAD(victims);
	struct vfsmount *m, *child;
	struct path old;

	spin_lock(&mount_lock);
	list_move_tail(&mnt->mnt_list, &victims);
	/* The walk reaches the children appended behind it. */
	list_for_each_entry(m, &victims, mnt_list)
		list_for_each_entry(child, &m->mnt_mounts, mnt_child)
			list_move_tail(&child->mnt_list, &victims);
	spin_unlock(&mount_lock);
	while (!list_empty(&victims)) {
		m = list_entry(victims.prev, struct vfsmount, mnt_list);
		detach_mnt(m, &old);
		m->mnt_flags |= MNT_DETACHED;
		path_put(&old);
		mntput(m);	/* the tree's reference */
	}
}

static bool may_mount(void)
{
	return fs_capable(CAP_SYS_ADMIN);
}

int path_umount(struct path *path, int flags)
{
	struct vfsmount *mnt = path->mnt;
	int err = 0;

	if (!may_mount())
		return -EPERM;
	if (path->dentry != mnt->mnt_root || mnt->mnt_parent == mnt)
		return -EINVAL;
	mutex_lock(&namespace_sem);
	if (flags & MNT_DETACH) {
		umount_tree(mnt);
	} else if (!list_empty(&mnt->mnt_mounts) || mnt->mnt_count > 2) {
		/* The tree's reference and our caller's are all we allow. */
		err = -EBUSY;
	} else {
		umount_tree(mnt);
	}
	mutex_unlock(&namespace_sem);
	return err;
}

int do_umount_path(const char *target, int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	/* Expiry marks need a second call and a timer: not supported. */
	if (flags & MNT_EXPIRE)
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup = 0;
	err = kern_path(target, lookup, &path);
	if (err)
		return err;
	err = path_umount(&path, flags);
	path_put(&path);
	return err;
}

/* Where a new mount may go: a live directory (or a file on a file). */
static int check_mountpoint(const struct path *mp, struct dentry *root)
{
	if (d_unhashed(mp->dentry) && !IS_ROOT(mp->dentry))
		return -ENOENT;
	if (d_is_dir(mp->dentry) != d_is_dir(root))
		return -ENOTDIR;
	return 0;
}

static int graft(struct vfsmount *mnt, const struct path *mp)
{
	int err = check_mountpoint(mp, mnt->mnt_root);

	if (err)
		return err;
	attach_mnt(mnt, mp);
	return 0;
}

static int do_new_mount(const struct path *mp, const char *fstype,
			unsigned long flags, const char *source, void *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	int err;

	if (!fstype)
		return -EINVAL;
	type = get_fs_type(fstype);
	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, (int)flags, source, data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	err = graft(mnt, mp);
	if (err)
		mntput(mnt);
	return err;
}

static int do_remount(const struct path *mp, unsigned long flags,
		      void *data)
{
	struct super_block *sb = mp->mnt->mnt_sb;
	int sb_flags = flags & SB_RDONLY;
	int err = 0;

	if (mp->dentry != mp->mnt->mnt_root)
		return -EINVAL;
	if (!(flags & MS_BIND) && sb->s_op && sb->s_op->remount_fs)
		err = sb->s_op->remount_fs(sb, &sb_flags, data);
	if (err)
		return err;
	if (!(flags & MS_BIND))
		sb->s_flags = (sb->s_flags & ~SB_RDONLY) | sb_flags;
	mp->mnt->mnt_flags = ms_to_mnt_flags(flags) |
			     (mp->mnt->mnt_flags & MNT_INTERNAL);
	return 0;
}

/* MS_BIND: the subtree at source appears at mp too (not recursive). */
static int do_bind(const struct path *mp, const char *source)
{
	struct vfsmount *mnt;
	struct path from;
	int err;

	if (!source)
		return -EINVAL;
	err = kern_path(source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	mnt = alloc_vfsmnt(from.mnt->mnt_devname);
	err = -ENOMEM;
	if (mnt) {
		mnt->mnt_root = dget(from.dentry);
		mnt->mnt_sb = from.mnt->mnt_sb;
		mnt->mnt_sb->s_active++;
		mnt->mnt_mountpoint = mnt->mnt_root;
		mnt->mnt_flags = from.mnt->mnt_flags & ~MNT_INTERNAL;
		err = graft(mnt, mp);
		if (err)
			mntput(mnt);
	}
	path_put(&from);
	return err;
}

static int do_move(const struct path *mp, const char *source)
{
	struct path from, old;
	struct vfsmount *m;
	int err;

	if (!source)
		return -EINVAL;
	err = kern_path(source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	err = -EINVAL;
	if (from.dentry != from.mnt->mnt_root || from.mnt->mnt_parent ==
	    from.mnt)
		goto out;
	/* A mount cannot move below itself. */
	for (m = mp->mnt; m->mnt_parent != m; m = m->mnt_parent)
		if (m == from.mnt)
			goto out;
	if (mp->mnt == from.mnt)
		goto out;
	err = check_mountpoint(mp, from.mnt->mnt_root);
	if (err)
		goto out;
	detach_mnt(from.mnt, &old);
	attach_mnt(from.mnt, mp);
	path_put(&old);
out:
	path_put(&from);
	return err;
}

int do_mount(const char *source, const char *target, const char *fstype,
	     unsigned long flags, void *data)
{
	struct path mp;
	int err;

	if (!may_mount())
		return -EPERM;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = kern_path(target, LOOKUP_FOLLOW, &mp);
	if (err)
		return err;
	mutex_lock(&namespace_sem);
	if (flags & MS_REMOUNT)
		err = do_remount(&mp, flags, data);
	else if (flags & MS_BIND)
		err = do_bind(&mp, source);
	else if (flags & MS_MOVE)
		err = do_move(&mp, source);
	else if (flags & (MS_SHARED | MS_SLAVE | MS_UNBINDABLE))
		err = -EINVAL;	/* no mount propagation: all are private */
	else if (flags & MS_PRIVATE)
		err = 0;
	else
		err = do_new_mount(&mp, fstype, flags, source, data);
	mutex_unlock(&namespace_sem);
	path_put(&mp);
	return err;
}

void for_each_mount(void (*fn)(struct vfsmount *mnt, void *arg), void *arg)
{
	struct vfsmount *mnt;

	mutex_lock(&namespace_sem);
	list_for_each_entry(mnt, &mount_list, mnt_list)
		fn(mnt, arg);
	mutex_unlock(&namespace_sem);
}

int init_mount_tree(void)
{
	struct file_system_type *type = get_fs_type("tmpfs");
	struct vfsmount *mnt;
	char opts[] = "mode=0755";
	struct path root;

	if (root_mnt)
		return 0;
	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, 0, "rootfs", opts);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	spin_lock(&mount_lock);
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
	root_mnt = mnt;
	root.mnt = mnt;
	root.dentry = mnt->mnt_root;
	set_fs_root(&init_fs, &root);
	set_fs_pwd(&init_fs, &root);
	return 0;
}

/* A guest string argument of mount(2), or NULL for a NULL pointer. */
static char *copy_mount_string(const char __user *s, long *err)
{
	char *k;
	long n;

	*err = 0;
	if (!s)
		return NULL;
	k = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!k) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(k, s, PAGE_SIZE);
	if (n < 0) {
		kfree(k);
		*err = n == -ENAMETOOLONG ? -EINVAL : n;
		return NULL;
	}
	return k;
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name,
		char __user *, type, unsigned long, flags, void __user *, data)
{
	char *kdev, *ktype = NULL, *kdata = NULL;
	struct filename *dir;
	long err;

	kdev = copy_mount_string(dev_name, &err);
	if (!err)
		ktype = copy_mount_string(type, &err);
	if (!err)
		kdata = copy_mount_string(data, &err);
	dir = err ? NULL : getname(dir_name);
	if (IS_ERR(dir))
		err = PTR_ERR(dir);
	if (!err)
		err = do_mount(kdev, dir->name, ktype, flags, kdata);
	putname(dir);
	kfree(kdata);
	kfree(ktype);
	kfree(kdev);
	return err;
}

SYSCALL_DEFINE2(umount2, char __user *, name, int, flags)
{
	struct filename *target = getname(name);
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = do_umount_path(target->name, flags);
	putname(target);
	return err;
}

void mnt_init(void)
{
	mnt_cache = kmem_cache_create("vfsmount", sizeof(struct vfsmount), 0,
				      0, NULL);
	if (!mnt_cache)
		panic("VFS: cannot create the mount cache");
	for (int i = 0; i < MNT_HASH_SIZE; i++)
		INIT_LIST_HEAD(&mount_hashtable[i]);
}
