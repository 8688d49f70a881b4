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

/* clock_t ticks per second seen by guests (times(2), AT_CLKTCK). */
#define USER_HZ		100

#endif
