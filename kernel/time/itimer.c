/*
 * itimer.c - alarm(2), setitimer(2) and getitimer(2). ITIMER_REAL is a
 * kernel timer (tick-granular) that sends SIGALRM to the process and
 * re-arms itself with the interval; ITIMER_VIRTUAL and ITIMER_PROF count
 * the ticks that find a thread of the process running (umk does not tell
 * user from system time, so both count the same ticks) and send
 * SIGVTALRM / SIGPROF. The timers live in struct signal_struct: fork
 * starts the child with none, exec keeps them.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/signal.h>
#include <umk/irqflags.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/time.h>

#define TICK_USEC	(1000000 / HZ)

static void it_real_fn(struct timer_list *t)
{
	struct signal_struct *sig = container_of(t, struct signal_struct,
						 real_timer);
	struct task_struct *leader;

	if (!sig->nr_threads)
		return;
	leader = list_first_entry(&sig->thread_head, struct task_struct,
				  thread_node);
	send_sig(SIGALRM, leader, 1);
	if (sig->it_real_incr)
		mod_timer(t, jiffies + sig->it_real_incr);
}

/* A timeval as ticks, rounded up (a non-zero value is at least one). */
static u64 tv_to_ticks(const struct __kernel_old_timeval *tv)
{
	return (u64)tv->tv_sec * HZ + DIV_ROUND_UP((u64)tv->tv_usec,
						   TICK_USEC);
}

static void ticks_to_tv(u64 ticks, struct __kernel_old_timeval *tv)
{
	tv->tv_sec = ticks / HZ;
	tv->tv_usec = (ticks % HZ) * TICK_USEC;
}

static bool tv_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

static void get_itimer(struct signal_struct *sig, int which,
		       struct __kernel_old_itimerval *v)
{
	unsigned long flags;
	u64 left = 0, incr;

	local_irq_save(flags);
	if (which == ITIMER_REAL) {
		incr = sig->it_real_incr;
		if (timer_pending(&sig->real_timer) &&
		    time_after(sig->real_timer.expires, jiffies))
			left = sig->real_timer.expires - jiffies;
		else if (timer_pending(&sig->real_timer))
			left = 1;
	} else {
		incr = sig->it_cpu_incr[which - 1];
		left = sig->it_cpu_value[which - 1];
	}
	local_irq_restore(flags);
	ticks_to_tv(left, &v->it_value);
	ticks_to_tv(incr, &v->it_interval);
}

static void set_itimer(struct signal_struct *sig, int which,
		       const struct __kernel_old_itimerval *v)
{
	u64 value = tv_to_ticks(&v->it_value);
	u64 incr = tv_to_ticks(&v->it_interval);
	unsigned long flags;

	local_irq_save(flags);
	if (which == ITIMER_REAL) {
		if (!sig->real_timer.function)
			timer_setup(&sig->real_timer, it_real_fn);
		del_timer(&sig->real_timer);
		sig->it_real_incr = incr;
		if (value)
			mod_timer(&sig->real_timer, jiffies + value);
	} else {
		sig->it_cpu_value[which - 1] = value;
		sig->it_cpu_incr[which - 1] = value ? incr : 0;
	}
	local_irq_restore(flags);
}

/* From the tick: a thread of t's process ran during this tick. */
void itimer_tick(struct task_struct *t)
{
	static const int sigs[2] = { SIGVTALRM, SIGPROF };
	struct signal_struct *sig = t->signal;

	for (int i = 0; sig && i < 2; i++) {
		if (!sig->it_cpu_value[i] || --sig->it_cpu_value[i])
			continue;
		sig->it_cpu_value[i] = sig->it_cpu_incr[i];
		send_sig(sigs[i], t->group_leader, 1);
	}
}

void exit_itimers(struct signal_struct *sig)
{
	del_timer(&sig->real_timer);
	exit_posix_timers(sig);
}

SYSCALL_DEFINE2(getitimer, int, which,
		struct __kernel_old_itimerval __user *, value)
{
	struct __kernel_old_itimerval v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	get_itimer(current->signal, which, &v);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which,
		const struct __kernel_old_itimerval __user *, value,
		struct __kernel_old_itimerval __user *, ovalue)
{
	struct __kernel_old_itimerval v = { 0 }, old;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	/* A NULL new value disarms, as Linux still allows. */
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (!tv_valid(&v.it_value) || !tv_valid(&v.it_interval))
		return -EINVAL;
	get_itimer(current->signal, which, &old);
	set_itimer(current->signal, which, &v);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Seconds left, rounded to the nearest (at least 1 if armed). */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct __kernel_old_itimerval v = { 0 }, old;
	long left;

	v.it_value.tv_sec = seconds;
	get_itimer(current->signal, ITIMER_REAL, &old);
	set_itimer(current->signal, ITIMER_REAL, &v);
	left = old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
	if (!left && (old.it_value.tv_usec || old.it_value.tv_sec))
		left = 1;
	return left;
}
