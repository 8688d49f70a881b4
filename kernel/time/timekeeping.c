/*
 * timekeeping.c - the clocks the timer syscalls (posix timers, timerfd)
 * run on, and conversions between timespecs, nanoseconds and jiffies.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/timekeeping.h>
#include <umk/uaccess.h>

#define TICK_NSEC	(NSEC_PER_SEC / HZ)

int clock_check(clockid_t clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		return 0;
	}
	return -EINVAL;
}

s64 clock_now(clockid_t clock)
{
	if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_ALARM)
		return ktime_get_real_ns();
	return ktime_get_ns();
}

u64 ns_to_jiffies(s64 ns)
{
	if (ns <= 0)
		return 0;
	return DIV_ROUND_UP((u64)ns, TICK_NSEC);
}

void ns_to_timespec(s64 ns, struct __kernel_timespec *ts)
{
	if (ns < 0)
		ns = 0;
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

int timespec_to_ns(const struct __kernel_timespec *ts, s64 *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts->tv_sec >= INT64_MAX / NSEC_PER_SEC - 1)
		*ns = INT64_MAX / 2;
	else
		*ns = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

int itimerspec_from_user(const struct __kernel_itimerspec __user *uv,
			 s64 *value, s64 *interval)
{
	struct __kernel_itimerspec v;
	int err;

	if (copy_from_user(&v, uv, sizeof(v)))
		return -EFAULT;
	err = timespec_to_ns(&v.it_value, value);
	if (!err)
		err = timespec_to_ns(&v.it_interval, interval);
	return err;
}
