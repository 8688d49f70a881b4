/*
 * kernel/sched/sched.h - scheduler internals shared by kernel/sched/ and
 * kernel/kthread.c: the run queue interface, the task allocator and the
 * hook every task runs right after it is switched in.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <umk/sched.h>

/*
 * rq.c: the run queue holds tasks that are runnable but not running. The
 * policy (round robin today) lives behind these three calls, all made
 * with irqs disabled.
 */
void rq_enqueue(struct task_struct *t);
struct task_struct *rq_pick_next(void);	/* removes it; NULL if empty */
unsigned long rq_nr_queued(void);

/* core.c: frees what the task we switched away from left behind. */
void finish_task_switch(void);

/* task.c: task_struct objects with their stacks, pids and exit events. */
int task_cache_init(void);
/* A new task, not yet runnable (TASK_UNINTERRUPTIBLE); ERR_PTR on error. */
struct task_struct *task_alloc(const char *name);
/* The same with a given pid: 0 allocates one, INIT_PID is init's. */
struct task_struct *task_alloc_pid(const char *name, pid_t nr);
void task_free(struct task_struct *t);

#endif
