/*
 * rq.c - the run queue: round robin over one FIFO list. Tasks join at the
 * tail when they become runnable or give up the CPU, and the head runs
 * next. Priorities would replace this file, not its callers.
 */
#include "sched.h"

static LIST_HEAD(run_queue);
static unsigned long nr_queued;

void rq_enqueue(struct task_struct *t)
{
	list_add_tail(&t->run_list, &run_queue);
	nr_queued++;
}

struct task_struct *rq_pick_next(void)
{
	struct task_struct *t;

	t = list_first_entry_or_null(&run_queue, struct task_struct,
				     run_list);
	if (t) {
		list_del_init(&t->run_list);
		nr_queued--;
	}
	return t;
}

unsigned long rq_nr_queued(void)
{
	return nr_queued;
}
