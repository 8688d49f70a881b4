/*
 * process.h - guest processes and threads: creating them (fork/clone),
 * ending them (exit, exit_group, zombies, reaping), waiting for them,
 * and running them (the user-task loop). A guest thread is a kernel
 * task with task->user set; see Documentation/processes.md.
 */
#ifndef UMK_PROCESS_H
#define UMK_PROCESS_H

#include <umk/types.h>
#include <umk/sched.h>
#include <uapi/umk/resource.h>

/* What clone/clone3/fork/vfork ask for (kernel/fork.c). */
struct kernel_clone_args {
	u64 flags;			/* CLONE_* without the exit signal */
	int exit_signal;
	unsigned long stack;		/* new sp, or 0 to keep the parent's */
	unsigned long tls;		/* CLONE_SETTLS: the new fs base */
	u32 __user *parent_tid;		/* CLONE_PARENT_SETTID */
	u32 __user *child_tid;		/* CLONE_CHILD_SETTID/CLEARTID */
};

/* Returns the child's pid (tid), or -errno. */
long kernel_clone(struct kernel_clone_args *args);

/*
 * The first guest process: a task with pid 1 that runs fn(arg) in
 * process context (no mm yet); fn execs init and enters the user loop.
 */
struct task_struct *create_init_process(int (*fn)(void *), void *arg);

/* Guest tasks, and the most there may be (then fork gives -EAGAIN). */
extern int nr_threads;
extern int max_threads;

struct mm_struct;

/* kernel/exit.c: one thread ends / the whole process ends. */
__noreturn void do_thread_exit(int code);
__noreturn void do_group_exit(int code);
/* Exit or exec: robust list, CLONE_CHILD_CLEARTID, vfork parent. */
void mm_release(struct task_struct *t, struct mm_struct *mm);
/* The wait status of a dead process (its group exit code or exit code). */
int process_exit_status(const struct task_struct *leader);
/* Frees what is left of a reaped (or self-reaping) task. */
void release_task(struct task_struct *t);
/* kernel_init waits here for pid 1 to end; returns its wait status. */
int wait_for_init_exit(void);

/* kernel/wait.c */
long kernel_wait4(pid_t upid, int __user *stat_addr, int options,
		  struct rusage __user *ru);

/*
 * init/init_process.c: starts pid 1 (init= or the defaults) and waits
 * until it ends; returns its wait status.
 */
int run_init(void);

/* arch/x86/kernel/entry.c: runs the current user task, never returns. */
__noreturn void user_task_loop(void);

#endif
