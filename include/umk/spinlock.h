/*
 * spinlock.h - the locking API. umk is uniprocessor today: a spinlock only
 * disables interrupts (and preemption, which follows from it), but every
 * shared structure takes its lock so that SMP can come later.
 */
#ifndef UMK_SPINLOCK_H
#define UMK_SPINLOCK_H

#include <umk/irqflags.h>

typedef struct {
	int locked;	/* for assertions on UP */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l) { l->locked = 0; }

#define spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); (l)->locked = 1; } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { (l)->locked = 0; local_irq_restore(flags); } while (0)
static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	l->locked = 1;
}
static inline void spin_unlock_irq(spinlock_t *l)
{
	l->locked = 0;
	local_irq_enable();
}
/* Plain spin_lock also masks irqs on UP: kernel code is not preempted. */
#define spin_lock(l)	spin_lock_irq(l)
#define spin_unlock(l)	spin_unlock_irq(l)
#define spin_is_locked(l) ((l)->locked)

#endif
