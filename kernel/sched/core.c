/*
 * core.c - the scheduler: task 0, schedule(), wakeups, the tick's share
 * of scheduling and the idle loop. Uniprocessor; kernel code is never
 * preempted, it gives up the CPU in schedule() (the tick only sets
 * need_resched, which schedule points and the return to a guest obey).
 */
#include <umk/kernel.h>
#include <umk/irqflags.h>
#include <umk/mm.h>
#include <umk/timer.h>
#include "sched.h"

/* The boot context, on the host's main stack; the idle task later. */
static struct task_struct task0 = {
	.state = TASK_RUNNING,
	.pid = 0,
	.comm = "idle",
	.run_list = LIST_HEAD_INIT(task0.run_list),
	.tasks = LIST_HEAD_INIT(task0.tasks),
};

struct task_struct *current_task = &task0;
LIST_HEAD(task_list);

/* Set once task 0 enters cpu_idle_loop(); it then never sleeps. */
static struct task_struct *idle;
/* The task the last switch left, for finish_task_switch(). */
static struct task_struct *switched_from;

void sched_init(void)
{
	if (task_cache_init())
		panic("sched_init: cannot create the task_struct cache");
	list_add_tail(&task0.tasks, &task_list);
	pr_info("Scheduler: round robin, %d Hz tick, %lu KiB kernel stacks "
		"+ guard page\n", HZ,
		((PAGE_SIZE << CONFIG_KERNEL_STACK_ORDER) - PAGE_SIZE) >> 10);
}

/*
 * Nothing is runnable and there is no idle task yet (boot is waiting
 * for a thread): sleep the host right here until an irq wakes someone.
 */
static struct task_struct *wait_for_runnable(struct task_struct *prev)
{
	struct task_struct *next;

	for (;;) {
		next = rq_pick_next();
		if (next)
			return next;
		if (idle)
			return idle;
		arch_cpu_idle();
		local_irq_enable();
		local_irq_disable();
		/* Woken while still current: it was not queued. */
		if (prev->state == TASK_RUNNING)
			return prev;
	}
}

void finish_task_switch(void)
{
	struct task_struct *prev = switched_from;

	switched_from = NULL;
	/* Its stack was in use until the switch; now it can go. */
	if (prev && prev->state == TASK_DEAD)
		arch_free_stack(prev);
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	if (in_interrupt())
		panic("schedule() in interrupt context");
	local_irq_save(flags);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != idle)
		rq_enqueue(prev);
	next = wait_for_runnable(prev);
	if (next != prev) {
		next->switches++;
		switched_from = prev;
		current_task = next;
		switch_context(&prev->ctx, &next->ctx);
		/* Back on prev's stack: someone switched to us. */
		finish_task_switch();
	}
	local_irq_restore(flags);
}

int wake_up_process(struct task_struct *t)
{
	unsigned long flags;
	int woken = 0;

	local_irq_save(flags);
	if (t->state != TASK_RUNNING && t->state != TASK_DEAD) {
		t->state = TASK_RUNNING;
		/* The current task is not queued: schedule() sees its state. */
		if (t != current)
			rq_enqueue(t);
		woken = 1;
	}
	local_irq_restore(flags);
	return woken;
}

void set_current_state(long state)
{
	WRITE_ONCE(current->state, state);
	barrier();
}

void yield(void)
{
	set_current_state(TASK_RUNNING);
	schedule();
}

bool need_resched(void)
{
	return READ_ONCE(current->need_resched);
}

void cond_resched(void)
{
	if (need_resched())
		schedule();
}

/* From the timer irq. */
void sched_tick(void)
{
	current->ticks++;
	if (current != idle && rq_nr_queued())
		current->need_resched = true;
}

unsigned long nr_running(void)
{
	unsigned long flags, n;

	local_irq_save(flags);
	n = rq_nr_queued();
	if (current != idle && current->state == TASK_RUNNING)
		n++;
	local_irq_restore(flags);
	return n;
}

void cpu_idle_loop(void)
{
	if (current != &task0)
		panic("cpu_idle_loop() called by %s", current->comm);
	local_irq_disable();
	idle = current;
	for (;;) {
		if (rq_nr_queued()) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		/* Sleeps the host; returns with the irq pending, not run. */
		arch_cpu_idle();
		local_irq_enable();
		local_irq_disable();
	}
}
