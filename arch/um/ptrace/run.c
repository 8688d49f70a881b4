/*
 * run.c - running a guest thread in its stub until it traps. The stub
 * runs under PTRACE_SYSEMU, so every guest syscall stops before the host
 * would run it; faults arrive as signal-delivery stops, which are never
 * passed on. While the guest runs, the kernel sleeps in waitpid() with
 * irqs enabled; the tick kicks the stub with a signal when another task
 * waits for the CPU, and the stop then returns TRAP_INTERRUPT.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/irqflags.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <os_ptrace.h>
#include "context.h"

#define NO_TRAPNO	(~0UL)
#define X86_TRAP_GP	13
#define INSN_SYSCALL_LEN 2	/* syscall, sysenter and int $0x80 */

/* run_guest() results besides 0 and -errno. */
#define RUN_DEAD	1	/* the stub died (reaped) */
#define RUN_SKIPPED	2	/* need_resched already: not resumed */

/* The context whose guest runs right now (uniprocessor: one). */
static struct mm_context *running;

static void preempt_tick(struct timer_list *t);
static struct timer_list preempt_timer = {
	.entry = LIST_HEAD_INIT(preempt_timer.entry),
	.function = preempt_tick,
};

/*
 * Irq context, once a tick while a guest runs. Timers run before the
 * tick's sched_tick(), which sets need_resched when another task is
 * queued: kick then, and the stop finds need_resched set. (A task that
 * a later timer of the same tick wakes is seen a tick later.) The kick
 * is a pidfd signal, so it cannot reach a reused pid.
 */
static void preempt_tick(struct timer_list *t)
{
	struct mm_context *ctx = READ_ONCE(running);

	if (!ctx)
		return;
	if (need_resched() || nr_running() > 1)
		os_stub_kick(ctx->pidfd);
	mod_timer(t, jiffies + 1);
}

/*
 * A 32-bit syscall (int $0x80, sysenter). umk has no ia32 emulation, so
 * it is what Linux without IA32_EMULATION gives: #GP, SIGSEGV, with ip
 * on the instruction. A `syscall` leaves cx == ip and r11 == flags, so
 * only stops without that pattern need asking the host.
 */
static int check_compat(struct mm_context *ctx, struct pt_regs *regs,
			struct trap_info *trap)
{
	int compat;

	if (regs->cx == regs->ip && regs->r11 == regs->flags)
		return 0;
	compat = os_ptrace_syscall_is_compat(ctx->pid);
	if (compat <= 0)
		return compat;
	regs->ip -= INSN_SYSCALL_LEN;
	regs->ax = regs->orig_ax;
	regs->orig_ax = -1UL;
	trap->kind = TRAP_SIGNAL;
	trap->signo = OS_SIGSEGV;
	trap->si_code = OS_SI_KERNEL;
	trap->trapno = X86_TRAP_GP;
	return 0;
}

static void fill_trap(struct trap_info *trap, const struct os_stop *stop)
{
	trap->signo = stop->signo;
	trap->si_code = stop->code;
	trap->addr = stop->addr;
	trap->trapno = stop->trapno;
	/* ptrace does not tell the page fault error code. */
	trap->error_code = NO_TRAPNO;
	switch (stop->kind) {
	case OS_STOP_SYSCALL:
		trap->kind = TRAP_SYSCALL;
		break;
	case OS_STOP_PAGE_FAULT:
		trap->kind = TRAP_PAGE_FAULT;
		break;
	case OS_STOP_FAULT:
		trap->kind = TRAP_SIGNAL;
		break;
	default:
		trap->kind = TRAP_INTERRUPT;
		break;
	}
}

/*
 * Resumes the guest until a stop worth reporting; kicks without
 * need_resched and foreign signals are swallowed.
 */
static int wait_for_trap(struct mm_context *ctx, struct os_stop *stop)
{
	int err;

	for (;;) {
		err = os_ptrace_resume(ctx->pid, OS_RESUME_SYSEMU);
		if (!err)
			err = os_stub_wait(ctx->pid, stop);
		if (err)
			return err;
		switch (stop->kind) {
		case OS_STOP_DEAD:
			return RUN_DEAD;
		case OS_STOP_IGNORE:
			continue;
		case OS_STOP_KICK:
			if (!need_resched())
				continue;
			return 0;
		default:
			return 0;
		}
	}
}

/* Runs the loaded thread with irqs on, so that the tick can kick it. */
static int run_guest(struct mm_context *ctx, struct os_stop *stop)
{
	unsigned long flags;
	int ret = RUN_SKIPPED;

	local_irq_save(flags);
	local_irq_enable();
	WRITE_ONCE(running, ctx);
	if (!timer_pending(&preempt_timer))
		mod_timer(&preempt_timer, jiffies + 1);
	/* A kick from here on stops the stub as soon as it resumes. */
	if (!need_resched())
		ret = wait_for_trap(ctx, stop);
	WRITE_ONCE(running, NULL);
	local_irq_restore(flags);
	return ret;
}

int ptrace_run_user(struct mm_context *ctx, struct pt_regs *regs,
		    struct fpu_state *fpu, struct trap_info *trap)
{
	struct os_stop stop = { .kind = OS_STOP_KICK, .trapno = NO_TRAPNO };
	int ret;

	ret = stub_flush(ctx);
	if (ret)
		return ret;
	ret = stub_load_state(ctx, regs, fpu);
	if (ret)
		return stub_lost(ctx, ret);
	ret = run_guest(ctx, &stop);
	if (ret == RUN_DEAD) {
		stub_reaped(ctx);
		return stub_lost(ctx, -ESRCH);
	}
	if (ret < 0)
		return stub_lost(ctx, ret);
	/* Only a thread that ran has new state. */
	if (ret != RUN_SKIPPED) {
		ret = stub_save_state(ctx, regs, fpu);
		if (ret)
			return stub_lost(ctx, ret);
	}
	fill_trap(trap, &stop);
	if (stop.kind == OS_STOP_SYSCALL) {
		ret = check_compat(ctx, regs, trap);
		if (ret)
			return stub_lost(ctx, ret);
	}
	return 0;
}

const struct backend_ops ptrace_backend_ops = {
	.name = "ptrace",
	.flush = ptrace_flush,
	.run = ptrace_run_user,
};
