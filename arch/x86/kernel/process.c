/*
 * process.c - the x86_64 state of a guest thread: its thread_info
 * (registers and FPU area) and arch_prctl, which sets the fs/gs bases
 * the C library uses for thread-local storage.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/sched.h>
#include <umk/slab.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <arch/backend.h>
#include <arch/thread_info.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

struct thread_info *alloc_thread_info(void)
{
	struct thread_info *ti = kzalloc(sizeof(*ti), GFP_KERNEL);

	if (!ti)
		return NULL;
	/* kmalloc of a page is page-aligned: XSAVE wants 64 bytes. */
	ti->fpu = kmalloc(sizeof(*ti->fpu), GFP_KERNEL);
	if (!ti->fpu) {
		kfree(ti);
		return NULL;
	}
	arch_init_fpu(ti->fpu);
	return ti;
}

void free_thread_info(struct thread_info *ti)
{
	kfree(ti->fpu);
	kfree(ti);
}

void copy_thread_info(struct thread_info *dst, const struct thread_info *src)
{
	dst->regs = src->regs;
	memcpy(dst->fpu, src->fpu, arch_fpu_state_size());
	dst->regs_replaced = false;
}

struct pt_regs *current_pt_regs(void)
{
	return &current->user->regs;
}

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	struct pt_regs *regs = current_pt_regs();

	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE)
			return -EPERM;
		regs->fs_base = arg2;
		return 0;
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE)
			return -EPERM;
		regs->gs_base = arg2;
		return 0;
	case ARCH_GET_FS:
		return put_user(regs->fs_base,
				(unsigned long __user *)arg2) ? -EFAULT : 0;
	case ARCH_GET_GS:
		return put_user(regs->gs_base,
				(unsigned long __user *)arg2) ? -EFAULT : 0;
	}
	return -EINVAL;
}
