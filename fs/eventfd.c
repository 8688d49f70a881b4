/*
 * eventfd.c - eventfd(2) and eventfd2(2): a 64-bit counter as a file.
 * write() adds (blocking while it would pass 2^64 - 2), read() returns
 * the count and zeroes it (EFD_SEMAPHORE: returns 1 and decrements),
 * blocking while it is 0; poll reports POLLIN while the count is not 0
 * and POLLOUT while another 1 fits.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/poll.h>
#include <umk/signal.h>
#include <umk/uio.h>
#include <umk/anon_inodes.h>
#include <umk/syscalls.h>

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK
#define EFD_MAX		0xfffffffffffffffeULL

struct eventfd_ctx {
	struct wait_queue_head wq;
	u64 count;
	bool semaphore;
};

/* Sleeps until ready(ctx) or a signal; -EAGAIN for a non-blocking file. */
static int eventfd_wait(struct file *file, struct eventfd_ctx *ctx,
			bool (*ready)(struct eventfd_ctx *, u64), u64 arg)
{
	DEFINE_WAIT(w);
	int err = 0;

	if (ready(ctx, arg))
		return 0;
	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	for (;;) {
		prepare_to_wait(&ctx->wq, &w, TASK_INTERRUPTIBLE);
		if (ready(ctx, arg))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&ctx->wq, &w);
	return err;
}

static bool can_read(struct eventfd_ctx *ctx, u64 unused)
{
	return ctx->count != 0;
}

static bool can_add(struct eventfd_ctx *ctx, u64 n)
{
	return EFD_MAX - ctx->count >= n;
}

static ssize_t eventfd_read(struct file *file, struct iov_iter *to,
			    loff_t *pos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 val;
	int err;

	if (iov_iter_count(to) < sizeof(val))
		return -EINVAL;
	err = eventfd_wait(file, ctx, can_read, 0);
	if (err)
		return err;
	val = ctx->semaphore ? 1 : ctx->count;
	ctx->count -= val;
	wake_up_all(&ctx->wq);
	if (copy_to_iter(&val, sizeof(val), to) != sizeof(val))
		return -EFAULT;
	return sizeof(val);
}

static ssize_t eventfd_write(struct file *file, struct iov_iter *from,
			     loff_t *pos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 val;
	int err;

	if (iov_iter_count(from) < sizeof(val))
		return -EINVAL;
	if (copy_from_iter(&val, sizeof(val), from) != sizeof(val))
		return -EFAULT;
	if (val == ~0ULL)
		return -EINVAL;
	err = eventfd_wait(file, ctx, can_add, val);
	if (err)
		return err;
	ctx->count += val;
	if (val)
		wake_up_all(&ctx->wq);
	return sizeof(val);
}

static unsigned int eventfd_poll(struct file *file, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = file->private_data;
	unsigned int mask = 0;

	poll_wait(file, &ctx->wq, pt);
	if (ctx->count)
		mask |= POLLIN | POLLRDNORM;
	if (ctx->count < EFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static int eventfd_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.read_iter = eventfd_read,
	.write_iter = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

static long do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wq);
	ctx->count = count;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & (EFD_CLOEXEC | EFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	return do_eventfd(count, flags);
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return do_eventfd(count, 0);
}
