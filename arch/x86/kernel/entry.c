/*
 * entry.c - the user-task loop: a guest thread is a kernel task whose
 * body runs the guest until it traps (arch_run_user), serves the trap
 * (syscall, page fault, fault signal, preemption) and, before running
 * the guest again, reschedules if asked to and takes pending signals.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/mman.h>
#include <umk/syscalls.h>
#include <arch/backend.h>
#include <arch/thread_info.h>

static bool is_restart_code(unsigned long ax)
{
	long v = (long)ax;

	return v == -ERESTARTSYS || v == -ERESTARTNOINTR ||
	       v == -ERESTARTNOHAND || v == -ERESTART_RESTARTBLOCK;
}

/* What Linux calls exit_to_user_mode_loop. */
static void prepare_return(struct thread_info *ti, bool in_syscall)
{
	for (;;) {
		if (need_resched()) {
			schedule();
			continue;
		}
		if (signal_pending(current) || current->restore_sigmask ||
		    (in_syscall && is_restart_code(ti->regs.ax))) {
			do_signal(&ti->regs, in_syscall);
			in_syscall = false;
			continue;
		}
		break;
	}
}

static void handle_syscall(struct thread_info *ti)
{
	long ret;

	ti->regs_replaced = false;
	ret = do_syscall_64(&ti->regs);
	if (!ti->regs_replaced)
		ti->regs.ax = ret;
}

static void handle_page_fault(const struct trap_info *trap)
{
	int err = handle_user_fault(current->mm, trap->addr, trap->error_code);

	switch (err) {
	case 0:
		break;
	case -ENOMEM:
		/* The OOM killer chose a victim: let it die, then retry. */
		yield();
		break;
	case -EACCES:
		force_sig_fault(SIGSEGV, SEGV_ACCERR, trap->addr);
		break;
	case -EIO:
		force_sig_fault(SIGBUS, BUS_ADRERR, trap->addr);
		break;
	default:
		force_sig_fault(SIGSEGV, SEGV_MAPERR, trap->addr);
		break;
	}
}

void user_task_loop(void)
{
	struct thread_info *ti = current->user;
	struct trap_info trap;
	bool in_syscall = false;
	int err;

	for (;;) {
		prepare_return(ti, in_syscall);
		in_syscall = false;
		err = arch_run_user(current->mm->context, &ti->regs, ti->fpu,
				    &trap);
		if (err) {
			pr_err("%s[%d]: cannot run the guest (%d): killed\n",
			       current->comm, current->pid, err);
			do_group_exit(wait_status_signaled(SIGKILL, false));
		}
		switch (trap.kind) {
		case TRAP_SYSCALL:
			handle_syscall(ti);
			in_syscall = !ti->regs_replaced;
			break;
		case TRAP_PAGE_FAULT:
			handle_page_fault(&trap);
			break;
		case TRAP_SIGNAL:
			force_sig_fault(trap.signo, trap.si_code, trap.addr);
			break;
		case TRAP_INTERRUPT:
			break;
		}
	}
}
