/*
 * syscalls.h - how system calls are defined. SYSCALL_DEFINEn(name, type,
 * arg, ...) defines long sys_name(args) plus the table entry that takes
 * the arguments from the guest's registers; the table itself comes from
 * arch/x86/entry/syscalls/syscall_64.tbl. A handler returns the result
 * or a negative errno, as Linux does.
 */
#ifndef UMK_SYSCALLS_H
#define UMK_SYSCALLS_H

#include <umk/types.h>
#include <arch/ptrace.h>

typedef long (*syscall_fn_t)(const struct pt_regs *regs);

/* arch/x86/entry/syscall_64.c: runs the syscall in regs->orig_ax. */
long do_syscall_64(const struct pt_regs *regs);
/* Name of a syscall number ("read"), or NULL. */
const char *syscall_name(unsigned long nr);

#define __SC_DECL(t, a)	t a
#define __MAP1(m, t, a) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)

#define __SC_ARGS1(r, t1, a1) (t1)(r)->di
#define __SC_ARGS2(r, t1, a1, t2, a2) __SC_ARGS1(r, t1, a1), (t2)(r)->si
#define __SC_ARGS3(r, t1, a1, t2, a2, t3, a3) \
	__SC_ARGS2(r, t1, a1, t2, a2), (t3)(r)->dx
#define __SC_ARGS4(r, t1, a1, t2, a2, t3, a3, t4, a4) \
	__SC_ARGS3(r, t1, a1, t2, a2, t3, a3), (t4)(r)->r10
#define __SC_ARGS5(r, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
	__SC_ARGS4(r, t1, a1, t2, a2, t3, a3, t4, a4), (t5)(r)->r8
#define __SC_ARGS6(r, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	__SC_ARGS5(r, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), (t6)(r)->r9

#define SYSCALL_DEFINE0(name) \
	long sys_##name(void); \
	long __x64_sys_##name(const struct pt_regs *regs); \
	long __x64_sys_##name(const struct pt_regs *regs) \
	{ \
		(void)regs; \
		return sys_##name(); \
	} \
	long sys_##name(void)

#define SYSCALL_DEFINEx(x, name, ...) \
	long sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__)); \
	long __x64_sys_##name(const struct pt_regs *regs); \
	long __x64_sys_##name(const struct pt_regs *regs) \
	{ \
		return sys_##name(__SC_ARGS##x(regs, __VA_ARGS__)); \
	} \
	long sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif
