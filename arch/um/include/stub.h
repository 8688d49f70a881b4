/*
 * stub.h - where the stub lives in every guest address space and the
 * layout of its data area. Shared by the stub code (arch/um/stub/), the
 * kernel side of the ptrace backend (arch/um/ptrace/) and the host side
 * (arch/um/os/), so it holds only constants usable from C and assembly.
 *
 * The stub area sits just above TASK_SIZE (arch/backend.h), where a guest
 * can never map anything:
 *
 *   STUB_CODE   one page, r-x: the code in arch/um/stub/stub.S
 *   STUB_DATA   STUB_DATA_SIZE bytes, rw-, shared with the kernel (a RAM
 *               block): the queue of host mmap/munmap/mprotect calls,
 *               then (seccomp mode) the trap page and the signal stack
 */
#ifndef UMK_STUB_H
#define UMK_STUB_H

#define STUB_START		0x7fffff000000
#define STUB_CODE		STUB_START
#define STUB_CODE_SIZE		0x1000
#define STUB_DATA		(STUB_CODE + STUB_CODE_SIZE)
#define STUB_DATA_ORDER		4	/* pages of the data area, as order */
#define STUB_DATA_SIZE		(0x1000 << STUB_DATA_ORDER)
#define STUB_END		(STUB_DATA + STUB_DATA_SIZE)

/* The one host fd a stub holds: the guest RAM file. */
#define STUB_RAM_FD		0

/*
 * Data area: a header, then an array of host syscalls (number and six
 * arguments). The stub runs nr of them, all of them even after a
 * failure, and records the first failure.
 */
#define STUB_D_NR		0	/* number of queued calls */
#define STUB_D_RESULT		8	/* first error (-errno) or 0 */
#define STUB_D_FAILED		16	/* index of that call */
#define STUB_D_OPS		64
#define STUB_OP_SIZE		56	/* nr, then args 0..5 */
#define STUB_QUEUE_SIZE		0x4000
#define STUB_MAX_OPS		((STUB_QUEUE_SIZE - STUB_D_OPS) / STUB_OP_SIZE)

/*
 * Seccomp mode (arch/um/seccomp/): the trap page, where the stub's
 * signal handler reports a trap and waits for the kernel's reply, and
 * the alternate signal stack that holds the signal frame (registers
 * and FPU state) while the kernel handles the trap.
 */
#define STUB_TRAP		(STUB_DATA + STUB_D_TRAP)
#define STUB_D_TRAP		STUB_QUEUE_SIZE
#define STUB_SIGSTACK		(STUB_DATA + STUB_D_SIGSTACK)
#define STUB_D_SIGSTACK		0x8000
#define STUB_SIGSTACK_SIZE	0x8000
#define T_STATE			0	/* u32 futex word: T_GO / T_PARKED */
#define T_CMD			4	/* u32: T_CMD_* of the reply */
#define T_SIGNO			8	/* u32: the signal that trapped */
#define T_FLAGS			12	/* u32: T_F_* set up by the kernel */
#define T_SIGINFO		16	/* stub address of the siginfo */
#define T_UCTX			24	/* stub address of the ucontext */
#define T_FSBASE		32	/* fs base at the trap (T_F_FSGSBASE) */
#define T_NEWFS			40	/* fs base to set (T_CMD_SETFS) */
#define T_KSLEEP		48	/* u32: the kernel sleeps on T_STATE */
#define T_SSLEEP		52	/* u32: the stub sleeps on T_STATE */
#define T_SPIN_TSC		56	/* u64: TSC ticks the stub spins ... */
#define T_SPIN_TSC_MAX		0x40000	/* ... at most (~50-100 us) */
#define T_GSBASE		64	/* gs base at the trap (T_F_FSGSBASE) */
#define T_NEWGS			72	/* gs base to set (T_CMD_SETGS) */
#define T_CPU			80	/* u32: host CPU at the trap (T_F_RDTSCP) */
#define T_GO			0	/* the kernel replied: act on T_CMD */
#define T_PARKED		1	/* the stub waits for the kernel */
#define T_NAP			2	/* ... and should stop spinning */
#define T_CMD_BATCH		1	/* run the queue first */
#define T_CMD_RUN		2	/* then return to guest code */
#define T_CMD_SETFS		4	/* ... with fs base T_NEWFS */
#define T_CMD_SETGS		8	/* ... and gs base T_NEWGS */
#define T_F_FSGSBASE		1	/* rd/wr{fs,gs}base work */
#define T_F_RDTSCP		2	/* rdtscp works (and tells the CPU) */

#endif
