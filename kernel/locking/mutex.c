/*
 * mutex.c - sleeping locks for process context. Waiters queue in FIFO
 * order and mutex_unlock() hands the lock straight to the first of them,
 * so no one can barge in and starve a waiter.
 */
#include <umk/kernel.h>
#include <umk/irqflags.h>
#include <umk/mutex.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
}

void mutex_lock(struct mutex *m)
{
	DEFINE_WAIT(w);
	unsigned long flags;

	if (in_interrupt())
		panic("mutex_lock() in interrupt context");
	spin_lock_irqsave(&m->wait.lock, flags);
	if (!m->owner) {
		m->owner = current;
		goto out;
	}
	if (m->owner == current)
		panic("%s (pid %d) locks a mutex it holds", current->comm,
		      current->pid);
	w.exclusive = true;
	list_add_tail(&w.entry, &m->wait.head);
	/* mutex_unlock() dequeues us and makes us the owner. */
	while (m->owner != current) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&m->wait.lock, flags);
		schedule();
		spin_lock_irqsave(&m->wait.lock, flags);
	}
	set_current_state(TASK_RUNNING);
out:
	spin_unlock_irqrestore(&m->wait.lock, flags);
}

bool mutex_trylock(struct mutex *m)
{
	unsigned long flags;
	bool taken = false;

	spin_lock_irqsave(&m->wait.lock, flags);
	if (!m->owner) {
		m->owner = current;
		taken = true;
	}
	spin_unlock_irqrestore(&m->wait.lock, flags);
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&m->wait.lock, flags);
	WARN_ON(m->owner != current);
	w = list_first_entry_or_null(&m->wait.head, struct wait_queue_entry,
				     entry);
	if (w) {
		list_del_init(&w->entry);
		m->owner = w->task;
		wake_up_process(w->task);
	} else {
		m->owner = NULL;
	}
	spin_unlock_irqrestore(&m->wait.lock, flags);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
