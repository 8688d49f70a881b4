/*
 * ptrace.c - host side of running guest code in a stub: register and
 * FPU transfer, resuming, and waiting for the next stop, decoded into
 * what the kernel needs (syscall, fault, preemption, nothing).
 */
#include <cpuid.h>
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <os.h>
#include <os_ptrace.h>

/* Must match SIG_KICK in stub.c. */
#define SIG_KICK	SIGVTALRM
#define NO_TRAPNO	(~0UL)

_Static_assert(sizeof(struct user_regs_struct) == OS_REGS_SIZE,
	       "OS_REGS_SIZE is the host's register block");
_Static_assert(sizeof(struct user_fpregs_struct) == 512,
	       "FXSAVE area");
_Static_assert(OS_SIGILL == SIGILL && OS_SIGTRAP == SIGTRAP &&
	       OS_SIGSEGV == SIGSEGV && OS_SI_KERNEL == SI_KERNEL &&
	       OS_SEGV_MAPERR == SEGV_MAPERR && OS_SEGV_ACCERR == SEGV_ACCERR,
	       "host signal numbers");

int os_ptrace_getregs(int pid, void *regs)
{
	return ptrace(PTRACE_GETREGS, pid, NULL, regs) < 0 ? -errno : 0;
}

int os_ptrace_setregs(int pid, const void *regs)
{
	return ptrace(PTRACE_SETREGS, pid, NULL, regs) < 0 ? -errno : 0;
}

/* Returns the number of bytes the host filled in. */
int os_ptrace_getfpu(int pid, void *buf, size_t size)
{
	struct iovec iov = { .iov_base = buf, .iov_len = size };

	if (size == sizeof(struct user_fpregs_struct))
		return ptrace(PTRACE_GETFPREGS, pid, NULL, buf) < 0 ?
			-errno : (int)size;
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) < 0)
		return -errno;
	return (int)iov.iov_len;
}

int os_ptrace_setfpu(int pid, const void *buf, size_t size)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

	if (size == sizeof(struct user_fpregs_struct))
		return ptrace(PTRACE_SETFPREGS, pid, NULL, buf) < 0 ?
			-errno : 0;
	return ptrace(PTRACE_SETREGSET, pid, (void *)NT_X86_XSTATE, &iov) < 0 ?
		-errno : 0;
}

/* The signal argument is always 0: the host delivers nothing to a stub. */
int os_ptrace_resume(int pid, int how)
{
	enum __ptrace_request req = how == OS_RESUME_SYSEMU ?
		PTRACE_SYSEMU : PTRACE_CONT;

	return ptrace(req, pid, NULL, NULL) < 0 ? -errno : 0;
}

int os_ptrace_syscall_is_compat(int pid)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info),
		   &info) < 0)
		return -errno;
	return info.arch != AUDIT_ARCH_X86_64;
}

/* Best guess of the x86 exception behind a fault signal. */
static unsigned long trapno_of(int sig, int code)
{
	switch (sig) {
	case SIGSEGV:
		return code == SI_KERNEL ? 13 : 14;	/* #GP, #PF */
	case SIGILL:
		return 6;				/* #UD */
	case SIGFPE:
		return code == FPE_INTDIV ? 0 : NO_TRAPNO; /* #DE */
	case SIGTRAP:
		return code == SI_KERNEL ? 3 : 1;	/* int3, #DB */
	case SIGBUS:
		return code == BUS_ADRALN ? 17 : NO_TRAPNO; /* #AC */
	}
	return NO_TRAPNO;
}

static bool is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

static bool is_page_fault(int sig, int code)
{
	return sig == SIGSEGV && (code == SEGV_MAPERR ||
				  code == SEGV_ACCERR ||
				  code == SEGV_PKUERR);
}

/* A signal-delivery stop: a fault of the guest, or noise to swallow. */
static int decode_signal(int pid, int sig, struct os_stop *stop)
{
	siginfo_t si;

	if (sig == SIG_KICK) {
		stop->kind = OS_STOP_KICK;
		return 0;
	}
	if (ptrace(PTRACE_GETSIGINFO, pid, NULL, &si) < 0)
		return -errno;
	/* si_code > 0: raised by the host kernel for this very process. */
	if (!is_fault_signal(sig) || si.si_code <= 0) {
		stop->kind = OS_STOP_IGNORE;
		return 0;
	}
	stop->kind = is_page_fault(sig, si.si_code) ? OS_STOP_PAGE_FAULT :
						      OS_STOP_FAULT;
	stop->signo = sig;
	stop->code = si.si_code;
	stop->addr = (unsigned long)si.si_addr;
	stop->trapno = trapno_of(sig, si.si_code);
	return 0;
}

/*
 * Waits for the stub's next stop. The kernel's own signal handlers use
 * SA_RESTART, so the wait survives ticks; EINTR is retried all the same.
 * SIGCHLD must stay at its default disposition (SIG_IGN would reap
 * stubs behind our back).
 */
int os_stub_wait(int pid, struct os_stop *stop)
{
	int status, sig;

	while (waitpid(pid, &status, __WALL) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	memset(stop, 0, sizeof(*stop));
	stop->trapno = NO_TRAPNO;
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		stop->kind = OS_STOP_DEAD;
		stop->signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		return 0;
	}
	if (!WIFSTOPPED(status) || (status >> 16)) {
		stop->kind = OS_STOP_IGNORE;	/* ptrace events: none set */
		return 0;
	}
	sig = WSTOPSIG(status);
	if (sig == (SIGTRAP | 0x80)) {
		stop->kind = OS_STOP_SYSCALL;
		return 0;
	}
	return decode_signal(pid, sig, stop);
}

size_t os_xsave_size(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	/* XSAVE supported and enabled by the host kernel (OSXSAVE). */
	if (!(c & bit_XSAVE) || !(c & bit_OSXSAVE))
		return 0;
	if (!__get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		return 0;
	return b;	/* size for the features enabled in XCR0 */
}
