/*
 * pipe.c - the pipe buffer, shared by pipes and FIFOs: a ring of page
 * buffers (16 by default: 64 KiB) under a mutex; readers sleep while it
 * is empty and writers while it is full, interruptibly. A write of at
 * most PIPE_BUF bytes is never split. Reading with no writers left gives
 * EOF; writing with no readers gives EPIPE and SIGPIPE. A FIFO's pipe
 * hangs off its inode while open; anonymous pipes are in pipefs.c.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/uio.h>
#include <umk/wait.h>
#include <umk/signal.h>
#include <umk/uaccess.h>
#include <umk/poll.h>
#include <uapi/umk/ioctls.h>
#include "internal.h"
#include "pipe.h"

static bool pipe_empty(const struct pipe_inode_info *p)
{
	return p->head == p->tail;
}

static bool pipe_full(const struct pipe_inode_info *p)
{
	return p->head - p->tail >= p->ring_size;
}

static struct pipe_buffer *pipe_buf(struct pipe_inode_info *p,
				    unsigned int slot)
{
	return &p->bufs[slot & (p->ring_size - 1)];
}

struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->bufs = kcalloc(PIPE_DEF_BUFFERS, sizeof(*p->bufs), GFP_KERNEL);
	if (!p->bufs) {
		kfree(p);
		return NULL;
	}
	p->ring_size = PIPE_DEF_BUFFERS;
	mutex_init(&p->mutex);
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	return p;
}

void free_pipe_info(struct pipe_inode_info *p)
{
	while (!pipe_empty(p))
		__free_page(pipe_buf(p, p->tail++)->page);
	kfree(p->bufs);
	kfree(p);
}

/* Sleeps until cond(p) holds; -ERESTARTSYS if a signal comes first. */
static int pipe_wait(struct pipe_inode_info *p, struct wait_queue_head *wq,
		     bool (*cond)(struct pipe_inode_info *p))
{
	DEFINE_WAIT(w);
	int err = 0;

	for (;;) {
		prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
		if (cond(p))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(wq, &w);
	return err;
}

static bool pipe_readable(struct pipe_inode_info *p)
{
	return !pipe_empty(p) || !p->writers;
}

static bool pipe_writable(struct pipe_inode_info *p)
{
	return !pipe_full(p) || !p->readers;
}

static ssize_t pipe_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *p = file->private_data;
	ssize_t ret = 0;
	int err;

	mutex_lock(&p->mutex);
	while (iov_iter_count(to)) {
		if (!pipe_empty(p)) {
			struct pipe_buffer *buf = pipe_buf(p, p->tail);
			size_t want = min((size_t)buf->len, iov_iter_count(to));
			char *src = (char *)page_address(buf->page) +
				    buf->offset;
			size_t got = copy_to_iter(src, want, to);

			ret += got;
			buf->offset += got;
			buf->len -= got;
			if (!buf->len) {
				__free_page(buf->page);
				p->tail++;
				wake_up_all(&p->wr_wait);
			}
			if (got < want) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			continue;
		}
		if (!p->writers || ret)
			break;		/* EOF, or what we have is enough */
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&p->mutex);
		err = pipe_wait(p, &p->rd_wait, pipe_readable);
		mutex_lock(&p->mutex);
		if (err) {
			ret = err;
			break;
		}
	}
	mutex_unlock(&p->mutex);
	if (ret > 0)
		wake_up_all(&p->wr_wait);
	return ret;
}

/* Appends to the last buffer when the whole write fits in its page. */
static ssize_t pipe_merge(struct pipe_inode_info *p, struct iov_iter *from)
{
	struct pipe_buffer *buf;
	size_t n = iov_iter_count(from);
	size_t got;

	if (pipe_empty(p))
		return 0;
	buf = pipe_buf(p, p->head - 1);
	if (buf->offset + buf->len + n > PAGE_SIZE)
		return 0;
	got = copy_from_iter((char *)page_address(buf->page) + buf->offset +
			     buf->len, n, from);
	buf->len += got;
	return got < n ? -EFAULT : (ssize_t)got;
}

/* Fills a new buffer slot (the ring is not full); bytes or -errno. */
static ssize_t pipe_fill_slot(struct pipe_inode_info *p,
			      struct iov_iter *from)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	size_t want = min(PAGE_SIZE, iov_iter_count(from));
	size_t got;

	if (!page)
		return -ENOMEM;
	got = copy_from_iter(page_address(page), want, from);
	if (!got) {
		__free_page(page);
		return -EFAULT;
	}
	*pipe_buf(p, p->head) = (struct pipe_buffer){ page, 0, got };
	p->head++;
	return got;
}

static ssize_t pipe_write(struct file *file, struct iov_iter *from,
			  loff_t *pos)
{
	struct pipe_inode_info *p = file->private_data;
	ssize_t ret = 0, n;
	int err;

	mutex_lock(&p->mutex);
	if (p->readers) {
		ret = pipe_merge(p, from);
		if (ret > 0)
			wake_up_all(&p->rd_wait);
	}
	while (ret >= 0 && iov_iter_count(from)) {
		if (!p->readers) {
			/* Kernel threads have no signals to get. */
			if (current->signal)
				send_sig_pipe();
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (!pipe_full(p)) {
			n = pipe_fill_slot(p, from);
			if (n < 0) {
				if (!ret)
					ret = n;
				break;
			}
			ret += n;
			wake_up_all(&p->rd_wait);
			continue;
		}
		if (file->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		mutex_unlock(&p->mutex);
		err = pipe_wait(p, &p->wr_wait, pipe_writable);
		mutex_lock(&p->mutex);
		if (err) {
			if (!ret)
				ret = err;
			break;
		}
	}
	mutex_unlock(&p->mutex);
	if (ret > 0)
		file_update_time(file);
	return ret;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = file->private_data;
	unsigned int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&p->mutex);
	for (unsigned int slot = p->tail; slot != p->head; slot++)
		count += pipe_buf(p, slot)->len;
	mutex_unlock(&p->mutex);
	return put_user((int)count, (int __user *)arg) ? -EFAULT : 0;
}

static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *p = file->private_data;
	bool last;

	mutex_lock(&p->mutex);
	if (file->f_mode & FMODE_READ)
		p->readers--;
	if (file->f_mode & FMODE_WRITE)
		p->writers--;
	last = --p->files == 0;
	mutex_unlock(&p->mutex);
	wake_up_all(&p->rd_wait);
	wake_up_all(&p->wr_wait);
	if (last) {
		if (inode->i_pipe == p)
			inode->i_pipe = NULL;
		free_pipe_info(p);
	}
	return 0;
}

/* The ring grows or shrinks to size bytes (a power of two of pages). */
static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	unsigned int slots = 1, used;
	struct pipe_buffer *bufs;

	if (arg > PIPE_MAX_SIZE && !fs_capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (arg > (1UL << 31))
		return -EINVAL;
	while ((unsigned long)slots * PAGE_SIZE < arg)
		slots *= 2;
	used = p->head - p->tail;
	if (slots < used)
		return -EBUSY;
	bufs = kcalloc(slots, sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < used; i++)
		bufs[i] = *pipe_buf(p, p->tail + i);
	kfree(p->bufs);
	p->bufs = bufs;
	p->tail = 0;
	p->head = used;
	p->ring_size = slots;
	wake_up_all(&p->wr_wait);
	return (long)slots * PAGE_SIZE;
}

static unsigned int pipe_poll(struct file *file, struct poll_table *pt)
{
	struct pipe_inode_info *p = file->private_data;
	unsigned int mask = 0;

	if (file->f_mode & FMODE_READ) {
		poll_wait(file, &p->rd_wait, pt);
		if (!pipe_empty(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (file->f_mode & FMODE_WRITE) {
		poll_wait(file, &p->wr_wait, pt);
		if (!pipe_full(p))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = file->private_data;
	long ret;

	if (file->f_op != &pipefifo_fops || !p)
		return -EBADF;
	mutex_lock(&p->mutex);
	if (cmd == F_GETPIPE_SZ)
		ret = (long)p->ring_size * PAGE_SIZE;
	else
		ret = pipe_set_size(p, arg);
	mutex_unlock(&p->mutex);
	return ret;
}

/* Waits for the other end of a FIFO to be opened. */
static int wait_for_partner(struct pipe_inode_info *p, unsigned int *counter)
{
	unsigned int seen = *counter;
	DEFINE_WAIT(w);
	int err = 0;

	for (;;) {
		prepare_to_wait(&p->rd_wait, &w, TASK_INTERRUPTIBLE);
		if (READ_ONCE(*counter) != seen)
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&p->rd_wait, &w);
	return err;
}

/* Both ends wake partners through rd_wait: one queue for FIFO opens. */
static void wake_partner(struct pipe_inode_info *p)
{
	wake_up_all(&p->rd_wait);
}

static int fifo_open_ends(struct pipe_inode_info *p, struct file *file)
{
	bool nonblock = file->f_flags & O_NONBLOCK;

	switch (file->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		p->r_counter++;
		p->readers++;
		wake_partner(p);
		if (!p->writers && !nonblock)
			return wait_for_partner(p, &p->w_counter);
		return 0;
	case FMODE_WRITE:
		p->w_counter++;
		p->writers++;
		wake_partner(p);
		if (!p->readers)
			return wait_for_partner(p, &p->r_counter);
		return 0;
	case FMODE_READ | FMODE_WRITE:
		p->r_counter++;
		p->w_counter++;
		p->readers++;
		p->writers++;
		wake_partner(p);
		return 0;
	default:
		return -EINVAL;
	}
}

int fifo_open(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *p = inode->i_pipe;
	bool write_only = (file->f_mode & (FMODE_READ | FMODE_WRITE)) ==
			  FMODE_WRITE;
	int err;

	/* A writer that may not wait for a reader: POSIX says ENXIO. */
	if (write_only && (file->f_flags & O_NONBLOCK) && (!p || !p->readers))
		return -ENXIO;
	if (!p) {
		p = alloc_pipe_info();
		if (!p)
			return -ENOMEM;
		inode->i_pipe = p;
	}
	file->private_data = p;
	stream_open(inode, file);
	p->files++;
	err = fifo_open_ends(p, file);
	if (err)
		pipe_release(inode, file);	/* undo this end */
	return err;
}

const struct file_operations pipefifo_fops = {
	.open = fifo_open,
	.llseek = no_llseek,
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.unlocked_ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

