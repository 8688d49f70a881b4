/* timekeeping.h - clocks and timespec helpers for the timer syscalls
 * (kernel/time/timekeeping.c): posix timers, timerfd. */
#ifndef UMK_TIMEKEEPING_H
#define UMK_TIMEKEEPING_H

#include <umk/types.h>
#include <uapi/umk/time.h>

/* 0 for CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME, else -EINVAL. */
int clock_check(clockid_t clock);
/* Now on a clock that clock_check() accepted, in ns. */
s64 clock_now(clockid_t clock);
/* A delay in ns as jiffies, rounded up (0 for none or negative). */
u64 ns_to_jiffies(s64 ns);
void ns_to_timespec(s64 ns, struct __kernel_timespec *ts);
/* A valid timespec (tv_nsec < 1e9, not negative) as ns, or -EINVAL. */
int timespec_to_ns(const struct __kernel_timespec *ts, s64 *ns);
/* A guest itimerspec as value and interval in ns: 0, -EFAULT, -EINVAL. */
int itimerspec_from_user(const struct __kernel_itimerspec __user *uv,
			 s64 *value, s64 *interval);

#endif
