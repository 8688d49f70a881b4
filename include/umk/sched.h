/*
 * sched.h - tasks and the scheduler. Every task runs on its own kernel
 * stack (from the page allocator, with a PROT_NONE guard page below it);
 * switching is an assembly routine that swaps callee-saved registers.
 * Kernel code is not preempted; user tasks are preempted at the tick
 * (need_resched is checked on the way back to the guest).
 */
#ifndef UMK_SCHED_H
#define UMK_SCHED_H

#include <umk/types.h>
#include <umk/list.h>

#define TASK_RUNNING		0x0
#define TASK_INTERRUPTIBLE	0x1
#define TASK_UNINTERRUPTIBLE	0x2
#define TASK_DEAD		0x40

/* exit_state of a process task (kernel/exit.c). */
#define EXIT_ZOMBIE		16	/* dead, waiting for its parent */
#define EXIT_DEAD		32	/* reaped (or being reaped) */

/* task->flags */
#define PF_EXITING		0x4	/* in exit, resources going */
#define PF_FORKNOEXEC		0x40	/* forked but did not exec */
#define PF_KTHREAD		0x00200000	/* a kernel thread */

#define TASK_COMM_LEN	16

/* Registers saved by the context switch (arch/um/kernel/switch.S). */
struct thread_context {
	unsigned long rsp;
	unsigned long rbp;
	unsigned long rbx;
	unsigned long r12, r13, r14, r15;
};

/* Queued signals: siginfos (struct sigqueue) and the set of their numbers. */
struct sigpending {
	struct list_head list;
	u64 signal;
};

struct task_struct {
	volatile long state;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct thread_context ctx;
	void *stack;			/* lowest usable byte of kernel stack */
	unsigned int stack_order;
	int (*thread_fn)(void *arg);	/* kernel thread body */
	void *thread_arg;
	int exit_code;
	bool need_resched;
	bool should_stop;		/* kthread_stop() was called */
	u64 ticks;			/* ticks spent running */
	u64 switches;			/* times switched in */
	struct list_head run_list;	/* on the run queue */
	struct list_head tasks;		/* on the all-tasks list */
	struct completion *exited;	/* completed when the task is dead */
	struct timer_list *sleep_timer;	/* schedule_timeout's */
	void *kunit_test;		/* the test this task runs, if any */

	/* Process context (NULL for kernel threads unless noted). */
	struct mm_struct *mm;		/* guest address space */
	struct files_struct *files;	/* open files */
	struct fs_struct *fs;		/* root, cwd, umask (NULL: init's) */
	const struct cred *cred;	/* ids (kernel threads: init_cred) */
	struct thread_info *user;	/* user registers and FPU state */

	/* Process state (kernel/fork.c, exit.c, signal.c, pid.c). */
	unsigned int flags;		/* PF_* */
	pid_t tgid;			/* thread group id (= pid of leader) */
	struct task_struct *group_leader;
	struct list_head thread_node;	/* on signal->thread_head */
	struct task_struct *parent;	/* gets SIGCHLD, may wait() */
	struct list_head children;	/* processes we are parent of */
	struct list_head sibling;	/* on parent->children */
	struct list_head pid_link;	/* on the pid hash chain */
	int exit_state;			/* 0, EXIT_ZOMBIE, EXIT_DEAD */
	int exit_signal;		/* to the parent; -1 for threads */
	int pdeath_signal;		/* sent when the parent dies */
	struct signal_struct *signal;	/* shared by the thread group */
	struct sighand_struct *sighand;	/* handlers, maybe shared */
	u64 blocked;			/* sigset_t of blocked signals */
	u64 saved_sigmask;		/* rt_sigsuspend's, restored after */
	bool restore_sigmask;
	bool sigpending;		/* unblocked signal waits, or exit */
	struct sigpending pending;	/* signals to this thread */
	u32 __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	u32 __user *clear_child_tid;	/* zeroed and woken at exit */
	unsigned long robust_list;	/* set_robust_list's head */
	size_t robust_list_len;
	unsigned long sas_ss_sp;	/* sigaltstack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	struct completion *vfork_done;	/* CLONE_VFORK parent waits */
	/* restart_syscall(2): continues a sleep a signal interrupted. */
	struct restart_block {
		long (*fn)(void);
		s64 deadline;		/* absolute, on clock */
		int clock;
		void __user *rmtp;
	} restart_block;
	u64 start_time;			/* ns since boot */
};

extern struct task_struct *current_task;
#define current current_task
extern struct list_head task_list;	/* all tasks, for ps and gdb */

/* Thread group helpers. */
static inline bool thread_group_leader(const struct task_struct *t)
{
	return t->group_leader == t;
}
/* A guest process or thread (not a kernel thread). */
static inline bool is_user_task(const struct task_struct *t)
{
	return t->signal != NULL;
}

/* kernel/sched/core.c */
void sched_init(void);		/* turns the boot context into task 0 */
void schedule(void);		/* give up the CPU; current->state says how */
int wake_up_process(struct task_struct *t);	/* 1 if it was woken */
void set_current_state(long state);
void yield(void);
void cond_resched(void);
void sched_tick(void);		/* from the timer irq */
bool need_resched(void);
unsigned long nr_running(void);
/* Runs on task 0 once boot is done: sleeps the host until an irq. */
__noreturn void cpu_idle_loop(void);

/* kernel/kthread.c: kernel threads. Returns ERR_PTR(-ENOMEM) on failure. */
struct task_struct *kthread_create(int (*fn)(void *), void *arg,
				   const char *name);
struct task_struct *kthread_run(int (*fn)(void *), void *arg,
				const char *name);
/* Sets should_stop, wakes t, waits for it to exit; returns its fn result. */
int kthread_stop(struct task_struct *t);
bool kthread_should_stop(void);
/* Waits for t to exit and frees it; returns its exit code. */
int kthread_join(struct task_struct *t);
__noreturn void do_exit(int code);

/*
 * The machine side of tasks (arch/um/kernel/). arch_alloc_stack() gives t
 * a stack of 2^CONFIG_KERNEL_STACK_ORDER pages whose lowest page is a
 * PROT_NONE guard, and sets t->ctx so that the first switch to t enters
 * task_entry(). switch_context() saves the callee-saved registers in from
 * and resumes to; it returns when from is resumed in its turn.
 */
int arch_alloc_stack(struct task_struct *t);
void arch_free_stack(struct task_struct *t);
unsigned long task_stack_size(const struct task_struct *t);
void switch_context(struct thread_context *from, struct thread_context *to);
/* kernel/kthread.c: the first C code a new task runs. */
__noreturn void task_entry(void);

#endif
