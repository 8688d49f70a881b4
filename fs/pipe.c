/*
 * pipe.c - pipes and FIFOs. A pipe is a ring of page buffers (16 by
 * default: 64 KiB) under a mutex; readers sleep while it is empty and
 * writers while it is full, interruptibly. A write of at most PIPE_BUF
 * bytes is never split. Reading with no writers left gives EOF; writing
 * with no readers gives EPIPE and SIGPIPE. Anonymous pipes have inodes
 * on an internal pipefs; a FIFO's pipe hangs off its inode while open.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/fdtable.h>
#include <umk/slab.h>
#include <umk/uio.h>
#include <umk/wait.h>
#include <umk/signal.h>
#include <umk/uaccess.h>
#include <umk/init.h>
#include <umk/syscalls.h>
#include <uapi/umk/statfs.h>
#include <uapi/umk/ioctls.h>
#include "internal.h"

#define PIPE_BUF		4096
#define PIPE_DEF_BUFFERS	16
#define PIPE_MAX_SIZE		(1U << 20)	/* fs.pipe-max-size */

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	struct mutex mutex;
	struct wait_queue_head rd_wait, wr_wait;
	unsigned int head, tail;	/* ring slots [tail, head) hold data */
	unsigned int ring_size;		/* slots, a power of two */
	unsigned int readers, writers, files;
	unsigned int r_counter, w_counter;	/* FIFO opens, for waits */
	struct pipe_buffer *bufs;
};

static struct vfsmount *pipe_mnt;

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

static struct pipe_inode_info *alloc_pipe_info(void)
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

static void free_pipe_info(struct pipe_inode_info *p)
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
	.release = pipe_release,
};

static int pipefs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = PIPEFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations pipefs_ops = {
	.statfs = pipefs_statfs,
};

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	struct super_block *sb = sget(type, flags);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_op = &pipefs_ops;
	sb->s_magic = PIPEFS_MAGIC;
	if (get_anon_dev(&sb->s_dev))
		goto fail;
	root = new_inode(sb);
	if (!root)
		goto fail;
	root->i_ino = 1;
	root->i_mode = S_IFDIR | 0700;
	sb->s_root = d_make_root(root);
	if (sb->s_root)
		return dget(sb->s_root);
fail:
	kill_anon_super(sb);
	return ERR_PTR(-ENOMEM);
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
};

/* An inode and unhashed dentry for a new pipe, as a referenced path. */
static int pipe_path(struct pipe_inode_info *p, struct path *path)
{
	static u64 next_ino = 2;
	struct super_block *sb = pipe_mnt->mnt_sb;
	struct inode *inode = new_inode(sb);
	struct dentry *d;
	char name[32];
	struct qstr q;

	if (!inode)
		return -ENOMEM;
	inode->i_ino = next_ino++;
	inode->i_pipe = p;
	inode->i_fop = &pipefifo_fops;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	/* Unlinked from birth: it goes with its last file. */
	inode->i_nlink = 0;
	q.len = snprintf(name, sizeof(name), "pipe:[%llu]",
			 (unsigned long long)inode->i_ino);
	q.name = name;
	d = d_alloc(sb->s_root, &q);
	if (!d) {
		inode->i_pipe = NULL;
		iput(inode);
		return -ENOMEM;
	}
	d_instantiate(d, inode);
	path->mnt = mntget(pipe_mnt);
	path->dentry = d;
	return 0;
}

int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *p = alloc_pipe_info();
	struct path path;
	int err;

	if (!p)
		return -ENOMEM;
	err = pipe_path(p, &path);
	if (err) {
		free_pipe_info(p);
		return err;
	}
	res[0] = alloc_file(&path, O_RDONLY | (flags & O_NONBLOCK),
			    &pipefifo_fops);
	res[1] = IS_ERR(res[0]) ? res[0] :
		 alloc_file(&path, O_WRONLY | (flags & O_NONBLOCK),
			    &pipefifo_fops);
	path_put(&path);
	if (IS_ERR(res[1])) {
		if (!IS_ERR(res[0]))
			fput(res[0]);	/* not opened: no release */
		free_pipe_info(p);
		return PTR_ERR(res[1]);
	}
	p->readers = p->writers = 1;
	p->files = 2;
	for (int i = 0; i < 2; i++) {
		res[i]->private_data = p;
		res[i]->f_mode |= FMODE_OPENED;
		stream_open(res[i]->f_inode, res[i]);
	}
	return 0;
}

static long do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;	/* O_DIRECT (packet mode) is not supported */
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	err = fd[1] < 0 ? fd[1] : 0;
	if (!err && copy_to_user(fildes, fd, sizeof(fd)))
		err = -EFAULT;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(fd[0]);
		if (fd[1] >= 0 && fd[1] != fd[0])
			put_unused_fd(fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}

static int pipe_init(void)
{
	int err = register_filesystem(&pipefs_type);

	if (err)
		return err;
	pipe_mnt = kern_mount(&pipefs_type);
	if (IS_ERR(pipe_mnt)) {
		err = PTR_ERR(pipe_mnt);
		pipe_mnt = NULL;
	}
	return err;
}
fs_initcall(pipe_init);
