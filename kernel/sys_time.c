/*
 * sys_time.c - clocks and sleeps for guests: clock_gettime/getres/
 * settime, gettimeofday/settimeofday, time, nanosleep, clock_nanosleep.
 * The clocks are kernel/time/clock.c's monotonic and realtime ones;
 * sleeps wait on the tick, so they last at least what was asked, rounded
 * up to the next tick (1/HZ). A relative sleep a signal interrupts
 * continues through restart_syscall with the time left.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/wait.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/time.h>

#define CAP_SYS_TIME	25
#define TICK_NSEC	(NSEC_PER_SEC / HZ)

static bool clock_is_realtime(clockid_t clk)
{
	return clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE ||
	       clk == CLOCK_TAI || clk == CLOCK_REALTIME_ALARM;
}

static bool clock_is_monotonic(clockid_t clk)
{
	return clk == CLOCK_MONOTONIC || clk == CLOCK_MONOTONIC_RAW ||
	       clk == CLOCK_MONOTONIC_COARSE || clk == CLOCK_BOOTTIME ||
	       clk == CLOCK_BOOTTIME_ALARM;
}

static bool clock_is_cputime(clockid_t clk)
{
	return clk == CLOCK_PROCESS_CPUTIME_ID ||
	       clk == CLOCK_THREAD_CPUTIME_ID;
}

static int clock_read(clockid_t clk, s64 *ns)
{
	if (clock_is_realtime(clk))
		*ns = ktime_get_real_ns();
	else if (clock_is_monotonic(clk))
		*ns = ktime_get_ns();
	else if (clock_is_cputime(clk))
		*ns = (s64)current->ticks * TICK_NSEC;
	else
		return -EINVAL;
	return 0;
}

static int put_timespec(s64 ns, struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec ts = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_nsec = ns % NSEC_PER_SEC,
	};

	return copy_to_user(uts, &ts, sizeof(ts));
}

/* A valid timespec as nanoseconds (saturating), or -EINVAL. */
static int get_timespec_ns(const struct __kernel_timespec __user *uts,
			   s64 *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec >= INT64_MAX / NSEC_PER_SEC)
		*ns = INT64_MAX;
	else
		*ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, clk,
		struct __kernel_timespec __user *, tp)
{
	s64 ns;
	int err = clock_read(clk, &ns);

	if (err)
		return err;
	return put_timespec(ns, tp) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, clockid_t, clk,
		struct __kernel_timespec __user *, tp)
{
	s64 ns;
	s64 res = (clk == CLOCK_REALTIME_COARSE ||
		   clk == CLOCK_MONOTONIC_COARSE || clock_is_cputime(clk)) ?
		  TICK_NSEC : 1;

	if (clock_read(clk, &ns))
		return -EINVAL;
	if (tp && put_timespec(res, tp))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(clock_settime, clockid_t, clk,
		const struct __kernel_timespec __user *, tp)
{
	s64 ns;
	int err;

	if (clk != CLOCK_REALTIME)
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	err = get_timespec_ns(tp, &ns);
	if (err)
		return err;
	ktime_set_real_ns(ns);
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv,
		struct timezone __user *, tz)
{
	s64 ns = ktime_get_real_ns();
	struct __kernel_old_timeval v = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_usec = (ns % NSEC_PER_SEC) / NSEC_PER_USEC,
	};
	struct timezone z = { 0, 0 };

	if (tv && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(settimeofday, struct __kernel_old_timeval __user *, tv,
		struct timezone __user *, tz)
{
	struct __kernel_old_timeval v;

	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (!tv)
		return 0;	/* only a timezone: umk keeps none */
	if (copy_from_user(&v, tv, sizeof(v)))
		return -EFAULT;
	if (v.tv_sec < 0 || v.tv_usec < 0 || v.tv_usec >= 1000000)
		return -EINVAL;
	ktime_set_real_ns(v.tv_sec * NSEC_PER_SEC + v.tv_usec * NSEC_PER_USEC);
	return 0;
}

SYSCALL_DEFINE1(time, s64 __user *, tloc)
{
	s64 secs = ktime_get_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(secs, tloc))
		return -EFAULT;
	return secs;
}

static long ns_to_ticks(s64 ns)
{
	if (ns <= 0)
		return 0;
	if (ns / TICK_NSEC >= MAX_SCHEDULE_TIMEOUT - 1)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return (long)DIV_ROUND_UP(ns, TICK_NSEC);
}

/* Sleeps until clk reads deadline; the ns left if a signal came first. */
static s64 sleep_until(clockid_t clk, s64 deadline)
{
	s64 now;

	for (;;) {
		clock_read(clk, &now);
		if (now >= deadline)
			return 0;
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			return deadline - now;
		}
		schedule_timeout(ns_to_ticks(deadline - now));
	}
}

/* restart_syscall's continuation of a relative sleep. */
static long nanosleep_restart(void)
{
	struct restart_block *rb = &current->restart_block;
	s64 left = sleep_until(rb->clock, rb->deadline);

	if (!left)
		return 0;
	if (rb->rmtp && put_timespec(left, rb->rmtp))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	return -ERESTART_RESTARTBLOCK;
}

static long do_nanosleep(clockid_t clk, bool abs,
			 const struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	struct restart_block *rb = &current->restart_block;
	s64 req, now, deadline, left;
	int err = get_timespec_ns(rqtp, &req);

	if (err)
		return err;
	clock_read(clk, &now);
	deadline = abs ? req : req > INT64_MAX - now ? INT64_MAX : now + req;
	left = sleep_until(clk, deadline);
	if (!left)
		return 0;
	/* An absolute sleep restarts as it was: same deadline. */
	if (abs)
		return -ERESTARTNOHAND;
	if (rmtp && put_timespec(left, rmtp))
		return -EFAULT;
	/* Restarted with the time left unless a handler runs. */
	rb->fn = nanosleep_restart;
	rb->deadline = deadline;
	rb->clock = clk;
	rb->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE2(nanosleep, const struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	return do_nanosleep(CLOCK_MONOTONIC, false, rqtp, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, clockid_t, clk, int, flags,
		const struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	if (clock_is_cputime(clk))
		return -EINVAL;		/* no CPU-time timers yet */
	if (!clock_is_realtime(clk) && !clock_is_monotonic(clk))
		return -EINVAL;
	return do_nanosleep(clk, flags & TIMER_ABSTIME, rqtp, rmtp);
}
