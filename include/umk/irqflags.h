/*
 * irqflags.h - "interrupts" are host signals (timer, I/O readiness). They
 * are masked in software: a signal that arrives while masked is recorded
 * and its handler runs when local_irq_enable()/restore() unmasks.
 */
#ifndef UMK_IRQFLAGS_H
#define UMK_IRQFLAGS_H

#include <umk/types.h>

unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
void local_irq_enable(void);
void local_irq_disable(void);
bool irqs_disabled(void);
bool in_interrupt(void);	/* true while an irq handler runs */

#define local_irq_save(flags)	 ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)

/* Interrupt lines (host signal sources). */
enum {
	IRQ_TIMER,	/* periodic tick */
	IRQ_IO,		/* a host fd became ready (SIGIO) */
	IRQ_SHUTDOWN,	/* SIGTERM/SIGINT/SIGHUP to umk from the host */
	IRQ_WAKE,	/* another host thread wants the kernel (I/O done) */
	NR_IRQS
};
typedef void (*irq_handler_t)(int irq, void *data);
/* Installs the handler of irq; 0 or -EBUSY if it already has one. */
int request_irq(int irq, irq_handler_t handler, void *data);
void free_irq(int irq);

/* arch/um/kernel/irq.c: installs the host signal handlers (boot). */
int init_IRQ(void);
/*
 * Called with irqs disabled when nothing is runnable: sleeps the host
 * until an irq is pending, and returns with irqs still disabled (the
 * caller's local_irq_enable() runs the handlers). A signal that arrived
 * after the caller's check is not lost.
 */
void arch_cpu_idle(void);

#endif
