/*
 * trap.c - faults taken by kernel code (host SIGSEGV/SIGBUS). A fault in
 * the guard page below a task's stack, or with the stack pointer below
 * the stack, is a kernel stack overflow; anything else is a kernel bug.
 * Both end in panic, reported from the alternate signal stack.
 */
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <os.h>

static bool below_stack(const struct task_struct *t, unsigned long a)
{
	unsigned long low = (unsigned long)t->stack;

	return t->stack && a < low && a >= low - PAGE_SIZE;
}

void kernel_fault(unsigned long addr, unsigned long ip, unsigned long sp)
{
	struct task_struct *t = current;

	if (below_stack(t, addr) || below_stack(t, sp))
		panic("kernel stack overflow in task %s (pid %d): "
		      "address %#lx, ip %#lx, sp %#lx",
		      t->comm, t->pid, addr, ip, sp);
	panic("kernel fault in task %s (pid %d): address %#lx, ip %#lx",
	      t->comm, t->pid, addr, ip);
}
