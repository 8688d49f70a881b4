/*
 * irq.c - interrupts as host signals, masked in software (as UML does).
 * local_irq_disable() only clears a flag: a signal that comes while it is
 * clear marks its irq pending and returns; local_irq_enable() runs the
 * pending handlers. Handlers run with irqs disabled, on the host's
 * alternate signal stack, and never sleep.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/irqflags.h>
#include <os.h>

struct irq_desc {
	irq_handler_t handler;
	void *data;
	unsigned long count;	/* handled */
};

static struct irq_desc irq_desc[NR_IRQS];
/* Boot runs with irqs off until start_kernel enables them. */
static volatile bool irqs_on;
static unsigned long irq_pending;	/* bit per irq, atomic ops only */
static int irq_depth;

BUILD_BUG_ON(OS_IRQ_TIMER != IRQ_TIMER);
BUILD_BUG_ON(OS_IRQ_IO != IRQ_IO);
BUILD_BUG_ON(OS_IRQ_SHUTDOWN != IRQ_SHUTDOWN);
BUILD_BUG_ON(OS_IRQ_WAKE != IRQ_WAKE);

static void handle_irq(int irq)
{
	struct irq_desc *desc = &irq_desc[irq];

	irq_depth++;
	if (desc->handler) {
		desc->count++;
		desc->handler(irq, desc->data);
	} else {
		pr_warn("irq %d: no handler\n", irq);
	}
	irq_depth--;
}

/* Runs every pending handler; called with irqs off. */
static void run_pending_irqs(void)
{
	unsigned long bits;

	while ((bits = __atomic_exchange_n(&irq_pending, 0,
					   __ATOMIC_SEQ_CST))) {
		for (int irq = 0; irq < NR_IRQS; irq++)
			if (bits & (1UL << irq))
				handle_irq(irq);
	}
}

/* From the host signal handler, on the alternate stack. */
void irq_from_host(int irq)
{
	if (irq < 0 || irq >= NR_IRQS)
		return;
	__atomic_fetch_or(&irq_pending, 1UL << irq, __ATOMIC_SEQ_CST);
	if (!irqs_on)
		return;
	irqs_on = false;
	barrier();
	run_pending_irqs();
	barrier();
	irqs_on = true;
}

void local_irq_enable(void)
{
	for (;;) {
		irqs_on = true;
		barrier();
		if (!__atomic_load_n(&irq_pending, __ATOMIC_SEQ_CST))
			return;
		/* Something came while masked: run it, masked again. */
		irqs_on = false;
		barrier();
		run_pending_irqs();
	}
}

void local_irq_disable(void)
{
	irqs_on = false;
	barrier();
}

unsigned long arch_local_irq_save(void)
{
	unsigned long flags = irqs_on;

	local_irq_disable();
	return flags;
}

void arch_local_irq_restore(unsigned long flags)
{
	if (flags)
		local_irq_enable();
	else
		local_irq_disable();
}

bool irqs_disabled(void)
{
	return !irqs_on;
}

bool in_interrupt(void)
{
	return irq_depth > 0;
}

int request_irq(int irq, irq_handler_t handler, void *data)
{
	unsigned long flags;
	int err = 0;

	if (irq < 0 || irq >= NR_IRQS || !handler)
		return -EINVAL;
	local_irq_save(flags);
	if (irq_desc[irq].handler) {
		err = -EBUSY;
	} else {
		irq_desc[irq].data = data;
		irq_desc[irq].handler = handler;
	}
	local_irq_restore(flags);
	return err;
}

void free_irq(int irq)
{
	unsigned long flags;

	if (irq < 0 || irq >= NR_IRQS)
		return;
	local_irq_save(flags);
	irq_desc[irq].handler = NULL;
	irq_desc[irq].data = NULL;
	local_irq_restore(flags);
}

void arch_cpu_idle(void)
{
	/*
	 * Hold the signals at the host so none can slip in between the
	 * check and the sleep; sigsuspend unblocks them atomically.
	 */
	os_block_signals();
	if (!__atomic_load_n(&irq_pending, __ATOMIC_SEQ_CST))
		os_wait_for_interrupt();
	os_unblock_signals();
}

int init_IRQ(void)
{
	return os_signals_init();
}
