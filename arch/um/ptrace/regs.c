/*
 * regs.c - a guest thread's registers and FPU state and the stub's host
 * thread. Several guest threads share one stub, so their state is
 * loaded before each run and saved after it; the context keeps a shadow
 * of what the stub holds, so a thread that runs again unchanged costs
 * no PTRACE_SETREGS or SETREGSET.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <os_ptrace.h>
#include "context.h"

BUILD_BUG_ON(sizeof(struct pt_regs) != OS_REGS_SIZE);

#define FXSAVE_SIZE	512
#define XSAVE_MIN	576		/* legacy area + XSAVE header */
#define FX_FCW		0		/* x87 control word (u16) */
#define FX_MXCSR	24		/* SSE control/status (u32) */
#define XSAVE_BV	512		/* header: components present (u64) */
#define XFEATURES_FP_SSE 0x3
#define X86_EFLAGS_IF	0x200
#define X86_EFLAGS_FIXED 0x2

static size_t fpu_size;

/*
 * The host's XSAVE size if it fits struct fpu_state; otherwise (or
 * without XSAVE) the 512-byte FXSAVE area, which loses AVX state when
 * threads of one address space switch.
 */
size_t arch_fpu_state_size(void)
{
	size_t xs;

	if (fpu_size)
		return fpu_size;
	xs = os_xsave_size();
	if (xs >= XSAVE_MIN && xs <= FPU_STATE_MAX) {
		fpu_size = xs;
	} else {
		if (xs)
			pr_warn("ptrace backend: XSAVE area of %zu bytes "
				"exceeds FPU_STATE_MAX: saving FXSAVE only\n",
				xs);
		fpu_size = FXSAVE_SIZE;
	}
	return fpu_size;
}

void arch_init_fpu(struct fpu_state *fpu)
{
	u16 fcw = 0x37f;	/* all exceptions masked, 64-bit precision */
	u32 mxcsr = 0x1f80;	/* all SIMD exceptions masked */
	u64 bv = XFEATURES_FP_SSE;

	memset(fpu, 0, sizeof(*fpu));
	memcpy(fpu->xsave + FX_FCW, &fcw, sizeof(fcw));
	memcpy(fpu->xsave + FX_MXCSR, &mxcsr, sizeof(mxcsr));
	/* x87 and SSE from the legacy area; AVX and beyond in init state. */
	if (arch_fpu_state_size() > FXSAVE_SIZE)
		memcpy(fpu->xsave + XSAVE_BV, &bv, sizeof(bv));
}

void arch_init_user_regs(struct pt_regs *regs, unsigned long ip,
			 unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = user_mode_cs;
	regs->ss = user_mode_ss;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs->orig_ax = -1UL;
}

static int load_regs(struct mm_context *ctx, const struct pt_regs *regs)
{
	struct pt_regs want = *regs;
	int err;

	/*
	 * The host must not see a syscall in progress: with orig_ax set
	 * and ax = -ERESTART*, it would rewind ip when it swallows a
	 * signal. Syscall restarts are the kernel's business.
	 */
	want.orig_ax = -1UL;
	if (ctx->regs_known && !memcmp(&want, &ctx->host_regs, sizeof(want)))
		return 0;
	ctx->regs_known = false;
	err = os_ptrace_setregs(ctx->pid, &want);
	if (err)
		return err;
	ctx->host_regs = want;
	ctx->regs_known = true;
	return 0;
}

static int load_fpu(struct mm_context *ctx, const struct fpu_state *fpu)
{
	size_t size = arch_fpu_state_size();
	int err;

	if (ctx->fpu_known && !memcmp(fpu, ctx->host_fpu, size))
		return 0;
	ctx->fpu_known = false;
	err = os_ptrace_setfpu(ctx->pid, fpu, size);
	if (err)
		return err;
	memcpy(ctx->host_fpu, fpu, size);
	ctx->fpu_known = true;
	return 0;
}

int stub_load_state(struct mm_context *ctx, const struct pt_regs *regs,
		    const struct fpu_state *fpu)
{
	int err = load_regs(ctx, regs);

	return err ? err : load_fpu(ctx, fpu);
}

int stub_save_state(struct mm_context *ctx, struct pt_regs *regs,
		    struct fpu_state *fpu)
{
	size_t size = arch_fpu_state_size();
	int n, err;

	ctx->regs_known = false;
	ctx->fpu_known = false;
	err = os_ptrace_getregs(ctx->pid, &ctx->host_regs);
	if (err)
		return err;
	ctx->regs_known = true;
	n = os_ptrace_getfpu(ctx->pid, ctx->host_fpu, size);
	if (n < 0)
		return n;
	if ((size_t)n != size) {
		pr_err("ptrace backend: host FPU state is %d bytes, not %zu\n",
		       n, size);
		return -EIO;
	}
	ctx->fpu_known = true;
	*regs = ctx->host_regs;
	memcpy(fpu, ctx->host_fpu, size);
	return 0;
}

int stub_enter_code(struct mm_context *ctx, unsigned long ip)
{
	struct pt_regs r;

	arch_init_user_regs(&r, ip, 0);
	ctx->regs_known = false;
	return os_ptrace_setregs(ctx->pid, &r);
}
