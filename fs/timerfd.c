/*
 * timerfd.c - timerfd_create(2), timerfd_settime(2), timerfd_gettime(2):
 * a timer as a file. Each expiry (tick-granular, on CLOCK_REALTIME or
 * CLOCK_MONOTONIC/BOOTTIME) adds to a count of expirations, including
 * periods missed; read() returns the count as a u64 and zeroes it,
 * blocking while it is 0; poll reports POLLIN while it is not.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/poll.h>
#include <umk/signal.h>
#include <umk/fdtable.h>
#include <umk/irqflags.h>
#include <umk/timer.h>
#include <umk/uio.h>
#include <umk/uaccess.h>
#include <umk/anon_inodes.h>
#include <umk/syscalls.h>
#include <uapi/umk/time.h>
#include <umk/timekeeping.h>

#define TFD_TIMER_ABSTIME	1
#define TFD_TIMER_CANCEL_ON_SET	2
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

struct timerfd_ctx {
	struct timer_list timer;
	struct wait_queue_head wq;
	clockid_t clock;
	s64 expires;		/* on clock, ns; 0: disarmed */
	s64 interval;		/* ns */
	u64 ticks;		/* expirations not yet read */
};

static void timerfd_arm(struct timerfd_ctx *ctx)
{
	s64 now = clock_now(ctx->clock);

	mod_timer(&ctx->timer, jiffies + ns_to_jiffies(ctx->expires - now));
}

/* In irq context. */
static void timerfd_fn(struct timer_list *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);
	s64 now = clock_now(ctx->clock);

	if (!ctx->expires)
		return;
	if (now < ctx->expires) {
		timerfd_arm(ctx);
		return;
	}
	ctx->ticks++;
	if (ctx->interval) {
		s64 missed = (now - ctx->expires) / ctx->interval;

		ctx->ticks += missed;
		ctx->expires += (missed + 1) * ctx->interval;
		timerfd_arm(ctx);
	} else {
		ctx->expires = 0;
	}
	wake_up_all(&ctx->wq);
}

static ssize_t timerfd_read(struct file *file, struct iov_iter *to,
			    loff_t *pos)
{
	struct timerfd_ctx *ctx = file->private_data;
	unsigned long flags;
	DEFINE_WAIT(w);
	u64 val = 0;
	int err = 0;

	if (iov_iter_count(to) < sizeof(val))
		return -EINVAL;
	for (;;) {
		prepare_to_wait(&ctx->wq, &w, TASK_INTERRUPTIBLE);
		local_irq_save(flags);
		val = ctx->ticks;
		ctx->ticks = 0;
		local_irq_restore(flags);
		if (val)
			break;
		if (file->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&ctx->wq, &w);
	if (err)
		return err;
	if (copy_to_iter(&val, sizeof(val), to) != sizeof(val))
		return -EFAULT;
	return sizeof(val);
}

static unsigned int timerfd_poll(struct file *file, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = file->private_data;

	poll_wait(file, &ctx->wq, pt);
	return READ_ONCE(ctx->ticks) ? POLLIN | POLLRDNORM : 0;
}

static int timerfd_release(struct inode *inode, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;

	del_timer(&ctx->timer);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.read_iter = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

SYSCALL_DEFINE2(timerfd_create, clockid_t, clock, int, flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	if (clock_check(clock))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wq);
	timer_setup(&ctx->timer, timerfd_fn);
	ctx->clock = clock;
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx,
			      O_RDWR | (flags & (TFD_CLOEXEC | TFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* The timerfd of fd, referenced in *filep. */
static struct timerfd_ctx *timerfd_get(int fd, struct file **filep)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*filep = f;
	return f->private_data;
}

static void timerfd_value(struct timerfd_ctx *ctx,
			  struct __kernel_itimerspec *v)
{
	s64 left = ctx->expires ? ctx->expires - clock_now(ctx->clock) : 0;

	if (ctx->expires && left <= 0)
		left = 1;
	ns_to_timespec(left, &v->it_value);
	ns_to_timespec(ctx->interval, &v->it_interval);
}

SYSCALL_DEFINE4(timerfd_settime, int, fd, int, flags,
		const struct __kernel_itimerspec __user *, unew,
		struct __kernel_itimerspec __user *, uold)
{
	struct __kernel_itimerspec old;
	struct timerfd_ctx *ctx;
	s64 value, interval;
	unsigned long irq;
	struct file *f;
	int err;

	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	err = itimerspec_from_user(unew, &value, &interval);
	if (err)
		return err;
	ctx = timerfd_get(fd, &f);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	local_irq_save(irq);
	timerfd_value(ctx, &old);
	del_timer(&ctx->timer);
	ctx->ticks = 0;
	ctx->interval = value ? interval : 0;
	ctx->expires = 0;
	if (value) {
		ctx->expires = (flags & TFD_TIMER_ABSTIME) ? value :
			       clock_now(ctx->clock) + value;
		timerfd_arm(ctx);
	}
	local_irq_restore(irq);
	fput(f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, fd,
		struct __kernel_itimerspec __user *, uv)
{
	struct __kernel_itimerspec v;
	struct timerfd_ctx *ctx;
	unsigned long irq;
	struct file *f;

	ctx = timerfd_get(fd, &f);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	local_irq_save(irq);
	timerfd_value(ctx, &v);
	local_irq_restore(irq);
	fput(f);
	return copy_to_user(uv, &v, sizeof(v)) ? -EFAULT : 0;
}
