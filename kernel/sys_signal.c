/*
 * sys_signal.c - the signal system calls: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, pause, sigaltstack, kill, tkill, tgkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo, rt_sigtimedwait and
 * restart_syscall. Sending and delivery are kernel/signal.c and
 * signal_deliver.c.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <uapi/umk/time_types.h>
#include <arch/thread_info.h>
#include <limits.h>

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act,
		struct sigaction __user *, oact, size_t, sigsetsize)
{
	struct sigaction *ka, new, old;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (!valid_signal(sig) ||
	    (act && (sigmask(sig) & SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	ka = &current->sighand->action[sig - 1];
	old = *ka;
	if (act) {
		new.sa_mask &= ~SIG_KERNEL_ONLY_MASK;
		*ka = new;
		if (new.sa_handler == SIG_IGN ||
		    (new.sa_handler == SIG_DFL &&
		     (sigmask(sig) & SIG_KERNEL_IGNORE_MASK)))
			discard_pending_signal(current, sig);
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t __user *, nset,
		sigset_t __user *, oset, size_t, sigsetsize)
{
	sigset_t old = current->blocked, set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			set |= old;
			break;
		case SIG_UNBLOCK:
			set = old & ~set;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(set);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	set = (current->pending.signal | current->signal->shared_pending.signal)
	      & current->blocked;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleeps until a signal is pending; the way back restarts or EINTRs. */
static long sleep_for_signal(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t __user *, uset,
		size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(set);
	return sleep_for_signal();
}

/*
 * After a sleep with a deadline (nanosleep) was interrupted by a signal
 * without a handler, the guest is sent back here instead of into the
 * original syscall, which continues with the time left.
 */
SYSCALL_DEFINE0(restart_syscall)
{
	long (*fn)(void) = current->restart_block.fn;

	current->restart_block.fn = NULL;
	return fn ? fn() : -EINTR;
}

SYSCALL_DEFINE0(pause)
{
	return sleep_for_signal();
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *,
		uoss)
{
	unsigned long sp = current_pt_regs()->sp;
	stack_t old = {
		.ss_sp = (void __user *)current->sas_ss_sp,
		.ss_size = current->sas_ss_size,
		.ss_flags = !current->sas_ss_size ? SS_DISABLE :
			    on_sig_stack(sp) ? SS_ONSTACK : 0,
	}, ss;

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;
		if (ss.ss_flags & ~(SS_DISABLE | SS_ONSTACK | SS_AUTODISARM))
			return -EINVAL;
		if (ss.ss_flags & SS_DISABLE) {
			ss.ss_size = 0;
			ss.ss_sp = NULL;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = (unsigned long)ss.ss_sp;
		current->sas_ss_size = ss.ss_size;
		current->sas_ss_flags = ss.ss_flags & SS_AUTODISARM;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

static void user_siginfo(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.si_pid = current->tgid;
	info->kill.si_uid = current_cred()->uid;
}

/* Checks permission, then sends (sig 0 only checks). */
static int send_checked(int sig, const siginfo_t *info,
			struct task_struct *t, bool group)
{
	int err = check_kill_permission(sig, info, t);

	if (err || !sig)
		return err;
	return send_signal_info(sig, info, t, group);
}

/* kill(-1, sig): every process we may signal but init and ourselves. */
static int kill_all(int sig, const siginfo_t *info)
{
	struct task_struct *t;
	int err = -ESRCH, ret;
	bool sent = false;

	list_for_each_entry(t, &task_list, tasks) {
		if (!is_user_task(t) || !thread_group_leader(t) ||
		    t->tgid == INIT_PID || t->tgid == current->tgid ||
		    !t->signal->nr_threads)
			continue;
		ret = send_checked(sig, info, t, true);
		if (!ret)
			sent = true;
		else
			err = ret;
	}
	return sent ? 0 : err;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	struct task_struct *t;
	siginfo_t info;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	user_siginfo(&info, sig, SI_USER);
	if (pid > 0) {
		t = find_process_by_pid(pid);
		if (!t || !t->signal->nr_threads)
			return t ? 0 : -ESRCH;
		return send_checked(sig, &info, t, true);
	}
	if (pid == -1)
		return kill_all(sig, &info);
	if (pid == INT_MIN)
		return -ESRCH;
	return kill_pgrp_info(sig, &info,
			      pid ? -pid : current->signal->pgrp);
}

static int do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *t = find_task_by_pid(tid);
	siginfo_t info;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	if (!t || !is_user_task(t) || t->exit_state ||
	    (tgid > 0 && t->tgid != tgid))
		return -ESRCH;
	user_siginfo(&info, sig, SI_TKILL);
	return send_checked(sig, &info, t, false);
}

SYSCALL_DEFINE2(tkill, pid_t, tid, int, sig)
{
	if (tid <= 0)
		return -EINVAL;
	return do_tkill(0, tid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, tid, int, sig)
{
	if (tid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig,
		siginfo_t __user *, uinfo)
{
	struct task_struct *t;
	siginfo_t info;

	if (!valid_signal(sig))
		return -EINVAL;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	/* Only the kernel may claim to be the kernel or tkill. */
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
	    pid != current->tgid)
		return -EPERM;
	info.si_signo = sig;
	t = find_process_by_pid(pid);
	if (!t || !t->signal->nr_threads)
		return -ESRCH;
	return send_checked(sig, &info, t, true);
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, tid, int, sig,
		siginfo_t __user *, uinfo)
{
	struct task_struct *t = find_task_by_pid(tid);
	siginfo_t info;

	if (!valid_signal(sig) || tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
	    tgid != current->tgid)
		return -EPERM;
	info.si_signo = sig;
	if (!t || !is_user_task(t) || t->exit_state || t->tgid != tgid)
		return -ESRCH;
	return send_checked(sig, &info, t, false);
}

/* The timeout of rt_sigtimedwait in ticks (rounded up), or -errno. */
static long timeout_ticks(const struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec ts;
	s64 tick = NSEC_PER_SEC / HZ;

	if (!uts)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec >= (MAX_SCHEDULE_TIMEOUT - 2) / HZ)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return ts.tv_sec * HZ + (ts.tv_nsec + tick - 1) / tick;
}

/*
 * Waits for one of the signals of mask, which stay blocked: every
 * queued signal wakes us to look (signal_queued_wq).
 */
static int wait_for_mask(u64 mask, long ticks, siginfo_t *info)
{
	DEFINE_WAIT(w);
	int sig;

	for (;;) {
		prepare_to_wait(&signal_queued_wq, &w, TASK_INTERRUPTIBLE);
		sig = dequeue_signal_mask(mask, info);
		if (sig)
			break;
		if (signal_pending(current)) {
			sig = -EINTR;
			break;
		}
		if (!ticks) {
			sig = -EAGAIN;
			break;
		}
		ticks = schedule_timeout(ticks);
	}
	finish_wait(&signal_queued_wq, &w);
	return sig;
}

SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese,
		siginfo_t __user *, uinfo,
		const struct __kernel_timespec __user *, uts,
		size_t, sigsetsize)
{
	siginfo_t info;
	sigset_t these;
	long ticks;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~SIG_KERNEL_ONLY_MASK;
	ticks = timeout_ticks(uts);
	if (ticks < 0)
		return ticks;
	sig = dequeue_signal_mask(these, &info);
	if (!sig)
		sig = wait_for_mask(these, ticks, &info);
	if (sig > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
