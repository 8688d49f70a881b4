/*
 * arch/backend.h - the trap backend interface: everything generic code
 * needs to run guest code. A backend (ptrace today, seccomp later) keeps
 * one host stub process per guest address space, mirrors the kernel's
 * page tables into it and runs guest threads in it until they trap.
 * See Documentation/backend.md.
 */
#ifndef ASM_UM_BACKEND_H
#define ASM_UM_BACKEND_H

#include <umk/types.h>
#include <arch/ptrace.h>

/* The backend's per-address-space state (opaque to generic code). */
struct mm_context;

/* Protections for arch_mm_map / arch_mm_protect. */
#define MM_PROT_READ	0x1
#define MM_PROT_WRITE	0x2
#define MM_PROT_EXEC	0x4

/*
 * Highest guest address + 1. The stub's pages live right above it
 * (arch/um/include/stub.h), 16 MiB below the host's own limit.
 */
#define TASK_SIZE	0x7fffff000000UL

/*
 * Creates an empty address space (a new stub). 0 or -ENOMEM/-EAGAIN.
 */
int arch_mm_context_create(struct mm_context **ctx);
/* Kills the stub; its host mappings go with it. */
void arch_mm_context_destroy(struct mm_context *ctx);

/*
 * Address-space changes. They may be queued and carried out before the
 * next arch_run_user() of this context (or arch_mm_flush()); errors of a
 * queued change are returned by the flush. vaddr/len page-aligned;
 * ram_offset is the byte offset of the first page in guest RAM. A range
 * reaching TASK_SIZE or beyond RAM is -EINVAL at once. A change the host
 * refuses makes the context unusable (every later call fails).
 */
int arch_mm_map(struct mm_context *ctx, unsigned long vaddr,
		unsigned long len, u64 ram_offset, int prot);
int arch_mm_unmap(struct mm_context *ctx, unsigned long vaddr,
		  unsigned long len);
int arch_mm_protect(struct mm_context *ctx, unsigned long vaddr,
		    unsigned long len, int prot);
int arch_mm_flush(struct mm_context *ctx);

enum trap_kind {
	TRAP_SYSCALL,		/* regs->orig_ax is the number */
	TRAP_PAGE_FAULT,	/* access to an unmapped/protected page */
	TRAP_SIGNAL,		/* another synchronous fault (SIGILL, ...) */
	TRAP_INTERRUPT,		/* the kernel stopped it (need_resched) */
};

struct trap_info {
	enum trap_kind kind;
	int signo;		/* host signal of a fault */
	int si_code;
	unsigned long addr;	/* faulting address */
	unsigned long trapno;	/* x86 trap number, ~0UL if unknown */
	unsigned long error_code;	/* x86 #PF error code, ~0UL if unknown */
};

/*
 * Runs the guest thread with regs/fpu in ctx until it traps; regs/fpu
 * then hold its state. Returns 0 with *trap filled, or -errno when the
 * stub is unusable (the caller kills the guest process).
 * Returns early with TRAP_INTERRUPT when need_resched() becomes true.
 * Call it with irqs enabled; they are on while the guest runs.
 */
int arch_run_user(struct mm_context *ctx, struct pt_regs *regs,
		  struct fpu_state *fpu, struct trap_info *trap);

/* Initial register and FPU state of a freshly exec'd thread. */
void arch_init_user_regs(struct pt_regs *regs, unsigned long ip,
			 unsigned long sp);
void arch_init_fpu(struct fpu_state *fpu);
size_t arch_fpu_state_size(void);

/* Name of the backend for the boot log ("ptrace"). */
const char *arch_backend_name(void);

#endif
