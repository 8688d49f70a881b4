/*
 * pid.c - process ids: the bitmap that hands them out and the hash that
 * finds a task by its pid. One pid space for kernel threads and guest
 * tasks; a number stays taken while a task has it (zombies included) or
 * a process group or session is named after it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/pid.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/spinlock.h>

#define BITS_PER_LONG		64
#define PID_HASH_SIZE		256

static unsigned long pid_bits[PID_MAX / BITS_PER_LONG];
static struct pidmap pid_map;
static struct list_head pid_hash[PID_HASH_SIZE];
static DEFINE_SPINLOCK(pid_lock);

void pidmap_init(struct pidmap *map, unsigned long *bits, int max,
		 int wrap_to)
{
	map->bits = bits;
	map->max = max;
	map->last = 0;
	map->wrap_to = wrap_to;
}

bool pidmap_test(const struct pidmap *map, int nr)
{
	return map->bits[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

static void pidmap_set(struct pidmap *map, int nr)
{
	map->bits[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

void pidmap_free(struct pidmap *map, int nr)
{
	if (nr > 0 && nr < map->max)
		map->bits[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

/* Cyclic, as Linux: reused numbers come back only after a wrap. */
int pidmap_alloc(struct pidmap *map, bool (*busy)(int nr))
{
	int span = map->max - 1, nr = map->last, i;

	for (i = 0; i < span; i++) {
		nr++;
		if (nr >= map->max)
			nr = map->wrap_to;
		if (pidmap_test(map, nr) || (busy && busy(nr)))
			continue;
		pidmap_set(map, nr);
		map->last = nr;
		return nr;
	}
	return -EAGAIN;
}

/* A process group or session still named after nr keeps it taken. */
static bool pid_nr_busy(int nr)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->signal && thread_group_leader(t) &&
		    (t->signal->pgrp == nr || t->signal->session == nr))
			return true;
	}
	return false;
}

void pid_init(void)
{
	int i;

	pidmap_init(&pid_map, pid_bits, PID_MAX, RESERVED_PIDS);
	pidmap_set(&pid_map, 0);		/* the idle task */
	pidmap_set(&pid_map, INIT_PID);	/* kept for init */
	pid_map.last = INIT_PID;
	for (i = 0; i < PID_HASH_SIZE; i++)
		INIT_LIST_HEAD(&pid_hash[i]);
}

int alloc_pid(int nr)
{
	unsigned long flags;
	int ret;

	if (nr == INIT_PID)
		return INIT_PID;	/* reserved by pid_init() */
	spin_lock_irqsave(&pid_lock, flags);
	ret = pidmap_alloc(&pid_map, pid_nr_busy);
	spin_unlock_irqrestore(&pid_lock, flags);
	return ret;
}

void free_pid(int nr)
{
	unsigned long flags;

	spin_lock_irqsave(&pid_lock, flags);
	pidmap_free(&pid_map, nr);
	spin_unlock_irqrestore(&pid_lock, flags);
}

static struct list_head *pid_bucket(pid_t nr)
{
	return &pid_hash[(unsigned int)nr % PID_HASH_SIZE];
}

void attach_pid(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&pid_lock, flags);
	list_add(&t->pid_link, pid_bucket(t->pid));
	spin_unlock_irqrestore(&pid_lock, flags);
}

void detach_pid(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&pid_lock, flags);
	if (t->pid_link.next)
		list_del_init(&t->pid_link);
	spin_unlock_irqrestore(&pid_lock, flags);
}

/* The caller frees t's old number once nothing uses it any more. */
void change_pid(struct task_struct *t, pid_t nr)
{
	detach_pid(t);
	t->pid = nr;
	attach_pid(t);
}

struct task_struct *find_task_by_pid(pid_t nr)
{
	struct task_struct *t;

	if (nr <= 0)
		return NULL;
	list_for_each_entry(t, pid_bucket(nr), pid_link) {
		if (t->pid == nr)
			return t;
	}
	return NULL;
}

struct task_struct *find_process_by_pid(pid_t nr)
{
	struct task_struct *t = find_task_by_pid(nr);

	if (!t || !is_user_task(t))
		return NULL;
	return t->group_leader;
}

unsigned int nr_processes(void)
{
	struct task_struct *t;
	unsigned int n = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->signal && thread_group_leader(t))
			n++;
	}
	return n;
}
