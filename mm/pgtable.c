/*
 * pgtable.c - software page tables of a guest address space, and their
 * mirror in the host stub. Four levels of 512 entries (the x86_64
 * layout), each table one page from the page allocator so that page
 * tables are paid for in guest RAM. The struct page of a table counts
 * its non-empty entries (page->inuse), so empty tables are found and
 * freed without scanning them.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include "vm_internal.h"

#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

static unsigned int pt_index(unsigned long addr, int level)
{
	return (addr >> (PAGE_SHIFT + 9 * level)) & (PTRS_PER_TABLE - 1);
}

/* Bytes one entry of a table of this level covers. */
static unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * level);
}

static pte_t *table_of(pte_t entry)
{
	return phys_to_virt(pte_phys(entry));
}

static pte_t *table_alloc(struct mm_struct *mm)
{
	struct page *p = alloc_page(__GFP_ZERO);

	if (!p)
		return NULL;
	p->inuse = 0;
	mm->nr_pgtables++;
	return page_address(p);
}

static void table_free(struct mm_struct *mm, pte_t *table)
{
	mm->nr_pgtables--;
	free_page(table);
}

void set_pte(pte_t *ptep, pte_t val)
{
	struct page *table = virt_to_page(ptep);

	if (!*ptep && val)
		table->inuse++;
	else if (*ptep && !val)
		table->inuse--;
	*ptep = val;
}

int pgd_alloc(struct mm_struct *mm)
{
	mm->pgd = table_alloc(mm);
	return mm->pgd ? 0 : -ENOMEM;
}

static pte_t *walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pte_t *table = mm->pgd;
	int level;

	if (addr >= TASK_SIZE)
		return NULL;
	for (level = PGTABLE_LEVELS - 1; level > 0; level--) {
		pte_t *e = &table[pt_index(addr, level)];

		if (!pte_present(*e)) {
			pte_t *child;

			if (!alloc)
				return NULL;
			child = table_alloc(mm);
			if (!child)
				return NULL;
			set_pte(e, virt_to_phys(child) | TABLE_FLAGS);
		}
		table = table_of(*e);
	}
	return &table[pt_index(addr, 0)];
}

pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	return walk(mm, addr, false);
}

pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	return walk(mm, addr, true);
}

pte_t *pte_next_present(struct mm_struct *mm, unsigned long *addrp,
			unsigned long end)
{
	unsigned long addr = *addrp;

	end = min(end, TASK_SIZE);
	while (addr < end) {
		pte_t *table = mm->pgd;
		int level;

		for (level = PGTABLE_LEVELS - 1; level > 0; level--) {
			pte_t e = table[pt_index(addr, level)];

			if (!pte_present(e))
				break;
			table = table_of(e);
		}
		if (level > 0) {
			/* No table here: skip all it would cover. */
			addr = ALIGN_DOWN(addr, level_size(level)) +
			       level_size(level);
			continue;
		}
		do {
			pte_t *ptep = &table[pt_index(addr, 0)];

			if (pte_present(*ptep)) {
				*addrp = addr;
				return ptep;
			}
			addr += PAGE_SIZE;
		} while (addr < end && pt_index(addr, 0));
	}
	return NULL;
}

static void free_level(struct mm_struct *mm, pte_t *table, int level,
		       unsigned long start, unsigned long end)
{
	unsigned long addr = start, next;

	for (; addr < end; addr = next) {
		pte_t *e = &table[pt_index(addr, level)];
		pte_t *child;

		next = ALIGN_DOWN(addr, level_size(level)) + level_size(level);
		if (!pte_present(*e))
			continue;
		child = table_of(*e);
		if (level > 1)
			free_level(mm, child, level - 1, addr, min(next, end));
		if (!virt_to_page(child)->inuse) {
			set_pte(e, 0);
			table_free(mm, child);
		}
	}
}

void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end)
{
	free_level(mm, mm->pgd, PGTABLE_LEVELS - 1, start, min(end, TASK_SIZE));
}

void pgd_free(struct mm_struct *mm)
{
	if (!mm->pgd)
		return;
	free_pgtables(mm, 0, TASK_SIZE);
	/* A table still in use here means pages were leaked: say so. */
	if (WARN_ON(virt_to_page(mm->pgd)->inuse))
		return;
	table_free(mm, mm->pgd);
	mm->pgd = NULL;
}

pte_t vma_pte_flags(const struct vm_area_struct *vma)
{
	pte_t flags = _PAGE_PRESENT | _PAGE_ACCESSED;

	if (vma->vm_flags & VM_ACCESS_FLAGS)
		flags |= _PAGE_USER;
	if (!(vma->vm_flags & VM_EXEC))
		flags |= _PAGE_NX;
	return flags;
}

pte_t mk_pte(struct page *page, pte_t flags)
{
	return ((pte_t)page_to_pfn(page) << PAGE_SHIFT) | flags;
}

int pte_host_prot(pte_t pte)
{
	int prot;

	/* x86 cannot map a page write- or exec-only: any access reads. */
	if (!(pte & _PAGE_USER))
		return 0;
	prot = MM_PROT_READ;
	if (pte & _PAGE_RW)
		prot |= MM_PROT_WRITE;
	if (!(pte & _PAGE_NX))
		prot |= MM_PROT_EXEC;
	return prot;
}

int mirror_map(struct mm_struct *mm, unsigned long addr, pte_t pte)
{
	if (!mm->context)
		return 0;
	return arch_mm_map(mm->context, addr, PAGE_SIZE, pte_phys(pte),
			   pte_host_prot(pte));
}

int mirror_unmap(struct mm_struct *mm, unsigned long start,
		 unsigned long end)
{
	if (!mm->context || start >= end)
		return 0;
	return arch_mm_unmap(mm->context, start, end - start);
}

int mirror_protect(struct mm_struct *mm, unsigned long start,
		   unsigned long end, int prot)
{
	if (!mm->context || start >= end)
		return 0;
	return arch_mm_protect(mm->context, start, end - start, prot);
}
