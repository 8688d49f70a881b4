/*
 * kthread.c - kernel threads: create, start, stop, join, and exit. A dead
 * thread's stack is freed by the next task after the switch away from it
 * (it cannot free the stack it runs on); its task_struct stays until
 * kthread_join() (or kthread_stop()) collects the exit code.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/completion.h>
#include <umk/irqflags.h>
#include "sched/sched.h"

/* Entered by the first switch to a new task (see arch_alloc_stack). */
void task_entry(void)
{
	struct task_struct *t = current;

	finish_task_switch();
	local_irq_enable();
	do_exit(t->thread_fn(t->thread_arg));
}

struct task_struct *kthread_create(int (*fn)(void *), void *arg,
				   const char *name)
{
	struct task_struct *t = task_alloc(name);

	if (IS_ERR(t))
		return t;
	t->thread_fn = fn;
	t->thread_arg = arg;
	return t;
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg,
				const char *name)
{
	struct task_struct *t = kthread_create(fn, arg, name);

	if (!IS_ERR(t))
		wake_up_process(t);
	return t;
}

bool kthread_should_stop(void)
{
	return READ_ONCE(current->should_stop);
}

int kthread_stop(struct task_struct *t)
{
	WRITE_ONCE(t->should_stop, true);
	wake_up_process(t);
	return kthread_join(t);
}

int kthread_join(struct task_struct *t)
{
	int code;

	if (t == current)
		panic("%s (pid %d) joins itself", t->comm, t->pid);
	wait_for_completion(t->exited);
	code = t->exit_code;
	task_free(t);
	return code;
}

void do_exit(int code)
{
	struct task_struct *t = current;

	if (!t->exited)
		panic("attempted to kill the idle task (exit code %d)", code);
	local_irq_disable();
	t->exit_code = code;
	t->state = TASK_DEAD;
	complete_all(t->exited);
	schedule();
	panic("dead task %s (pid %d) was scheduled", t->comm, t->pid);
}
