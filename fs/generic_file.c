/*
 * generic_file.c - reading and writing regular files through the page
 * cache: read copies from cached pages (reading them in, or zeroes for
 * holes of memory-only files); write fills pages (allocating them) and
 * grows i_size; truncate_setsize drops what lies beyond a new end.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/pagemap.h>
#include <umk/signal.h>
#include "internal.h"

/* Memory-only files read holes as zeroes without allocating pages. */
static bool holes_are_zero(const struct address_space *m)
{
	return !m->a_ops || !m->a_ops->readpage;
}

/* Copies n bytes at pos of the file to the iterator; bytes copied. */
static ssize_t read_page_part(struct address_space *m, loff_t pos, size_t n,
			      struct iov_iter *to)
{
	struct page *page = find_get_page(m, pos >> PAGE_SHIFT);
	size_t copied;

	if (!page && holes_are_zero(m))
		return iov_iter_zero(n, to);
	if (!page || !PageUptodate(page)) {
		if (page)
			put_page(page);
		page = filemap_get_page(m, pos >> PAGE_SHIFT);
		if (IS_ERR(page))
			return PTR_ERR(page);
	}
	copied = copy_to_iter((char *)page_address(page) +
			      (pos & ~PAGE_MASK), n, to);
	put_page(page);
	return copied;
}

ssize_t generic_file_read_iter(struct file *file, struct iov_iter *to,
			       loff_t *pos)
{
	struct inode *inode = file_inode(file);
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		loff_t size = inode->i_size;
		size_t n;
		ssize_t got;

		if (*pos >= size)
			break;
		n = min(PAGE_SIZE - (size_t)(*pos & ~PAGE_MASK),
			(size_t)(size - *pos));
		n = min(n, iov_iter_count(to));
		got = read_page_part(file->f_mapping, *pos, n, to);
		if (got < 0) {
			if (!done)
				done = got;
			break;
		}
		*pos += got;
		done += got;
		if ((size_t)got < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	touch_atime(&file->f_path);
	return done;
}

/* Bytes of the page holding old_size that lie beyond it read as zero. */
static void zero_beyond_eof(struct inode *inode, loff_t old_size)
{
	unsigned int off = old_size & ~PAGE_MASK;
	struct page *page;

	if (!off)
		return;
	page = find_get_page(inode->i_mapping, old_size >> PAGE_SHIFT);
	if (page) {
		memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
		put_page(page);
	}
}

/* Copies n bytes from the iterator to the file at pos; bytes copied. */
static ssize_t write_page_part(struct inode *inode, loff_t pos, size_t n,
			       struct iov_iter *from)
{
	u64 index = pos >> PAGE_SHIFT;
	bool full = n == PAGE_SIZE ||
		    (loff_t)(index << PAGE_SHIFT) >= inode->i_size;
	struct page *page = filemap_grab_page(inode->i_mapping, index, full);
	size_t copied;

	if (IS_ERR(page))
		return PTR_ERR(page);
	copied = copy_from_iter((char *)page_address(page) +
				(pos & ~PAGE_MASK), n, from);
	set_page_dirty(page);
	put_page(page);
	return copied;
}

/* RLIMIT_FSIZE: SIGXFSZ and EFBIG at the limit, a short write before. */
int check_fsize_limit(loff_t pos, struct iov_iter *from)
{
	unsigned long limit;

	if (!current->signal)
		return 0;	/* kernel threads have no limits */
	limit = rlimit(RLIMIT_FSIZE);
	if (limit == RLIM_INFINITY)
		return 0;
	if ((u64)pos >= limit) {
		send_sig(SIGXFSZ, current, 0);
		return -EFBIG;
	}
	if (from)
		iov_iter_truncate(from, limit - pos);
	return 0;
}

ssize_t generic_file_write_iter(struct file *file, struct iov_iter *from,
				loff_t *pos)
{
	struct inode *inode = file_inode(file);
	loff_t maxbytes = inode->i_sb->s_maxbytes;
	ssize_t done = 0;

	mutex_lock(&inode->i_rwsem);
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	done = *pos >= maxbytes ? -EFBIG : check_fsize_limit(*pos, from);
	if (done) {
		mutex_unlock(&inode->i_rwsem);
		return done;
	}
	iov_iter_truncate(from, maxbytes - *pos);
	file_remove_privs(file);
	file_update_time(file);
	if (*pos > inode->i_size)
		zero_beyond_eof(inode, inode->i_size);
	while (iov_iter_count(from)) {
		size_t n = min(PAGE_SIZE - (size_t)(*pos & ~PAGE_MASK),
			       iov_iter_count(from));
		ssize_t got = write_page_part(inode, *pos, n, from);

		if (got < 0) {
			if (!done)
				done = got;
			break;
		}
		*pos += got;
		done += got;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if ((size_t)got < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	mutex_unlock(&inode->i_rwsem);
	if (done > 0 && (file->f_flags & O_DSYNC)) {
		int err = filemap_write_and_wait(inode->i_mapping);

		if (err)
			return err;
	}
	return done;
}

void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t old = inode->i_size;

	inode->i_size = newsize;
	if (newsize > old)
		zero_beyond_eof(inode, old);
	else if (newsize < old)
		truncate_inode_pages(inode->i_mapping, newsize);
}

int noop_fsync(struct file *file, bool datasync)
{
	return 0;
}
