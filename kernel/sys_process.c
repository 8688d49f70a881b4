/*
 * sys_process.c - process identity syscalls: getpid/gettid/getppid,
 * set_tid_address, and process groups and sessions (setpgid, getpgid,
 * getpgrp, setsid, getsid) with POSIX's rules. setsid makes a session
 * no tty names, so it has no controlling terminal (drivers/tty/tty_io.c).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/signal.h>
#include <umk/pid.h>
#include <umk/syscalls.h>

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	struct task_struct *parent = current->group_leader->parent;

	return parent ? parent->tgid : 0;
}

SYSCALL_DEFINE1(set_tid_address, u32 __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/* Is there a live process in process group pgrp (of session sid)? */
static bool pgrp_exists(pid_t pgrp, pid_t sid, bool any_session)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (is_user_task(t) && thread_group_leader(t) &&
		    t->signal->nr_threads && t->signal->pgrp == pgrp &&
		    (any_session || t->signal->session == sid))
			return true;
	}
	return false;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *leader = current->group_leader, *p;
	struct signal_struct *me = current->signal;

	if (!pid)
		pid = current->tgid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p || !p->signal->nr_threads)
		return -ESRCH;
	if (p != leader) {
		if (p->parent != leader)
			return -ESRCH;
		if (p->signal->session != me->session)
			return -EPERM;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;	/* the child has exec'd */
	}
	if (p->signal->session == p->tgid)
		return -EPERM;		/* a session leader stays put */
	if (pgid != pid && !pgrp_exists(pgid, me->session, false))
		return -EPERM;
	p->signal->pgrp = pgid;
	return 0;
}

static struct signal_struct *process_signal(pid_t pid)
{
	struct task_struct *p;

	if (!pid)
		return current->signal;
	p = find_process_by_pid(pid);
	return p ? p->signal : NULL;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct signal_struct *sig = process_signal(pid);

	return sig ? sig->pgrp : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->signal->pgrp;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct signal_struct *sig = process_signal(pid);

	return sig ? sig->session : -ESRCH;
}

SYSCALL_DEFINE0(setsid)
{
	struct signal_struct *sig = current->signal;
	pid_t me = current->tgid;

	/* A process group leader (or anyone's group named after us). */
	if (pgrp_exists(me, 0, true))
		return -EPERM;
	sig->session = me;
	sig->pgrp = me;
	return me;
}
