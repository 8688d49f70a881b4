/*
 * time.c - host clocks and the host interval timer that drives the tick.
 * The timer is a POSIX timer on CLOCK_MONOTONIC that signals the kernel's
 * own host thread with SIGALRM, so I/O helper threads never see it.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <os.h>

#define NSEC_PER_SEC	1000000000LL

static timer_t tick_timer;
static bool tick_timer_created;

static int64_t clock_ns(clockid_t clk)
{
	struct timespec ts;

	/* Cannot fail for these clocks with a valid pointer. */
	clock_gettime(clk, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

int64_t os_monotonic_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

int64_t os_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

static uint64_t read_tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t os_tsc_per_us(void)
{
	static uint64_t per_us;
	int64_t t0, t;
	uint64_t c0;

	if (per_us)
		return per_us;
	t0 = os_monotonic_ns();
	c0 = read_tsc();
	do
		t = os_monotonic_ns();
	while (t - t0 < 1000000);
	per_us = (read_tsc() - c0) * 1000 / (uint64_t)(t - t0);
	if (!per_us)
		per_us = 1;
	return per_us;
}

static int create_tick_timer(void)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGALRM;
	/* The calling thread runs the kernel: deliver the tick to it. */
	ev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &ev, &tick_timer) < 0)
		return -errno;
	tick_timer_created = true;
	return 0;
}

int os_timer_start(int64_t period_ns)
{
	struct itimerspec its;
	int err;

	if (period_ns <= 0)
		return -EINVAL;
	if (!tick_timer_created) {
		err = create_tick_timer();
		if (err)
			return err;
	}
	its.it_interval.tv_sec = period_ns / NSEC_PER_SEC;
	its.it_interval.tv_nsec = period_ns % NSEC_PER_SEC;
	its.it_value = its.it_interval;
	if (timer_settime(tick_timer, 0, &its, NULL) < 0)
		return -errno;
	return 0;
}

void os_timer_stop(void)
{
	struct itimerspec its;

	if (!tick_timer_created)
		return;
	memset(&its, 0, sizeof(its));
	timer_settime(tick_timer, 0, &its, NULL);
}
