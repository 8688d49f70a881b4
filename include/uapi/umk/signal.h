/*
 * uapi/umk/signal.h - signals in the x86_64 guest ABI: numbers, sigaction
 * flags and layout (the kernel's, not libc's), siginfo codes and layout,
 * sigaltstack.
 */
#ifndef UAPI_UMK_SIGNAL_H
#define UAPI_UMK_SIGNAL_H

#include <umk/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define SIGRTMAX	64
#define _NSIG		64

/* The kernel's sigset_t: one bit per signal, bit (sig - 1). */
typedef u64 sigset_t;

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SIG_DFL		((void __user *)0)
#define SIG_IGN		((void __user *)1)

#define SA_NOCLDSTOP	0x00000001UL
#define SA_NOCLDWAIT	0x00000002UL
#define SA_SIGINFO	0x00000004UL
#define SA_UNSUPPORTED	0x00000400UL
#define SA_EXPOSE_TAGBITS 0x00000800UL
#define SA_RESTORER	0x04000000UL
#define SA_ONSTACK	0x08000000UL
#define SA_RESTART	0x10000000UL
#define SA_NODEFER	0x40000000UL
#define SA_RESETHAND	0x80000000UL

/* rt_sigaction's struct, as the x86_64 kernel lays it out. */
struct sigaction {
	void __user *sa_handler;
	unsigned long sa_flags;
	void __user *sa_restorer;
	sigset_t sa_mask;
};

typedef struct {
	void __user *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

/* si_code values. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)

#define ILL_ILLOPC	1
#define ILL_PRVOPC	5
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SI_MAX_SIZE	128

/* siginfo_t: 128 bytes; the union starts at byte 16. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct {		/* kill, tkill, sigqueue */
			pid_t si_pid;
			u32 si_uid;
			u64 si_value;
		} kill;
		struct {		/* POSIX timers (SI_TIMER) */
			int si_tid;
			int si_overrun;
			u64 si_value;
		} timer;
		struct {		/* SIGCHLD */
			pid_t si_pid;
			u32 si_uid;
			int si_status;
			int __pad1;
			s64 si_utime;
			s64 si_stime;
		} chld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			u64 si_addr;
			short si_addr_lsb;
		} fault;
		struct {		/* SIGSYS */
			u64 si_call_addr;
			int si_syscall;
			u32 si_arch;
		} sys;
		u8 __pad[SI_MAX_SIZE - 16];
	};
} siginfo_t;

#endif
