/*
 * pte_range.c - operations on ranges of PTEs: installing and dropping
 * pages (with the RSS counters and page references that go with them),
 * changing protections, moving PTEs for mremap and sharing them for
 * fork. Every change is mirrored into the host stub; protections are
 * sent in runs of equal pages rather than page by page.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/pagemap.h>
#include "vm_internal.h"

void add_mm_counter(struct mm_struct *mm, enum mm_counter member,
		    long value)
{
	unsigned long rss;

	mm->rss_stat[member] += value;
	rss = get_mm_rss(mm);
	if (rss > mm->hiwater_rss)
		mm->hiwater_rss = rss;
}

unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
	       mm->rss_stat[MM_SHMEMPAGES];
}

int install_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte)
{
	set_pte(ptep, pte);
	add_mm_counter(mm, pte_counter(pte), 1);
	return mirror_map(mm, addr, pte);
}

void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	unsigned long addr = start;
	pte_t *ptep;

	/*
	 * The stub loses the pages before anyone can reuse them. A failure
	 * makes the context unusable: the backend logs it and the guest's
	 * next run fails, so there is nothing more to do here.
	 */
	mirror_unmap(mm, start, end);
	for (; (ptep = pte_next_present(mm, &addr, end)); addr += PAGE_SIZE) {
		pte_t pte = *ptep;

		set_pte(ptep, 0);
		add_mm_counter(mm, pte_counter(pte), -1);
		put_page(pte_page(pte));
	}
	free_pgtables(mm, start, end);
}

/* Consecutive pages that get the same host protection, sent at once. */
struct prot_run {
	struct mm_struct *mm;
	unsigned long start, end;
	int prot;
	int err;
};

static void run_flush(struct prot_run *r)
{
	int err;

	if (r->start >= r->end)
		return;
	err = mirror_protect(r->mm, r->start, r->end, r->prot);
	if (err && !r->err)
		r->err = err;
	r->start = r->end = 0;
}

static void run_add(struct prot_run *r, unsigned long addr, int prot)
{
	if (r->start < r->end && r->end == addr && r->prot == prot) {
		r->end += PAGE_SIZE;
		return;
	}
	run_flush(r);
	r->start = addr;
	r->end = addr + PAGE_SIZE;
	r->prot = prot;
}

/* May the guest write this PTE of vma without a fault? */
static bool pte_may_write(const struct vm_area_struct *vma, pte_t pte)
{
	if (!(vma->vm_flags & VM_WRITE))
		return false;
	if (vma_is_shared(vma))
		return pte_dirty(pte);	/* clean: a write must mark it */
	/* Private: only a page nobody else holds (no COW pending). */
	return (pte & _PAGE_ANON) && pte_page(pte)->refcount == 1;
}

int change_protection(struct vm_area_struct *vma, unsigned long start,
		      unsigned long end)
{
	struct prot_run run = { .mm = vma->vm_mm };
	unsigned long addr = start;
	pte_t *ptep;

	for (; (ptep = pte_next_present(vma->vm_mm, &addr, end));
	     addr += PAGE_SIZE) {
		pte_t pte = *ptep, new;

		new = vma_pte_flags(vma) | pte_phys(pte) |
		      (pte & (_PAGE_ANON | _PAGE_SHMEM | _PAGE_DIRTY));
		if (pte_may_write(vma, pte))
			new |= _PAGE_RW;
		if (new == pte)
			continue;
		set_pte(ptep, new);
		run_add(&run, addr, pte_host_prot(new));
	}
	run_flush(&run);
	return run.err;
}

int move_page_tables(struct mm_struct *mm, unsigned long old,
		     unsigned long new, unsigned long len)
{
	unsigned long addr = old, end = old + len;
	pte_t *ptep;
	int err = 0;

	/* Make every table first, so that the move itself cannot fail. */
	for (; (ptep = pte_next_present(mm, &addr, end)); addr += PAGE_SIZE) {
		if (!pte_alloc(mm, new + (addr - old))) {
			free_pgtables(mm, new, new + len);
			return -ENOMEM;
		}
	}
	for (addr = old; (ptep = pte_next_present(mm, &addr, end));
	     addr += PAGE_SIZE) {
		unsigned long to = new + (addr - old);
		pte_t pte = *ptep;
		int e;

		set_pte(ptep, 0);
		set_pte(pte_lookup(mm, to), pte);
		e = mirror_map(mm, to, pte);
		if (e && !err)
			err = e;
	}
	mirror_unmap(mm, old, end);
	free_pgtables(mm, old, end);
	return err;
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	struct prot_run run = { .mm = src };
	unsigned long addr = vma->vm_start;
	pte_t *sptr;
	int err = 0;

	for (; (sptr = pte_next_present(src, &addr, vma->vm_end));
	     addr += PAGE_SIZE) {
		pte_t *dptr = pte_alloc(dst, addr);
		pte_t pte = *sptr;

		if (!dptr) {
			err = -ENOMEM;
			break;
		}
		/* Private writable pages become copy-on-write in both. */
		if (!vma_is_shared(vma) && pte_write(pte)) {
			pte &= ~_PAGE_RW;
			set_pte(sptr, pte);
			run_add(&run, addr, pte_host_prot(pte));
		}
		get_page(pte_page(pte));
		err = install_pte(dst, addr, dptr, pte);
		if (err)
			break;
	}
	run_flush(&run);
	return err ? err : run.err;
}
