/*
 * timer.c - jiffies, kernel timers and sleeping for a while. The host
 * raises IRQ_TIMER HZ times a second; the tick reads jiffies off the
 * monotonic clock (so ticks lost while irqs were masked are caught up),
 * runs the timers that expired, in order of expiry, and tells the
 * scheduler. Timers sit on one list sorted by expiry.
 */
#include <umk/kernel.h>
#include <umk/irqflags.h>
#include <umk/ktime.h>
#include <umk/sched.h>
#include <umk/spinlock.h>
#include <umk/timer.h>
#include <umk/wait.h>
#include <umk/signal.h>
#include <os.h>

#define TICK_NSEC	(NSEC_PER_SEC / HZ)

volatile u64 jiffies;

static LIST_HEAD(timers);
static DEFINE_SPINLOCK(timers_lock);

/* Brings jiffies up to the clock; irqs off. Returns the new value. */
static u64 update_jiffies(void)
{
	u64 now = (u64)ktime_get_ns() / TICK_NSEC;

	if (time_after(now, jiffies))
		jiffies = now;
	return jiffies;
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *))
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->expires = 0;
	t->pending = false;
}

/* Timers of equal expiry fire in the order they were armed. */
static void enqueue_timer(struct timer_list *t)
{
	struct timer_list *pos;

	list_for_each_entry(pos, &timers, entry) {
		if (time_after(pos->expires, t->expires)) {
			list_add_tail(&t->entry, &pos->entry);
			return;
		}
	}
	list_add_tail(&t->entry, &timers);
}

static int detach_timer(struct timer_list *t)
{
	if (!t->pending)
		return 0;
	list_del_init(&t->entry);
	t->pending = false;
	return 1;
}

int mod_timer(struct timer_list *t, u64 expires)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timers_lock, flags);
	was_pending = detach_timer(t);
	t->expires = expires;
	t->pending = true;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timers_lock, flags);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timers_lock, flags);
	was_pending = detach_timer(t);
	spin_unlock_irqrestore(&timers_lock, flags);
	return was_pending;
}

bool timer_pending(const struct timer_list *t)
{
	return READ_ONCE(t->pending);
}

/* In irq context. A callback may re-arm its own timer. */
void timer_tick(void)
{
	struct timer_list *t;
	unsigned long flags;

	spin_lock_irqsave(&timers_lock, flags);
	update_jiffies();
	while ((t = list_first_entry_or_null(&timers, struct timer_list,
					     entry))) {
		if (time_before(jiffies, t->expires))
			break;
		detach_timer(t);
		spin_unlock_irqrestore(&timers_lock, flags);
		t->function(t);
		spin_lock_irqsave(&timers_lock, flags);
	}
	spin_unlock_irqrestore(&timers_lock, flags);
}

static void tick_irq(int irq, void *data)
{
	timer_tick();
	if (current->signal)
		itimer_tick(current);
	sched_tick();
}

int time_init(void)
{
	int err;

	err = request_irq(IRQ_TIMER, tick_irq, NULL);
	if (err)
		return err;
	err = os_timer_start(TICK_NSEC);
	if (err) {
		free_irq(IRQ_TIMER);
		return err;
	}
	pr_info("Timer: %d Hz host tick\n", HZ);
	return 0;
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct process_timer, timer)->task);
}

long schedule_timeout(long timeout)
{
	struct process_timer pt;
	unsigned long flags;
	u64 expires;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (WARN_ON(timeout < 0))
		timeout = 0;
	local_irq_save(flags);
	expires = update_jiffies() + timeout;
	local_irq_restore(flags);

	pt.task = current;
	timer_setup(&pt.timer, process_timeout);
	mod_timer(&pt.timer, expires);
	current->sleep_timer = &pt.timer;
	schedule();
	current->sleep_timer = NULL;
	del_timer(&pt.timer);

	local_irq_save(flags);
	left = (long)(expires - update_jiffies());
	local_irq_restore(flags);
	return left > 0 ? left : 0;
}

void msleep(unsigned int ms)
{
	/* +1: the current jiffy is partly gone already. */
	long timeout = (long)msecs_to_jiffies(ms) + 1;

	while (timeout) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
}
