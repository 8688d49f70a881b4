/*
 * signal.c - generating signals: the pending queues, sending to a thread
 * or a process, the fast path for fatal signals (the whole group dies),
 * stop/continue bookkeeping, forced fault signals, and the kill(2)
 * permission rule. Taking a signal's action on the way back to a guest
 * is kernel/signal_deliver.c; the signal syscalls are kernel/sys_signal.c.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/slab.h>
#include <umk/pid.h>
#include <umk/irqflags.h>

DECLARE_WAIT_QUEUE_HEAD(signal_queued_wq);

void init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	p->signal = 0;
}

void flush_sigqueue(struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->list, list) {
		list_del(&q->list);
		kfree(q);
	}
	p->signal = 0;
}

struct sighand_struct *alloc_sighand(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	return sh;
}

void put_sighand(struct sighand_struct *sh)
{
	if (--sh->count == 0)
		kfree(sh);
}

bool signal_pending(const struct task_struct *t)
{
	return READ_ONCE(t->sigpending);
}

bool fatal_signal_pending(const struct task_struct *t)
{
	return t->signal && READ_ONCE(t->sigpending) &&
	       ((t->pending.signal & sigmask(SIGKILL)) ||
		(t->signal->flags & SIGNAL_GROUP_EXIT));
}

void recalc_sigpending(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	u64 set;

	if (!sig) {
		t->sigpending = false;
		return;
	}
	set = (t->pending.signal | sig->shared_pending.signal) & ~t->blocked;
	t->sigpending = set || (sig->flags & (SIGNAL_GROUP_EXIT |
					      SIGNAL_STOP_STOPPED)) ||
			(sig->group_exec_task && sig->group_exec_task != t);
}

void signal_wake_up(struct task_struct *t, bool fatal)
{
	t->sigpending = true;
	/* From an irq: make the guest that runs now trap back to us. */
	if (t == current && in_interrupt())
		t->need_resched = true;
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);
}

static struct sigaction *task_action(struct task_struct *t, int sig)
{
	return &t->sighand->action[sig - 1];
}

static bool sig_default_ignored(int sig)
{
	return sigmask(sig) & SIG_KERNEL_IGNORE_MASK;
}

/* Would delivering sig to t do nothing at all? (Then it is dropped.) */
static bool sig_ignored(struct task_struct *t, int sig, bool forced)
{
	void __user *handler;

	if (t->blocked & sigmask(sig))
		return false;
	handler = task_action(t, sig)->sa_handler;
	if (handler == SIG_IGN)
		return true;
	if (handler != SIG_DFL)
		return false;
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && !forced)
		return true;
	return sig_default_ignored(sig);
}

static void remove_from_queue(u64 mask, struct sigpending *p)
{
	struct sigqueue *q, *n;

	if (!(p->signal & mask))
		return;
	p->signal &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (mask & sigmask(q->info.si_signo)) {
			list_del(&q->list);
			kfree(q);
		}
	}
}

/* Removes mask from the process's and all its threads' queues. */
static void remove_from_all_queues(struct signal_struct *sig, u64 mask)
{
	struct task_struct *t;

	remove_from_queue(mask, &sig->shared_pending);
	list_for_each_entry(t, &sig->thread_head, thread_node)
		remove_from_queue(mask, &t->pending);
}

/* POSIX: setting SIG_IGN (or a default of ignore) drops pending ones. */
void discard_pending_signal(struct task_struct *t, int sig)
{
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	remove_from_all_queues(t->signal, sigmask(sig));
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/*
 * Job control happens when the signal is generated, as in Linux: a stop
 * signal cancels a pending SIGCONT, SIGCONT cancels pending stops and
 * resumes a stopped process (reporting it to the parent).
 */
static void prepare_job_control(struct task_struct *p, int sig)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (sigmask(sig) & SIG_KERNEL_STOP_MASK) {
		remove_from_all_queues(signal, sigmask(SIGCONT));
		return;
	}
	if (sig != SIGCONT)
		return;
	remove_from_all_queues(signal, SIG_KERNEL_STOP_MASK);
	if (!(signal->flags & SIGNAL_STOP_STOPPED))
		return;
	signal->flags &= ~(SIGNAL_STOP_STOPPED | SIGNAL_STOP_REPORTABLE);
	signal->flags |= SIGNAL_STOP_CONTINUED;
	list_for_each_entry(t, &signal->thread_head, thread_node) {
		recalc_sigpending(t);
		if (t->state == TASK_INTERRUPTIBLE)
			wake_up_process(t);
	}
	do_notify_parent_cldstop(p->group_leader, CLD_CONTINUED);
}

static bool wants_signal(int sig, struct task_struct *t)
{
	if (t->blocked & sigmask(sig))
		return false;
	if (t->flags & PF_EXITING)
		return false;
	return sig == SIGKILL || t->exit_state == 0;
}

static bool sig_fatal(struct task_struct *t, int sig)
{
	void __user *handler = task_action(t, sig)->sa_handler;

	if (sig == SIGKILL)
		return true;
	if (handler != SIG_DFL)
		return false;
	return !(sigmask(sig) & (SIG_KERNEL_IGNORE_MASK |
				 SIG_KERNEL_STOP_MASK));
}

/* Every thread of t's process gets SIGKILL (and wakes to take it). */
static void kill_whole_group(struct task_struct *p, int exit_code)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;

	sig->flags = SIGNAL_GROUP_EXIT;
	sig->group_exit_code = exit_code;
	list_for_each_entry(t, &sig->thread_head, thread_node) {
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
}

/* Picks the thread that will take the signal and wakes it. */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = NULL, *it;

	if (!group || wants_signal(sig, p)) {
		t = p;
	} else {
		list_for_each_entry(it, &signal->thread_head, thread_node) {
			if (wants_signal(sig, it)) {
				t = it;
				break;
			}
		}
	}
	if (!t || (group && !wants_signal(sig, t)))
		return;		/* all block it: it waits in the queue */
	/* Fatal and not a core dump: the whole process dies right away. */
	if (sig_fatal(t, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) &&
	    !(sigmask(sig) & SIG_KERNEL_COREDUMP_MASK) &&
	    !(signal->flags & SIGNAL_UNKILLABLE)) {
		kill_whole_group(p, wait_status_signaled(sig, false));
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

int sigqueue_add(struct sigpending *pending, int sig, const siginfo_t *info)
{
	struct sigqueue *q;

	/* Standard signals do not queue: one pending instance at most. */
	if (sig < SIGRTMIN && (pending->signal & sigmask(sig)))
		return 0;
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q) {
		if (sig >= SIGRTMIN)
			return -EAGAIN;
		/* Still pending, with a plain SI_KERNEL siginfo. */
		pending->signal |= sigmask(sig);
		return 0;
	}
	q->info = *info;
	q->info.si_signo = sig;
	list_add_tail(&q->list, &pending->list);
	pending->signal |= sigmask(sig);
	return 0;
}

static int __send_signal(int sig, const siginfo_t *info,
			 struct task_struct *t, bool group, bool forced)
{
	struct signal_struct *signal = t->signal;
	unsigned long flags;
	int err = 0;

	/* Kernel threads, and processes whose threads are all gone. */
	if (!signal || !signal->nr_threads || t->exit_state == EXIT_DEAD)
		return 0;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (signal->flags & SIGNAL_GROUP_EXIT)
		goto out;	/* the process is dying anyway */
	prepare_job_control(t, sig);
	if (sig_ignored(t, sig, forced))
		goto out;
	err = sigqueue_add(group ? &signal->shared_pending : &t->pending, sig,
			   info);
	if (!err) {
		complete_signal(sig, t, group);
		if (waitqueue_active(&signal_queued_wq))
			wake_up_all(&signal_queued_wq);
	}
out:
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return err;
}

int send_signal_info(int sig, const siginfo_t *info, struct task_struct *t,
		     bool group)
{
	if (!valid_signal(sig))
		return -EINVAL;
	return __send_signal(sig, info, t, group, false);
}

static void kernel_siginfo(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
}

int send_sig(int sig, struct task_struct *t, int priv)
{
	siginfo_t info;

	kernel_siginfo(&info, sig, priv ? SI_KERNEL : SI_USER);
	return send_signal_info(sig, &info, t, true);
}

void send_sig_pipe(void)
{
	siginfo_t info;

	kernel_siginfo(&info, SIGPIPE, SI_USER);
	info.kill.si_pid = current->tgid;
	info.kill.si_uid = current_cred()->uid;
	send_signal_info(SIGPIPE, &info, current, false);
}

/*
 * A fault must not be lost: if the guest blocks or ignores the signal,
 * its action reverts to the default (which kills), as in Linux. A fault
 * also kills init.
 */
static void force_sig_info(const siginfo_t *info)
{
	struct task_struct *t = current;
	struct sigaction *ka = task_action(t, info->si_signo);
	int sig = info->si_signo;

	if (ka->sa_handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		ka->sa_handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	if (ka->sa_handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	__send_signal(sig, info, t, false, true);
	recalc_sigpending(t);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	siginfo_t info;

	kernel_siginfo(&info, sig, code);
	info.fault.si_addr = addr;
	force_sig_info(&info);
}

void force_sig(int sig)
{
	siginfo_t info;

	kernel_siginfo(&info, sig, SI_KERNEL);
	force_sig_info(&info);
}

/* For exec and exit_group: the others get SIGKILL; t goes on. */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	list_for_each_entry(t, &p->signal->thread_head, thread_node) {
		if (t == p || t->exit_state)
			continue;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
}

/*
 * kill(2)'s rule: the sender is privileged, or its real or effective
 * uid is the target's real or saved uid; SIGCONT also within a session.
 */
int check_kill_permission(int sig, const siginfo_t *info,
			  struct task_struct *t)
{
	const struct cred *c = current_cred(), *tc;

	if (info->si_code > 0)
		return 0;	/* the kernel's own signal (SI_KERNEL...) */
	if (!t->cred || capable(CAP_KILL))
		return 0;
	tc = t->cred;
	if (c->euid == tc->suid || c->euid == tc->uid ||
	    c->uid == tc->suid || c->uid == tc->uid)
		return 0;
	if (sig == SIGCONT && current->signal &&
	    current->signal->session == t->signal->session)
		return 0;
	return -EPERM;
}

int kill_pgrp_info(int sig, const siginfo_t *info, pid_t pgrp)
{
	struct task_struct *t;
	int err = -ESRCH, ret;
	bool sent = false;

	list_for_each_entry(t, &task_list, tasks) {
		if (!is_user_task(t) || !thread_group_leader(t) ||
		    t->signal->pgrp != pgrp || !t->signal->nr_threads)
			continue;
		ret = check_kill_permission(sig, info, t);
		if (!ret && sig)
			ret = send_signal_info(sig, info, t, true);
		if (!ret)
			sent = true;
		else
			err = ret;
	}
	return sent ? 0 : err;
}

int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	siginfo_t info;

	kernel_siginfo(&info, sig, priv ? SI_KERNEL : SI_USER);
	if (!priv && current->signal) {
		info.kill.si_pid = current->tgid;
		info.kill.si_uid = current_cred()->uid;
	}
	return kill_pgrp_info(sig, &info, pgrp);
}
