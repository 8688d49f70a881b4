/*
 * select.c - waiting for files: poll, ppoll, select and pselect6. Each
 * pass asks every file for its events (vfs_poll), which also queues the
 * caller on the files' wait queues; if nothing is ready the caller
 * sleeps until a wake-up, a signal or the timeout, then asks again.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/poll.h>
#include <umk/slab.h>
#include <umk/signal.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/time_types.h>
#include "internal.h"

#define POLL_CHUNK	30
#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	POLLPRI
#define NO_TIMEOUT	(-1LL)
#define S64_MAX_SEC	(1LL << 32)	/* 136 years: treat as forever */

struct poll_entry {
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
};

struct poll_chunk {
	struct poll_chunk *next;
	unsigned int n;
	struct poll_entry entries[POLL_CHUNK];
};

/* The queues one poll call waits on. */
struct poll_wqueues {
	struct poll_table pt;
	struct poll_chunk *chunks;
	int error;
};

unsigned int vfs_poll(struct file *file, struct poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

static void queue_on(struct file *file, struct wait_queue_head *wq,
		     struct poll_table *pt)
{
	struct poll_wqueues *pw = container_of(pt, struct poll_wqueues, pt);
	struct poll_chunk *c = pw->chunks;
	struct poll_entry *e;

	if (!c || c->n == POLL_CHUNK) {
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c) {
			pw->error = -ENOMEM;
			return;
		}
		c->next = pw->chunks;
		pw->chunks = c;
	}
	e = &c->entries[c->n++];
	e->wq = wq;
	e->wait.task = current;
	e->wait.exclusive = false;
	INIT_LIST_HEAD(&e->wait.entry);
	prepare_to_wait(wq, &e->wait, TASK_INTERRUPTIBLE);
}

static void poll_freewait(struct poll_wqueues *pw)
{
	while (pw->chunks) {
		struct poll_chunk *c = pw->chunks;

		for (unsigned int i = 0; i < c->n; i++)
			finish_wait(c->entries[i].wq, &c->entries[i].wait);
		pw->chunks = c->next;
		kfree(c);
	}
	set_current_state(TASK_RUNNING);
}

/* ns left before deadline (an absolute ktime), 0 if passed. */
static s64 time_left(s64 deadline)
{
	s64 now = ktime_get_ns();

	return deadline > now ? deadline - now : 0;
}

/*
 * Sleeps after a pass found nothing: false when the wait is over
 * (timeout, or a signal: *err is then -ERESTARTNOHAND).
 */
static bool poll_sleep(s64 deadline, int *err)
{
	long jiffies_left = MAX_SCHEDULE_TIMEOUT;

	if (signal_pending(current)) {
		*err = -ERESTARTNOHAND;
		return false;
	}
	if (deadline != NO_TIMEOUT) {
		s64 ns = time_left(deadline);

		if (!ns)
			return false;
		jiffies_left = DIV_ROUND_UP(ns * HZ, NSEC_PER_SEC);
	}
	schedule_timeout(jiffies_left);
	return true;
}

/* The events of one pollfd (0 for a negative fd, POLLNVAL for a bad one). */
static unsigned int poll_one(struct pollfd *p, struct poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return 0;
	f = fget(p->fd);
	if (!f)
		return POLLNVAL;
	mask = vfs_poll(f, pt);
	fput(f);
	/* Errors and hang-ups are reported whether asked for or not. */
	return mask & ((unsigned short)p->events | POLLERR | POLLHUP);
}

static int do_poll(struct pollfd *fds, unsigned int nfds, s64 deadline)
{
	struct poll_wqueues pw = { .pt.qproc = queue_on };
	int count, err = 0;

	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = poll_one(&fds[i], count ? NULL :
						  &pw.pt);
			if (fds[i].revents)
				count++;
		}
		if (count || pw.error || deadline == 0 ||
		    !poll_sleep(deadline, &err)) {
			poll_freewait(&pw);
			break;
		}
		poll_freewait(&pw);
	}
	return count ? count : (pw.error ? pw.error : err);
}

/* Deadlines: NO_TIMEOUT waits forever, 0 does not wait at all. */
static s64 deadline_after_ms(int timeout_ms)
{
	if (timeout_ms < 0)
		return NO_TIMEOUT;
	if (timeout_ms == 0)
		return 0;
	return ktime_get_ns() + (s64)timeout_ms * NSEC_PER_MSEC;
}

static s64 deadline_after_ns(s64 sec, s64 nsec)
{
	if (!sec && !nsec)
		return 0;
	if (sec > S64_MAX_SEC)
		return NO_TIMEOUT;	/* beyond any uptime */
	return ktime_get_ns() + sec * NSEC_PER_SEC + nsec;
}

static long user_poll(struct pollfd __user *ufds, unsigned int nfds,
		      s64 deadline)
{
	struct pollfd *fds;
	long ret;

	if (nfds > nofile_limit())
		return -EINVAL;
	fds = kcalloc(max(nfds, 1U), sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		goto out;
	ret = do_poll(fds, nfds, deadline);
	/* Only revents changes; write back what we read. */
	if (ret >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ret = -EFAULT;
out:
	kfree(fds);
	return ret;
}

/* ppoll/pselect6: the mask to wait with, until the call returns. */
static int set_user_sigmask(const sigset_t __user *umask, size_t size)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(set);
	return 0;
}

/* Interrupted, the old mask comes back after the handler has run. */
static void restore_user_sigmask(const void __user *umask, long ret)
{
	if (!umask || ret == -ERESTARTNOHAND)
		return;
	current->restore_sigmask = false;
	set_current_blocked(current->saved_sigmask);
}

static int get_timespec(const struct __kernel_timespec __user *uts,
			s64 *deadline)
{
	struct __kernel_timespec ts;

	*deadline = NO_TIMEOUT;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*deadline = deadline_after_ns(ts.tv_sec, ts.tv_nsec);
	return 0;
}

/* Linux tells the time left; a read-only timespec is not an error. */
static void put_time_left(struct __kernel_timespec __user *uts, s64 deadline)
{
	struct __kernel_timespec ts = { 0, 0 };
	s64 ns;

	if (!uts || deadline == NO_TIMEOUT)
		return;
	ns = deadline ? time_left(deadline) : 0;
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	(void)copy_to_user(uts, &ts, sizeof(ts));
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds,
		int, timeout_msecs)
{
	return user_poll(ufds, nfds, deadline_after_ms(timeout_msecs));
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp,
		const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	s64 deadline;
	long ret = get_timespec(tsp, &deadline);

	if (!ret)
		ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = user_poll(ufds, nfds, deadline);
	restore_user_sigmask(sigmask, ret);
	put_time_left(tsp, deadline);
	return ret;
}

/* The three fd_sets of select, in and out. */
struct fd_sets {
	unsigned long *in, *out, *ex, *res_in, *res_out, *res_ex;
	size_t bytes;
};

static bool fd_isset(const unsigned long *set, unsigned int fd)
{
	return set[fd / 64] & (1UL << (fd % 64));
}

/* One pass over the sets: how many fds are ready, or -EBADF. */
static int select_pass(struct fd_sets *s, int n, struct poll_table *pt)
{
	int count = 0;

	memset(s->res_in, 0, 3 * s->bytes);
	for (int fd = 0; fd < n; fd++) {
		bool in = fd_isset(s->in, fd), out = fd_isset(s->out, fd);
		bool ex = fd_isset(s->ex, fd);
		unsigned int mask;
		struct file *f;

		if (!in && !out && !ex)
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		mask = vfs_poll(f, count ? NULL : pt);
		fput(f);
		if (in && (mask & POLLIN_SET)) {
			s->res_in[fd / 64] |= 1UL << (fd % 64);
			count++;
		}
		if (out && (mask & POLLOUT_SET)) {
			s->res_out[fd / 64] |= 1UL << (fd % 64);
			count++;
		}
		if (ex && (mask & POLLEX_SET)) {
			s->res_ex[fd / 64] |= 1UL << (fd % 64);
			count++;
		}
	}
	return count;
}

static int do_select(struct fd_sets *s, int n, s64 deadline)
{
	struct poll_wqueues pw = { .pt.qproc = queue_on };
	int count, err = 0;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		count = select_pass(s, n, &pw.pt);
		if (count || pw.error || deadline == 0 ||
		    !poll_sleep(deadline, &err)) {
			poll_freewait(&pw);
			break;
		}
		poll_freewait(&pw);
	}
	if (count)
		return count;
	return pw.error ? pw.error : err;
}

static int get_set(unsigned long *k, unsigned long __user *u, size_t bytes)
{
	if (!u) {
		memset(k, 0, bytes);
		return 0;
	}
	return copy_from_user(k, u, bytes) ? -EFAULT : 0;
}

static int put_set(unsigned long __user *u, unsigned long *k, size_t bytes)
{
	return u && copy_to_user(u, k, bytes) ? -EFAULT : 0;
}

static long core_sys_select(int n, unsigned long __user *inp,
			    unsigned long __user *outp,
			    unsigned long __user *exp, s64 deadline)
{
	struct fd_sets s;
	unsigned long *bits;
	long ret;

	if (n < 0)
		return -EINVAL;
	n = min((unsigned long)n, nofile_limit());
	s.bytes = DIV_ROUND_UP(max(n, 1), 64) * sizeof(long);
	bits = kzalloc(6 * s.bytes, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	s.in = bits;
	s.out = s.in + s.bytes / sizeof(long);
	s.ex = s.out + s.bytes / sizeof(long);
	s.res_in = s.ex + s.bytes / sizeof(long);
	s.res_out = s.res_in + s.bytes / sizeof(long);
	s.res_ex = s.res_out + s.bytes / sizeof(long);
	ret = get_set(s.in, inp, s.bytes);
	if (!ret)
		ret = get_set(s.out, outp, s.bytes);
	if (!ret)
		ret = get_set(s.ex, exp, s.bytes);
	if (!ret)
		ret = do_select(&s, n, deadline);
	if (ret >= 0 && (put_set(inp, s.res_in, s.bytes) ||
			 put_set(outp, s.res_out, s.bytes) ||
			 put_set(exp, s.res_ex, s.bytes)))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

SYSCALL_DEFINE5(select, int, n, unsigned long __user *, inp,
		unsigned long __user *, outp, unsigned long __user *, exp,
		struct __kernel_old_timeval __user *, tvp)
{
	struct __kernel_old_timeval tv;
	s64 deadline = NO_TIMEOUT, ns;
	long ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux accepts any tv_usec and carries it into seconds. */
		deadline = deadline_after_ns(tv.tv_sec + tv.tv_usec / 1000000,
					     (tv.tv_usec % 1000000) * 1000);
	}
	ret = core_sys_select(n, inp, outp, exp, deadline);
	if (tvp && deadline != NO_TIMEOUT) {
		ns = deadline ? time_left(deadline) : 0;
		tv.tv_sec = ns / NSEC_PER_SEC;
		tv.tv_usec = ns % NSEC_PER_SEC / 1000;
		(void)copy_to_user(tvp, &tv, sizeof(tv));
	}
	return ret;
}

SYSCALL_DEFINE6(pselect6, int, n, unsigned long __user *, inp,
		unsigned long __user *, outp, unsigned long __user *, exp,
		struct __kernel_timespec __user *, tsp, void __user *, sig)
{
	struct {
		const sigset_t __user *ss;
		size_t ss_len;
	} data = { NULL, 0 };
	s64 deadline;
	long ret = get_timespec(tsp, &deadline);

	if (!ret && sig && copy_from_user(&data, sig, sizeof(data)))
		ret = -EFAULT;
	if (!ret)
		ret = set_user_sigmask(data.ss, data.ss_len);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, deadline);
	restore_user_sigmask(data.ss, ret);
	put_time_left(tsp, deadline);
	return ret;
}
