/*
 * exit.c - how guest threads and processes end: a thread drops its
 * memory, files and fs context, wakes CLONE_CHILD_CLEARTID and robust
 * futex waiters; the last thread of a process hands its children to a
 * reaper (init), becomes a zombie and tells its parent (SIGCHLD), unless
 * the parent ignores SIGCHLD, in which case it reaps itself. Threads
 * always reap themselves. A dead task's memory is freed by the "reaper"
 * kernel thread, since a task cannot free the stack it runs on. When pid
 * 1 ends, kernel_init is told and shuts the kernel down.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/futex.h>
#include <umk/slab.h>
#include <umk/mman.h>
#include <umk/fdtable.h>
#include <umk/fs_struct.h>
#include <umk/completion.h>
#include <umk/pid.h>
#include <umk/tty.h>
#include <umk/init.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <arch/thread_info.h>
#include "sched/sched.h"

static LIST_HEAD(reap_list);
static DECLARE_WAIT_QUEUE_HEAD(reap_wait);
static struct completion init_exited;
static int init_status;

static int reaper_thread(void *unused)
{
	struct task_struct *t;

	for (;;) {
		wait_event(reap_wait, !list_empty(&reap_list));
		t = list_first_entry(&reap_list, struct task_struct, sibling);
		list_del_init(&t->sibling);
		/* Completed in do_exit() right before its last switch. */
		wait_for_completion(t->exited);
		release_task(t);
	}
	return 0;
}

static int exit_init(void)
{
	struct task_struct *t;

	init_completion(&init_exited);
	t = kthread_run(reaper_thread, NULL, "reaper");
	return IS_ERR(t) ? PTR_ERR(t) : 0;
}
core_initcall(exit_init);

int wait_for_init_exit(void)
{
	wait_for_completion(&init_exited);
	return init_status;
}

static void put_signal_struct(struct signal_struct *sig)
{
	if (--sig->count)
		return;
	exit_itimers(sig);
	flush_sigqueue(&sig->shared_pending);
	kfree(sig);
}

void release_task(struct task_struct *t)
{
	list_del_init(&t->sibling);
	list_del_init(&t->thread_node);
	flush_sigqueue(&t->pending);
	if (t->sighand)
		put_sighand(t->sighand);
	if (t->signal) {
		t->signal->utime += t->ticks;
		put_signal_struct(t->signal);
	}
	if (t->user)
		free_thread_info(t->user);
	t->sighand = NULL;
	t->signal = NULL;
	t->user = NULL;
	nr_threads--;
	task_free(t);
}

static void queue_for_release(struct task_struct *t)
{
	list_del_init(&t->sibling);
	list_add_tail(&t->sibling, &reap_list);
	wake_up(&reap_wait);
}

/*
 * The task lets go of its memory (exit or exec): robust futexes are
 * released, CLONE_CHILD_CLEARTID waiters woken, a vfork parent resumed.
 */
void mm_release(struct task_struct *t, struct mm_struct *mm)
{
	if (mm) {
		exit_robust_list(t);
		if (t->clear_child_tid && mm->mm_users > 1 &&
		    !put_user(0U, t->clear_child_tid))
			futex_wake(t->clear_child_tid, true, 1,
				   FUTEX_BITSET_MATCH_ANY);
	}
	t->robust_list = 0;
	t->clear_child_tid = NULL;
	if (t->vfork_done) {
		complete(t->vfork_done);
		t->vfork_done = NULL;
	}
}

static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	mm_release(t, mm);
	if (mm) {
		t->mm = NULL;
		mmput(mm);
	}
}

static void exit_files_fs(struct task_struct *t)
{
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		put_fs_struct(t->fs);
		t->fs = NULL;
	}
}

static void fill_chld_info(siginfo_t *info, struct task_struct *t,
			   int status)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->chld.si_pid = t->tgid;
	info->chld.si_uid = t->cred->uid;
	if ((status & 0x7f) == 0) {
		info->si_code = CLD_EXITED;
		info->chld.si_status = (status >> 8) & 0xff;
	} else {
		info->si_code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		info->chld.si_status = status & 0x7f;
	}
}

int process_exit_status(const struct task_struct *leader)
{
	if (leader->signal->flags & SIGNAL_GROUP_EXIT)
		return leader->signal->group_exit_code;
	return leader->exit_code;
}

/*
 * Tells the parent that process t is dead. Returns true if t should reap
 * itself: no parent, or the parent ignores SIGCHLD (or SA_NOCLDWAIT).
 */
static bool do_notify_parent(struct task_struct *t, int sig)
{
	struct task_struct *parent = t->parent;
	struct sigaction *ka;
	siginfo_t info;
	bool autoreap = false;

	if (!parent || !parent->signal)
		return true;
	ka = &parent->sighand->action[SIGCHLD - 1];
	if (ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT)) {
		autoreap = true;
		if (ka->sa_handler == SIG_IGN)
			sig = 0;
	}
	fill_chld_info(&info, t, process_exit_status(t));
	if (valid_signal(sig))
		send_signal_info(sig, &info, parent, true);
	wake_up_all(&parent->signal->wait_chldexit);
	return autoreap;
}

/* A zombie process whose last thread is gone is ready for its parent. */
static void notify_dead_process(struct task_struct *leader)
{
	if (do_notify_parent(leader, leader->exit_signal)) {
		leader->exit_state = EXIT_DEAD;
		if (leader == current)
			queue_for_release(leader);
		else
			release_task(leader);	/* it is already switched out */
	}
}

static struct task_struct *find_new_reaper(struct task_struct *father)
{
	struct task_struct *init = find_process_by_pid(INIT_PID);

	if (!init || init == father || !init->signal->nr_threads)
		return NULL;
	return init;
}

/* Our children become init's; zombies among them are announced again. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = find_new_reaper(father), *c, *n;

	list_for_each_entry_safe(c, n, &father->children, sibling) {
		list_del_init(&c->sibling);
		c->parent = reaper;
		c->exit_signal = SIGCHLD;
		if (reaper)
			list_add_tail(&c->sibling, &reaper->children);
		if (c->pdeath_signal)
			send_sig(c->pdeath_signal, c, 0);
		if (c->exit_state == EXIT_ZOMBIE && !c->signal->nr_threads)
			notify_dead_process(c);
	}
}

static void exit_notify(struct task_struct *t, bool group_dead)
{
	struct task_struct *leader = t->group_leader;

	if (group_dead)
		forget_original_parent(leader);
	if (!thread_group_leader(t)) {
		/* Threads reap themselves; the leader may be waiting. */
		t->exit_state = EXIT_DEAD;
		queue_for_release(t);
		if (group_dead && leader->exit_state == EXIT_ZOMBIE)
			notify_dead_process(leader);
		return;
	}
	t->exit_state = EXIT_ZOMBIE;
	if (group_dead)
		notify_dead_process(t);
}

static void init_died(struct task_struct *t)
{
	init_status = process_exit_status(t->group_leader);
	complete(&init_exited);
}

void do_thread_exit(int code)
{
	struct task_struct *t = current;
	struct signal_struct *sig = t->signal;
	bool group_dead;

	if (!sig)
		do_exit(code);		/* a kernel thread */
	t->flags |= PF_EXITING;
	sig->nr_threads--;
	group_dead = sig->nr_threads == 0;
	exit_mm(t);
	exit_files_fs(t);
	t->exit_code = code;
	if (group_dead && sig->session == t->tgid)
		tty_session_leader_exit();
	if (group_dead && t->tgid == INIT_PID)
		init_died(t);
	exit_notify(t, group_dead);
	/* An exec in another thread waits for us to be gone. */
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);
	do_exit(code);
}

void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		zap_other_threads(current);
	}
	do_thread_exit(code);
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_thread_exit(wait_status_exited(code));
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_group_exit(wait_status_exited(code));
}
