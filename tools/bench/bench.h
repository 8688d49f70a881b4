/*
 * bench.h - helpers shared by the guest microbenchmarks in tools/bench/.
 *
 * Every figure is printed as one line
 *
 *	BENCH <name> <value> <unit>
 *
 * and facts about the run as "BENCH-INFO <key> <value...>". The prefix
 * lets tools/bench/run.py pick the figures out of a console that also carries
 * a kernel log (umk's, UML's). A figure is the median of several timed
 * repetitions ("reps") of an inner loop; the loop count is calibrated
 * first so that one rep lasts about TARGET_NS, which bounds the time of
 * every figure whatever the speed of the kernel underneath.
 *
 * QUICK=1 in the environment (or "quick" as an argument) shortens every
 * figure about tenfold: the smoke test only checks that figures appear.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int bench_quick;

static inline void __attribute__((format(printf, 1, 2)))
bench_say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, off = 0;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	/* one write per line: lines of different processes never mix */
	while (off < n) {
		ssize_t w = write(1, buf + off, n - off);

		if (w <= 0)
			return;
		off += w;
	}
}

static inline void __attribute__((noreturn)) bench_die(const char *what)
{
	bench_say("BENCH-ERROR %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Parse QUICK=1 / "quick" once, at the start of main(). */
static inline void bench_init(int argc, char **argv)
{
	const char *q = getenv("QUICK");
	int i;

	bench_quick = q && *q && strcmp(q, "0") != 0;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "quick") == 0)
			bench_quick = 1;
}

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static inline int reps(void)
{
	return bench_quick ? 3 : 7;
}

/* How long one rep should last: long enough to dwarf the clock reads. */
static inline double target_ns(void)
{
	return bench_quick ? 2e6 : 30e6;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static inline double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* fn(arg, n) performs n operations; returns 0, or -1 with errno set. */
typedef int (*bench_fn)(void *arg, long n);

static inline double time_once(const char *name, bench_fn fn, void *arg,
			       long n)
{
	double t0 = now_ns();

	if (fn(arg, n) < 0)
		bench_die(name);
	return now_ns() - t0;
}

/*
 * Calibrate n in [n_min, n_max] so that a rep lasts about target_ns(),
 * then print the median time of one operation in microseconds.
 */
static inline void bench_per_op(const char *name, bench_fn fn, void *arg,
				long n_min, long n_max)
{
	double t[16];
	long n = n_min;
	int i;

	for (;;) {
		double dt = time_once(name, fn, arg, n);

		if (dt >= target_ns() || n >= n_max)
			break;
		/* aim 20 % past the target, at most 8 times more per step */
		n = dt > 0 ? (long)(n * (target_ns() * 1.2 / dt)) : n * 8;
		if (n > n_max)
			n = n_max;
	}
	for (i = 0; i < reps(); i++)
		t[i] = time_once(name, fn, arg, n) / n;
	bench_say("BENCH %s %.4f us\n", name, median(t, reps()) / 1e3);
}

/* Print the median of already measured values. */
static inline void bench_report(const char *name, double *v, int n,
				const char *unit)
{
	bench_say("BENCH %s %.4f %s\n", name, median(v, n), unit);
}

#endif /* BENCH_H */
