/*
 * mprotect.c - changing the flags of part of a VMA (split it, change,
 * merge it back with equal neighbours), and mprotect(2) with the
 * argument rules of Linux. madvise uses the same flag change.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include "vm_internal.h"

struct vm_area_struct *vma_modify_flags(struct mm_struct *mm,
					struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long newflags)
{
	int err;

	if (newflags == vma->vm_flags)
		return vma;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start);
		if (err)
			return ERR_PTR(err);
		vma = vma_next(mm, vma);
	}
	if (end < vma->vm_end) {
		err = split_vma(mm, vma, end);
		if (err)
			return ERR_PTR(err);
	}
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	vma->vm_flags = newflags;
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
	return vma;
}

static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end,
			  unsigned long newflags)
{
	int err;

	if (newflags == vma->vm_flags)
		return 0;
	/* Becoming private writable memory counts against RLIMIT_DATA. */
	if ((newflags & VM_WRITE) &&
	    !may_expand_vm(mm, newflags, PAGES(end - start)) &&
	    may_expand_vm(mm, vma->vm_flags, PAGES(end - start)))
		return -ENOMEM;
	vma = vma_modify_flags(mm, vma, start, end, newflags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	err = change_protection(vma, vma->vm_start, vma->vm_end);
	vma_merge(mm, vma);
	return err;
}

/* The VMA where the change starts, after PROT_GROWSDOWN's extension. */
static struct vm_area_struct *mprotect_first(struct mm_struct *mm,
					     unsigned long *start,
					     unsigned long end,
					     unsigned long grows)
{
	struct vm_area_struct *vma = find_vma(mm, *start);

	if (!vma)
		return ERR_PTR(-ENOMEM);
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return ERR_PTR(-ENOMEM);
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return ERR_PTR(-EINVAL);
		*start = vma->vm_start;
		return vma;
	}
	/* There is no VM_GROWSUP on x86. */
	if (grows & PROT_GROWSUP)
		return ERR_PTR(-EINVAL);
	return vma->vm_start > *start ? ERR_PTR(-ENOMEM) : vma;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		unsigned long prot)
{
	unsigned long end, grows, newflags;
	struct vm_area_struct *vma;
	int err = 0;

	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	vma = mprotect_first(mm, &start, end, grows);
	if (IS_ERR(vma)) {
		err = PTR_ERR(vma);
		goto out;
	}
	while (start < end) {
		unsigned long tmp = min(vma->vm_end, end);

		newflags = calc_vm_prot_bits(prot) |
			   (vma->vm_flags & ~VM_ACCESS_FLAGS);
		/* Only what the mapping may ever have (VM_MAY*). */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			err = -EACCES;
			break;
		}
		err = mprotect_fixup(mm, vma, start, tmp, newflags);
		if (err)
			break;
		start = tmp;
		if (start >= end)
			break;
		vma = find_vma(mm, start);
		if (!vma || vma->vm_start > start) {
			err = -ENOMEM;
			break;
		}
	}
out:
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len,
		unsigned long, prot)
{
	if (!current->mm)
		return -ENOMEM;
	return do_mprotect(current->mm, start, len, prot);
}
