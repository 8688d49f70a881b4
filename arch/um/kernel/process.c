/*
 * process.c - the machine side of tasks: kernel stacks with a guard page,
 * and the initial register frame that makes a new task's first switch
 * land in task_entry(). The switch itself is switch.S.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <os.h>

#define STACK_ORDER	CONFIG_KERNEL_STACK_ORDER

/* switch.S hard-codes these offsets. */
BUILD_BUG_ON(offsetof(struct thread_context, rsp) != 0);
BUILD_BUG_ON(offsetof(struct thread_context, rbp) != 8);
BUILD_BUG_ON(offsetof(struct thread_context, rbx) != 16);
BUILD_BUG_ON(offsetof(struct thread_context, r12) != 24);
BUILD_BUG_ON(offsetof(struct thread_context, r15) != 48);

/*
 * The block is 2^STACK_ORDER pages; its lowest page is made PROT_NONE so
 * an overflow faults at once (arch/um/kernel/trap.c names the task)
 * instead of silently corrupting the memory below.
 */
int arch_alloc_stack(struct task_struct *t)
{
	unsigned long *sp;
	char *base;
	int err;

	base = __get_free_pages(GFP_KERNEL, STACK_ORDER);
	if (!base)
		return -ENOMEM;
	err = os_protect(base, PAGE_SIZE, OS_PROT_NONE);
	if (err) {
		free_pages(base, STACK_ORDER);
		return err;
	}
	t->stack = base + PAGE_SIZE;
	t->stack_order = STACK_ORDER;

	/*
	 * switch_context() ends in "ret": leave task_entry's address for it
	 * to pop, above it a zero return address that ends backtraces. The
	 * stack is then aligned as at the entry of any called function.
	 */
	sp = (unsigned long *)(base + (PAGE_SIZE << STACK_ORDER));
	*--sp = 0;
	*--sp = (unsigned long)task_entry;
	memset(&t->ctx, 0, sizeof(t->ctx));
	t->ctx.rsp = (unsigned long)sp;
	return 0;
}

void arch_free_stack(struct task_struct *t)
{
	char *base;

	if (!t->stack)
		return;
	base = (char *)t->stack - PAGE_SIZE;
	/* The page must be usable again before it goes back to the pool. */
	if (WARN_ON(os_protect(base, PAGE_SIZE,
			       OS_PROT_READ | OS_PROT_WRITE)))
		return;
	free_pages(base, t->stack_order);
	t->stack = NULL;
}

unsigned long task_stack_size(const struct task_struct *t)
{
	if (!t->stack)
		return 0;
	return (PAGE_SIZE << t->stack_order) - PAGE_SIZE;
}
