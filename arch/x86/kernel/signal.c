/*
 * signal.c - x86_64 signal delivery: the rt_sigframe a guest handler
 * runs on (return address = sa_restorer, ucontext with the interrupted
 * registers and mask, siginfo, FXSAVE state), rt_sigreturn, and the
 * restart rules for a syscall that a signal interrupted. Only the
 * legacy (FXSAVE) part of the FPU state goes into the frame; AVX upper
 * halves are not saved across a handler yet.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <asm/backend.h>
#include <asm/thread_info.h>
#include <asm/elf.h>

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

BUILD_BUG_ON(sizeof(struct sigcontext_64) != 256);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);

#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4
#define FXSAVE_SIZE		512
#define FX_MXCSR_OFFSET		24
#define FX_SW_RESERVED		464
#define XSTATE_BV_OFFSET	512
#define XFEATURE_FP_SSE		0x3ULL
#define REDZONE			128
/* Flags a handler may change: CF PF AF ZF SF TF DF OF RF AC. */
#define FIX_EFLAGS		0x50dd5UL
#define CLEAR_ON_ENTRY		0x10500UL	/* TF DF RF */

unsigned long sigframe_size(void)
{
	return sizeof(struct rt_sigframe) + FXSAVE_SIZE + 64 + 16;
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

static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct thread_info *ti = current->user;
	unsigned long fp = ALIGN_DOWN(frame_sp(ksig, regs) - FXSAVE_SIZE, 64);
	unsigned long sp = ALIGN_DOWN(fp - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe f;
	u8 fx[FXSAVE_SIZE];

	if (!(ksig->ka.sa_flags & SA_RESTORER))
		return -EFAULT;		/* x86_64 has no default trampoline */
	memset(&f, 0, sizeof(f));
	f.pretcode = (u64)(unsigned long)ksig->ka.sa_restorer;
	f.info = ksig->info;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
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
	memcpy(fx, ti->fpu->xsave, FXSAVE_SIZE);
	memset(fx + FX_SW_RESERVED, 0, FXSAVE_SIZE - FX_SW_RESERVED);
	if (copy_to_user((void __user *)fp, fx, FXSAVE_SIZE) ||
	    copy_to_user((void __user *)sp, &f, sizeof(f)))
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

/* The FXSAVE image back into our XSAVE area, made safe to load. */
static int restore_fpstate(unsigned long fp)
{
	u8 *xs = current->user->fpu->xsave;
	u32 mxcsr, mask;
	u64 bv;

	if (!fp)
		return 0;
	memcpy(&mask, xs + FX_MXCSR_OFFSET + 4, sizeof(mask));
	if (copy_from_user(xs, (const void __user *)fp, FX_SW_RESERVED))
		return -EFAULT;
	/* A reserved MXCSR bit would fault the stub on restore. */
	memcpy(&mxcsr, xs + FX_MXCSR_OFFSET, sizeof(mxcsr));
	mxcsr &= mask ? mask : 0xffbf;
	memcpy(xs + FX_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	memcpy(xs + FX_MXCSR_OFFSET + 4, &mask, sizeof(mask));
	if (arch_fpu_state_size() > XSTATE_BV_OFFSET) {
		memcpy(&bv, xs + XSTATE_BV_OFFSET, sizeof(bv));
		bv |= XFEATURE_FP_SSE;
		memcpy(xs + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	}
	return 0;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	unsigned long frame = regs->sp - sizeof(u64);
	struct ucontext uc;

	current->user->regs_replaced = true;
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
	if (restart) {
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
