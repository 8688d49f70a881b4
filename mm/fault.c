/*
 * fault.c - page faults: demand-zero anonymous pages, file and shared
 * pages from their vm_ops, copy-on-write of private pages, dirty marking
 * of shared ones, and stack growth. The ptrace backend cannot tell a
 * read fault from a write, so handle_user_fault() infers the access from
 * what the page tables already allow (Documentation/vm.md).
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/pagemap.h>
#include "vm_internal.h"

/* Does the VMA allow this access? */
static int check_access(const struct vm_area_struct *vma, unsigned int flags)
{
	unsigned long need = VM_ACCESS_FLAGS;

	if (flags & FAULT_FLAG_WRITE)
		need = VM_WRITE;
	else if (flags & FAULT_FLAG_EXEC)
		need = VM_EXEC;
	return vma->vm_flags & need ? 0 : -EACCES;
}

/*
 * The access of an unknown fault. A missing page is faulted in as the
 * VMA allows (do_page_in decides what "unknown" maps as). A present page
 * lacking only write permission that the VMA grants was a write (COW or
 * the first write to a shared page). Anything else already has all the
 * VMA allows, so the guest tried something the VMA forbids.
 */
static int infer_access(const struct vm_area_struct *vma, const pte_t *ptep)
{
	pte_t pte = ptep ? *ptep : 0;

	if (!pte_present(pte))
		return vma->vm_flags & VM_ACCESS_FLAGS ?
		       (int)FAULT_FLAG_UNKNOWN : -EACCES;
	if (!pte_write(pte) && (vma->vm_flags & VM_WRITE))
		return FAULT_FLAG_WRITE;
	return -EACCES;
}

static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *ptep)
{
	struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);
	pte_t pte;

	if (!page)
		return -ENOMEM;
	/* No shared zero page: a read cannot be told from a write. */
	pte = mk_pte(page, vma_pte_flags(vma) | _PAGE_ANON);
	if (vma->vm_flags & VM_WRITE)
		pte |= _PAGE_RW | _PAGE_DIRTY;
	return install_pte(vma->vm_mm, addr, ptep, pte);
}

/* A private copy of page for vma, writable. Consumes no reference. */
static int cow_page(struct vm_area_struct *vma, unsigned long addr,
		    pte_t *ptep, struct page *page)
{
	struct page *copy = alloc_page(__GFP_NOWARN);
	pte_t pte;

	if (!copy)
		return -ENOMEM;
	memcpy(page_address(copy), page_address(page), PAGE_SIZE);
	pte = mk_pte(copy, vma_pte_flags(vma) | _PAGE_ANON | _PAGE_RW |
			   _PAGE_DIRTY);
	if (pte_present(*ptep)) {
		add_mm_counter(vma->vm_mm, pte_counter(*ptep), -1);
		set_pte(ptep, 0);
		put_page(page);
	}
	return install_pte(vma->vm_mm, addr, ptep, pte);
}

/* File pages and shared anonymous memory: the page comes from vm_ops. */
static int do_shared_or_file_page(struct vm_area_struct *vma,
				  unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	bool write = flags & FAULT_FLAG_WRITE;
	struct page *page;
	pte_t *ptep, pte;
	int err;

	page = vma->vm_ops->fault(vma, vma_pgoff_of(vma, addr));
	if (IS_ERR(page))
		return PTR_ERR(page);
	/* fault() may have slept: look the PTE up again. */
	ptep = pte_alloc(mm, addr);
	if (!ptep || pte_present(*ptep)) {
		put_page(page);
		return ptep ? 0 : -ENOMEM;
	}
	pte = mk_pte(page, vma_pte_flags(vma));
	if (!vma_is_shared(vma)) {
		if (write) {
			err = cow_page(vma, addr, ptep, page);
			put_page(page);
			return err;
		}
		/* Read-only first: a write will copy it (COW). */
		return install_pte(mm, addr, ptep, pte);
	}
	if (vma_is_shmem(vma))
		pte |= _PAGE_SHMEM;
	/* Shared: an unknown access to writable memory counts as a write. */
	if ((vma->vm_flags & VM_WRITE) &&
	    (write || (flags & FAULT_FLAG_UNKNOWN))) {
		pte |= _PAGE_RW | _PAGE_DIRTY;
		vma_page_dirty(vma, page);
	}
	return install_pte(mm, addr, ptep, pte);
}

/* A write to a present, write-protected page the VMA lets us write. */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep)
{
	pte_t pte = *ptep;
	struct page *page = pte_page(pte);

	if (vma_is_shared(vma))
		vma_page_dirty(vma, page);
	else if (!(pte & _PAGE_ANON) || page->refcount != 1)
		return cow_page(vma, addr, ptep, page);
	/* Shared, or a private page nobody else holds: just allow it. */
	pte |= _PAGE_RW | _PAGE_DIRTY;
	set_pte(ptep, pte);
	return mirror_protect(vma->vm_mm, addr, addr + PAGE_SIZE,
			      pte_host_prot(pte));
}

int __handle_mm_fault(struct mm_struct *mm, unsigned long addr,
		      unsigned int flags)
{
	struct vm_area_struct *vma;
	pte_t *ptep;
	int ret;

	if (addr >= TASK_SIZE)
		return -EFAULT;
	vma = find_extend_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	addr &= PAGE_MASK;
	if (flags & FAULT_FLAG_UNKNOWN) {
		ret = infer_access(vma, pte_lookup(mm, addr));
		if (ret < 0)
			return ret;
		flags = ret;
	}
	ret = check_access(vma, flags);
	if (ret)
		return ret;
	if (!vma_is_anonymous(vma))
		ptep = pte_lookup(mm, addr);
	else
		ptep = pte_alloc(mm, addr);
	if (!ptep || !pte_present(*ptep)) {
		if (!vma_is_anonymous(vma))
			return do_shared_or_file_page(vma, addr, flags);
		return ptep ? do_anonymous_page(vma, addr, ptep) : -ENOMEM;
	}
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*ptep))
		return do_wp_page(vma, addr, ptep);
	/* Already allowed: the host mapping is behind. Send it again. */
	return mirror_map(mm, addr, *ptep);
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write,
		    bool exec)
{
	unsigned int flags = (write ? FAULT_FLAG_WRITE : 0) |
			     (exec ? FAULT_FLAG_EXEC : 0);
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = __handle_mm_fault(mm, addr, flags);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int handle_user_fault(struct mm_struct *mm, unsigned long addr,
		      unsigned long error_code)
{
	unsigned int flags = FAULT_FLAG_UNKNOWN;
	int ret;

	if (error_code != FAULT_ERROR_UNKNOWN)
		flags = (error_code & X86_PF_WRITE ? FAULT_FLAG_WRITE : 0) |
			(error_code & X86_PF_INSTR ? FAULT_FLAG_EXEC : 0);
	mutex_lock(&mm->mmap_lock);
	ret = __handle_mm_fault(mm, addr, flags);
	mutex_unlock(&mm->mmap_lock);
	if (ret == -ENOMEM)
		pagefault_out_of_memory();
	return ret;
}

int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end, bool write)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_lookup(mm, addr);
		int err;

		if (ptep && pte_present(*ptep) && (!write || pte_write(*ptep)))
			continue;
		err = __handle_mm_fault(mm, addr, write ? FAULT_FLAG_WRITE : 0);
		if (err)
			return err;
	}
	return 0;
}
