/*
 * vm_internal.h - what the address-space files of mm/ (VMAs, page
 * tables, faults, the mapping syscalls) share with each other and with
 * their KUnit tests, but not with the rest of the kernel.
 */
#ifndef MM_VM_INTERNAL_H
#define MM_VM_INTERNAL_H

#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/slab.h>

#define PAGES(len)	((len) >> PAGE_SHIFT)

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return PAGES(vma->vm_end - vma->vm_start);
}

/* Page offset (in the file or object) of addr inside vma. */
static inline unsigned long vma_pgoff_of(const struct vm_area_struct *vma,
					 unsigned long addr)
{
	return vma->vm_pgoff + PAGES(addr - vma->vm_start);
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* Private mappings copy on write; shared ones write through. */
static inline bool vma_is_shared(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_MAYSHARE;
}

/* --- vma.c: the VMA set of an mm --- */
int vma_cache_init(void);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/* A copy of vma (file referenced, vm_ops->open called), not linked. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *vma);
/* Undoes vm_area_alloc/dup: close, drop the file, free. Unlinked only. */
void vm_area_free(struct vm_area_struct *vma);
/* Adds vma to mm (list, tree, file's i_mmap, counters). */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
/* Removes vma from mm; the caller frees it. */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_prev(struct mm_struct *mm,
				struct vm_area_struct *vma);
struct vm_area_struct *vma_next(struct mm_struct *mm,
				struct vm_area_struct *vma);
/* vma's neighbour just below addr (the last VMA with vm_end <= addr). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm,
				     unsigned long addr);
/* Changes the bounds of a linked vma; the order of VMAs must not change. */
void vma_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end);
/* Cuts vma at addr into two linked VMAs. 0 or -ENOMEM. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);
/* Merges vma with compatible neighbours; returns the surviving VMA. */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma);
/* Accounts npages (may be negative) of a mapping with these flags. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
/* May the mm grow by npages of such a mapping (RLIMIT_AS, RLIMIT_DATA)? */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags,
		   unsigned long npages);
/* Pages of [start, end) that are mapped now. */
unsigned long count_vma_pages_range(struct mm_struct *mm,
				    unsigned long start, unsigned long end);
/* Linux's vm_start_gap: vm_start less a stack's guard gap. */
unsigned long vm_start_gap(const struct vm_area_struct *vma);

/* --- pgtable.c: software page tables and their host mirror --- */
int pgd_alloc(struct mm_struct *mm);
/* Frees every table; all PTEs must have been cleared already. */
void pgd_free(struct mm_struct *mm);
/* The PTE of addr, or NULL when its table does not exist. */
pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr);
/* The PTE of addr, creating tables; NULL when out of memory. */
pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr);
/* Sets a PTE (keeps the table's entry count); does not mirror. */
void set_pte(pte_t *ptep, pte_t val);
/* The next present PTE at or above *addr below end (*addr moves). */
pte_t *pte_next_present(struct mm_struct *mm, unsigned long *addr,
			unsigned long end);
/* Frees page tables of [start, end) that have no entries left. */
void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end);
/* PTE flags for a page mapped in vma (write is granted separately). */
pte_t vma_pte_flags(const struct vm_area_struct *vma);
pte_t mk_pte(struct page *page, pte_t flags);
static inline struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte_pfn(pte));
}
/* MM_PROT_* the host mapping of this PTE gets. */
int pte_host_prot(pte_t pte);
/* Mirror into the host stub (no-ops while mm->context is NULL). */
int mirror_map(struct mm_struct *mm, unsigned long addr, pte_t pte);
int mirror_unmap(struct mm_struct *mm, unsigned long start,
		 unsigned long end);
int mirror_protect(struct mm_struct *mm, unsigned long addr,
		   unsigned long end, int prot);

/* --- pte_range.c: operations on ranges of PTEs --- */
static inline enum mm_counter pte_counter(pte_t pte)
{
	if (pte & _PAGE_ANON)
		return MM_ANONPAGES;
	if (pte & _PAGE_SHMEM)
		return MM_SHMEMPAGES;
	return MM_FILEPAGES;
}
void add_mm_counter(struct mm_struct *mm, enum mm_counter member,
		    long value);
/* Installs a page (its reference passes to the PTE) and mirrors it. */
int install_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte);
/* Drops every page of [start, end) and unmaps it in the host. */
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);
/* Applies vma's (new) protection to the present PTEs of [start, end). */
int change_protection(struct vm_area_struct *vma, unsigned long start,
		      unsigned long end);
/* Moves the PTEs of [old, old + len) to new (mremap). 0 or -ENOMEM. */
int move_page_tables(struct mm_struct *mm, unsigned long old,
		     unsigned long new, unsigned long len);
/* fork: shares the pages of src_vma with dst (COW for private ones). */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *src_vma);

/* --- mm_struct.c --- */
/* An mm with or without a host stub (the tests run without one). */
struct mm_struct *__mm_alloc(bool with_context);
/* Places mmap_base below a stack ending at stack_top. */
void mm_set_stack_top(struct mm_struct *mm, unsigned long stack_top);

/* --- fork.c --- */
struct mm_struct *__dup_mm(struct mm_struct *oldmm, bool with_context);

/* --- mmap.c --- */
/* Where a new mapping of len bytes can go, or -errno. */
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Grows a stack VMA down to addr (page aligned down). 0 or -errno. */
int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long addr);
/* find_vma() that grows a stack below addr; NULL if addr is unmapped. */
struct vm_area_struct *find_extend_vma(struct mm_struct *mm,
				       unsigned long addr);
unsigned long calc_vm_prot_bits(unsigned long prot);
long do_brk(struct mm_struct *mm, unsigned long brk);
/* Anonymous read/write memory at a free [addr, addr + len). */
int do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len);

/* --- the syscalls' bodies, on any mm (for the tests) --- */
/* Gives [start, end) of vma newflags, splitting it; the VMA of start. */
struct vm_area_struct *vma_modify_flags(struct mm_struct *mm,
					struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long newflags);
/* These take mmap_lock themselves. */
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		unsigned long prot);
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior);
int do_msync(struct mm_struct *mm, unsigned long start, size_t len,
	     int flags);

/* --- fault.c (callers hold mmap_lock) --- */
#define FAULT_FLAG_WRITE	0x1u
#define FAULT_FLAG_EXEC		0x2u
#define FAULT_FLAG_UNKNOWN	0x4u	/* the backend could not say */
int __handle_mm_fault(struct mm_struct *mm, unsigned long addr,
		      unsigned int flags);
/* Faults in every page of [start, end) (MAP_POPULATE, MADV_POPULATE). */
int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end, bool write);

/* --- file_mmap.c: file-backed VMAs --- */
void vma_file_link(struct vm_area_struct *vma);
void vma_file_unlink(struct vm_area_struct *vma);
struct file *vma_get_file(struct file *file);
void vma_put_file(struct file *file);
/* Sets up vma for file (f_op->mmap or the page cache). 0 or -errno. */
int file_mmap_prepare(struct file *file, unsigned long *vm_flags,
		      unsigned long prot, unsigned long flags);
int call_mmap(struct file *file, struct vm_area_struct *vma);
/* Writes back the dirty pages of vma's file (msync MS_SYNC). */
int vma_writeback(struct vm_area_struct *vma);
/* Marks a page of a shared mapping dirty (page cache). */
void vma_page_dirty(struct vm_area_struct *vma, struct page *page);

/* --- shmem_anon.c: shared anonymous memory --- */
bool vma_is_shmem(const struct vm_area_struct *vma);
/* Frees the pages behind [start, end) of vma (MADV_REMOVE). */
void shmem_punch(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end);

/* --- oom_kill.c --- */
void pagefault_out_of_memory(void);

#endif
