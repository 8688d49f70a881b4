/*
 * frame.c - the signal frame a seccomp stub's handler sits on: where it
 * is (checked to lie in the stub's alternate signal stack, since guest
 * code can jump into the handler with any registers), and the guest
 * thread's registers and FPU state in it. Offsets are the x86_64 Linux
 * ABI of struct ucontext, sigcontext and siginfo.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include "seccomp.h"

#define UC_STACK	16	/* stack_t: sp, flags, size */
#define UC_MCONTEXT	40	/* struct sigcontext */
#define UC_SIGMASK	296
#define UC_SIZE		304
#define SC_SEGS		144	/* cs, gs, fs, ss (u16 each) */
#define SC_ERR		152
#define SC_TRAPNO	160
#define SC_FPSTATE	184
#define SI_CODE		8
#define SI_ADDR		16	/* also a SIGSYS's si_call_addr */
#define SI_SYSCALL	24
#define SI_ARCH		28
#define SI_SIZE		128
#define FX_SW_BYTES	464	/* software area of the FXSAVE image */
#define FX_SIZE		512
#define FP_XSTATE_MAGIC1 0x46505853U
#define FX_SW_XSTATE_SIZE (FX_SW_BYTES + 16)

/* sigcontext's general registers, in its order. */
static const unsigned char sc_order[] = {
	offsetof(struct pt_regs, r8) / 8, offsetof(struct pt_regs, r9) / 8,
	offsetof(struct pt_regs, r10) / 8, offsetof(struct pt_regs, r11) / 8,
	offsetof(struct pt_regs, r12) / 8, offsetof(struct pt_regs, r13) / 8,
	offsetof(struct pt_regs, r14) / 8, offsetof(struct pt_regs, r15) / 8,
	offsetof(struct pt_regs, di) / 8, offsetof(struct pt_regs, si) / 8,
	offsetof(struct pt_regs, bp) / 8, offsetof(struct pt_regs, bx) / 8,
	offsetof(struct pt_regs, dx) / 8, offsetof(struct pt_regs, ax) / 8,
	offsetof(struct pt_regs, cx) / 8, offsetof(struct pt_regs, sp) / 8,
	offsetof(struct pt_regs, ip) / 8, offsetof(struct pt_regs, flags) / 8,
};

/* Kernel view of [addr, addr + len) if it lies in the signal stack. */
static u8 *stack_ptr(struct mm_context *ctx, u64 addr, size_t len)
{
	if (addr < STUB_SIGSTACK || addr > STUB_SIGSTACK + STUB_SIGSTACK_SIZE ||
	    len > STUB_SIGSTACK + STUB_SIGSTACK_SIZE - addr)
		return NULL;
	return (u8 *)ctx->data + STUB_D_SIGSTACK + (addr - STUB_SIGSTACK);
}

static u64 get64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void put64(u8 *p, u64 v)
{
	memcpy(p, &v, sizeof(v));
}

int sc_frame_find(struct mm_context *ctx, struct sc_frame *f)
{
	size_t fpu_size = arch_fpu_state_size();
	u32 magic, xsize;

	f->uc = stack_ptr(ctx, *(u64 *)trap_word(ctx, T_UCTX), UC_SIZE);
	f->info = stack_ptr(ctx, *(u64 *)trap_word(ctx, T_SIGINFO), SI_SIZE);
	if (!f->uc || !f->info)
		return -EFAULT;
	f->fp = stack_ptr(ctx, get64(f->uc + UC_MCONTEXT + SC_FPSTATE),
			  FX_SIZE);
	if (!f->fp)
		return -EFAULT;
	f->fp_size = FX_SIZE;
	memcpy(&magic, f->fp + FX_SW_BYTES, sizeof(magic));
	memcpy(&xsize, f->fp + FX_SW_XSTATE_SIZE, sizeof(xsize));
	if (magic == FP_XSTATE_MAGIC1 && fpu_size > FX_SIZE) {
		f->fp_size = xsize < fpu_size ? xsize : fpu_size;
		if (f->fp_size < FX_SIZE ||
		    !stack_ptr(ctx, get64(f->uc + UC_MCONTEXT + SC_FPSTATE),
			       f->fp_size))
			return -EFAULT;
	}
	return 0;
}

void sc_frame_save(const struct sc_frame *f, struct pt_regs *regs,
		   struct fpu_state *fpu)
{
	unsigned long *r = (unsigned long *)regs;
	const u8 *sc = f->uc + UC_MCONTEXT;
	u16 seg[4];

	for (size_t i = 0; i < ARRAY_SIZE(sc_order); i++)
		r[sc_order[i]] = get64(sc + 8 * i);
	memcpy(seg, sc + SC_SEGS, sizeof(seg));
	regs->cs = seg[0];
	regs->ss = seg[3];
	regs->orig_ax = -1UL;
	memcpy(fpu->xsave, f->fp, f->fp_size);
}

/*
 * The reply: the thread's registers and FPU state, an empty signal mask
 * and the stub's own alternate stack, whatever guest code put there
 * with a forged frame. The software bytes of the FXSAVE image are the
 * host's: they tell rt_sigreturn the frame's XSAVE layout.
 */
void sc_frame_load(const struct sc_frame *f, const struct pt_regs *regs,
		   const struct fpu_state *fpu)
{
	const unsigned long *r = (const unsigned long *)regs;
	u8 *sc = f->uc + UC_MCONTEXT;
	u16 seg[4];

	for (size_t i = 0; i < ARRAY_SIZE(sc_order); i++)
		put64(sc + 8 * i, r[sc_order[i]]);
	memcpy(seg, sc + SC_SEGS, sizeof(seg));
	seg[0] = (u16)regs->cs;
	seg[3] = (u16)regs->ss;
	memcpy(sc + SC_SEGS, seg, sizeof(seg));
	memset(f->uc + UC_SIGMASK, 0, 8);
	put64(f->uc + UC_STACK, STUB_SIGSTACK);
	memset(f->uc + UC_STACK + 8, 0, 8);
	put64(f->uc + UC_STACK + 16, STUB_SIGSTACK_SIZE);
	memcpy(f->fp, fpu->xsave, FX_SW_BYTES);
	if (f->fp_size > FX_SIZE)
		memcpy(f->fp + FX_SIZE, fpu->xsave + FX_SIZE,
		       f->fp_size - FX_SIZE);
}

int sc_si_code(const struct sc_frame *f)
{
	int v;

	memcpy(&v, f->info + SI_CODE, sizeof(v));
	return v;
}

unsigned long sc_si_addr(const struct sc_frame *f)
{
	return get64(f->info + SI_ADDR);
}

int sc_si_syscall(const struct sc_frame *f)
{
	int v;

	memcpy(&v, f->info + SI_SYSCALL, sizeof(v));
	return v;
}

u32 sc_si_arch(const struct sc_frame *f)
{
	u32 v;

	memcpy(&v, f->info + SI_ARCH, sizeof(v));
	return v;
}

unsigned long sc_trapno(const struct sc_frame *f)
{
	return get64(f->uc + UC_MCONTEXT + SC_TRAPNO);
}

unsigned long sc_error_code(const struct sc_frame *f)
{
	return get64(f->uc + UC_MCONTEXT + SC_ERR);
}
