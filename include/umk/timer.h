/*
 * timer.h - the tick, jiffies and kernel timers. The tick is a host timer
 * (arch/um) raising IRQ_TIMER HZ times a second; expired timers run in
 * irq context from it.
 */
#ifndef UMK_TIMER_H
#define UMK_TIMER_H

#include <umk/types.h>
#include <umk/list.h>

#define HZ CONFIG_HZ
extern volatile u64 jiffies;

struct timer_list {
	struct list_head entry;
	u64 expires;			/* in jiffies */
	void (*function)(struct timer_list *t);
	bool pending;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *));
/* (Re)arm t to fire at expires; returns 1 if it was pending. */
int mod_timer(struct timer_list *t, u64 expires);
/* Disarm; returns 1 if it was pending. */
int del_timer(struct timer_list *t);
bool timer_pending(const struct timer_list *t);

/* kernel/time/timer.c: called by the tick. */
void timer_tick(void);
int time_init(void);	/* starts the host tick */

static inline u64 msecs_to_jiffies(u64 ms) { return (ms * HZ + 999) / 1000; }
static inline u64 jiffies_to_msecs(u64 j) { return j * 1000 / HZ; }
#define time_after(a, b)	((s64)((b) - (a)) < 0)
#define time_after_eq(a, b)	((s64)((a) - (b)) >= 0)
#define time_before(a, b)	time_after(b, a)

/* Sleep in process context. */
void msleep(unsigned int ms);

#endif
