/*
 * fork.c - dup_mm(): the copy of an address space that fork makes. VMAs
 * are copied; pages are shared, not copied: private writable pages are
 * write-protected in both address spaces and copied on the first write
 * (fault.c), shared mappings stay shared.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <string.h>
#include "vm_internal.h"

static void dup_mm_fields(struct mm_struct *mm, struct mm_struct *oldmm)
{
	mm->mmap_base = oldmm->mmap_base;
	mm->stack_limit = oldmm->stack_limit;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	memcpy(mm->saved_auxv, oldmm->saved_auxv, sizeof(mm->saved_auxv));
	if (oldmm->exe_file)
		mm->exe_file = vma_get_file(oldmm->exe_file);
}

static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma, *new;

	for_each_vma(oldmm, vma) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		new = vm_area_dup(vma);
		if (!new)
			return -ENOMEM;
		new->vm_mm = mm;
		vma_link(mm, new);
		/* The child of MADV_WIPEONFORK memory starts from zeroes. */
		if ((vma->vm_flags & VM_WIPEONFORK) && vma_is_anonymous(vma))
			continue;
		if (copy_page_range(mm, oldmm, vma))
			return -ENOMEM;
	}
	return 0;
}

struct mm_struct *__dup_mm(struct mm_struct *oldmm, bool with_context)
{
	struct mm_struct *mm = __mm_alloc(with_context);
	int err;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	dup_mm_fields(mm, oldmm);
	err = dup_mmap(mm, oldmm);
	mutex_unlock(&oldmm->mmap_lock);
	if (err) {
		mmput(mm);
		return NULL;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	mm->hiwater_vm = mm->total_vm;
	return mm;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	return __dup_mm(oldmm, true);
}
