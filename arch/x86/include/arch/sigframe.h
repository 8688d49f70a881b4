/*
 * sigframe.h - the x86_64 signal frame a guest handler runs on, in
 * Linux's layout (glibc and musl read it: ucontext, sigcontext offsets).
 * arch/x86/kernel/signal.c builds it; kernel/signal_test.c checks the
 * offsets.
 */
#ifndef ASM_X86_SIGFRAME_H
#define ASM_X86_SIGFRAME_H

#include <umk/types.h>
#include <uapi/umk/signal.h>

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* address of the FXSAVE area */
	u64 reserved1[8];
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	stack_t uc_stack;
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;			/* the handler returns here */
	struct ucontext uc;
	siginfo_t info;
};

#endif
