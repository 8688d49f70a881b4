/*
 * initramfs.c - the root filesystem at boot. prepare_namespace() mounts
 * a tmpfs as "/", unpacks the cpio archive given by initrd=FILE into it
 * (read from the host in chunks) and makes /dev with the basic device
 * nodes. Entries are created as the archive says: directories, regular
 * files, symlinks, device nodes, FIFOs, sockets and hard links (by
 * inode number), with their mode, owner and mtime.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/namei.h>
#include <umk/slab.h>
#include <umk/reboot.h>
#include <os.h>
#include "cpio.h"
#include "initramfs.h"
#include "do_mounts.h"

#define CHUNK	(64 * 1024)

static const char *initrd_path;

static int set_initrd(const char *val)
{
	int fd;

	if (!val || !*val)
		return -EINVAL;
	fd = os_open(val, OS_O_RDONLY, 0);
	if (fd < 0)
		boot_error("initrd=%s: cannot open: %s", val,
			   errname(fd) ? errname(fd) : "error");
	os_close(fd);
	initrd_path = kstrdup(val, GFP_KERNEL);
	return initrd_path ? 0 : -ENOMEM;
}
kernel_param("initrd", set_initrd);

struct hardlink {
	struct list_head list;
	u32 ino, major, minor, type;
	char name[];
};

struct dir_time {
	struct list_head list;
	s64 mtime;
	char name[];
};

static void free_lists(struct unpack_ctx *u)
{
	struct hardlink *h, *hn;
	struct dir_time *d, *dn;

	list_for_each_entry_safe(h, hn, &u->links, list)
		kfree(h);
	list_for_each_entry_safe(d, dn, &u->dirs, list)
		kfree(d);
	INIT_LIST_HEAD(&u->links);
	INIT_LIST_HEAD(&u->dirs);
}

/* Reports err on the current entry; the caller prints u->why. */
static int failed(struct unpack_ctx *u, const char *what, int err)
{
	bool memory = err == -ENOSPC || err == -ENOMEM;

	snprintf(u->why, sizeof(u->why), "cannot %s %s: %s%s", what,
		 u->path, errname(err) ? errname(err) : "error",
		 memory ? " (guest RAM too small? try a larger mem=)" : "");
	return err;
}

/* "/"-rooted path of an archive name ("./a", "/a", "a" are "/a"). */
static int make_path(struct unpack_ctx *u, const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (!strcmp(name, "."))
		name = "";
	if (strlen(name) + 2 > sizeof(u->path))
		return -ENAMETOOLONG;
	u->path[0] = '/';
	strcpy(u->path + 1, name);
	return 0;
}

static int set_attrs(struct unpack_ctx *u, const struct cpio_entry *e,
		     bool is_link)
{
	struct timespec64 t[2] = { { e->mtime, 0 }, { e->mtime, 0 } };
	struct path path;
	int err;

	err = kern_path(u->path, 0, &path);
	if (err)
		return failed(u, "find", err);
	err = vfs_chown(&path, e->uid, e->gid);
	if (!err && !is_link)
		err = vfs_chmod(&path, e->mode & 07777);
	if (!err)
		err = vfs_utimes(&path, t);
	path_put(&path);
	return err ? failed(u, "set attributes of", err) : 0;
}

/* Removes what is in the way of a new entry (not a directory for one). */
static int clean_path(struct unpack_ctx *u, umode_t type)
{
	struct kstat st;
	int err = vfs_fstatat(AT_FDCWD, u->path, &st, AT_SYMLINK_NOFOLLOW);

	if (err)
		return 0;
	if ((st.mode & S_IFMT) == type && S_ISDIR(type))
		return 0;
	err = S_ISDIR(st.mode) ? do_rmdir(AT_FDCWD, u->path) :
				 do_unlinkat(AT_FDCWD, u->path);
	return err ? failed(u, "replace", err) : 0;
}

/* 1 if the entry is a further name of an earlier inode (now linked). */
static int maybe_link(struct unpack_ctx *u, const struct cpio_entry *e)
{
	u32 type = e->mode & S_IFMT;
	struct hardlink *h;
	int err;

	if (e->nlink < 2)
		return 0;
	list_for_each_entry(h, &u->links, list) {
		if (h->ino != e->ino || h->major != e->devmajor ||
		    h->minor != e->devminor || h->type != type)
			continue;
		err = do_linkat(AT_FDCWD, h->name, AT_FDCWD, u->path, 0);
		return err ? failed(u, "link", err) : 1;
	}
	h = kmalloc(sizeof(*h) + strlen(u->path) + 1, GFP_KERNEL);
	if (!h)
		return failed(u, "remember", -ENOMEM);
	h->ino = e->ino;
	h->major = e->devmajor;
	h->minor = e->devminor;
	h->type = type;
	strcpy(h->name, u->path);
	list_add(&h->list, &u->links);
	return 0;
}

static int begin_dir(struct unpack_ctx *u, const struct cpio_entry *e)
{
	struct dir_time *d;
	int err = clean_path(u, S_IFDIR);

	if (err)
		return err;
	err = do_mkdirat(AT_FDCWD, u->path, e->mode & 07777);
	if (err && err != -EEXIST)
		return failed(u, "create directory", err);
	/* Its mtime is set last: creating entries in it changes it. */
	d = kmalloc(sizeof(*d) + strlen(u->path) + 1, GFP_KERNEL);
	if (!d)
		return failed(u, "remember", -ENOMEM);
	d->mtime = e->mtime;
	strcpy(d->name, u->path);
	list_add(&d->list, &u->dirs);
	return 0;
}

static int begin_file(struct unpack_ctx *u, const struct cpio_entry *e)
{
	int flags = O_WRONLY | O_CREAT | O_LARGEFILE;
	int linked, err = clean_path(u, S_IFREG);

	if (err)
		return err;
	linked = maybe_link(u, e);
	if (linked < 0)
		return linked;
	/* The data of a hard-linked file comes with one of its names. */
	if (!linked)
		flags |= O_TRUNC;
	u->file = filp_open(u->path, flags, e->mode & 07777);
	if (IS_ERR(u->file)) {
		err = PTR_ERR(u->file);
		u->file = NULL;
		return failed(u, "create", err);
	}
	u->pos = 0;
	return 0;
}

static int begin_special(struct unpack_ctx *u, const struct cpio_entry *e)
{
	dev_t rdev = MKDEV(e->rdevmajor, e->rdevminor);
	int linked, err = clean_path(u, e->mode & S_IFMT);

	if (err)
		return err;
	linked = maybe_link(u, e);
	if (linked)
		return linked < 0 ? linked : 0;
	err = do_mknodat(AT_FDCWD, u->path, e->mode & (S_IFMT | 07777),
			 new_encode_dev(rdev));
	return err ? failed(u, "create", err) : 0;
}

static int unpack_begin(void *ctx, const struct cpio_entry *e)
{
	struct unpack_ctx *u = ctx;
	int err = make_path(u, e->name);

	if (err) {
		strscpy(u->path, e->name, sizeof(u->path));
		return failed(u, "create", err);
	}
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		return begin_dir(u, e);
	case S_IFREG:
		return begin_file(u, e);
	case S_IFLNK:
		if (!e->filesize || e->filesize >= PATH_MAX)
			return failed(u, "create symlink", -ENAMETOOLONG);
		u->link = kmalloc(e->filesize + 1, GFP_KERNEL);
		if (!u->link)
			return failed(u, "create symlink", -ENOMEM);
		u->link_len = 0;
		return 0;
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return begin_special(u, e);
	default:
		return failed(u, "create (unknown type)", -EINVAL);
	}
}

static int unpack_data(void *ctx, const void *buf, size_t len)
{
	struct unpack_ctx *u = ctx;
	ssize_t n;

	if (u->link) {
		memcpy(u->link + u->link_len, buf, len);
		u->link_len += len;
		return 0;
	}
	if (!u->file)
		return 0;	/* data of a directory or device: ignored */
	n = kernel_write(u->file, buf, len, &u->pos);
	if (n >= 0 && (size_t)n != len)
		n = -ENOSPC;
	return n < 0 ? failed(u, "write", n) : 0;
}

static int unpack_end(void *ctx, const struct cpio_entry *e)
{
	struct unpack_ctx *u = ctx;
	int err;

	if (u->file) {
		fput(u->file);
		u->file = NULL;
	}
	if (u->link) {
		u->link[u->link_len] = '\0';
		err = clean_path(u, S_IFLNK);
		if (!err) {
			err = do_symlinkat(u->link, AT_FDCWD, u->path);
			if (err)
				failed(u, "create symlink", err);
		}
		kfree(u->link);
		u->link = NULL;
		return err ? err : set_attrs(u, e, true);
	}
	return set_attrs(u, e, false);
}

static const struct cpio_ops unpack_ops = {
	.begin = unpack_begin,
	.data = unpack_data,
	.end = unpack_end,
};

void unpack_init(struct unpack_ctx *u)
{
	memset(u, 0, sizeof(*u));
	INIT_LIST_HEAD(&u->links);
	INIT_LIST_HEAD(&u->dirs);
	cpio_init(&u->parser, &unpack_ops, u);
	u->saved_umask = current_fs()->umask;
	current_fs()->umask = 0;	/* modes exactly as archived */
}

int unpack_feed(struct unpack_ctx *u, const void *buf, size_t len)
{
	return cpio_feed(&u->parser, buf, len);
}

/* Ends the unpacking: directory times, then cleanup. */
int unpack_finish(struct unpack_ctx *u, int err)
{
	struct dir_time *d;

	if (!err)
		err = cpio_finish(&u->parser);
	list_for_each_entry(d, &u->dirs, list) {
		struct timespec64 t[2] = { { d->mtime, 0 }, { d->mtime, 0 } };
		struct path path;

		if (kern_path(d->name, 0, &path))
			continue;
		vfs_utimes(&path, t);
		path_put(&path);
	}
	if (u->file)
		fput(u->file);
	kfree(u->link);
	free_lists(u);
	cpio_release(&u->parser);
	current_fs()->umask = u->saved_umask;
	return err;
}

/* Reads the archive from the host in chunks; exits on any error. */
static void unpack_initrd(const char *host_path)
{
	struct unpack_ctx *u = kmalloc(sizeof(*u), GFP_KERNEL);
	char *buf = kmalloc(CHUNK, GFP_KERNEL);
	int fd, err = 0;
	long n;

	if (!u || !buf)
		boot_error("initrd=%s: out of memory (mem= too small?)",
			   host_path);
	fd = os_open(host_path, OS_O_RDONLY, 0);
	if (fd < 0)
		boot_error("initrd=%s: cannot open: %s", host_path,
			   errname(fd));
	unpack_init(u);
	while (!err && (n = os_read(fd, buf, CHUNK)) != 0) {
		if (n < 0)
			boot_error("initrd=%s: read error: %s", host_path,
				   errname(n));
		err = unpack_feed(u, buf, n);
	}
	os_close(fd);
	err = unpack_finish(u, err);
	if (err && u->parser.error)
		boot_error("initrd=%s: %s at offset %llu", host_path,
			   u->parser.error,
			   (unsigned long long)u->parser.entry_offset);
	if (err)
		boot_error("initrd=%s: %s", host_path, u->why);
	pr_info("initramfs: unpacked %s (%llu bytes)\n", host_path,
		(unsigned long long)u->parser.offset);
	kfree(buf);
	kfree(u);
}

static const struct {
	const char *name;
	umode_t mode;
	unsigned int major, minor;
} dev_nodes[] = {
	{ "/dev/console", S_IFCHR | 0600, 5, 1 },
	{ "/dev/tty", S_IFCHR | 0666, 5, 0 },
	{ "/dev/null", S_IFCHR | 0666, 1, 3 },
	{ "/dev/zero", S_IFCHR | 0666, 1, 5 },
	{ "/dev/full", S_IFCHR | 0666, 1, 7 },
	{ "/dev/random", S_IFCHR | 0666, 1, 8 },
	{ "/dev/urandom", S_IFCHR | 0666, 1, 9 },
};

/* /dev and its basic nodes, unless the archive brought them. */
static int make_dev_nodes(void)
{
	int saved = current_fs()->umask, err;

	current_fs()->umask = 0;
	err = do_mkdirat(AT_FDCWD, "/dev", 0755);
	if (err == -EEXIST)
		err = 0;
	for (size_t i = 0; !err && i < ARRAY_SIZE(dev_nodes); i++) {
		dev_t dev = MKDEV(dev_nodes[i].major, dev_nodes[i].minor);

		err = do_mknodat(AT_FDCWD, dev_nodes[i].name,
				 dev_nodes[i].mode, new_encode_dev(dev));
		if (err == -EEXIST)
			err = 0;
	}
	current_fs()->umask = saved;
	return err;
}

int prepare_namespace(void)
{
	int err = init_mount_tree();

	if (err) {
		pr_err("VFS: cannot mount the root tmpfs: %d\n", err);
		return err;
	}
	if (initrd_path)
		unpack_initrd(initrd_path);
	if (root_device_given()) {
		err = mount_root_device();
		if (err)
			return err;
	}
	err = make_dev_nodes();
	if (err)
		pr_err("VFS: cannot create /dev nodes: %d\n", err);
	/* A read-only disk root without /dev still boots. */
	return root_device_given() ? 0 : err;
}
