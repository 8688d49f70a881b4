/*
 * wait.c - wait4 and waitid: find a child in the state asked for (dead,
 * stopped, continued), report it, and reap a dead one. The caller sleeps
 * on its process's wait_chldexit queue, which exit, stop and continue
 * wake. Children of every thread of a process are its children (they
 * hang off the group leader), so any thread may wait for them.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <limits.h>
#include <umk/timer.h>
#include <uapi/umk/wait.h>

struct wait_opts {
	int type;		/* P_ALL, P_PID, P_PGID */
	pid_t pid;
	int options;
	/* What was found. */
	pid_t res_pid;
	uid_t res_uid;
	int res_status;		/* wait4's status word */
	int res_code;		/* waitid's CLD_* */
	int res_sigstatus;	/* waitid's si_status */
	u64 res_ticks;
};

static bool eligible_child(const struct wait_opts *wo,
			   const struct task_struct *p)
{
	bool clone_child = p->exit_signal != SIGCHLD;

	if (wo->type == P_PID && p->pid != wo->pid)
		return false;
	if (wo->type == P_PGID && p->signal->pgrp != wo->pid)
		return false;
	if (!(wo->options & __WALL) &&
	    clone_child != !!(wo->options & __WCLONE))
		return false;
	return true;
}

static void report(struct wait_opts *wo, struct task_struct *p, int status,
		   int code, int sigstatus)
{
	wo->res_pid = p->pid;
	wo->res_uid = p->cred->uid;
	wo->res_status = status;
	wo->res_code = code;
	wo->res_sigstatus = sigstatus;
	wo->res_ticks = p->ticks + p->signal->utime + p->signal->cutime;
}

static bool reap_zombie(struct wait_opts *wo, struct task_struct *p)
{
	int status = process_exit_status(p);

	if ((status & 0x7f) == 0)
		report(wo, p, status, CLD_EXITED, (status >> 8) & 0xff);
	else
		report(wo, p, status, status & 0x80 ? CLD_DUMPED : CLD_KILLED,
		       status & 0x7f);
	if (wo->options & WNOWAIT)
		return true;
	current->signal->cutime += wo->res_ticks;
	p->exit_state = EXIT_DEAD;
	release_task(p);
	return true;
}

/* Reports p if it is in a state the caller waits for. */
static bool wait_consider(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	bool keep = wo->options & WNOWAIT;

	if (p->exit_state == EXIT_DEAD)
		return false;
	if (p->exit_state == EXIT_ZOMBIE && !sig->nr_threads)
		return (wo->options & WEXITED) && reap_zombie(wo, p);
	if ((wo->options & WSTOPPED) && (sig->flags & SIGNAL_STOP_REPORTABLE)) {
		report(wo, p, wait_status_stopped(sig->stop_signal),
		       CLD_STOPPED, sig->stop_signal);
		if (!keep)
			sig->flags &= ~SIGNAL_STOP_REPORTABLE;
		return true;
	}
	if ((wo->options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED)) {
		report(wo, p, WAIT_STATUS_CONTINUED, CLD_CONTINUED, SIGCONT);
		if (!keep)
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
		return true;
	}
	return false;
}

/* The pid found, 0 (WNOHANG, none ready), -ECHILD or -ERESTARTSYS. */
static long do_wait(struct wait_opts *wo)
{
	struct task_struct *p, *n;
	DEFINE_WAIT(w);
	bool have_children;
	long ret;

	for (;;) {
		prepare_to_wait(&current->signal->wait_chldexit, &w,
				TASK_INTERRUPTIBLE);
		have_children = false;
		ret = 0;
		list_for_each_entry_safe(p, n, &current->group_leader->children,
					 sibling) {
			if (!eligible_child(wo, p))
				continue;
			have_children = true;
			if (wait_consider(wo, p)) {
				ret = wo->res_pid;
				break;
			}
		}
		if (ret)
			break;
		ret = -ECHILD;
		if (!have_children)
			break;
		ret = 0;
		if (wo->options & WNOHANG)
			break;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		schedule();
	}
	finish_wait(&current->signal->wait_chldexit, &w);
	return ret;
}

static int put_rusage_ticks(struct rusage __user *ru, u64 ticks)
{
	struct rusage r;

	memset(&r, 0, sizeof(r));
	r.ru_utime.tv_sec = ticks / HZ;
	r.ru_utime.tv_usec = (ticks % HZ) * (1000000 / HZ);
	return copy_to_user(ru, &r, sizeof(r));
}

long kernel_wait4(pid_t upid, int __user *stat_addr, int options,
		  struct rusage __user *ru)
{
	struct wait_opts wo = { .options = options | WEXITED };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (upid == INT_MIN)
		return -ESRCH;	/* -INT_MIN has no meaning */
	if (upid == -1) {
		wo.type = P_ALL;
	} else if (upid < 0) {
		wo.type = P_PGID;
		wo.pid = -upid;
	} else if (upid == 0) {
		wo.type = P_PGID;
		wo.pid = current->signal->pgrp;
	} else {
		wo.type = P_PID;
		wo.pid = upid;
	}
	ret = do_wait(&wo);
	if (ret > 0 && stat_addr && put_user(wo.res_status, stat_addr))
		return -EFAULT;
	if (ret > 0 && ru && put_rusage_ticks(ru, wo.res_ticks))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	return kernel_wait4(upid, stat_addr, options, ru);
}

static int put_waitid_info(siginfo_t __user *infop, const struct wait_opts *wo,
			   bool found)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	if (found) {
		info.si_signo = SIGCHLD;
		info.si_code = wo->res_code;
		info.chld.si_pid = wo->res_pid;
		info.chld.si_uid = wo->res_uid;
		info.chld.si_status = wo->res_sigstatus;
	}
	/* signo, errno, code, pid, uid, status: what Linux writes. */
	return copy_to_user(infop, &info, 28);
}

SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, siginfo_t __user *, infop,
		int, options, struct rusage __user *, ru)
{
	struct wait_opts wo = { .options = options, .pid = upid };
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.type = P_ALL;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		wo.type = P_PID;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		wo.type = P_PGID;
		if (upid == 0)
			wo.pid = current->signal->pgrp;
		break;
	default:
		return -EINVAL;		/* P_PIDFD: no pidfds yet */
	}
	ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	if (infop && put_waitid_info(infop, &wo, ret > 0))
		return -EFAULT;
	if (ru && put_rusage_ticks(ru, ret > 0 ? wo.res_ticks : 0))
		return -EFAULT;
	return 0;
}
