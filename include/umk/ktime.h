/* ktime.h - clocks: monotonic (since boot) and realtime, in nanoseconds. */
#ifndef UMK_KTIME_H
#define UMK_KTIME_H

#include <umk/types.h>

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL
#define NSEC_PER_USEC	1000LL

/* Nanoseconds since boot; never goes backwards. */
ktime_t ktime_get_ns(void);
/* Nanoseconds since the epoch (host wall clock plus any offset set). */
ktime_t ktime_get_real_ns(void);
/* Sets the realtime clock (settimeofday later); the host is untouched. */
void ktime_set_real_ns(ktime_t now);

#endif
