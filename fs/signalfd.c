/*
 * signalfd.c - signalfd(2) and signalfd4(2): reading a file takes
 * pending signals of its mask from the reader's queues (thread, then
 * process) as 128-byte struct signalfd_siginfo records. The signals are
 * meant to be blocked, so they wait for the read instead of being
 * delivered. Every queued signal wakes signal_queued_wq: readers and
 * pollers recheck.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/poll.h>
#include <umk/signal.h>
#include <umk/fdtable.h>
#include <umk/uio.h>
#include <umk/uaccess.h>
#include <umk/anon_inodes.h>
#include <umk/syscalls.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

/* The 128-byte record read() returns (Linux's layout). */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};
BUILD_BUG_ON(sizeof(struct signalfd_siginfo) != 128);

struct signalfd_ctx {
	u64 mask;
};

static bool sigs_pending(u64 mask)
{
	return (current->pending.signal |
		current->signal->shared_pending.signal) & mask;
}

static void fill_record(struct signalfd_siginfo *r, const siginfo_t *info)
{
	memset(r, 0, sizeof(*r));
	r->ssi_signo = info->si_signo;
	r->ssi_errno = info->si_errno;
	r->ssi_code = info->si_code;
	switch (info->si_signo) {
	case SIGCHLD:
		r->ssi_pid = info->chld.si_pid;
		r->ssi_uid = info->chld.si_uid;
		r->ssi_status = info->chld.si_status;
		break;
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		r->ssi_addr = info->fault.si_addr;
		break;
	default:
		if (info->si_code == SI_TIMER) {
			r->ssi_tid = info->timer.si_tid;
			r->ssi_overrun = info->timer.si_overrun;
			r->ssi_int = (s32)info->timer.si_value;
			r->ssi_ptr = info->timer.si_value;
		} else {
			r->ssi_pid = info->kill.si_pid;
			r->ssi_uid = info->kill.si_uid;
			r->ssi_int = (s32)info->kill.si_value;
			r->ssi_ptr = info->kill.si_value;
		}
	}
}

/* One signal of mask, waiting for it unless non-blocking. */
static int signalfd_dequeue(struct file *file, u64 mask, siginfo_t *info,
			    bool wait)
{
	DEFINE_WAIT(w);
	int sig = dequeue_signal_mask(mask, info);

	if (sig || !wait)
		return sig ? sig : -EAGAIN;
	for (;;) {
		prepare_to_wait(&signal_queued_wq, &w, TASK_INTERRUPTIBLE);
		sig = dequeue_signal_mask(mask, info);
		if (sig)
			break;
		if (signal_pending(current)) {
			sig = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&signal_queued_wq, &w);
	return sig;
}

static ssize_t signalfd_read(struct file *file, struct iov_iter *to,
			     loff_t *pos)
{
	struct signalfd_ctx *ctx = file->private_data;
	struct signalfd_siginfo rec;
	size_t n = iov_iter_count(to) / sizeof(rec);
	ssize_t done = 0;
	siginfo_t info;
	int sig;

	if (!n)
		return -EINVAL;
	while (n--) {
		sig = signalfd_dequeue(file, ctx->mask, &info,
				       !done && !(file->f_flags & O_NONBLOCK));
		if (sig < 0)
			return done ? done : sig;
		fill_record(&rec, &info);
		if (copy_to_iter(&rec, sizeof(rec), to) != sizeof(rec))
			return done ? done : -EFAULT;
		done += sizeof(rec);
	}
	return done;
}

static unsigned int signalfd_poll(struct file *file, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = file->private_data;

	poll_wait(file, &signal_queued_wq, pt);
	return sigs_pending(ctx->mask) ? POLLIN | POLLRDNORM : 0;
}

static int signalfd_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read_iter = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

static long do_signalfd4(int ufd, const sigset_t __user *umask,
			 size_t sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	sigset_t mask;
	int fd;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~SIG_KERNEL_ONLY_MASK;
	if (ufd != -1) {
		f = fget(ufd);
		if (!f)
			return -EBADF;
		if (f->f_op != &signalfd_fops) {
			fput(f);
			return -EINVAL;
		}
		((struct signalfd_ctx *)f->private_data)->mask = mask;
		fput(f);
		wake_up_all(&signal_queued_wq);
		return ufd;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->mask = mask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx,
			      O_RDWR | (flags & (SFD_CLOEXEC | SFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, const sigset_t __user *, umask,
		size_t, sizemask, int, flags)
{
	return do_signalfd4(ufd, umask, sizemask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const sigset_t __user *, umask,
		size_t, sizemask)
{
	return do_signalfd4(ufd, umask, sizemask, 0);
}
