/*
 * fork.c - creating guest processes and threads: fork, vfork, clone and
 * clone3 build a new task that shares or copies each part of the caller
 * (address space, files, fs context, signal handlers, thread group) as
 * the clone flags say, links it into the process tree and starts it in
 * the user loop with the caller's registers (ax = 0). Also the creation
 * of pid 1.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/slab.h>
#include <umk/mman.h>
#include <umk/fdtable.h>
#include <umk/fs_struct.h>
#include <umk/completion.h>
#include <umk/ktime.h>
#include <umk/pid.h>
#include <umk/init.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <uapi/umk/sched.h>
#include <arch/thread_info.h>
#include "sched/sched.h"

int max_threads;
int nr_threads;

/* Linux's rule: all tasks' kernel stacks may take up to 1/8 of RAM. */
static int fork_init(void)
{
	unsigned long stack_pages = 1UL << CONFIG_KERNEL_STACK_ORDER;

	max_threads = totalram_pages() / (8 * stack_pages);
	if (max_threads < 20)
		max_threads = 20;
	return 0;
}
core_initcall(fork_init);

static struct signal_struct *alloc_signal(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	sig->count = 1;
	sig->nr_threads = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	return sig;
}

static int copy_signal(u64 flags, struct task_struct *t)
{
	struct signal_struct *sig, *cur = current->signal;

	if (flags & CLONE_THREAD) {
		cur->count++;
		cur->nr_threads++;
		t->signal = cur;
		return 0;
	}
	sig = alloc_signal();
	if (!sig)
		return -ENOMEM;
	memcpy(sig->rlim, cur->rlim, sizeof(sig->rlim));
	sig->pgrp = cur->pgrp;
	sig->session = cur->session;
	t->signal = sig;
	return 0;
}

static int copy_sighand(u64 flags, struct task_struct *t)
{
	struct sighand_struct *sh;
	int i;

	if (flags & CLONE_SIGHAND) {
		current->sighand->count++;
		t->sighand = current->sighand;
		return 0;
	}
	sh = alloc_sighand();
	if (!sh)
		return -ENOMEM;
	memcpy(sh->action, current->sighand->action, sizeof(sh->action));
	/* CLONE_CLEAR_SIGHAND: handlers go back to default, SIG_IGN stays. */
	for (i = 0; (flags & CLONE_CLEAR_SIGHAND) && i < _NSIG; i++) {
		if (sh->action[i].sa_handler != SIG_IGN)
			sh->action[i].sa_handler = SIG_DFL;
	}
	t->sighand = sh;
	return 0;
}

static int copy_mm(u64 flags, struct task_struct *t)
{
	struct mm_struct *mm = current->mm;

	if (flags & CLONE_VM) {
		mmget(mm);
		t->mm = mm;
		return 0;
	}
	t->mm = dup_mm(mm);
	return t->mm ? 0 : -ENOMEM;
}

static int copy_files_fs(u64 flags, struct task_struct *t)
{
	struct files_struct *files;

	if (flags & CLONE_FILES) {
		get_files_struct(current->files);
		files = current->files;
	} else {
		files = dup_fd(current->files);
		if (IS_ERR(files))
			return PTR_ERR(files);
	}
	t->files = files;
	if (flags & CLONE_FS) {
		get_fs_struct(current->fs);
		t->fs = current->fs;
		return 0;
	}
	t->fs = copy_fs_struct(current->fs);
	return t->fs ? 0 : -ENOMEM;
}

/* Undoes what copy_process set up, in any state of completion. */
static void free_process_parts(struct task_struct *t)
{
	if (t->mm)
		mmput(t->mm);
	if (t->files)
		put_files_struct(t->files);
	if (t->fs)
		put_fs_struct(t->fs);
	if (t->sighand)
		put_sighand(t->sighand);
	if (t->signal) {
		t->signal->nr_threads--;
		if (--t->signal->count == 0)
			kfree(t->signal);
	}
	if (t->user)
		free_thread_info(t->user);
	t->mm = NULL;
	t->files = NULL;
	t->fs = NULL;
	t->sighand = NULL;
	t->signal = NULL;
	t->user = NULL;
}

static int check_clone_flags(u64 flags, int exit_signal)
{
	const u64 ns = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS |
		       CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
		       CLONE_NEWNET | CLONE_PIDFD | CLONE_INTO_CGROUP;

	if (flags & ns)
		return -EINVAL;		/* no namespaces, no pidfds yet */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && (flags & CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	/* Siblings of init would have nobody to reap them. */
	if ((flags & CLONE_PARENT) &&
	    (current->signal->flags & SIGNAL_UNKILLABLE))
		return -EINVAL;
	if (exit_signal < 0 || exit_signal > _NSIG)
		return -EINVAL;
	return 0;
}

/* RLIMIT_NPROC counts the tasks of a real uid; root is exempt. */
static int check_task_limits(void)
{
	const struct cred *c = current_cred();
	unsigned long n = 0;
	struct task_struct *t;

	if (nr_threads >= max_threads)
		return -EAGAIN;
	if (c->uid == GLOBAL_ROOT_UID || capable(CAP_SYS_RESOURCE))
		return 0;
	list_for_each_entry(t, &task_list, tasks) {
		if (is_user_task(t) && !t->exit_state && t->cred->uid == c->uid)
			n++;
	}
	return n >= rlimit(RLIMIT_NPROC) ? -EAGAIN : 0;
}

static int ret_from_fork(void *unused)
{
	struct task_struct *t = current;

	if (t->set_child_tid)
		put_user((u32)t->pid, t->set_child_tid);
	user_task_loop();
}

/* Puts t into the process tree: as a thread of ours or a new process. */
static void link_process(u64 flags, struct task_struct *t, int exit_signal)
{
	struct task_struct *leader = current->group_leader;

	if (flags & CLONE_THREAD) {
		t->tgid = current->tgid;
		t->group_leader = leader;
		t->exit_signal = -1;
		t->parent = leader->parent;
	} else {
		t->tgid = t->pid;
		t->group_leader = t;
		t->exit_signal = exit_signal;
		t->parent = leader;
		if (flags & CLONE_PARENT) {
			t->parent = leader->parent;
			t->exit_signal = leader->exit_signal;
		}
		if (t->parent)
			list_add_tail(&t->sibling, &t->parent->children);
	}
	list_add_tail(&t->thread_node, &t->signal->thread_head);
	nr_threads++;
}

static struct task_struct *copy_process(struct kernel_clone_args *args)
{
	u64 flags = args->flags;
	struct task_struct *t;
	int err;

	err = check_clone_flags(flags, args->exit_signal);
	if (!err)
		err = check_task_limits();
	if (err)
		return ERR_PTR(err);
	t = task_alloc_pid(current->comm, 0);
	if (IS_ERR(t))
		return t;
	t->flags = PF_FORKNOEXEC;
	put_cred((struct cred *)t->cred);
	t->cred = get_cred((struct cred *)current_cred());
	t->user = alloc_thread_info();
	err = -ENOMEM;
	if (!t->user)
		goto fail;
	copy_thread_info(t->user, current->user);
	t->user->regs.ax = 0;
	if (args->stack)
		t->user->regs.sp = args->stack;
	if (flags & CLONE_SETTLS)
		t->user->regs.fs_base = args->tls;
	err = copy_signal(flags, t);
	if (!err)
		err = copy_sighand(flags, t);
	if (!err)
		err = copy_mm(flags, t);
	if (!err)
		err = copy_files_fs(flags, t);
	if (err)
		goto fail;
	t->blocked = current->blocked;
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = args->child_tid;
	/* A thread sharing our memory must not share our signal stack. */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		t->sas_ss_sp = current->sas_ss_sp;
		t->sas_ss_size = current->sas_ss_size;
		t->sas_ss_flags = current->sas_ss_flags;
	}
	t->start_time = ktime_get_ns();
	t->thread_fn = ret_from_fork;
	link_process(flags, t, args->exit_signal);
	return t;
fail:
	free_process_parts(t);
	task_free(t);
	return ERR_PTR(err);
}

long kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *t;
	pid_t pid;

	if (!current->user)
		return -EINVAL;
	t = copy_process(args);
	if (IS_ERR(t))
		return PTR_ERR(t);
	pid = t->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user((u32)pid, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		t->vfork_done = &vfork;
	}
	wake_up_process(t);
	/* Until the child execs or exits, it runs on our memory. */
	if (args->flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/* x86_64 order: flags, stack, parent_tid, child_tid, tls. */
SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp,
		u32 __user *, parent_tid, u32 __user *, child_tid,
		unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = flags & ~CSIGNAL & 0xffffffffUL,
		.exit_signal = flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
		.parent_tid = parent_tid,
		.child_tid = child_tid,
	};

	return kernel_clone(&args);
}

/*
 * A versioned struct: a shorter one leaves the new fields zero, a longer
 * one is fine only if the fields we do not know are zero (else E2BIG).
 */
static int copy_struct_from_user(void *dst, size_t ksize,
				 const void __user *src, size_t usize)
{
	const u8 __user *p = (const u8 __user *)src;
	u8 buf[64];
	size_t off, n, i;

	if (copy_from_user(dst, src, min(ksize, usize)))
		return -EFAULT;
	for (off = ksize; off < usize; off += n) {
		n = min(usize - off, sizeof(buf));
		if (copy_from_user(buf, p + off, n))
			return -EFAULT;
		for (i = 0; i < n; i++) {
			if (buf[i])
				return -E2BIG;
		}
	}
	return 0;
}

SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct clone_args ca = { 0 };
	struct kernel_clone_args args;
	int err;

	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&ca, sizeof(ca), uargs, size);
	if (err)
		return err;
	if (ca.set_tid || ca.set_tid_size || (ca.flags & CSIGNAL) ||
	    ca.exit_signal > _NSIG)
		return -EINVAL;
	if ((ca.stack == 0) != (ca.stack_size == 0))
		return -EINVAL;
	args = (struct kernel_clone_args) {
		.flags = ca.flags,
		.exit_signal = (int)ca.exit_signal,
		.stack = ca.stack ? ca.stack + ca.stack_size : 0,
		.tls = ca.tls,
		.parent_tid = (u32 __user *)(unsigned long)ca.parent_tid,
		.child_tid = (u32 __user *)(unsigned long)ca.child_tid,
	};
	return kernel_clone(&args);
}

/*
 * Pid 1 starts as a process with nothing: no memory, the initial fs
 * context, an empty file table, default handlers, root credentials and
 * init's default rlimits. fn opens the console and execs init.
 */
struct task_struct *create_init_process(int (*fn)(void *), void *arg)
{
	struct task_struct *t = task_alloc_pid("init", INIT_PID);
	int err = -ENOMEM;

	if (IS_ERR(t))
		return t;
	t->flags = 0;
	t->exit_signal = SIGCHLD;
	t->user = alloc_thread_info();
	t->signal = alloc_signal();
	t->sighand = alloc_sighand();
	t->fs = copy_fs_struct(NULL);
	if (!t->user || !t->signal || !t->sighand || !t->fs)
		goto fail;
	t->files = dup_fd(NULL);
	if (IS_ERR(t->files)) {
		err = PTR_ERR(t->files);
		t->files = NULL;
		goto fail;
	}
	init_rlimits(t->signal->rlim);
	t->signal->flags = SIGNAL_UNKILLABLE;
	t->signal->pgrp = t->signal->session = INIT_PID;
	t->start_time = ktime_get_ns();
	t->thread_fn = fn;
	t->thread_arg = arg;
	list_add_tail(&t->thread_node, &t->signal->thread_head);
	nr_threads++;
	return t;
fail:
	free_process_parts(t);
	task_free(t);
	return ERR_PTR(err);
}
