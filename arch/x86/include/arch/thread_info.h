/*
 * arch/thread_info.h - the user-mode half of a guest thread: its saved
 * registers and FPU state while the kernel runs on its behalf. Only user
 * tasks have one (task->user); kernel threads have NULL.
 */
#ifndef ASM_X86_THREAD_INFO_H
#define ASM_X86_THREAD_INFO_H

#include <umk/types.h>
#include <arch/ptrace.h>

struct thread_info {
	struct pt_regs regs;		/* as of the last trap */
	struct fpu_state *fpu;		/* XSAVE area (arch_fpu_state_size) */
	/* A syscall replaced regs (execve, rt_sigreturn): keep ax as is. */
	bool regs_replaced;
};

/* arch/x86/kernel/process.c */
struct thread_info *alloc_thread_info(void);
void free_thread_info(struct thread_info *ti);
/* Copies regs and FPU state (fork/clone). */
void copy_thread_info(struct thread_info *dst, const struct thread_info *src);

/* The current task's user registers (it must be a user task). */
struct pt_regs *current_pt_regs(void);

#endif
