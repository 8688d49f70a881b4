/*
 * signal.c - x86_64 signal delivery: the rt_sigframe a guest handler
 * runs on (return address = sa_restorer, ucontext with the interrupted
 * registers and mask, siginfo, FXSAVE state), rt_sigreturn, and the
 * restart rules for a syscall that a signal interrupted. The FPU
 * state goes into the frame as Linux puts it: the whole XSAVE image
 * with the "extended state" markers (or FXSAVE where XSAVE is off), and
 * what rt_sigreturn takes back is made loadable first.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <arch/backend.h>
#include <arch/thread_info.h>
#include <arch/elf.h>
#include <arch/sigframe.h>

BUILD_BUG_ON(sizeof(struct sigcontext_64) != 256);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);

#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4
#define FXSAVE_SIZE		512
#define FX_MXCSR_OFFSET		24
#define FX_SW_RESERVED		464	/* struct _fpx_sw_bytes goes here */
#define XSTATE_BV_OFFSET	512
#define XSTATE_HDR_END		576
#define XFEATURE_FP_SSE		0x3ULL
#define FP_XSTATE_MAGIC1	0x46505853U
#define FP_XSTATE_MAGIC2	0x46505845U
#define REDZONE			128
#define NR_RESTART_SYSCALL	219
/* Flags a handler may change: CF PF AF ZF SF TF DF OF RF AC. */
#define FIX_EFLAGS		0x50dd5UL
#define CLEAR_ON_ENTRY		0x10500UL	/* TF DF RF */

/* The software bytes of the FXSAVE area that announce XSAVE state. */
struct fpx_sw_bytes {
	u32 magic1;
	u32 extended_size;	/* xstate_size + 4 (MAGIC2 after it) */
	u64 xfeatures;
	u32 xstate_size;
	u32 padding[7];
};

static bool fpu_is_xsave(void)
{
	return arch_fpu_state_size() > FXSAVE_SIZE;
}

/* Bytes of FPU state in a frame (with MAGIC2 for XSAVE). */
static size_t frame_fpu_size(void)
{
	return arch_fpu_state_size() + (fpu_is_xsave() ? 4 : 0);
}

unsigned long sigframe_size(void)
{
	return sizeof(struct rt_sigframe) + frame_fpu_size() + 64 + 16;
}

static void save_regs(struct sigcontext_64 *sc, const struct pt_regs *r)
{
	*sc = (struct sigcontext_64) {
		r->r8, r->r9, r->r10, r->r11, r->r12, r->r13, r->r14, r->r15,
		r->di, r->si, r->bp, r->bx, r->dx, r->ax, r->cx, r->sp, r->ip,
		r->flags, (u16)r->cs, 0, 0, (u16)r->ss,
	};
}

static void restore_regs(struct pt_regs *r, const struct sigcontext_64 *sc)
{
	r->r8 = sc->r8; r->r9 = sc->r9; r->r10 = sc->r10; r->r11 = sc->r11;
	r->r12 = sc->r12; r->r13 = sc->r13; r->r14 = sc->r14;
	r->r15 = sc->r15; r->di = sc->di; r->si = sc->si; r->bp = sc->bp;
	r->bx = sc->bx; r->dx = sc->dx; r->ax = sc->ax; r->cx = sc->cx;
	r->sp = sc->sp; r->ip = sc->ip;
	r->flags = (r->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	r->orig_ax = -1UL;		/* not in a syscall: no restart */
}

static unsigned long frame_sp(const struct ksignal *ksig,
			      const struct pt_regs *regs)
{
	unsigned long sp = regs->sp - REDZONE;

	if ((ksig->ka.sa_flags & SA_ONSTACK) && current->sas_ss_size &&
	    !on_sig_stack(sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	return sp;
}

/* Copies the FPU state to fp in the guest, marked as Linux marks it. */
static int save_fpstate(unsigned long fp)
{
	const u8 *xs = current->user->fpu->xsave;
	size_t size = arch_fpu_state_size();
	struct fpx_sw_bytes sw = { 0 };
	u32 magic2 = FP_XSTATE_MAGIC2;

	if (copy_to_user((void __user *)fp, xs, size))
		return -EFAULT;
	if (fpu_is_xsave()) {
		sw.magic1 = FP_XSTATE_MAGIC1;
		sw.extended_size = size + 4;
		sw.xfeatures = xfeatures_mask();
		sw.xstate_size = size;
		if (copy_to_user((void __user *)(fp + size), &magic2, 4))
			return -EFAULT;
	}
	return copy_to_user((void __user *)(fp + FX_SW_RESERVED), &sw,
			    sizeof(sw));
}

static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long fp = ALIGN_DOWN(frame_sp(ksig, regs) - frame_fpu_size(),
				      64);
	unsigned long sp = ALIGN_DOWN(fp - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe f;

	if (!(ksig->ka.sa_flags & SA_RESTORER))
		return -EFAULT;		/* x86_64 has no default trampoline */
	memset(&f, 0, sizeof(f));
	f.pretcode = (u64)(unsigned long)ksig->ka.sa_restorer;
	f.info = ksig->info;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS |
			(fpu_is_xsave() ? UC_FP_XSTATE : 0);
	f.uc.uc_stack.ss_sp = (void __user *)current->sas_ss_sp;
	f.uc.uc_stack.ss_size = current->sas_ss_size;
	f.uc.uc_stack.ss_flags = !current->sas_ss_size ? SS_DISABLE :
		on_sig_stack(regs->sp) ? SS_ONSTACK : 0;
	save_regs(&f.uc.uc_mcontext, regs);
	if (ksig->sig == SIGSEGV || ksig->sig == SIGBUS)
		f.uc.uc_mcontext.cr2 = ksig->info.fault.si_addr;
	f.uc.uc_mcontext.fpstate = fp;
	f.uc.uc_sigmask = current->restore_sigmask ? current->saved_sigmask :
						     current->blocked;
	if (save_fpstate(fp) || copy_to_user((void __user *)sp, &f, sizeof(f)))
		return -EFAULT;
	current->restore_sigmask = false;
	if (current->sas_ss_flags & SS_AUTODISARM)
		current->sas_ss_sp = current->sas_ss_size = 0;
	regs->di = ksig->sig;
	regs->si = sp + offsetof(struct rt_sigframe, info);
	regs->dx = sp + offsetof(struct rt_sigframe, uc);
	regs->ax = 0;
	regs->ip = (unsigned long)ksig->ka.sa_handler;
	regs->sp = sp;
	regs->flags &= ~CLEAR_ON_ENTRY;
	regs->cs = user_mode_cs;
	regs->ss = user_mode_ss;
	return 0;
}

/* Does the frame at fp hold a whole XSAVE image of our size? */
static bool frame_has_xstate(unsigned long fp)
{
	size_t size = arch_fpu_state_size();
	struct fpx_sw_bytes sw;
	u32 magic2;

	if (!fpu_is_xsave() ||
	    copy_from_user(&sw, (const void __user *)(fp + FX_SW_RESERVED),
			   sizeof(sw)) ||
	    copy_from_user(&magic2, (const void __user *)(fp + size), 4))
		return false;
	return sw.magic1 == FP_XSTATE_MAGIC1 && sw.xstate_size == size &&
	       sw.extended_size == size + 4 && magic2 == FP_XSTATE_MAGIC2;
}

/*
 * The frame's FPU image back into our state, made loadable: MXCSR
 * without reserved bits, an XSAVE header with only components the host
 * has and no compaction. A legacy-only frame restores x87 and SSE.
 */
static int restore_fpstate(unsigned long fp)
{
	u8 *xs = current->user->fpu->xsave;
	bool full = frame_has_xstate(fp);
	size_t n = full ? arch_fpu_state_size() : FX_SW_RESERVED;
	u32 mxcsr, mask;
	u64 bv = 0;

	if (!fp)
		return 0;
	memcpy(&mask, xs + FX_MXCSR_OFFSET + 4, sizeof(mask));
	if (fpu_is_xsave())
		memcpy(&bv, xs + XSTATE_BV_OFFSET, sizeof(bv));
	if (copy_from_user(xs, (const void __user *)fp, n))
		return -EFAULT;
	memcpy(&mxcsr, xs + FX_MXCSR_OFFSET, sizeof(mxcsr));
	mxcsr &= mask ? mask : 0xffbf;
	memcpy(xs + FX_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	memcpy(xs + FX_MXCSR_OFFSET + 4, &mask, sizeof(mask));
	if (!fpu_is_xsave())
		return 0;
	if (full)
		memcpy(&bv, xs + XSTATE_BV_OFFSET, sizeof(bv));
	bv = (bv & xfeatures_mask()) | XFEATURE_FP_SSE;
	memset(xs + XSTATE_BV_OFFSET, 0, XSTATE_HDR_END - XSTATE_BV_OFFSET);
	memcpy(xs + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	return 0;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	unsigned long frame = regs->sp - sizeof(u64);
	struct ucontext uc;

	current->user->regs_replaced = true;
	current->restart_block.fn = NULL;	/* no restart_syscall now */
	if (copy_from_user(&uc, (const void __user *)(frame +
			   offsetof(struct rt_sigframe, uc)), sizeof(uc)) ||
	    restore_fpstate(uc.uc_mcontext.fpstate)) {
		force_sig(SIGSEGV);
		return 0;
	}
	restore_regs(regs, &uc.uc_mcontext);
	set_current_blocked(uc.uc_sigmask);
	return regs->ax;
}

/* A syscall a signal interrupted: restart it, or fail with EINTR. */
static void syscall_restart(struct pt_regs *regs, struct ksignal *ksig)
{
	long ret = (long)regs->ax;
	bool restart;

	switch (ret) {
	case -ERESTARTNOINTR:
		restart = true;
		break;
	case -ERESTARTSYS:
		restart = !ksig || (ksig->ka.sa_flags & SA_RESTART);
		break;
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		restart = !ksig;
		break;
	default:
		return;
	}
	if (restart && ret == -ERESTART_RESTARTBLOCK) {
		regs->ax = NR_RESTART_SYSCALL;	/* with the time left */
		regs->ip -= 2;
	} else if (restart) {
		regs->ax = regs->orig_ax;
		regs->ip -= 2;		/* back onto the syscall instruction */
	} else {
		regs->ax = -EINTR;
	}
}

void do_signal(struct pt_regs *regs, bool in_syscall)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		if (in_syscall)
			syscall_restart(regs, &ksig);
		signal_setup_done(setup_rt_frame(&ksig, regs) != 0, &ksig);
		return;
	}
	if (in_syscall)
		syscall_restart(regs, NULL);
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}
