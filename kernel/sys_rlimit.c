/*
 * sys_rlimit.c - resource limits and usage: the per-process rlimits
 * (their defaults, rlimit() for the rest of the kernel), getrlimit,
 * setrlimit, prlimit64, and the CPU-time reports times and getrusage
 * (tick-granular; user and system time are not told apart yet).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/process.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <umk/timer.h>
#include <umk/mman.h>
#include <umk/fdtable.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/time.h>

#define INF	RLIM_INFINITY

/* Linux's boot defaults; NPROC and SIGPENDING follow max_threads. */
void init_rlimits(struct rlimit *rlim)
{
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit) { INF, INF };
	rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NOFILE] = (struct rlimit) { 1024, 4096 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit) { 8UL << 20, 8UL << 20 };
	rlim[RLIMIT_MSGQUEUE] = (struct rlimit) { 819200, 819200 };
	rlim[RLIMIT_NICE] = (struct rlimit) { 0, 0 };
	rlim[RLIMIT_RTPRIO] = (struct rlimit) { 0, 0 };
	rlim[RLIMIT_NPROC].rlim_cur = rlim[RLIMIT_NPROC].rlim_max =
		max_threads / 2;
	rlim[RLIMIT_SIGPENDING] = rlim[RLIMIT_NPROC];
}

unsigned long task_rlimit(const struct task_struct *t, int resource)
{
	struct rlimit def[RLIM_NLIMITS];

	if (t->signal)
		return READ_ONCE(t->signal->rlim[resource].rlim_cur);
	init_rlimits(def);
	return def[resource].rlim_cur;
}

unsigned long rlimit(int resource)
{
	return task_rlimit(current, resource);
}

/* prlimit64 on another process: only with the same ids, or as root. */
static int check_prlimit_permission(struct task_struct *t)
{
	const struct cred *c = current_cred(), *tc = t->cred;

	if (t == current->group_leader || capable(CAP_SYS_RESOURCE))
		return 0;
	if (c->uid == tc->euid && c->uid == tc->suid && c->uid == tc->uid &&
	    c->gid == tc->egid && c->gid == tc->sgid && c->gid == tc->gid)
		return 0;
	return -EPERM;
}

static int do_prlimit(struct task_struct *t, int resource,
		      const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource < 0 || resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &t->signal->rlim[resource];
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
			return -EPERM;
		if (new->rlim_max > rlim->rlim_max &&
		    !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	if (old)
		*old = *rlim;
	if (new) {
		*rlim = *new;
		/* Stack growth reads the limit from the mm. */
		if (resource == RLIMIT_STACK && t->mm)
			t->mm->stack_limit = new->rlim_cur;
	}
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *,
		urlim)
{
	struct rlimit r;
	int err = do_prlimit(current->group_leader, resource, NULL, &r);

	if (err)
		return err;
	return copy_to_user(urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *,
		urlim)
{
	struct rlimit r;

	if (copy_from_user(&r, urlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current->group_leader, resource, &r, NULL);
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim,
		struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 n64;
	struct rlimit n, o;
	struct task_struct *t = current->group_leader;
	int err;

	if (new_rlim) {
		if (copy_from_user(&n64, new_rlim, sizeof(n64)))
			return -EFAULT;
		n.rlim_cur = n64.rlim_cur;
		n.rlim_max = n64.rlim_max;
	}
	if (pid) {
		t = find_process_by_pid(pid);
		if (!t || !t->signal->nr_threads)
			return -ESRCH;
		err = check_prlimit_permission(t);
		if (err)
			return err;
	}
	err = do_prlimit(t, resource, new_rlim ? &n : NULL,
			 old_rlim ? &o : NULL);
	if (err)
		return err;
	if (old_rlim) {
		struct rlimit64 o64 = { o.rlim_cur, o.rlim_max };

		if (copy_to_user(old_rlim, &o64, sizeof(o64)))
			return -EFAULT;
	}
	return 0;
}

/* CPU ticks of current's whole process: live threads and dead ones. */
static u64 process_ticks(void)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;
	u64 ticks = sig->utime;

	list_for_each_entry(t, &sig->thread_head, thread_node)
		ticks += t->ticks;
	return ticks;
}

static s64 ticks_to_clock_t(u64 ticks)
{
	return ticks * USER_HZ / HZ;
}

SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	struct tms tms = {
		.tms_utime = ticks_to_clock_t(process_ticks()),
		.tms_cutime = ticks_to_clock_t(current->signal->cutime),
	};

	if (tbuf && copy_to_user(tbuf, &tms, sizeof(tms)))
		return -EFAULT;
	return ticks_to_clock_t(jiffies);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage r;
	u64 ticks;

	switch (who) {
	case RUSAGE_SELF:
		ticks = process_ticks();
		break;
	case RUSAGE_CHILDREN:
		ticks = current->signal->cutime;
		break;
	case RUSAGE_THREAD:
		ticks = current->ticks;
		break;
	default:
		return -EINVAL;
	}
	memset(&r, 0, sizeof(r));
	r.ru_utime.tv_sec = ticks / HZ;
	r.ru_utime.tv_usec = (ticks % HZ) * (1000000 / HZ);
	if (who != RUSAGE_CHILDREN && current->mm)
		r.ru_maxrss = current->mm->hiwater_rss << (PAGE_SHIFT - 10);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}
