/*
 * seccomp.h - private to arch/um/seccomp/: the stub's trap page and the
 * signal frame its handler leaves on the alternate stack.
 */
#ifndef ARCH_UM_SECCOMP_SECCOMP_H
#define ARCH_UM_SECCOMP_SECCOMP_H

#include <umk/types.h>
#include "../ptrace/context.h"

/* The trap page word at off, as the kernel sees it. */
static inline void *trap_word(struct mm_context *ctx, unsigned int off)
{
	return (char *)ctx->data + STUB_D_TRAP + off;
}

/* A signal frame in the stub's alternate stack, checked to lie in it. */
struct sc_frame {
	u8 *uc;			/* ucontext (kernel view) */
	u8 *info;		/* siginfo */
	u8 *fp;			/* XSAVE area */
	size_t fp_size;		/* bytes of it that hold state */
};

/* frame.c */
int sc_frame_find(struct mm_context *ctx, struct sc_frame *f);
void sc_frame_save(const struct sc_frame *f, struct pt_regs *regs,
		   struct fpu_state *fpu);
void sc_frame_load(const struct sc_frame *f, const struct pt_regs *regs,
		   const struct fpu_state *fpu);
/* siginfo fields: signo, code, address, and a SIGSYS's nr and arch. */
int sc_si_code(const struct sc_frame *f);
unsigned long sc_si_addr(const struct sc_frame *f);
int sc_si_syscall(const struct sc_frame *f);
u32 sc_si_arch(const struct sc_frame *f);
unsigned long sc_trapno(const struct sc_frame *f);
/* The x86 error code of a fault (a page fault's X86_PF_* bits). */
unsigned long sc_error_code(const struct sc_frame *f);

/* context.c: the batch (T_CMD_BATCH) and its user notifications. */
/* Sets a new stub up (at its first run or flush) and parks it. */
int seccomp_start(struct mm_context *ctx);
void sc_post_batch(struct mm_context *ctx);
int sc_serve_batch(struct mm_context *ctx, bool park);

/* handoff.c */
/* Measures the host once: spin budgets, TSC rate. */
void sc_handoff_init(void);
/* Waits until the stub parks (reports a trap); bounded: at most ~30 s. */
int sc_wait_parked(struct mm_context *ctx, bool bounded);
/* Replies to a parked stub with command cmd (T_CMD_*). */
int sc_wake(struct mm_context *ctx, u32 cmd);
/* The stub that parked last stops spinning unless it is next. */
void sc_nap(struct mm_context *next);
/* ctx sleeps (parked after a batch) or goes away: it spins no more. */
void sc_forget(struct mm_context *ctx);

/* run.c */
int seccomp_run_user(struct mm_context *ctx, struct pt_regs *regs,
		     struct fpu_state *fpu, struct trap_info *trap);

#endif
