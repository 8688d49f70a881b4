/*
 * completion.c - "this is done" events. done counts complete() calls not
 * yet consumed by a waiter; complete_all() sets it to UINT_MAX, which
 * waiters never consume, so everyone after it passes at once.
 */
#include <limits.h>
#include <umk/completion.h>

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	if (c->done != UINT_MAX)
		c->done++;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	wake_up(&c->wait);
}

void complete_all(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	c->done = UINT_MAX;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	wake_up_all(&c->wait);
}

/* Consumes one completion if there is one; irqs off so no one races. */
static bool try_consume(struct completion *c)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&c->wait.lock, flags);
	ok = c->done > 0;
	if (ok && c->done != UINT_MAX)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	return ok;
}

long wait_for_completion_timeout(struct completion *c, long timeout)
{
	DEFINE_WAIT(w);
	bool done;

	for (;;) {
		prepare_to_wait_exclusive(&c->wait, &w, TASK_UNINTERRUPTIBLE);
		done = try_consume(c);
		if (done || !timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	finish_wait(&c->wait, &w);
	if (!done)
		return 0;
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *c)
{
	wait_for_completion_timeout(c, MAX_SCHEDULE_TIMEOUT);
}

bool completion_done(struct completion *c)
{
	return READ_ONCE(c->done) > 0;
}
