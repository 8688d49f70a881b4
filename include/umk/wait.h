/* wait.h - wait queues: sleep until a condition holds, woken by others. */
#ifndef UMK_WAIT_H
#define UMK_WAIT_H

#include <umk/spinlock.h>
#include <umk/list.h>
#include <umk/sched.h>

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
	bool exclusive;
	/*
	 * Set: a wakeup calls func (in the waker's context, maybe an irq)
	 * instead of waking task, and leaves the entry queued (epoll).
	 */
	void (*func)(struct wait_queue_entry *w);
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ __SPIN_LOCK_UNLOCKED, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* A waiter starts unqueued; prepare_to_wait() queues it once. */
#define DEFINE_WAIT(name) \
	struct wait_queue_entry name = { \
		.task = current, .entry = LIST_HEAD_INIT((name).entry) }

void init_waitqueue_head(struct wait_queue_head *wq);
/* Queue current on wq and set its state (before testing the condition). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
/*
 * Wake all non-exclusive waiters and up to nr exclusive ones (0 = all).
 * A woken waiter leaves the queue; prepare_to_wait() queues it again.
 */
void __wake_up(struct wait_queue_head *wq, int nr);
#define wake_up(wq)	__wake_up(wq, 1)
#define wake_up_all(wq)	__wake_up(wq, 0)
bool waitqueue_active(struct wait_queue_head *wq);
/* Queue / unqueue a func entry (no sleeping involved). */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq,
		       struct wait_queue_entry *w);

/* Sleeps up to timeout jiffies; returns the jiffies left (0 = timed out). */
long schedule_timeout(long timeout);
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

/* Returns 0 when cond holds, -EINTR if a signal is pending (later). */
#define wait_event(wq, cond) do { \
	DEFINE_WAIT(__w); \
	for (;;) { \
		prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
		if (cond) \
			break; \
		schedule(); \
	} \
	finish_wait(&(wq), &__w); \
} while (0)

/* Returns >0 (jiffies left, at least 1) if cond held, 0 on timeout. */
#define wait_event_timeout(wq, cond, timeout) ({ \
	DEFINE_WAIT(__w); \
	long __left = (timeout); \
	for (;;) { \
		prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
		if (cond) { \
			if (!__left) \
				__left = 1; \
			break; \
		} \
		if (!__left) \
			break; \
		__left = schedule_timeout(__left); \
	} \
	finish_wait(&(wq), &__w); \
	__left; \
})

#endif
