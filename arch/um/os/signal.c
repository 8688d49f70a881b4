/*
 * signal.c - host signals as the kernel's interrupts. Owns the alternate
 * signal stack, the handlers that forward interrupt signals to
 * irq_from_host(), the fault handler that reports kernel faults, and the
 * host signal mask used to sleep without losing a wakeup.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <os.h>

/*
 * Handlers (and panic, which may print a backtrace from one) run here,
 * never on a task's kernel stack, so a stack overflow can still be told.
 */
#define ALT_STACK_SIZE	(64 * 1024)
static char alt_stack[ALT_STACK_SIZE] __attribute__((aligned(16)));

static const struct {
	int sig;
	int irq;
} irq_signals[] = {
	{ SIGALRM, OS_IRQ_TIMER },
	{ SIGIO, OS_IRQ_IO },
	{ SIGWINCH, OS_IRQ_IO },	/* the console rereads its size */
	{ SIGTERM, OS_IRQ_SHUTDOWN },
	{ SIGINT, OS_IRQ_SHUTDOWN },
	{ SIGHUP, OS_IRQ_SHUTDOWN },
	{ SIGUSR1, OS_IRQ_WAKE },
};
#define NR_IRQ_SIGNALS	(sizeof(irq_signals) / sizeof(irq_signals[0]))

static sigset_t irq_set;	/* all interrupt signals */
static sigset_t wait_mask;	/* the mask to sleep with: irqs unblocked */

static void irq_signal_handler(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;

	for (unsigned int i = 0; i < NR_IRQ_SIGNALS; i++) {
		if (irq_signals[i].sig == sig) {
			irq_from_host(irq_signals[i].irq);
			break;
		}
	}
	errno = saved_errno;
}

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	kernel_fault((unsigned long)si->si_addr,
		     (unsigned long)uc->uc_mcontext.gregs[REG_RIP],
		     (unsigned long)uc->uc_mcontext.gregs[REG_RSP]);
}

static int install(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	/* Interrupt handlers do not nest: irqs are off while one runs. */
	sa.sa_mask = irq_set;
	if (sigaction(sig, &sa, NULL) < 0)
		return -errno;
	return 0;
}

int os_signals_init(void)
{
	stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack) };
	int err;

	sigemptyset(&irq_set);
	for (unsigned int i = 0; i < NR_IRQ_SIGNALS; i++)
		sigaddset(&irq_set, irq_signals[i].sig);
	if (sigaltstack(&ss, NULL) < 0)
		return -errno;
	err = install(SIGSEGV, fault_handler);
	if (!err)
		err = install(SIGBUS, fault_handler);
	for (unsigned int i = 0; !err && i < NR_IRQ_SIGNALS; i++)
		err = install(irq_signals[i].sig, irq_signal_handler);
	if (err)
		return err;
	/* Sleep with whatever the boot mask was, minus our signals. */
	if (sigprocmask(SIG_SETMASK, NULL, &wait_mask) < 0)
		return -errno;
	for (unsigned int i = 0; i < NR_IRQ_SIGNALS; i++)
		sigdelset(&wait_mask, irq_signals[i].sig);
	if (sigprocmask(SIG_UNBLOCK, &irq_set, NULL) < 0)
		return -errno;
	return 0;
}

void os_wait_for_interrupt(void)
{
	/* Always returns -1/EINTR once a handler has run. */
	sigsuspend(&wait_mask);
}

void os_block_signals(void)
{
	sigprocmask(SIG_BLOCK, &irq_set, NULL);
}

void os_unblock_signals(void)
{
	sigprocmask(SIG_UNBLOCK, &irq_set, NULL);
}
