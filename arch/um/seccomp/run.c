/*
 * run.c - running a guest thread in a seccomp stub. The stub's signal
 * handler has parked it on the trap page; the kernel writes the
 * thread's state into the parked signal frame, flips the futex word and
 * waits (spin, then futex) until the handler reports the next trap.
 * While the guest runs, irqs are on: the tick kicks the stub with a
 * signal when another task waits for the CPU, and kills a stub that
 * blocked that signal (only a forged signal frame can) and ignores it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/irqflags.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <os.h>
#include <os_ptrace.h>
#include <os_seccomp.h>
#include "seccomp.h"

#define NO_TRAPNO	(~0UL)
#define X86_TRAP_GP	13
#define INSN_SYSCALL_LEN 2
#define HOST_SIGSYS	31
#define HOST_SIGBUS	7
#define HOST_SIGFPE	8
#define HOST_SIGVTALRM	26	/* the kick: SIG_KICK of os/stub.c */
#define SYS_SECCOMP	1	/* si_code of a seccomp SIGSYS */
#define AUDIT_ARCH_X86_64 0xc000003eU
/* Ticks a running guest may leave a kick unanswered before it dies. */
#define KICK_LIMIT	(10 * HZ)

static struct mm_context *running;

static void preempt_tick(struct timer_list *t);
static struct timer_list preempt_timer = {
	.entry = LIST_HEAD_INIT(preempt_timer.entry),
	.function = preempt_tick,
};

/* Irq context, once a tick while a guest runs (see ptrace/run.c). */
static void preempt_tick(struct timer_list *t)
{
	struct mm_context *ctx = READ_ONCE(running);

	if (!ctx)
		return;
	if (need_resched() || nr_running() > 1) {
		if (++ctx->kicks > KICK_LIMIT)
			os_stub_terminate(ctx->pidfd);
		else
			os_stub_kick(ctx->pidfd);
	}
	mod_timer(t, jiffies + 1);
}

/* The thread's state into the parked frame; returns the command. */
static u32 load_state(struct mm_context *ctx, const struct sc_frame *f,
		      const struct pt_regs *regs, const struct fpu_state *fpu)
{
	u32 cmd = T_CMD_RUN;

	sc_frame_load(f, regs, fpu);
	if (regs->fs_base != ctx->host_regs.fs_base) {
		*(u64 *)trap_word(ctx, T_NEWFS) = regs->fs_base;
		ctx->host_regs.fs_base = regs->fs_base;
		cmd |= T_CMD_SETFS;
	}
	if (regs->gs_base != ctx->host_regs.gs_base) {
		*(u64 *)trap_word(ctx, T_NEWGS) = regs->gs_base;
		ctx->host_regs.gs_base = regs->gs_base;
		cmd |= T_CMD_SETGS;
	}
	if (ctx->nr_ops) {
		sc_post_batch(ctx);
		cmd |= T_CMD_BATCH;
	}
	return cmd;
}

/* Runs the guest until the stub parks again, with irqs on. */
static int run_guest(struct mm_context *ctx, u32 cmd)
{
	int err;

	ctx->kicks = 0;
	sc_wake(ctx, cmd);
	if (cmd & T_CMD_BATCH) {
		err = sc_serve_batch(ctx, false);
		if (err)
			return err;
	}
	return sc_wait_parked(ctx, false);
}

static void syscall_trap(const struct sc_frame *f, struct pt_regs *regs,
			 struct trap_info *trap)
{
	if (sc_si_arch(f) != AUDIT_ARCH_X86_64) {
		/* int $0x80, sysenter: #GP as without ia32 emulation. */
		regs->ip -= INSN_SYSCALL_LEN;
		trap->kind = TRAP_SIGNAL;
		trap->signo = OS_SIGSEGV;
		trap->si_code = OS_SI_KERNEL;
		trap->trapno = X86_TRAP_GP;
		return;
	}
	/* The host rolled ax back to the number; report as ptrace does. */
	trap->kind = TRAP_SYSCALL;
	regs->orig_ax = regs->ax;
	regs->ax = -ENOSYS;
}

static bool is_fault(int sig)
{
	return sig == OS_SIGSEGV || sig == HOST_SIGBUS || sig == OS_SIGILL ||
	       sig == HOST_SIGFPE || sig == OS_SIGTRAP;
}

/*
 * What the parked stub reports. Returns false for a report to swallow
 * (a kick without need_resched, a signal sent from outside).
 */
static bool decode(const struct sc_frame *f, int sig, struct trap_info *trap)
{
	int code = sc_si_code(f);

	trap->signo = sig;
	trap->si_code = code;
	trap->addr = 0;
	trap->trapno = NO_TRAPNO;
	trap->error_code = NO_TRAPNO;
	if (sig == HOST_SIGSYS)
		return code == SYS_SECCOMP;
	if (sig == HOST_SIGVTALRM) {
		trap->kind = TRAP_INTERRUPT;
		return need_resched();
	}
	if (!is_fault(sig) || code <= 0)
		return false;
	trap->addr = sc_si_addr(f);
	trap->trapno = sc_trapno(f);
	trap->kind = sig == OS_SIGSEGV && (code == OS_SEGV_MAPERR ||
					   code == OS_SEGV_ACCERR ||
					   code == 4 /* SEGV_PKUERR */) ?
		TRAP_PAGE_FAULT : TRAP_SIGNAL;
	/* Guest code may forge it: it only picks read or write handling. */
	if (trap->kind == TRAP_PAGE_FAULT)
		trap->error_code = sc_error_code(f);
	return true;
}

/* The batch that ran before the guest: did a call fail? */
static int check_batch(struct mm_context *ctx)
{
	unsigned int n = ctx->unchecked;

	ctx->unchecked = 0;
	return stub_batch_result(ctx, n);
}

static int run_until_trap(struct mm_context *ctx, struct pt_regs *regs,
			  struct fpu_state *fpu, struct trap_info *trap)
{
	struct sc_frame f;
	u32 cmd;
	int err, sig;

	err = sc_frame_find(ctx, &f);
	if (err)
		return err;
	cmd = load_state(ctx, &f, regs, fpu);
	for (;;) {
		err = run_guest(ctx, cmd);
		if (!err && ctx->unchecked)
			err = check_batch(ctx);
		if (!err)
			err = sc_frame_find(ctx, &f);
		if (err)
			return err;
		sig = (int)*(u32 *)trap_word(ctx, T_SIGNO);
		if (decode(&f, sig, trap))
			break;
		cmd = T_CMD_RUN;	/* resume the frame as it is */
	}
	sc_frame_save(&f, regs, fpu);
	/* The kernel's own flag, not the trap page's copy. */
	if (ctx->fsgsbase) {
		ctx->host_regs.fs_base = *(u64 *)trap_word(ctx, T_FSBASE);
		ctx->host_regs.gs_base = *(u64 *)trap_word(ctx, T_GSBASE);
	}
	regs->fs_base = ctx->host_regs.fs_base;
	regs->gs_base = ctx->host_regs.gs_base;
	if (sig == HOST_SIGSYS)
		syscall_trap(&f, regs, trap);
	return 0;
}

int seccomp_run_user(struct mm_context *ctx, struct pt_regs *regs,
		     struct fpu_state *fpu, struct trap_info *trap)
{
	unsigned long flags;
	int err;

	if (ctx->listener < 0) {
		err = seccomp_start(ctx);
		if (err)
			return err;
	}
	local_irq_save(flags);
	local_irq_enable();
	if (need_resched()) {
		local_irq_restore(flags);
		trap->kind = TRAP_INTERRUPT;
		trap->signo = 0;
		trap->trapno = NO_TRAPNO;
		trap->error_code = NO_TRAPNO;
		return stub_flush(ctx);
	}
	sc_nap(ctx);
	WRITE_ONCE(running, ctx);
	if (!timer_pending(&preempt_timer))
		mod_timer(&preempt_timer, jiffies + 1);
	err = run_until_trap(ctx, regs, fpu, trap);
	WRITE_ONCE(running, NULL);
	local_irq_restore(flags);
	return err ? stub_lost(ctx, err) : 0;
}
