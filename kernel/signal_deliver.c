/*
 * signal_deliver.c - taking a signal's action on the way back to a
 * guest: dequeue (synchronous faults first), ignore, stop the process
 * until SIGCONT, end it with the right wait status (core bit for the
 * core-dumping signals when RLIMIT_CORE allows a dump; no core file is
 * written), or hand a guest handler to the arch code, which builds the
 * frame.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/process.h>
#include <umk/cred.h>
#include <umk/slab.h>

#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | \
			  sigmask(SIGILL) | sigmask(SIGTRAP) | \
			  sigmask(SIGFPE) | sigmask(SIGSYS))

void set_current_blocked(u64 set)
{
	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(current);
}

int sigqueue_take(struct sigpending *p, u64 mask, siginfo_t *info)
{
	u64 set = p->signal & ~mask;
	struct sigqueue *q, *found = NULL;
	bool more = false;
	int sig;

	if (!set)
		return 0;
	if (set & SYNCHRONOUS_MASK)
		set &= SYNCHRONOUS_MASK;
	sig = __builtin_ctzll(set) + 1;
	list_for_each_entry(q, &p->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = q;
	}
	if (found) {
		*info = found->info;
		list_del(&found->list);
		kfree(found);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_KERNEL;
	}
	if (!more)
		p->signal &= ~sigmask(sig);
	return sig;
}

static int dequeue_signal(struct task_struct *t, siginfo_t *info)
{
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sig = sigqueue_take(&t->pending, t->blocked, info);
	if (!sig)
		sig = sigqueue_take(&t->signal->shared_pending, t->blocked,
				   info);
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return sig;
}

bool is_current_pgrp_orphaned(void)
{
	return is_pgrp_orphaned(current->signal->pgrp,
				current->signal->session);
}

int dequeue_signal_mask(u64 mask, siginfo_t *info)
{
	struct task_struct *t = current;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sig = sigqueue_take(&t->pending, ~mask, info);
	if (!sig)
		sig = sigqueue_take(&t->signal->shared_pending, ~mask, info);
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return sig;
}

void do_notify_parent_cldstop(struct task_struct *t, int why)
{
	struct task_struct *parent = t->parent;
	siginfo_t info;

	if (!parent || !parent->signal)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.chld.si_pid = t->tgid;
	info.chld.si_uid = t->cred->uid;
	info.chld.si_status = why == CLD_CONTINUED ? SIGCONT :
						     t->signal->stop_signal;
	if (!(parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		send_signal_info(SIGCHLD, &info, parent, true);
	wake_up_all(&parent->signal->wait_chldexit);
}

/*
 * POSIX: a process group is orphaned when no member has a parent in
 * another group of the same session; terminal stops are dropped then.
 */
bool is_pgrp_orphaned(pid_t pgrp, pid_t session)
{
	struct task_struct *p, *parent;

	list_for_each_entry(p, &task_list, tasks) {
		if (!is_user_task(p) || !thread_group_leader(p) ||
		    p->signal->pgrp != pgrp || !p->signal->nr_threads)
			continue;
		parent = p->parent;
		if (parent && parent->signal &&
		    parent->signal->pgrp != pgrp &&
		    parent->signal->session == session)
			return false;
	}
	return true;
}

static void do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;

	sig->flags &= ~SIGNAL_STOP_CONTINUED;
	sig->flags |= SIGNAL_STOP_STOPPED | SIGNAL_STOP_REPORTABLE;
	sig->stop_signal = signr;
	list_for_each_entry(t, &sig->thread_head, thread_node) {
		if (t != current && !t->exit_state)
			signal_wake_up(t, false);
	}
	do_notify_parent_cldstop(current->group_leader, CLD_STOPPED);
}

/* Sleeps while the process is stopped (until SIGCONT or SIGKILL). */
static void stopped_wait(void)
{
	struct signal_struct *sig = current->signal;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!(sig->flags & SIGNAL_STOP_STOPPED) ||
		    (sig->flags & SIGNAL_GROUP_EXIT) ||
		    (current->pending.signal & sigmask(SIGKILL)))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* A group exit, or exec killing the other threads: end this thread. */
static void exit_if_group_dying(void)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT)
		do_thread_exit(sig->group_exit_code);
	if (sig->group_exec_task && sig->group_exec_task != current)
		do_thread_exit(wait_status_signaled(SIGKILL, false));
}

/*
 * The default action of signr, which is not ignored: stop or die. The
 * core-dumping signals set the wait status's core bit when RLIMIT_CORE
 * allows a dump, as Linux does when it writes one (umk writes none).
 */
static void default_action(int signr)
{
	struct signal_struct *sig = current->signal;
	bool core = (sigmask(signr) & SIG_KERNEL_COREDUMP_MASK) &&
		    rlimit(RLIMIT_CORE) != 0;

	if (sigmask(signr) & SIG_KERNEL_STOP_MASK) {
		if (signr == SIGSTOP ||
		    !is_pgrp_orphaned(sig->pgrp, sig->session))
			do_signal_stop(signr);
		return;
	}
	do_group_exit(wait_status_signaled(signr, core));
}

bool get_signal(struct ksignal *ksig)
{
	struct signal_struct *sig = current->signal;
	struct sigaction *ka;
	siginfo_t info;
	int signr;

	for (;;) {
		exit_if_group_dying();
		if (sig->flags & SIGNAL_STOP_STOPPED) {
			stopped_wait();
			continue;
		}
		signr = dequeue_signal(current, &info);
		if (!signr)
			break;
		ka = &current->sighand->action[signr - 1];
		if (ka->sa_handler == SIG_IGN)
			continue;
		if (ka->sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->info = info;
			ksig->sig = signr;
			if (ka->sa_flags & SA_RESETHAND)
				ka->sa_handler = SIG_DFL;
			return true;
		}
		if (sigmask(signr) & SIG_KERNEL_IGNORE_MASK)
			continue;
		/* Init ignores what it has no handler for, but SIGKILL. */
		if ((sig->flags & SIGNAL_UNKILLABLE) &&
		    !(sigmask(signr) & SIG_KERNEL_ONLY_MASK))
			continue;
		default_action(signr);
	}
	recalc_sigpending(current);
	return false;
}

void signal_setup_done(bool failed, struct ksignal *ksig)
{
	u64 blocked;

	if (failed) {
		/* No frame for SIGSEGV itself: the next one must kill. */
		if (ksig->sig == SIGSEGV)
			current->sighand->action[SIGSEGV - 1].sa_handler =
				SIG_DFL;
		force_sig(SIGSEGV);
		return;
	}
	blocked = current->blocked | ksig->ka.sa_mask;
	if (!(ksig->ka.sa_flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	set_current_blocked(blocked);
}
