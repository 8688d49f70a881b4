/*
 * futex.c - the futex operations: WAIT (value mismatch, timeouts), WAKE
 * counts, REQUEUE and CMP_REQUEUE, WAIT_BITSET/WAKE_BITSET with absolute
 * timeouts on both clocks, private and process-shared futexes, and the
 * argument errors. Waiters are threads that announce themselves and then
 * sleep in FUTEX_WAIT; the main thread gives them time to get there.
 */
#include "guest.h"
#include <limits.h>
#include <sys/mman.h>
#include <time.h>

static int word_a, word_b;
static int ready;

struct waiter {
	int *word;
	int op;
	unsigned int bitset;
	long ret;
	pthread_t t;
	int started;
};

static long futex(int *uaddr, int op, int val, const void *timeout,
		  int *uaddr2, int val3)
{
	return RAW(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;

	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	w->ret = futex(w->word, w->op, 0, NULL, NULL, w->bitset);
	return NULL;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* start n waiters on word and wait until they are (almost surely) asleep */
static void start(struct waiter *w, int n, int *word, int op,
		  unsigned int bitset)
{
	int i, made = 0;

	ready = 0;
	for (i = 0; i < n; i++) {
		w[i] = (struct waiter){ word, op, bitset, 1, 0, 0 };
		w[i].started = spawn(&w[i].t, wait_thread, &w[i]) == 0;
		made += w[i].started;
	}
	for (i = 0; i < 10000; i++) {
		if (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) == made)
			break;
		sleep_ms(1);
	}
	sleep_ms(100);
}

static void finish(const char *what, struct waiter *w, int n)
{
	char line[256];
	int i;

	snprintf(line, sizeof(line), "%s: waiters returned", what);
	for (i = 0; i < n; i++) {
		if (!w[i].started)
			continue;
		pthread_join(w[i].t, NULL);
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 " %s", rawres(w[i].ret));
	}
	say("%s\n", line);
}

static long ns_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000000L +
		(t1.tv_nsec - t0->tv_nsec);
}

static void waits(void)
{
	struct timespec rel = { 0, 50000000 }, t0, abs;

	say("WAIT on a changed value: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT, 1, NULL, NULL, 0)));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	say("WAIT with a 50 ms timeout: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT, 0, &rel, NULL, 0)));
	check("  slept at least 50 ms", ns_since(&t0) >= 50000000L);
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 30000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	say("WAIT_BITSET until now + 30 ms (monotonic): %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT_BITSET, 0, &abs, NULL, ~0)));
	check("  slept at least 30 ms", ns_since(&t0) >= 29000000L);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_sec -= 1;
	say("WAIT_BITSET|CLOCK_REALTIME with a past deadline: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
			 0, &abs, NULL, ~0)));
	say("WAIT_PRIVATE with a zero timeout: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT_PRIVATE, 0,
			 &(struct timespec){ 0, 0 }, NULL, 0)));
}

static void wakes(void)
{
	struct waiter w[3];

	say("WAKE with no waiters: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE, 1, NULL, NULL, 0)));
	start(w, 3, &word_a, FUTEX_WAIT, 0);
	say("WAKE 1 of 3: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE, 1, NULL, NULL, 0)));
	sleep_ms(20);
	say("WAKE INT_MAX: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0)));
	finish("WAKE", w, 3);
	start(w, 2, &word_a, FUTEX_WAIT_PRIVATE, 0);
	say("WAKE_PRIVATE all: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL,
			 0)));
	finish("WAKE_PRIVATE", w, 2);
}

static void requeues(void)
{
	struct waiter w[3];

	start(w, 3, &word_a, FUTEX_WAIT, 0);
	say("REQUEUE wake 1, move the rest to b: %s\n",
	    rawres(futex(&word_a, FUTEX_REQUEUE, 1, (void *)(long)INT_MAX,
			 &word_b, 0)));
	sleep_ms(20);
	say("WAKE a: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0)));
	say("WAKE b: %s\n",
	    rawres(futex(&word_b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0)));
	finish("REQUEUE", w, 3);
	start(w, 3, &word_a, FUTEX_WAIT, 0);
	say("CMP_REQUEUE with a wrong value: %s\n",
	    rawres(futex(&word_a, FUTEX_CMP_REQUEUE, 0, (void *)1L, &word_b,
			 1)));
	say("CMP_REQUEUE wake 0, move 2: %s\n",
	    rawres(futex(&word_a, FUTEX_CMP_REQUEUE, 0, (void *)2L, &word_b,
			 0)));
	say("WAKE a: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0)));
	say("WAKE b: %s\n",
	    rawres(futex(&word_b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0)));
	finish("CMP_REQUEUE", w, 3);
}

static void bitsets(void)
{
	struct waiter w[1];

	start(w, 1, &word_a, FUTEX_WAIT_BITSET, 0x1);
	say("WAKE_BITSET 0x2 to a waiter on 0x1: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x2)));
	say("WAKE_BITSET 0x3: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x3)));
	finish("BITSET", w, 1);
	say("WAIT_BITSET with bitset 0: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0)));
	say("WAKE_BITSET with bitset 0: %s\n",
	    rawres(futex(&word_a, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0)));
}

static void shared_across_fork(void)
{
	int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long woken = 0;
	pid_t pid;
	int st;

	*word = 0;
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		__atomic_store_n(word, 1, __ATOMIC_SEQ_CST);
		while (futex(word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0 &&
		       woken++ < 100)
			sleep_ms(10);
		_exit(0);
	}
	while (__atomic_load_n(word, __ATOMIC_SEQ_CST) == 0)
		futex(word, FUTEX_WAIT, 0, NULL, NULL, 0);
	waitpid(pid, &st, 0);
	say("shared futex across fork: woken by the child, %s\n",
	    wstatus(st));
	munmap(word, 4096);
}

static void errors(void)
{
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };

	say("unaligned address: %s\n",
	    rawres(futex((int *)((char *)&word_a + 1), FUTEX_WAIT, 0, NULL,
			 NULL, 0)));
	say("unknown op: %s\n", rawres(futex(&word_a, 99, 0, NULL, NULL, 0)));
	say("tv_nsec of 1e9: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT, 0, &bad, NULL, 0)));
	say("negative tv_sec: %s\n",
	    rawres(futex(&word_a, FUTEX_WAIT, 0, &neg, NULL, 0)));
	say("REQUEUE onto an unaligned address: %s\n",
	    rawres(futex(&word_a, FUTEX_CMP_REQUEUE, 0, (void *)1L,
			 (int *)((char *)&word_b + 2), 0)));
}

int main(void)
{
	waits();
	wakes();
	requeues();
	bitsets();
	shared_across_fork();
	errors();
	say("done\n");
	return 0;
}
