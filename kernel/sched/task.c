/*
 * task.c - task_struct objects: allocated from the "task_struct" slab
 * cache together with the completion that signals their exit, given a
 * kernel stack and a pid (kernel/pid.c), and listed on task_list. A new
 * task acts as root (init_cred) until fork gives it its parent's ids.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/completion.h>
#include <umk/slab.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include "sched.h"

/* One allocation, so a task has no half-built state to undo. */
struct task_object {
	struct task_struct task;
	struct completion exited;
};

static struct kmem_cache *task_cache;

int task_cache_init(void)
{
	pid_init();
	task_cache = kmem_cache_create("task_struct",
				       sizeof(struct task_object), 0,
				       SLAB_HWCACHE_ALIGN, NULL);
	return task_cache ? 0 : -ENOMEM;
}

struct task_struct *task_alloc_pid(const char *name, pid_t nr)
{
	struct task_object *obj;
	struct task_struct *t;
	unsigned long flags;
	int err, pid;

	pid = alloc_pid(nr);
	if (pid < 0)
		return ERR_PTR(pid);
	obj = kmem_cache_zalloc(task_cache, GFP_KERNEL);
	if (!obj) {
		free_pid(pid);
		return ERR_PTR(-ENOMEM);
	}
	t = &obj->task;
	err = arch_alloc_stack(t);
	if (err) {
		kmem_cache_free(task_cache, obj);
		free_pid(pid);
		return ERR_PTR(err);
	}
	init_completion(&obj->exited);
	t->exited = &obj->exited;
	t->state = TASK_UNINTERRUPTIBLE;
	snprintf(t->comm, sizeof(t->comm), "%s", name);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->pending.list);
	t->cred = get_cred(&init_cred);
	t->flags = PF_KTHREAD;
	t->group_leader = t;
	t->exit_signal = -1;

	local_irq_save(flags);
	t->pid = pid;
	t->tgid = pid;
	list_add_tail(&t->tasks, &task_list);
	local_irq_restore(flags);
	attach_pid(t);
	return t;
}

struct task_struct *task_alloc(const char *name)
{
	return task_alloc_pid(name, 0);
}

void task_free(struct task_struct *t)
{
	unsigned long flags;

	detach_pid(t);
	free_pid(t->pid);
	local_irq_save(flags);
	list_del(&t->tasks);
	local_irq_restore(flags);
	if (t->cred)
		put_cred((struct cred *)t->cred);
	arch_free_stack(t);
	kmem_cache_free(task_cache, container_of(t, struct task_object, task));
}
