/* uapi/umk/time_types.h - struct timespec as the 64-bit ABI passes it. */
#ifndef UAPI_UMK_TIME_TYPES_H
#define UAPI_UMK_TIME_TYPES_H

#include <umk/types.h>

struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

#endif
