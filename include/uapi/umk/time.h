/*
 * uapi/umk/time.h - clocks of the x86_64 guest ABI: clock ids, struct
 * timezone and struct tms (timespec/timeval are in time_types.h).
 */
#ifndef UAPI_UMK_TIME_H
#define UAPI_UMK_TIME_H

#include <umk/types.h>
#include <uapi/umk/time_types.h>

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct tms {
	s64 tms_utime;
	s64 tms_stime;
	s64 tms_cutime;
	s64 tms_cstime;
};

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

typedef int clockid_t;

#define TIMER_ABSTIME	0x01

/* setitimer(2) */
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct __kernel_old_itimerval {
	struct __kernel_old_timeval it_interval;
	struct __kernel_old_timeval it_value;
};

/* timer_settime(2), timerfd_settime(2) */
struct __kernel_itimerspec {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

/* timer_create(2)'s struct sigevent (64 bytes). */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4

struct sigevent {
	u64 sigev_value;
	int sigev_signo;
	int sigev_notify;
	int sigev_notify_thread_id;
	int __pad[11];
};

/* clock_t ticks per second seen by guests (times(2), AT_CLKTCK). */
#define USER_HZ		100

#endif
