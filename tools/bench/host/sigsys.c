/*
 * sigsys.c - host program, never run in a guest: the floor under
 * seccomp mode's syscall round trip on this host. tools/bench/run.py runs it
 * after bench/run-all in its native target; tests/escape/bench-seccomp.sh
 * runs it beside umk's in-kernel round trip benchmark.
 *
 *	futex_handoff	one FUTEX_WAKE/FUTEX_WAIT round trip between two
 *			processes on a shared page, not pinned to a CPU:
 *			the sleeping handoff between a stub and umk, which
 *			a seccomp-mode syscall pays once each way
 *	sigsys_return	syscall(SYS_getppid) answered by a seccomp filter
 *			with SECCOMP_RET_TRAP: the SIGSYS delivery, a
 *			handler that sets the return value, rt_sigreturn.
 *			What a stub pays per guest syscall before and
 *			after talking to umk (issue 7's "bare in-process
 *			SIGSYS delivery and return")
 *
 * Microseconds per operation, medians of calibrated repetitions like the
 * guest figures (bench.h). A host that refuses the filter gives
 * "BENCH-INFO skipped sigsys_return: ..." instead of the figure. The
 * filter stays for the rest of the process, so it is measured last.
 * x86_64 only, like umk.
 */
#include "../bench.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>

#define TRAPPED_RET	4242	/* what the handler makes getppid return */

static long futex(volatile uint32_t *w, int op, uint32_t val)
{
	return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

/* The other side of the ping-pong: answers every 1 with a 0, for ever. */
static void __attribute__((noreturn)) pong(volatile uint32_t *w)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (;;) {
		while (*w != 1)
			futex(w, FUTEX_WAIT, 0);
		*w = 0;
		futex(w, FUTEX_WAKE, 1);
	}
}

static int do_handoff(void *arg, long n)
{
	volatile uint32_t *w = arg;
	long i;

	for (i = 0; i < n; i++) {
		*w = 1;
		if (futex(w, FUTEX_WAKE, 1) < 0)
			return -1;
		while (*w != 0)
			futex(w, FUTEX_WAIT, 1);
	}
	return 0;
}

static void bench_handoff(void)
{
	volatile uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	if (w == MAP_FAILED)
		bench_die("mmap");
	*w = 0;
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0)
		pong(w);
	bench_per_op("futex_handoff", do_handoff, (void *)w, 1000, 10000000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	((ucontext_t *)uc)->uc_mcontext.gregs[REG_RAX] = TRAPPED_RET;
}

/* getppid (x86_64 ABI) traps; everything else is allowed. */
static int trap_getppid(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	struct sigaction sa = { .sa_sigaction = on_sigsys,
				.sa_flags = SA_SIGINFO };

	if (sigaction(SIGSYS, &sa, NULL) < 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -1;
	return 0;
}

/* Checks every answer: a getppid that was not trapped is an error. */
static int do_sigsys(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (syscall(SYS_getppid) != TRAPPED_RET) {
			errno = EPROTO;
			return -1;
		}
	return 0;
}

int main(int argc, char **argv)
{
	bench_init(argc, argv);
	bench_handoff();
	if (trap_getppid() < 0) {
		bench_say("BENCH-INFO skipped sigsys_return: seccomp filter "
			  "refused: %s\n", strerror(errno));
		return 0;
	}
	bench_per_op("sigsys_return", do_sigsys, NULL, 1000, 10000000);
	return 0;
}
