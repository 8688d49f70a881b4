/*
 * readdir.c - listing directories: iterate_dir() asks the filesystem
 * for entries from the file position on, through a callback that packs
 * them into getdents64 (or old getdents) records in guest memory. Each
 * record's d_off is the position to continue after it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/dirent.h>
#include "internal.h"

BUILD_BUG_ON(offsetof(struct linux_dirent64, d_name) != 19);
BUILD_BUG_ON(offsetof(struct linux_dirent, d_name) != 18);

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err = -ENOTDIR;

	if (!file->f_op->iterate)
		return err;
	mutex_lock(&file->f_pos_lock);
	mutex_lock(&inode->i_rwsem);
	err = -ENOENT;
	if (inode->i_nlink) {
		ctx->pos = file->f_pos;
		err = file->f_op->iterate(file, ctx);
		file->f_pos = ctx->pos;
		touch_atime(&file->f_path);
	}
	mutex_unlock(&inode->i_rwsem);
	mutex_unlock(&file->f_pos_lock);
	return err;
}

struct getdents_buf {
	struct dir_context ctx;
	char __user *dirent;	/* where the next record goes */
	size_t left;
	size_t written;
	int error;
};

/* Copies one packed record out; false when it does not fit. */
static bool emit(struct getdents_buf *buf, const void *rec, size_t reclen)
{
	if (reclen > buf->left) {
		if (!buf->written)
			buf->error = -EINVAL;	/* buffer too small */
		return false;
	}
	if (copy_to_user(buf->dirent, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->dirent += reclen;
	buf->left -= reclen;
	buf->written += reclen;
	return true;
}

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t next, u64 ino, unsigned int d_type)
{
	struct getdents_buf *buf = container_of(ctx, struct getdents_buf,
						ctx);
	size_t reclen = ALIGN(offsetof(struct linux_dirent64, d_name) +
			      namlen + 1, sizeof(u64));
	union {
		struct linux_dirent64 d;
		char bytes[ALIGN(sizeof(struct linux_dirent64) + NAME_MAX + 1,
				 sizeof(u64))];
	} rec;

	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = next;
	rec.d.d_reclen = reclen;
	rec.d.d_type = d_type;
	memcpy(rec.d.d_name, name, namlen);
	return emit(buf, &rec, reclen);
}

static bool filldir(struct dir_context *ctx, const char *name, int namlen,
		    loff_t next, u64 ino, unsigned int d_type)
{
	struct getdents_buf *buf = container_of(ctx, struct getdents_buf,
						ctx);
	size_t reclen = ALIGN(offsetof(struct linux_dirent, d_name) +
			      namlen + 2, sizeof(long));
	union {
		struct linux_dirent d;
		char bytes[ALIGN(sizeof(struct linux_dirent) + NAME_MAX + 2,
				 sizeof(long))];
	} rec;

	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = next;
	rec.d.d_reclen = reclen;
	memcpy(rec.d.d_name, name, namlen);
	rec.bytes[reclen - 1] = d_type;	/* the old ABI's last byte */
	return emit(buf, &rec, reclen);
}

static long do_getdents(unsigned int fd, void __user *dirent,
			unsigned int count, filldir_t actor)
{
	struct getdents_buf buf = {
		.ctx.actor = actor,
		.dirent = dirent,
		.left = count,
	};
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = iterate_dir(f, &buf.ctx);
	fput(f);
	if (buf.error && (buf.error == -EFAULT || !buf.written))
		return buf.error;
	if (err)
		return err;
	return buf.written;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd,
		struct linux_dirent64 __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir64);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd,
		struct linux_dirent __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir);
}
