/*
 * signal.h - signals and the thread group they are shared by: pending
 * queues, handlers (struct sighand_struct), the per-process state
 * (struct signal_struct: threads, job control, rlimits, process group
 * and session, timers), sending, waiting, and the default actions taken
 * on the way back to a guest. kernel/signal*.c implement it;
 * Documentation/processes.md and signals.md explain the model.
 */
#ifndef UMK_SIGNAL_H
#define UMK_SIGNAL_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/spinlock.h>
#include <umk/wait.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <uapi/umk/signal.h>
#include <uapi/umk/resource.h>

struct pt_regs;

/*
 * Kernel-internal syscall results: "interrupted by a signal". They never
 * reach a guest: the way back to user mode restarts the syscall or turns
 * them into -EINTR (Documentation/processes.md).
 */
#define ERESTARTSYS		512	/* restart unless a handler ran */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart if no handler */
#define ERESTART_RESTARTBLOCK	516	/* restart_syscall if no handler */

#define sigmask(sig)		(1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | \
				 sigmask(SIGTRAP) | sigmask(SIGABRT) | \
				 sigmask(SIGFPE) | sigmask(SIGSEGV) | \
				 sigmask(SIGBUS) | sigmask(SIGSYS) | \
				 sigmask(SIGXCPU) | sigmask(SIGXFSZ))
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				 sigmask(SIGWINCH) | sigmask(SIGURG))
#define valid_signal(sig)	((sig) >= 1 && (sig) <= _NSIG)

/* One queued signal. */
struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/* Handlers: shared by CLONE_SIGHAND tasks, copied by fork. */
struct sighand_struct {
	int count;
	spinlock_t siglock;
	struct sigaction action[_NSIG];
};

/* signal_struct.flags */
#define SIGNAL_STOP_STOPPED	0x1	/* job control stop in effect */
#define SIGNAL_STOP_CONTINUED	0x2	/* SIGCONT since the last report */
#define SIGNAL_GROUP_EXIT	0x4	/* exit_group or a fatal signal */
#define SIGNAL_UNKILLABLE	0x40	/* init: default actions ignored */
#define SIGNAL_STOP_REPORTABLE	0x100	/* stop not yet seen by wait */

/* Per process (thread group): what all its threads share. */
struct signal_struct {
	int count;			/* references (threads, zombie) */
	int nr_threads;			/* threads not yet exiting */
	struct list_head thread_head;	/* every thread, leader first */
	struct sigpending shared_pending;	/* kill() to the process */
	unsigned int flags;		/* SIGNAL_* */
	int group_exit_code;		/* wait status of a group exit */
	int stop_signal;		/* signal of the current stop */
	struct task_struct *group_exec_task;	/* exec waits for others */
	struct wait_queue_head wait_chldexit;	/* wait4 sleeps here */
	pid_t pgrp;			/* process group */
	pid_t session;
	bool is_child_subreaper;
	struct rlimit rlim[RLIM_NLIMITS];
	u64 utime, stime;		/* of dead threads, in ticks */
	u64 cutime, cstime;		/* of reaped children, in ticks */
	/* kernel/time/itimer.c: alarm and setitimer (zeroed by fork). */
	struct timer_list real_timer;	/* ITIMER_REAL: SIGALRM */
	u64 it_real_incr;		/* its interval, in jiffies */
	u64 it_cpu_value[2];		/* VIRTUAL, PROF: ticks left */
	u64 it_cpu_incr[2];		/* their intervals, in ticks */
	/* kernel/time/posix_timers.c: timer_create's timers. */
	struct list_head posix_timers;	/* NULL .next: none made yet */
	int next_posix_timer_id;
};

/* kernel/signal.c */
int signals_init(void);
struct sighand_struct *alloc_sighand(void);
void put_sighand(struct sighand_struct *sh);
void flush_sigqueue(struct sigpending *pending);
void init_sigpending(struct sigpending *pending);

bool signal_pending(const struct task_struct *t);
bool fatal_signal_pending(const struct task_struct *t);
void recalc_sigpending(struct task_struct *t);
/* Marks t as having a signal to look at and wakes it if it sleeps
 * interruptibly (or, when fatal, is stopped). */
void signal_wake_up(struct task_struct *t, bool fatal);

/*
 * The pending-set rules: a standard signal already pending is not
 * queued again (coalesced), a real-time one queues with its siginfo
 * (-EAGAIN if no memory). sigqueue_take takes the signal to deliver
 * among those not in mask: synchronous faults first, then the lowest
 * number, the oldest instance of it; 0 if none.
 */
int sigqueue_add(struct sigpending *pending, int sig, const siginfo_t *info);
int sigqueue_take(struct sigpending *pending, u64 mask, siginfo_t *info);

/* Sends sig to one thread (tkill) or a process (kill, shared queue). */
int send_signal_info(int sig, const siginfo_t *info, struct task_struct *t,
		     bool group);
/* Kernel-generated signal to a process (info: SI_KERNEL). */
int send_sig(int sig, struct task_struct *t, int priv);
/* SIGPIPE to current (fs/pipe.c calls it on a write without readers). */
void send_sig_pipe(void);
/*
 * A synchronous fault of current (SIGSEGV, SIGBUS, ...): delivered even
 * if blocked or ignored (the action is reset to default then).
 */
void force_sig_fault(int sig, int code, unsigned long addr);
void force_sig(int sig);
/* Removes sig from t's process's and all its threads' queues. */
void discard_pending_signal(struct task_struct *t, int sig);
/* Kills every thread of t's process (exec, exit_group, fatal signal). */
void zap_other_threads(struct task_struct *t);
/* Group stop and continue (job control). */
void do_notify_parent_cldstop(struct task_struct *t, int why);

/* kill(2) rules: may current signal t? 0 or -EPERM. */
int check_kill_permission(int sig, const siginfo_t *info,
			  struct task_struct *t);
/* Sends to a process group; 0 if any got it, else -ESRCH/-EPERM. */
int kill_pgrp_info(int sig, const siginfo_t *info, pid_t pgrp);

/*
 * For the tty: sends sig to every process of process group pgrp (priv:
 * as the kernel, without the kill(2) permission check). 0 if any got
 * it, else -ESRCH or -EPERM.
 */
int kill_pgrp(pid_t pgrp, int sig, int priv);
/*
 * POSIX: is current's process group orphaned (no member has a parent
 * in another group of the same session)? Terminal stops are not sent
 * then (the tty answers EIO instead of SIGTTIN/SIGTTOU).
 */
bool is_current_pgrp_orphaned(void);
bool is_pgrp_orphaned(pid_t pgrp, pid_t session);

/*
 * Takes the first pending signal of mask from current's queues (thread
 * first, then the process), filling *info; 0 if none. For
 * rt_sigtimedwait and signalfd.
 */
int dequeue_signal_mask(u64 mask, siginfo_t *info);
/*
 * Woken whenever a signal is queued, even a blocked one: sigtimedwait
 * and signalfd sleep here and recheck their queues.
 */
extern struct wait_queue_head signal_queued_wq;

/* kernel/time/itimer.c, posix_timers.c: per-process timers. */
void itimer_tick(struct task_struct *t);	/* from the tick, irqs off */
void exit_itimers(struct signal_struct *sig);	/* the process is freed */
void exit_posix_timers(struct signal_struct *sig);

/* A signal whose guest handler is to run. */
struct ksignal {
	struct sigaction ka;
	siginfo_t info;
	int sig;
};

/*
 * The way back to a guest (kernel/signal_deliver.c): takes the actions
 * of pending signals. Fatal ones end the process (it does not return
 * then), stops sleep until SIGCONT, ignored ones are dropped. Returns
 * true with *ksig filled when a guest handler must run.
 */
bool get_signal(struct ksignal *ksig);
/* After the arch set up (or failed to set up) the handler's frame. */
void signal_setup_done(bool failed, struct ksignal *ksig);
/* arch/x86/kernel/signal.c: signals and syscall restart before the
 * return to the guest. */
void do_signal(struct pt_regs *regs, bool in_syscall);
void set_current_blocked(u64 set);

/* Is sp on current's alternate signal stack? */
static inline bool on_sig_stack(unsigned long sp)
{
	return current->sas_ss_size &&
	       sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* Wait status encodings (kernel/exit.c). */
static inline int wait_status_exited(int code)
{
	return (code & 0xff) << 8;
}
static inline int wait_status_signaled(int sig, bool core)
{
	return (sig & 0x7f) | (core ? 0x80 : 0);
}
static inline int wait_status_stopped(int sig)
{
	return (sig << 8) | 0x7f;
}
#define WAIT_STATUS_CONTINUED	0xffff

/* Resource limits of current's process. */
unsigned long rlimit(int resource);
unsigned long task_rlimit(const struct task_struct *t, int resource);
void init_rlimits(struct rlimit *rlim);

#endif
