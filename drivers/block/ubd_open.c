/*
 * ubd_open.c - opening a ubd device's files: a plain image, or a COW
 * overlay and its backing file (creating the overlay if it does not
 * exist, checking that the backing file has not changed, loading the
 * bitmap). Every file is locked against other processes: a write lock
 * on what we write, a read lock on what we only read, so two instances
 * can share a read-only backing file but never write one image. What
 * goes wrong becomes one line for the user in why.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <os.h>
#include <os_block.h>
#include "ubd.h"

struct open_ctx {
	struct ubd *ubd;
	char param[128];	/* "ubd0=disk.img", for messages */
	char *why;
	size_t len;
	char name[160];		/* see who() */
};

static const char *err_text(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such file";
	case -EACCES:
	case -EPERM:
		return "permission denied";
	case -EISDIR:
		return "is a directory";
	case -EROFS:
		return "read-only file system (use ubdNr= to read it)";
	case -EINVAL:
		return "not a regular file or block device";
	case -ENAMETOOLONG:
		return "file name too long";
	}
	return errname(err) ? errname(err) : "error";
}

static int fail(struct open_ctx *c, int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = scnprintf(c->why, c->len, "%s: ", c->param);
	va_start(ap, fmt);
	vsnprintf(c->why + n, c->len - n, fmt, ap);
	va_end(ap);
	return err;
}

/* "" for the parameter's own file, "PATH: " for a backing file. */
static const char *who(struct open_ctx *c, const char *path)
{
	if (!strcmp(path, c->ubd->cfg.file))
		return "";
	snprintf(c->name, sizeof(c->name), "%s: ", path);
	return c->name;
}

/* Opens and locks path; the fd or -errno (message set). */
static int open_locked(struct open_ctx *c, const char *path, int flags)
{
	bool write = flags & OS_BLK_WRITE;
	int fd, err;

	fd = os_blk_open(path, flags);
	if (fd < 0)
		return fail(c, fd, "cannot open %s: %s", path, err_text(fd));
	if (c->ubd->cfg.shared)
		return fd;
	err = os_blk_lock(fd, write);
	if (err == -ENOLCK) {
		pr_warn("%s: %s: the host cannot lock it; it is not locked\n",
			c->param, path);
		return fd;
	}
	if (!err)
		return fd;
	os_close(fd);
	if (err != -EBUSY)
		return fail(c, err, "cannot lock %s: %s", path, err_text(err));
	return fail(c, err, "%simage is in use by another process",
		    who(c, path));
}

/* Size of an image or backing file: a non-zero multiple of 512. */
static int image_size(struct open_ctx *c, int fd, const char *path,
		      u64 *size, s64 *mtime)
{
	int err = os_blk_stat(fd, size, mtime);

	if (err)
		return fail(c, err, "cannot stat %s: %s", path, err_text(err));
	if (!*size)
		return fail(c, -EINVAL, "%sthe file is empty", who(c, path));
	if (*size % SECTOR_SIZE)
		return fail(c, -EINVAL, "%ssize %llu is not a multiple of 512 "
			    "bytes", who(c, path), (unsigned long long)*size);
	return 0;
}

static int write_flags(const struct ubd_config *cfg)
{
	if (cfg->read_only)
		return 0;
	return OS_BLK_WRITE | (cfg->sync ? OS_BLK_SYNC : 0);
}

static int load_bitmap(struct ubd *u, struct ubd_cow *cow)
{
	struct cow_bitmap *bm = &cow->bm;
	int err;

	err = cow_bitmap_alloc(bm, DIV_ROUND_UP(cow->hdr.size,
						COW_SECTOR_SIZE));
	for (unsigned long i = 0; !err && i < bm->nr_chunks; i++)
		err = ubd_host_io(u, OS_BLK_OP_READ, u->fd,
				  cow->layout.bitmap_off + i * COW_CHUNK,
				  bm->chunk[i], cow_chunk_bytes(bm, i));
	return err;
}

/* The backing file must be the one the overlay was made from. */
static int open_base(struct open_ctx *c, struct ubd_cow *cow)
{
	struct ubd *u = c->ubd;
	u64 size;
	s64 mtime;
	int err;

	u->base_fd = open_locked(c, cow->base_path, 0);
	if (u->base_fd < 0)
		return u->base_fd;
	err = image_size(c, u->base_fd, cow->base_path, &size, &mtime);
	if (err)
		return err;
	if (size != cow->hdr.size || (u32)mtime != cow->hdr.mtime) {
		scnprintf(c->why, c->len, "ubd%u: backing file %s changed "
			  "since the overlay was made (size %llu, mtime %u; "
			  "now %llu, %lld)", u->cfg.unit, cow->base_path,
			  (unsigned long long)cow->hdr.size, cow->hdr.mtime,
			  (unsigned long long)size, (long long)mtime);
		return -EINVAL;
	}
	return 0;
}

/* A backing file named on the command line wins over the header's. */
static void note_other_base(struct open_ctx *c, struct ubd_cow *cow,
			    const char *base)
{
	char *abs = kmalloc(COW_PATH_LEN, GFP_KERNEL);

	if (abs && !os_blk_abspath(base, abs, COW_PATH_LEN) &&
	    strcmp(abs, cow->hdr.backing_file))
		pr_notice("%s: using backing file %s (the overlay names %s)\n",
			  c->param, base, cow->hdr.backing_file);
	kfree(abs);
}

/* An existing overlay (fd open and locked). */
static int open_overlay(struct open_ctx *c, struct ubd_cow *cow,
			const char *path, const char *base)
{
	struct ubd *u = c->ubd;
	const char *why;
	u64 fsize;
	s64 mtime;
	void *buf;
	int err;

	err = os_blk_stat(u->fd, &fsize, &mtime);
	if (err)
		return fail(c, err, "cannot stat %s: %s", path, err_text(err));
	buf = kzalloc(COW_HEADER_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = ubd_host_io(u, OS_BLK_OP_READ, u->fd, 0, buf,
			  min(fsize, (u64)COW_HEADER_SIZE));
	if (!err)
		err = cow_header_decode(buf, min(fsize, (u64)COW_HEADER_SIZE),
					&cow->hdr, &why);
	kfree(buf);
	if (err)
		return fail(c, err, "%s: not a usable COW overlay: %s", path,
			    why ? why : err_text(err));
	cow_layout(&cow->hdr, &cow->layout);
	if (fsize < cow->layout.data_off + cow->hdr.size)
		return fail(c, -EINVAL, "%s: COW overlay is truncated (%llu "
			    "bytes, needs %llu)", path,
			    (unsigned long long)fsize,
			    (unsigned long long)(cow->layout.data_off +
						 cow->hdr.size));
	cow->base_path = base ? base : cow->hdr.backing_file;
	if (base)
		note_other_base(c, cow, base);
	err = open_base(c, cow);
	if (!err)
		err = load_bitmap(u, cow);
	return err;
}

/* A new overlay of base: UML's header, zero bitmap, sparse data. */
static int create_overlay(struct open_ctx *c, struct ubd_cow *cow,
			  const char *path, const char *base)
{
	struct ubd *u = c->ubd;
	void *buf;
	u64 size;
	s64 mtime;
	int err;

	cow->base_path = base;
	u->base_fd = open_locked(c, base, 0);
	if (u->base_fd < 0)
		return u->base_fd;
	err = image_size(c, u->base_fd, base, &size, &mtime);
	if (err)
		return err;
	err = os_blk_abspath(base, cow->hdr.backing_file, COW_PATH_LEN);
	if (err)
		return fail(c, err, "%s: %s", base, err_text(err));
	cow->hdr.mtime = mtime;
	cow->hdr.size = size;
	cow->hdr.sectorsize = COW_SECTOR_SIZE;
	cow->hdr.alignment = COW_ALIGN;
	cow_layout(&cow->hdr, &cow->layout);
	u->fd = open_locked(c, path, OS_BLK_CREATE | write_flags(&u->cfg));
	if (u->fd < 0)
		return u->fd;
	buf = kmalloc(COW_HEADER_SIZE, GFP_KERNEL);
	err = buf ? 0 : -ENOMEM;
	if (buf)
		cow_header_encode(&cow->hdr, buf);
	if (!err)
		err = ubd_host_io(u, OS_BLK_OP_WRITE, u->fd, 0, buf,
				  COW_HEADER_SIZE);
	kfree(buf);
	if (!err)
		err = os_blk_truncate(u->fd, cow->layout.data_off + size);
	if (!err)
		err = ubd_host_io(u, OS_BLK_OP_SYNC, u->fd, 0, NULL, 0);
	if (!err)
		err = cow_bitmap_alloc(&cow->bm, size / COW_SECTOR_SIZE);
	if (err) {
		os_blk_unlink(path);
		return fail(c, err, "cannot create COW overlay %s: %s", path,
			    err_text(err));
	}
	u->size = size;
	pr_info("%s: created COW overlay %s of %s\n", c->param, path, base);
	return 0;
}

static int open_cow(struct open_ctx *c, const char *path, const char *base)
{
	struct ubd *u = c->ubd;
	struct ubd_cow *cow;
	int err;

	cow = kzalloc(sizeof(*cow), GFP_KERNEL);
	if (!cow)
		return -ENOMEM;
	u->cow = cow;
	u->fd = os_blk_open(path, write_flags(&u->cfg));
	if (u->fd == -ENOENT && base && !u->cfg.read_only)
		return create_overlay(c, cow, path, base);
	if (u->fd >= 0)
		os_close(u->fd);
	/* Open again to lock it (and report errors) the common way. */
	u->fd = open_locked(c, path, write_flags(&u->cfg));
	if (u->fd < 0)
		return u->fd;
	err = open_overlay(c, cow, path, base);
	if (!err)
		u->size = cow->hdr.size;
	return err;
}

/* Does fd start like a COW overlay (UML opens those as overlays)? */
static bool looks_like_cow(struct ubd *u, u64 size)
{
	u8 magic[4];

	if (size < sizeof(magic) ||
	    ubd_host_io(u, OS_BLK_OP_READ, u->fd, 0, magic, sizeof(magic)))
		return false;
	return ((u32)magic[0] << 24 | (u32)magic[1] << 16 |
		(u32)magic[2] << 8 | magic[3]) == COW_MAGIC;
}

int ubd_open_images(struct ubd *u, char *why, size_t len)
{
	struct open_ctx c = { .ubd = u, .why = why, .len = len };
	const struct ubd_config *cfg = &u->cfg;
	s64 mtime;
	u64 size;
	int err;

	u->fd = u->base_fd = -1;
	ubd_param_name(cfg, c.param, sizeof(c.param));
	if (cfg->backing)
		return open_cow(&c, cfg->file, cfg->backing);
	u->fd = open_locked(&c, cfg->file, write_flags(cfg));
	if (u->fd < 0)
		return u->fd;
	err = os_blk_stat(u->fd, &size, &mtime);
	if (!err && !cfg->no_cow && looks_like_cow(u, size)) {
		os_close(u->fd);
		return open_cow(&c, cfg->file, NULL);
	}
	err = image_size(&c, u->fd, cfg->file, &size, &mtime);
	if (!err)
		u->size = size;
	return err;
}

void ubd_close_images(struct ubd *u)
{
	if (u->fd >= 0)
		os_close(u->fd);
	if (u->base_fd >= 0)
		os_close(u->base_fd);
	u->fd = u->base_fd = -1;
	if (u->cow) {
		cow_bitmap_free(&u->cow->bm);
		kfree(u->cow);
		u->cow = NULL;
	}
}
