/*
 * syscall_64.c - the x86_64 system call table and dispatch. Handlers are
 * weak references: a number whose SYSCALL_DEFINE is not linked in returns
 * -ENOSYS, and is logged once with its name.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/sched.h>
#include <umk/syscalls.h>

#define __SYSCALL(nr, sym) \
	extern long __x64_sys_##sym(const struct pt_regs *) \
	__attribute__((weak));
#include <generated/syscall_table.h>
#undef __SYSCALL

#define __SYSCALL(nr, sym) [nr] = __x64_sys_##sym,
static const syscall_fn_t sys_call_table[NR_syscalls] = {
#include <generated/syscall_table.h>
};
#undef __SYSCALL

#define __SYSCALL(nr, sym) [nr] = #sym,
static const char *const sys_call_names[NR_syscalls] = {
#include <generated/syscall_table.h>
};
#undef __SYSCALL

static unsigned long logged[(NR_syscalls + 63) / 64 + 1];

const char *syscall_name(unsigned long nr)
{
	return nr < NR_syscalls ? sys_call_names[nr] : NULL;
}

/* Unknown or unimplemented: -ENOSYS, logged once per number. */
static long sys_ni(unsigned long nr)
{
	unsigned long idx = nr < NR_syscalls ? nr : NR_syscalls;

	if (!(logged[idx / 64] & (1UL << (idx % 64)))) {
		logged[idx / 64] |= 1UL << (idx % 64);
		pr_warn("%s[%d]: syscall %lu (%s) not implemented\n",
			current->comm, current->pid, nr,
			syscall_name(nr) ? syscall_name(nr) : "unknown");
	}
	return -ENOSYS;
}

long do_syscall_64(const struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;

	if (nr < NR_syscalls && sys_call_table[nr])
		return sys_call_table[nr](regs);
	return sys_ni(nr);
}
