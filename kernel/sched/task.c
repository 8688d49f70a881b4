/*
 * task.c - task_struct objects: allocated from the "task_struct" slab
 * cache together with the completion that signals their exit, given a
 * kernel stack and an increasing pid, and listed on task_list.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/completion.h>
#include <umk/slab.h>
#include "sched.h"

/* One allocation, so a task has no half-built state to undo. */
struct task_object {
	struct task_struct task;
	struct completion exited;
};

static struct kmem_cache *task_cache;
static pid_t last_pid;

int task_cache_init(void)
{
	task_cache = kmem_cache_create("task_struct",
				       sizeof(struct task_object), 0,
				       SLAB_HWCACHE_ALIGN, NULL);
	return task_cache ? 0 : -ENOMEM;
}

struct task_struct *task_alloc(const char *name)
{
	struct task_object *obj;
	struct task_struct *t;
	unsigned long flags;
	int err;

	obj = kmem_cache_zalloc(task_cache, GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	t = &obj->task;
	err = arch_alloc_stack(t);
	if (err) {
		kmem_cache_free(task_cache, obj);
		return ERR_PTR(err);
	}
	init_completion(&obj->exited);
	t->exited = &obj->exited;
	t->state = TASK_UNINTERRUPTIBLE;
	snprintf(t->comm, sizeof(t->comm), "%s", name);
	INIT_LIST_HEAD(&t->run_list);

	local_irq_save(flags);
	t->pid = ++last_pid;
	list_add_tail(&t->tasks, &task_list);
	local_irq_restore(flags);
	return t;
}

void task_free(struct task_struct *t)
{
	unsigned long flags;

	local_irq_save(flags);
	list_del(&t->tasks);
	local_irq_restore(flags);
	arch_free_stack(t);
	kmem_cache_free(task_cache, container_of(t, struct task_object, task));
}
