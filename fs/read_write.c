/*
 * read_write.c - moving bytes: read, write, their vector and positioned
 * forms, lseek, and kernel_read/kernel_write for the kernel's own use
 * (exec). All of them go through vfs_read/vfs_write and a file's
 * read_iter/write_iter with an iterator over the buffers.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/uio.h>
#include <umk/slab.h>
#include <umk/syscalls.h>
#include "internal.h"

#define RWF_HIPRI	0x1
#define RWF_DSYNC	0x2
#define RWF_SYNC	0x4
#define RWF_SUPPORTED	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC)

int rw_verify_area(int write, struct file *file, const loff_t *pos,
		   size_t count)
{
	loff_t end;

	if (!pos)
		return 0;
	if (*pos < 0)
		return -EINVAL;
	if (__builtin_add_overflow(*pos, (loff_t)count, &end))
		return -EINVAL;
	return 0;
}

ssize_t vfs_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	int err;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op->read_iter)
		return -EINVAL;
	iov_iter_truncate(to, MAX_RW_COUNT);
	err = rw_verify_area(0, file, pos, iov_iter_count(to));
	if (err)
		return err;
	if (!iov_iter_count(to))
		return 0;
	return file->f_op->read_iter(file, to, pos);
}

ssize_t vfs_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	int err;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write_iter)
		return -EINVAL;
	iov_iter_truncate(from, MAX_RW_COUNT);
	err = rw_verify_area(1, file, pos, iov_iter_count(from));
	if (err)
		return err;
	if (!iov_iter_count(from))
		return 0;
	return file->f_op->write_iter(file, from, pos);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct kvec kv = { buf, count };
	struct iov_iter iter;

	iov_iter_kvec(&iter, &kv, 1, count);
	return vfs_read(file, &iter, pos);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count,
		     loff_t *pos)
{
	struct kvec kv = { (void *)buf, count };
	struct iov_iter iter;

	iov_iter_kvec(&iter, &kv, 1, count);
	return vfs_write(file, &iter, pos);
}

/* read/write at the file position, which one description shares. */
static ssize_t rw_at_fpos(struct file *f, struct iov_iter *iter, bool write)
{
	bool lock = f->f_mode & FMODE_ATOMIC_POS;
	loff_t pos, *ppos = NULL;
	ssize_t ret;

	if (lock)
		mutex_lock(&f->f_pos_lock);
	if (!(f->f_mode & FMODE_STREAM)) {
		pos = f->f_pos;
		ppos = &pos;
	}
	ret = write ? vfs_write(f, iter, ppos) : vfs_read(f, iter, ppos);
	if (ppos && ret >= 0)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
	return ret;
}

static ssize_t rw_fd(unsigned int fd, struct iov_iter *iter, loff_t pos,
		     bool write, bool positioned)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	if (!positioned) {
		ret = rw_at_fpos(f, iter, write);
	} else if (pos < 0) {
		ret = -EINVAL;
	} else if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))) {
		ret = -ESPIPE;
	} else {
		ret = write ? vfs_write(f, iter, &pos) :
			      vfs_read(f, iter, &pos);
	}
	fput(f);
	return ret;
}

static ssize_t rw_buf(unsigned int fd, void __user *buf, size_t count,
		      loff_t pos, bool write, bool positioned)
{
	struct iovec iov = { buf, count };
	struct iov_iter iter;

	iov_iter_init(&iter, &iov, 1, count);
	return rw_fd(fd, &iter, pos, write, positioned);
}

static ssize_t rw_vec(unsigned int fd, const struct iovec __user *vec,
		      unsigned long vlen, loff_t pos, bool write,
		      bool positioned)
{
	struct iovec fast[8], *iov = NULL;
	struct iov_iter iter;
	ssize_t ret;

	ret = import_iovec(vec, vlen, fast, ARRAY_SIZE(fast), &iov, &iter);
	if (ret)
		return ret;
	ret = rw_fd(fd, &iter, pos, write, positioned);
	kfree(iov);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	return rw_buf(fd, buf, count, 0, false, false);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf,
		size_t, count)
{
	return rw_buf(fd, (void __user *)buf, count, 0, true, false);
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf,
		size_t, count, loff_t, pos)
{
	return rw_buf(fd, buf, count, pos, false, true);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf,
		size_t, count, loff_t, pos)
{
	return rw_buf(fd, (void __user *)buf, count, pos, true, true);
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return rw_vec(fd, vec, vlen, 0, false, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return rw_vec(fd, vec, vlen, 0, true, false);
}

/* On x86_64 the whole offset is in pos_l. */
SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return rw_vec(fd, vec, vlen, (loff_t)pos_l, false, true);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return rw_vec(fd, vec, vlen, (loff_t)pos_l, true, true);
}

/* An offset of -1 means the file position. */
SYSCALL_DEFINE6(preadv2, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h,
		int, flags)
{
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	return rw_vec(fd, vec, vlen, (loff_t)pos_l, false,
		      (loff_t)pos_l != -1);
}

SYSCALL_DEFINE6(pwritev2, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h,
		int, flags)
{
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	return rw_vec(fd, vec, vlen, (loff_t)pos_l, true,
		      (loff_t)pos_l != -1);
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = inode->i_size;
		break;
	case SEEK_DATA:
		/* no holes are reported: data runs to the end */
		if (offset < 0 || offset >= inode->i_size)
			return -ENXIO;
		base = 0;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= inode->i_size)
			return -ENXIO;
		base = 0;
		offset = inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &offset) || offset < 0 ||
	    offset > inode->i_sb->s_maxbytes)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t ret;

	if (!(file->f_mode & FMODE_LSEEK) || !file->f_op->llseek)
		return -ESPIPE;
	mutex_lock(&file->f_pos_lock);
	ret = file->f_op->llseek(file, offset, whence);
	mutex_unlock(&file->f_pos_lock);
	return ret;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int,
		whence)
{
	struct file *f = fget(fd);
	loff_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_llseek(f, offset, whence);
	fput(f);
	return ret;
}
