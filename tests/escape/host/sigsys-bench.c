/*
 * sigsys-bench.c - host program: the floor of seccomp mode's syscall
 * round trip on this host. Prints (never asserts) the median of a few
 * runs of: a bare in-process SIGSYS (seccomp SECCOMP_RET_TRAP) delivery
 * and return, and a futex ping-pong between two processes on shared
 * memory (the handoff between a stub and umk).
 * Built and run by tests/escape/bench-seccomp.sh.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define N	20000
#define RUNS	5

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v)
{
	qsort(v, RUNS, sizeof(*v), cmp);
	return v[RUNS / 2];
}

static void futex(volatile uint32_t *w, int op, uint32_t val)
{
	syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

static uint64_t pingpong(volatile uint32_t *w)
{
	uint64_t t0;
	pid_t pid;

	w[0] = 0;
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < N; i++) {
			while (w[0] != 1)
				futex(w, FUTEX_WAIT, 0);
			w[0] = 0;
			futex(w, FUTEX_WAKE, 1);
		}
		_exit(0);
	}
	t0 = now_ns();
	for (int i = 0; i < N; i++) {
		w[0] = 1;
		futex(w, FUTEX_WAKE, 1);
		while (w[0] != 0)
			futex(w, FUTEX_WAIT, 1);
	}
	t0 = (now_ns() - t0) / N;
	waitpid(pid, NULL, 0);
	return t0;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)si;
	((ucontext_t *)uc)->uc_mcontext.gregs[REG_RAX] = 1;
}

static int trap_getppid(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	struct sigaction sa = { .sa_sigaction = on_sigsys,
				.sa_flags = SA_SIGINFO };

	if (sigaction(SIGSYS, &sa, NULL) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return -1;
	return 0;
}

int main(void)
{
	volatile uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t pp[RUNS], sys[RUNS], t0;

	if (w == MAP_FAILED)
		return 1;
	for (int r = 0; r < RUNS; r++)
		pp[r] = pingpong(w);
	printf("host: futex ping-pong round trip (two processes): %llu ns\n",
	       (unsigned long long)median(pp));
	if (trap_getppid()) {
		perror("seccomp");
		return 1;
	}
	for (int r = 0; r < RUNS; r++) {
		t0 = now_ns();
		for (int i = 0; i < N; i++)
			syscall(SYS_getppid);
		sys[r] = (now_ns() - t0) / N;
	}
	printf("host: bare SIGSYS delivery + return (getppid): %llu ns\n",
	       (unsigned long long)median(sys));
	return 0;
}
