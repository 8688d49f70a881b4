/*
 * escape.h - what the escape test programs (escape.c, stubattack.c)
 * share: the stub's layout as a guest sees it (arch/um/include/stub.h),
 * the host targets from the environment (ESC_FILE, ESC_PID), running an
 * attempt in a child, and the findings test-escape.sh looks for in the
 * output ("unexpected:", "probe at ... readable").
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

/* The stub's layout: arch/um/include/stub.h. */
#define STUB_START	0x7fffff000000UL
#define STUB_SIZE	0x11000UL	/* code page + data area */
#define STUB_DATA	(STUB_START + 0x1000)
#define STUB_DATA_SIZE	0x10000UL
#define STUB_D_NR	0
#define STUB_D_OPS	64
#define STUB_TRAP	(STUB_DATA + 0x4000)
#define STUB_SIGSTACK	(STUB_DATA + 0x8000)
#define STUB_SIGSTACK_SIZE 0x8000UL
#define T_STATE		0
#define T_CMD		4
#define T_SIGNO		8
#define T_FLAGS		12
#define T_SIGINFO	16
#define T_UCTX		24
#define T_NEWFS		40
#define T_KSLEEP	48
#define T_SSLEEP	52
#define T_SPIN_TSC	56
#define T_NEWGS		72
#define T_CPU		80
#define T_CMD_ALL	15	/* BATCH | RUN | SETFS | SETGS */
#define PROBE_VA	0x10000000UL
#define AUDIT_ARCH_X86_64 0xc000003eU
#define FP_XSTATE_MAGIC1 0x46505853U

static const char *host_file;	/* ESC_FILE: must not appear on the host */
static long host_pid;		/* ESC_PID: must stay alive */
static long child_timeout_ms = 5000;

/* Reads ESC_FILE and ESC_PID; unbuffered output, as children print. */
static inline int get_targets(const char *prog)
{
	host_file = getenv("ESC_FILE");
	host_pid = host_file && getenv("ESC_PID") ?
		   atol(getenv("ESC_PID")) : 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!host_file || host_pid <= 0) {
		printf("usage: ESC_FILE=/host/path ESC_PID=hostpid %s\n",
		       prog);
		return -1;
	}
	return 0;
}

/* A guest-visible difference from Linux: the script fails on it. */
static inline void __attribute__((format(printf, 1, 2)))
unexpected(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("  unexpected: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static inline long raw3(long nr, long a0, long a1, long a2)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a0), "S"(a1),
			 "d"(a2) : "rcx", "r11", "memory");
	return ret;
}

static inline long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static sigjmp_buf fault_env;
static volatile sig_atomic_t n_segv;
static volatile unsigned long segv_addr;
static volatile int segv_code;

/* A guest SIGSEGV handler: records the fault, back to fault_env. */
static inline void catch_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	n_segv++;
	segv_addr = (unsigned long)si->si_addr;
	segv_code = si->si_code;
	siglongjmp(fault_env, 1);
}

static inline void handle(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO };

	sigaction(sig, &sa, NULL);
}

/* RAM at PROBE_VA would mean a host mmap umk did not make. */
static inline void probe(void)
{
	handle(SIGSEGV, catch_segv);
	if (!sigsetjmp(fault_env, 1)) {
		(void)*(volatile char *)PROBE_VA;
		printf("  probe at %#lx readable\n", PROBE_VA);
	}
	signal(SIGSEGV, SIG_DFL);
}

/* Runs fn(arg) in a child stopped after child_timeout_ms; its status. */
static inline int run_child(const char *what, void (*fn)(const void *),
			    const void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct itimerval t = {
			.it_value.tv_sec = child_timeout_ms / 1000,
			.it_value.tv_usec = child_timeout_ms % 1000 * 1000,
		};

		setitimer(ITIMER_REAL, &t, NULL);
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("%s: fork/wait failed\n", what);
		return -1;
	}
	return status;
}

static inline void report(const char *what, int status)
{
	if (WIFSIGNALED(status))
		printf("%s: child killed by signal %d\n", what,
		       WTERMSIG(status));
	else
		printf("%s: child exited %d\n", what, WEXITSTATUS(status));
}

static inline void in_child(const char *what, void (*fn)(const void *),
			    const void *arg)
{
	report(what, run_child(what, fn, arg));
}

#endif
