/*
 * exec_begin.c - exec's point of no return (begin_new_exec): the other
 * threads die (a non-leader thread that execs takes over the leader's
 * pid), the new address space replaces the old one, close-on-exec files
 * are closed, caught signals go back to their default action, and the
 * task takes the new program's name and credentials.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/binfmts.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <umk/slab.h>
#include <umk/mman.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/string.h>
#include <umk/completion.h>
#include <arch/backend.h>
#include <arch/thread_info.h>

/* Takes the dead leader's place: its pid, parent and children. */
static void take_over_leader(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *c;
	pid_t tgid = leader->pid;

	wait_for_completion(leader->exited);	/* it is switched out */
	detach_pid(leader);
	leader->pid = t->pid;		/* freed when the leader is released */
	change_pid(t, tgid);
	t->exit_signal = leader->exit_signal;
	t->parent = leader->parent;
	t->start_time = leader->start_time;
	t->group_leader = t;
	list_add(&t->sibling, &leader->sibling);
	list_del_init(&leader->sibling);
	while (!list_empty(&leader->children)) {
		c = list_first_entry(&leader->children, struct task_struct,
				     sibling);
		c->parent = t;
		list_move_tail(&c->sibling, &t->children);
	}
	leader->exit_state = EXIT_DEAD;
	release_task(leader);
}

/* Kills the other threads and waits until they are gone. */
static int de_thread(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	if (sig->nr_threads == 1 && thread_group_leader(t))
		return 0;
	if (sig->flags & SIGNAL_GROUP_EXIT)
		return -EAGAIN;		/* the process is dying already */
	sig->group_exec_task = t;
	zap_other_threads(t);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (sig->nr_threads == 1 && (thread_group_leader(t) ||
					     t->group_leader->exit_state))
			break;
		if (fatal_signal_pending(t)) {
			set_current_state(TASK_RUNNING);
			sig->group_exec_task = NULL;
			return -EAGAIN;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	if (!thread_group_leader(t))
		take_over_leader(t);
	sig->group_exec_task = NULL;
	recalc_sigpending(t);
	return 0;
}

static void exec_mmap(struct linux_binprm *bprm)
{
	struct mm_struct *old = current->mm;

	mm_release(current, old);
	current->mm = bprm->mm;
	bprm->mm = NULL;
	current->mm->exe_file = get_file(bprm->file);
	if (old)
		mmput(old);
}

/* A files table shared with another process is copied first. */
static int unshare_and_close_files(void)
{
	struct files_struct *files = current->files, *copy;

	if (files->count > 1) {
		copy = dup_fd(files);
		if (IS_ERR(copy))
			return PTR_ERR(copy);
		current->files = copy;
		put_files_struct(files);
	}
	close_on_exec(current->files);
	return 0;
}

/* Handlers live in the old program: caught signals become default. */
static int flush_signal_handlers(void)
{
	struct sighand_struct *sh = current->sighand, *copy;
	int i;

	if (sh->count > 1) {
		copy = alloc_sighand();
		if (!copy)
			return -ENOMEM;
		memcpy(copy->action, sh->action, sizeof(copy->action));
		current->sighand = copy;
		put_sighand(sh);
		sh = copy;
	}
	for (i = 0; i < _NSIG; i++) {
		if (sh->action[i].sa_handler != SIG_IGN)
			sh->action[i].sa_handler = SIG_DFL;
		sh->action[i].sa_flags = 0;
		sh->action[i].sa_restorer = NULL;
		sh->action[i].sa_mask = 0;
	}
	current->sas_ss_sp = 0;
	current->sas_ss_size = 0;
	current->sas_ss_flags = 0;
	exit_posix_timers(current->signal);	/* itimers stay, as in Linux */
	return 0;
}

static void set_comm_from(const char *filename)
{
	const char *base = strrchr(filename, '/');

	strscpy(current->comm, base ? base + 1 : filename,
		sizeof(current->comm));
}

int begin_new_exec(struct linux_binprm *bprm)
{
	int err;

	bprm->point_of_no_return = true;
	err = de_thread(current);
	if (err)
		return err;
	exec_mmap(bprm);
	err = unshare_and_close_files();
	if (!err)
		err = flush_signal_handlers();
	if (err)
		return err;
	set_comm_from(bprm->filename);
	current->flags &= ~PF_FORKNOEXEC;
	commit_creds(bprm->cred);
	bprm->cred = NULL;
	return 0;
}

void start_thread(unsigned long ip, unsigned long sp)
{
	struct thread_info *ti = current->user;

	arch_init_user_regs(&ti->regs, ip, sp);
	arch_init_fpu(ti->fpu);
	ti->regs_replaced = true;
}
