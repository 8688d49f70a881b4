/*
 * brk.c - the program break: brk(2) and vm_brk() (exec maps ELF bss
 * with it). The heap is anonymous read/write memory from start_brk up to
 * brk; it may not come within a page of the next mapping's guard gap.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include "vm_internal.h"

long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long oldbrk = PAGE_ALIGN(mm->brk), newbrk = PAGE_ALIGN(brk);
	struct vm_area_struct *next;

	/* No heap before exec has placed one (start_brk is 0). */
	if (brk < mm->start_brk || brk > TASK_SIZE ||
	    PAGE_ALIGN(mm->start_brk) < MMAP_MIN_ADDR)
		return mm->brk;
	if (newbrk == oldbrk) {
		mm->brk = brk;
		return brk;
	}
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		return mm->brk;
	if (do_brk_flags(mm, oldbrk, newbrk - oldbrk))
		return mm->brk;
	mm->brk = brk;
	return brk;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (!mm)
		return -ENOMEM;
	mutex_lock(&mm->mmap_lock);
	ret = do_brk(mm, brk);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int vm_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long size = PAGE_ALIGN(len);
	int err;

	if (size < len)
		return -ENOMEM;
	if (!size)
		return 0;
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (addr < MMAP_MIN_ADDR || addr > TASK_SIZE - size)
		return -ENOMEM;
	mutex_lock(&mm->mmap_lock);
	err = do_munmap(mm, addr, size);
	if (!err)
		err = do_brk_flags(mm, addr, size);
	mutex_unlock(&mm->mmap_lock);
	return err;
}
