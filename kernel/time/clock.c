/*
 * clock.c - the kernel's clocks. Monotonic time counts from the first
 * call (printk's timestamps make that the start of boot) and comes from
 * the host's CLOCK_MONOTONIC, so it never goes backwards. Realtime is the
 * host's wall clock plus an offset that ktime_set_real_ns() adjusts.
 */
#include <umk/ktime.h>
#include <os.h>

static s64 boot_ns;		/* host monotonic time at boot; 0 = unset */
static s64 real_offset;

ktime_t ktime_get_ns(void)
{
	s64 boot = __atomic_load_n(&boot_ns, __ATOMIC_ACQUIRE);
	s64 now = os_monotonic_ns();

	if (unlikely(!boot)) {
		s64 unset = 0;

		/* An irq may get here first; the first writer wins. */
		__atomic_compare_exchange_n(&boot_ns, &unset, now, false,
					    __ATOMIC_SEQ_CST,
					    __ATOMIC_SEQ_CST);
		boot = __atomic_load_n(&boot_ns, __ATOMIC_ACQUIRE);
	}
	return now > boot ? now - boot : 0;
}

ktime_t ktime_get_real_ns(void)
{
	return os_realtime_ns() + __atomic_load_n(&real_offset,
						  __ATOMIC_RELAXED);
}

void ktime_set_real_ns(ktime_t now)
{
	__atomic_store_n(&real_offset, now - os_realtime_ns(),
			 __ATOMIC_RELAXED);
}
