/*
 * pid.h - process ids: one pid space (no namespaces), shared by kernel
 * threads and guest tasks as in Linux. Pids are handed out cyclically up
 * to PID_MAX and wrap to RESERVED_PIDS, skipping numbers that are still
 * in use as a task's pid, a process group or a session. Pid 1 is kept
 * for init. kernel/pid.c.
 */
#ifndef UMK_PID_H
#define UMK_PID_H

#include <umk/types.h>

#define PID_MAX			32768
#define RESERVED_PIDS		300
#define INIT_PID		1

/* A bitmap allocator of numbers in [1, max). */
struct pidmap {
	unsigned long *bits;
	int max;
	int last;		/* last number handed out */
	int wrap_to;		/* first number tried after a wrap */
};

/* bits must hold max bits, zeroed. */
void pidmap_init(struct pidmap *map, unsigned long *bits, int max,
		 int wrap_to);
/*
 * The next free number after map->last (wrapping to wrap_to) for which
 * busy(nr) is false (busy may be NULL); -EAGAIN when none is free.
 */
int pidmap_alloc(struct pidmap *map, bool (*busy)(int nr));
void pidmap_free(struct pidmap *map, int nr);
bool pidmap_test(const struct pidmap *map, int nr);

struct task_struct;

void pid_init(void);
/* A new pid for a task (nr == 0) or the reserved INIT_PID (nr == 1). */
int alloc_pid(int nr);
void free_pid(int nr);
/* Hashes t under t->pid / removes it. */
void attach_pid(struct task_struct *t);
void detach_pid(struct task_struct *t);
/* Changes the pid t is hashed under (exec by a non-leader thread). */
void change_pid(struct task_struct *t, pid_t nr);
/* The task with that pid (a thread or a kernel thread too), or NULL. */
struct task_struct *find_task_by_pid(pid_t nr);
/* The guest thread group leader whose tgid is nr, or NULL. */
struct task_struct *find_process_by_pid(pid_t nr);
/* Counts of tasks and of guest processes, for sysinfo and limits. */
unsigned int nr_processes(void);

#endif
