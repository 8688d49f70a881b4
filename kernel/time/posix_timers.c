/*
 * posix_timers.c - timer_create(2) and friends. A timer is a kernel
 * timer (tick-granular) that, on CLOCK_REALTIME or CLOCK_MONOTONIC,
 * expires at an absolute time, sends its signal (SIGEV_SIGNAL to the
 * process, SIGEV_THREAD_ID to one thread, nothing for SIGEV_NONE) with
 * SI_TIMER siginfo, and re-arms with its interval. While its signal is
 * still queued, further expirations only raise that signal's
 * si_overrun (and timer_getoverrun's count), as in Linux.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/slab.h>
#include <umk/pid.h>
#include <umk/irqflags.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/time.h>
#include <umk/timekeeping.h>

struct k_itimer {
	struct list_head list;		/* signal_struct.posix_timers */
	struct timer_list timer;
	struct signal_struct *sig;
	int id;
	clockid_t clock;
	int notify;			/* SIGEV_* */
	int signo;
	pid_t tid;			/* SIGEV_THREAD_ID's thread */
	u64 value;			/* sigev_value */
	s64 expires;			/* on clock, ns; 0: disarmed */
	s64 interval;			/* ns */
	int overrun;
};

/* Raises the overrun of our signal if it is still queued. */
static bool bump_queued(struct task_struct *t, struct k_itimer *k)
{
	struct sigpending *lists[2] = { &t->pending,
					&t->signal->shared_pending };
	struct sigqueue *q;

	for (int i = 0; i < 2; i++) {
		list_for_each_entry(q, &lists[i]->list, list) {
			if (q->info.si_code == SI_TIMER &&
			    q->info.timer.si_tid == k->id) {
				q->info.timer.si_overrun++;
				return true;
			}
		}
	}
	return false;
}

static struct task_struct *timer_target(struct k_itimer *k)
{
	struct task_struct *t;

	if (!k->sig->nr_threads)
		return NULL;
	if (k->notify == SIGEV_THREAD_ID) {
		t = find_task_by_pid(k->tid);
		return t && t->signal == k->sig && !t->exit_state ? t : NULL;
	}
	return list_first_entry(&k->sig->thread_head, struct task_struct,
				thread_node);
}

static void timer_fire(struct k_itimer *k)
{
	struct task_struct *t = timer_target(k);
	siginfo_t info;

	if (k->notify == SIGEV_NONE || !t)
		return;
	if (bump_queued(t, k)) {
		k->overrun++;
		return;
	}
	k->overrun = 0;
	memset(&info, 0, sizeof(info));
	info.si_signo = k->signo;
	info.si_code = SI_TIMER;
	info.timer.si_tid = k->id;
	info.timer.si_value = k->value;
	send_signal_info(k->signo, &info, t, k->notify != SIGEV_THREAD_ID);
}

static void k_itimer_arm(struct k_itimer *k)
{
	s64 now = clock_now(k->clock);

	mod_timer(&k->timer, jiffies + ns_to_jiffies(k->expires - now));
}

static void k_itimer_fn(struct timer_list *t)
{
	struct k_itimer *k = container_of(t, struct k_itimer, timer);
	s64 now = clock_now(k->clock);

	if (!k->expires)
		return;
	if (now < k->expires) {		/* the tick came a little early */
		k_itimer_arm(k);
		return;
	}
	timer_fire(k);
	if (!k->interval) {
		k->expires = 0;
		return;
	}
	k->expires += k->interval;
	if (k->expires <= now) {	/* missed periods count as overruns */
		s64 missed = (now - k->expires) / k->interval + 1;

		k->overrun += missed;
		k->expires += missed * k->interval;
	}
	k_itimer_arm(k);
}

static void k_itimer_free(struct k_itimer *k)
{
	del_timer(&k->timer);
	list_del(&k->list);
	kfree(k);
}

void exit_posix_timers(struct signal_struct *sig)
{
	struct k_itimer *k, *n;

	if (!sig->posix_timers.next)
		return;
	list_for_each_entry_safe(k, n, &sig->posix_timers, list)
		k_itimer_free(k);
}

static struct k_itimer *find_timer(int id)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *k;

	if (!sig->posix_timers.next)
		return NULL;
	list_for_each_entry(k, &sig->posix_timers, list) {
		if (k->id == id)
			return k;
	}
	return NULL;
}

static int parse_sigevent(struct k_itimer *k, const struct sigevent __user *u)
{
	struct sigevent ev;
	struct task_struct *t;

	if (!u) {
		k->notify = SIGEV_SIGNAL;
		k->signo = SIGALRM;
		k->value = k->id;
		return 0;
	}
	if (copy_from_user(&ev, u, sizeof(ev)))
		return -EFAULT;
	k->notify = ev.sigev_notify;
	k->signo = ev.sigev_signo;
	k->value = ev.sigev_value;
	if (k->notify == SIGEV_NONE)
		return 0;
	if (k->notify != SIGEV_SIGNAL && k->notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (!valid_signal(k->signo))
		return -EINVAL;
	if (k->notify == SIGEV_THREAD_ID) {
		t = find_task_by_pid(ev.sigev_notify_thread_id);
		if (!t || t->signal != current->signal)
			return -EINVAL;
		k->tid = ev.sigev_notify_thread_id;
	}
	return 0;
}

SYSCALL_DEFINE3(timer_create, clockid_t, clock,
		const struct sigevent __user *, sevp, int __user *, created)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *k;
	int err;

	if (clock_check(clock))
		return -EINVAL;
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	if (!sig->posix_timers.next)
		INIT_LIST_HEAD(&sig->posix_timers);
	k->id = sig->next_posix_timer_id;
	k->clock = clock;
	k->sig = sig;
	timer_setup(&k->timer, k_itimer_fn);
	err = parse_sigevent(k, sevp);
	if (!err && put_user(k->id, created))
		err = -EFAULT;
	if (err) {
		kfree(k);
		return err;
	}
	sig->next_posix_timer_id++;
	list_add_tail(&k->list, &sig->posix_timers);
	return 0;
}

static void k_itimer_get(struct k_itimer *k, struct __kernel_itimerspec *v)
{
	s64 left = k->expires ? k->expires - clock_now(k->clock) : 0;

	if (k->expires && left <= 0)
		left = 1;
	ns_to_timespec(left, &v->it_value);
	ns_to_timespec(k->interval, &v->it_interval);
}

SYSCALL_DEFINE4(timer_settime, int, id, int, flags,
		const struct __kernel_itimerspec __user *, unew,
		struct __kernel_itimerspec __user *, uold)
{
	struct k_itimer *k = find_timer(id);
	struct __kernel_itimerspec old;
	s64 value, interval;
	unsigned long irq;
	int err;

	if (!k)
		return -EINVAL;
	err = itimerspec_from_user(unew, &value, &interval);
	if (err)
		return err;
	local_irq_save(irq);
	k_itimer_get(k, &old);
	del_timer(&k->timer);
	k->overrun = 0;
	k->interval = value ? interval : 0;
	k->expires = 0;
	if (value) {
		k->expires = (flags & TIMER_ABSTIME) ? value :
			     clock_now(k->clock) + value;
		k_itimer_arm(k);
	}
	local_irq_restore(irq);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timer_gettime, int, id,
		struct __kernel_itimerspec __user *, uv)
{
	struct k_itimer *k = find_timer(id);
	struct __kernel_itimerspec v;
	unsigned long irq;

	if (!k)
		return -EINVAL;
	local_irq_save(irq);
	k_itimer_get(k, &v);
	local_irq_restore(irq);
	return copy_to_user(uv, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(timer_getoverrun, int, id)
{
	struct k_itimer *k = find_timer(id);

	return k ? k->overrun : -EINVAL;
}

SYSCALL_DEFINE1(timer_delete, int, id)
{
	struct k_itimer *k = find_timer(id);
	unsigned long irq;

	if (!k)
		return -EINVAL;
	local_irq_save(irq);
	k_itimer_free(k);
	local_irq_restore(irq);
	return 0;
}
