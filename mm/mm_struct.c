/*
 * mm_struct.c - the life of an address space: creation (with its host
 * stub), references (mm_users) and teardown, which kills the stub first
 * and then drops every page and page table back to the allocator.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/slab.h>
#include "vm_internal.h"

static struct kmem_cache *mm_cachep;

/* Linux's mmap_base(): leave room for the stack rlimit and a gap. */
static unsigned long mmap_base_below(unsigned long stack_top,
				     unsigned long stack_limit)
{
	unsigned long gap = stack_limit + STACK_GUARD_GAP;
	unsigned long min_gap = 128UL << 20, max_gap = stack_top / 6 * 5;

	if (gap < stack_limit || gap > max_gap)
		gap = max_gap;
	if (gap < min_gap)
		gap = min_gap;
	return PAGE_ALIGN(stack_top - gap);
}

void mm_set_stack_top(struct mm_struct *mm, unsigned long stack_top)
{
	mm->mmap_base = mmap_base_below(stack_top, mm->stack_limit);
}

struct mm_struct *__mm_alloc(bool with_context)
{
	struct mm_struct *mm;

	if (!mm_cachep) {
		mm_cachep = kmem_cache_create("mm_struct",
					      sizeof(struct mm_struct), 0, 0,
					      NULL);
		if (!mm_cachep || vma_cache_init())
			return NULL;
	}
	mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_lock);
	mm->mm_users = 1;
	mm->stack_limit = DEFAULT_STACK_LIMIT;
	mm_set_stack_top(mm, STACK_TOP);
	if (pgd_alloc(mm))
		goto out_free;
	if (with_context && arch_mm_context_create(&mm->context))
		goto out_pgd;
	return mm;

out_pgd:
	pgd_free(mm);
out_free:
	kmem_cache_free(mm_cachep, mm);
	return NULL;
}

struct mm_struct *mm_alloc(void)
{
	return __mm_alloc(true);
}

void mmget(struct mm_struct *mm)
{
	mm->mm_users++;
}

bool mmget_not_zero(struct mm_struct *mm)
{
	if (mm->mm_users <= 0)
		return false;
	mm->mm_users++;
	return true;
}

/* Unmaps everything. The stub is already gone: nothing to mirror. */
static void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vm_area_free(vma);
	}
	pgd_free(mm);
}

void mmput(struct mm_struct *mm)
{
	struct mm_context *ctx;

	if (!mm)
		return;
	if (WARN_ON(mm->mm_users <= 0) || --mm->mm_users > 0)
		return;
	ctx = mm->context;
	mm->context = NULL;
	if (ctx)
		arch_mm_context_destroy(ctx);
	exit_mmap(mm);
	if (mm->exe_file)
		vma_put_file(mm->exe_file);
	kmem_cache_free(mm_cachep, mm);
}
