/*
 * context.h - the trap backends' private state: one struct mm_context
 * per guest address space (its stub process), and the table of what
 * differs between ptrace and seccomp mode. Shared by arch/um/ptrace/
 * (stub start, queue, registers, ptrace running), arch/um/seccomp/ and
 * the tests.
 */
#ifndef ARCH_UM_PTRACE_CONTEXT_H
#define ARCH_UM_PTRACE_CONTEXT_H

#include <umk/types.h>
#include <arch/backend.h>
#include <stub.h>

struct page;

/* The last queued host call, kept so that the next one can extend it. */
struct queued_op {
	int kind;			/* OS_STUB_OP_* */
	unsigned long addr, len;
	int prot;			/* OS_PROT_* */
	u64 ram_off;
};

/*
 * One trap backend. Both start the stub the same way (ptrace, a clean
 * exec'd image) and queue address-space changes the same way; they
 * differ in how the stub runs guest code and its queue.
 */
struct backend_ops {
	const char *name;
	/* Turns a freshly spawned, ptrace-stopped stub into this mode's. */
	int (*setup)(struct mm_context *ctx);
	/* Releases what setup took (the stub is dead and reaped). */
	void (*release)(struct mm_context *ctx);
	/* Runs the queued host calls (ctx->nr_ops > 0); 0 or -errno. */
	int (*flush)(struct mm_context *ctx);
	int (*run)(struct mm_context *ctx, struct pt_regs *regs,
		   struct fpu_state *fpu, struct trap_info *trap);
};

extern const struct backend_ops ptrace_backend_ops;
extern const struct backend_ops seccomp_backend_ops;
/* arch/um/seccomp/mode.c: the backend mode= chose (or the default). */
const struct backend_ops *backend_selected(void);

struct mm_context {
	const struct backend_ops *ops;
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
	/* seccomp mode */
	int listener;			/* user notifications; -1 if none */
	void *ops_copy;			/* the queue as the kernel wrote it */
	unsigned int kicks;		/* unanswered preemption signals */
	unsigned int colocated;		/* parks on umk's host CPU in a row */
	bool fsgsbase;			/* the handler reports the bases */
	unsigned int unchecked;		/* calls of a batch run before the
					 * guest, checked at the next park */
};

/* Addresses in the stub's code page (arch/um/stub/stub.S). */
unsigned long stub_code_addr(const char *sym);
extern const char stub_code_start[], stub_entry[], stub_syscall[];
extern const char stub_batch[], stub_code_end[];
extern const char stub_handler[], stub_sigreturn[], stub_boot[];
extern const char stub_batch_ip[], stub_marker_ip[], stub_sigreturn_ip[];
extern const char stub_wake_ip[], stub_wait_ip[], stub_setfs_ip[];
extern const char stub_setgs_ip[];

/* mmu.c: runs the queued host calls; 0 or the first error. */
int stub_flush(struct mm_context *ctx);
/* mmu.c: after a batch ran: clears the queue, checks its result. */
int stub_batch_done(struct mm_context *ctx, int err);
/* mmu.c: the first failure of the n calls of the last batch, if any. */
int stub_batch_result(struct mm_context *ctx, unsigned int n);
/* mmu.c and run.c: the ptrace backend's flush and run. */
int ptrace_flush(struct mm_context *ctx);
int ptrace_run_user(struct mm_context *ctx, struct pt_regs *regs,
		    struct fpu_state *fpu, struct trap_info *trap);
/* mmu.c: the queued calls, as the kernel wrote them. */
void *stub_op_slot(struct mm_context *ctx, unsigned int i);

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
