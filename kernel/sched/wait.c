/*
 * wait.c - wait queues. A sleeper queues itself and sets its state before
 * it tests its condition, so a wakeup between the test and schedule()
 * only makes schedule() return at once: no wakeup is lost. Wakers take
 * woken entries off the queue, so each exclusive wakeup reaches a
 * different waiter.
 */
#include <umk/wait.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

static void queue_waiter(struct wait_queue_head *wq,
			 struct wait_queue_entry *w, long state,
			 bool exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	w->task = current;
	if (list_empty(&w->entry)) {
		w->exclusive = exclusive;
		list_add_tail(&w->entry, &wq->head);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state)
{
	queue_waiter(wq, w, state, false);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, long state)
{
	queue_waiter(wq, w, state, true);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	set_current_state(TASK_RUNNING);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void __wake_up(struct wait_queue_head *wq, int nr)
{
	struct wait_queue_entry *w, *next;
	unsigned long flags;
	int exclusive = 0;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry_safe(w, next, &wq->head, entry) {
		if (w->func) {
			w->func(w);
			continue;
		}
		if (w->exclusive && nr && exclusive++ >= nr)
			continue;
		list_del_init(&w->entry);
		wake_up_process(w->task);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq,
		       struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}
