/*
 * os_ptrace.h - the host side of the ptrace backend: stub processes,
 * ptrace requests and waiting for stops, in plain C types. Implemented in
 * arch/um/os/stub.c and arch/um/os/ptrace.c; used by arch/um/ptrace/.
 * Functions return 0 (or a value) on success and -errno on failure.
 */
#ifndef UMK_OS_PTRACE_H
#define UMK_OS_PTRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Register block: the host's struct user_regs_struct (27 words). */
#define OS_REGS_SIZE	(27 * 8)

/*
 * Builds the stub's executable image (a static ELF with one r-x page at
 * code_addr holding code[0..len), entry at entry) in a sealed memfd.
 * Returns the fd.
 */
int os_stub_image_create(const void *code, size_t len,
			 unsigned long code_addr, unsigned long entry);

struct os_stub_spawn {
	int image_fd;		/* from os_stub_image_create */
	int ram_fd;		/* guest RAM file: becomes STUB_RAM_FD */
	uint64_t data_off;	/* RAM offset of the data area */
	unsigned long syscall_ip;	/* "syscall; int3" in the code page */
};

/*
 * Starts a stub: a new traced process running the image with a clean
 * address space (only the stub code and data area) and no fd but the RAM
 * file, stopped. Fills *pid and *pidfd (a pidfd the kernel keeps).
 */
int os_stub_spawn(const struct os_stub_spawn *s, int *pid, int *pidfd);
/*
 * Runs one host syscall in the stopped stub at ip ("syscall; int3");
 * returns its result, or -errno of the ptrace traffic.
 */
long os_stub_call(int pid, unsigned long ip, long nr, unsigned long a0,
		  unsigned long a1, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5);
/* SIGKILLs the stub, reaps it and closes pidfd. */
void os_stub_kill(int pid, int pidfd);
/* Async-signal-safe: make a running stub stop (the preemption signal). */
int os_stub_kick(int pidfd);
/*
 * The stub blocks the preemption signal now (/proc/PID/status). Only a
 * stub in its seccomp handler does, or one whose guest code forged a
 * signal mask with the host's rt_sigreturn.
 */
bool os_stub_blocks_kick(int pid);
/* Async-signal-safe: SIGKILL the stub without reaping it. */
int os_stub_terminate(int pidfd);

/*
 * Writes one queued host call (STUB_OP_SIZE bytes at op) of the data
 * area: mmap of the RAM file at ram_off (shared, fixed), munmap or
 * mprotect of [addr, addr + len). prot is OS_PROT_* (os.h).
 */
#define OS_STUB_OP_MMAP		0
#define OS_STUB_OP_MUNMAP	1
#define OS_STUB_OP_MPROTECT	2
void os_stub_op(void *op, int kind, unsigned long addr, unsigned long len,
		int prot, uint64_t ram_off);

/* For tests: mappings outside [lo, hi) (bar [vsyscall]) and open fds. */
int os_stub_audit(int pid, unsigned long lo, unsigned long hi,
		  int *foreign_maps, int *fds);
/* For tests: true once pid is no child of ours any more (reaped). */
bool os_child_gone(int pid);

/* ptrace requests on a stopped stub. */
int os_ptrace_getregs(int pid, void *regs);
int os_ptrace_setregs(int pid, const void *regs);
/*
 * FPU state: the XSAVE regset, or FXSAVE (size 512) via GETFPREGS.
 * getfpu returns the number of bytes the host filled in.
 */
int os_ptrace_getfpu(int pid, void *buf, size_t size);
int os_ptrace_setfpu(int pid, const void *buf, size_t size);
/* Resume: guest code (syscalls stop) or stub code (syscalls run). */
#define OS_RESUME_SYSEMU	0
#define OS_RESUME_CONT		1
int os_ptrace_resume(int pid, int how);
/* 1 if the syscall-entry stop is a 32-bit syscall (int $0x80), else 0. */
int os_ptrace_syscall_is_compat(int pid);

/*
 * Host signal numbers and codes the backend reports in struct trap_info
 * (x86_64 Linux values; os/ptrace.c checks them against the host's).
 */
#define OS_SIGILL	4
#define OS_SIGTRAP	5
#define OS_SIGSEGV	11
#define OS_SI_KERNEL	0x80
#define OS_SEGV_MAPERR	1
#define OS_SEGV_ACCERR	2

/* A stop of the stub, decoded. */
enum os_stop_kind {
	OS_STOP_SYSCALL,	/* syscall-entry stop */
	OS_STOP_PAGE_FAULT,	/* SIGSEGV: no page, or no access to it */
	OS_STOP_FAULT,		/* another fault: SIGILL, SIGFPE, SIGTRAP... */
	OS_STOP_KICK,		/* the preemption signal */
	OS_STOP_IGNORE,		/* a signal from elsewhere: swallowed */
	OS_STOP_DEAD,		/* exited or killed (and reaped) */
};

struct os_stop {
	enum os_stop_kind kind;
	int signo;		/* faults; the exit signal when dead */
	int code;		/* si_code */
	unsigned long addr;	/* si_addr */
	unsigned long trapno;	/* x86 trap number, ~0UL if not known */
};

/* Waits for the next stop of the stub; never returns -EINTR. */
int os_stub_wait(int pid, struct os_stop *stop);

/* Size of the XSAVE area the host uses (CPUID 0xD), 0 without XSAVE. */
size_t os_xsave_size(void);

#endif
