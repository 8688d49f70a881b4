/*
 * arch/ptrace.h - a guest thread's user-mode registers. The layout is the
 * x86_64 host's struct user_regs_struct, so the ptrace backend moves it
 * in one PTRACE_GETREGS/SETREGS and the seccomp backend in one copy.
 */
#ifndef ASM_X86_PTRACE_H
#define ASM_X86_PTRACE_H

#include <umk/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10;
	unsigned long r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;		/* syscall number at entry */
	unsigned long ip, cs, flags, sp, ss;
	unsigned long fs_base, gs_base;
	unsigned long ds, es, fs, gs;
};

/*
 * Extended (FPU/SSE/AVX) state in the XSAVE layout; the first 512 bytes
 * are the FXSAVE area. Size of the live part is arch_fpu_state_size().
 */
#define FPU_STATE_MAX	4096
struct fpu_state {
	u8 xsave[FPU_STATE_MAX] __aligned(64);
};

/* Syscall argument registers, in ABI order. */
static inline unsigned long syscall_arg(const struct pt_regs *r, int n)
{
	switch (n) {
	case 0: return r->di;
	case 1: return r->si;
	case 2: return r->dx;
	case 3: return r->r10;
	case 4: return r->r8;
	default: return r->r9;
	}
}

#define user_mode_cs	0x33	/* __USER_CS on x86_64 */
#define user_mode_ss	0x2b	/* __USER_DS */

#endif
