/*
 * context.h - the ptrace backend's private state: one struct mm_context
 * per guest address space (its stub process), shared by context.c,
 * mmu.c, regs.c, run.c and the tests.
 */
#ifndef ARCH_UM_PTRACE_CONTEXT_H
#define ARCH_UM_PTRACE_CONTEXT_H

#include <umk/types.h>
#include <asm/backend.h>
#include <stub.h>

struct page;

/* The last queued host call, kept so that the next one can extend it. */
struct queued_op {
	int kind;			/* OS_STUB_OP_* */
	unsigned long addr, len;
	int prot;			/* OS_PROT_* */
	u64 ram_off;
};

struct mm_context {
	int pid;			/* the stub; 0 once reaped */
	int pidfd;			/* for signals that cannot hit a
					   reused pid; -1 once closed */
	int err;			/* sticky -errno: stub unusable */
	struct page *data_pages;	/* the stub's data area (RAM) */
	void *data;			/* ... as the kernel sees it */
	unsigned int nr_ops;		/* host calls queued in it */
	struct queued_op last;
	/*
	 * What the stub's host thread holds now, so that running the same
	 * guest thread again costs no PTRACE_SETREGS/SETREGSET.
	 */
	bool regs_known;
	bool fpu_known;
	struct pt_regs host_regs;
	struct fpu_state *host_fpu;
};

/* Addresses in the stub's code page (arch/um/stub/stub.S). */
unsigned long stub_code_addr(const char *sym);
extern const char stub_code_start[], stub_entry[], stub_syscall[];
extern const char stub_batch[], stub_code_end[];

/* mmu.c: runs the queued host calls; 0 or the first error. */
int stub_flush(struct mm_context *ctx);

/* regs.c: the guest thread's state into / out of the stopped stub. */
int stub_load_state(struct mm_context *ctx, const struct pt_regs *regs,
		    const struct fpu_state *fpu);
int stub_save_state(struct mm_context *ctx, struct pt_regs *regs,
		    struct fpu_state *fpu);
/* Registers that start stub code at ip (the shadow is then unknown). */
int stub_enter_code(struct mm_context *ctx, unsigned long ip);

/* context.c: the stub is gone or broken; returns ctx->err. */
int stub_lost(struct mm_context *ctx, int err);
/* context.c: the stub died and the wait reaped it. */
void stub_reaped(struct mm_context *ctx);

#endif
