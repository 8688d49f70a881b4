/*
 * mm_types.h - a guest address space: struct mm_struct, its VMAs and the
 * entries of its software page tables. The functions that work on them
 * are in <umk/mman.h>; Documentation/vm.md explains the whole.
 */
#ifndef UMK_MM_TYPES_H
#define UMK_MM_TYPES_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/mutex.h>

struct file;
struct page;
struct mm_context;
struct vm_area_struct;

/*
 * One entry of any level of the page tables (x86_64 layout): the
 * physical address (offset in guest RAM) of a page or of the next table,
 * plus flags. Tables are 4 levels of 512 entries, one page each.
 */
typedef u64 pte_t;

#define _PAGE_PRESENT	(1ULL << 0)	/* holds a page or a table */
#define _PAGE_RW	(1ULL << 1)	/* the guest may write */
#define _PAGE_USER	(1ULL << 2)	/* any access (not PROT_NONE) */
#define _PAGE_ACCESSED	(1ULL << 5)	/* faulted in at least once */
#define _PAGE_DIRTY	(1ULL << 6)	/* written through this mapping */
#define _PAGE_ANON	(1ULL << 9)	/* sw: private anonymous page */
#define _PAGE_SHMEM	(1ULL << 10)	/* sw: shared anonymous page */
#define _PAGE_NX	(1ULL << 63)	/* the guest may not execute */
#define PTE_ADDR_MASK	0x000ffffffffff000ULL

#define PTRS_PER_TABLE	512
#define PGTABLE_LEVELS	4
#define PMD_SHIFT	21
#define PUD_SHIFT	30
#define PGDIR_SHIFT	39

static inline bool pte_present(pte_t pte) { return pte & _PAGE_PRESENT; }
static inline bool pte_write(pte_t pte) { return pte & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte) { return pte & _PAGE_DIRTY; }
static inline u64 pte_phys(pte_t pte) { return pte & PTE_ADDR_MASK; }
static inline unsigned long pte_pfn(pte_t pte)
{
	return (unsigned long)(pte_phys(pte) >> 12);
}

/* vm_flags of a VMA: the values of Linux. */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* what mprotect may grant */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* a stack: grows on faults */
#define VM_LOCKED	0x00002000UL
#define VM_DONTCOPY	0x00020000UL	/* MADV_DONTFORK */
#define VM_DONTEXPAND	0x00040000UL	/* mremap may not grow it */
#define VM_NORESERVE	0x00200000UL
#define VM_WIPEONFORK	0x02000000UL	/* child gets zeroes */
#define VM_DONTDUMP	0x04000000UL

#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_MAY_FLAGS	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_STACK	VM_GROWSDOWN

/*
 * What a VMA maps, when it is not private anonymous memory. open() is
 * called for each new VMA that shares the object (fork, split, mremap),
 * close() when a VMA goes away. fault() returns the page at page offset
 * pgoff, with a reference the caller owns, or an ERR_PTR: -EIO (beyond
 * the end of a file: SIGBUS), -ENOMEM.
 */
struct vm_operations_struct {
	const char *name;
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	struct page *(*fault)(struct vm_area_struct *vma, unsigned long pgoff);
};

/*
 * A VMA: [vm_start, vm_end) with the same protection and backing. Kept
 * in a sorted list (mm->mmap) and an AVL tree over the same nodes for
 * lookups. vm_pgoff is the page offset in vm_file (or the shared memory
 * object) of vm_start; for private anonymous memory it is vm_start's
 * page number, as in Linux.
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct mm_struct *vm_mm;
	struct file *vm_file;		/* referenced, or NULL */
	/* NULL for private anonymous memory. */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;		/* the vm_ops' object */
	struct list_head vm_list;	/* mm->mmap, sorted by address */
	struct list_head shared;	/* file's mapping->i_mmap */
	struct vm_area_struct *vm_left, *vm_right;	/* AVL tree */
	int vm_height;
};

enum mm_counter {
	MM_FILEPAGES,	/* page-cache pages mapped */
	MM_ANONPAGES,	/* private anonymous pages (incl. COW copies) */
	MM_SHMEMPAGES,	/* shared anonymous pages */
	NR_MM_COUNTERS,
};

#define MMF_OOM_VICTIM	0x1UL	/* the OOM killer chose this mm */

/* Room for the auxiliary vector exec builds (/proc/pid/auxv). */
#define AT_VECTOR_SIZE	64

struct mm_struct {
	struct list_head mmap;		/* VMAs, sorted */
	struct vm_area_struct *vma_root;	/* the same, as a tree */
	struct vm_area_struct *vma_cache;	/* last one found */
	int map_count;
	pte_t *pgd;			/* top page table (kernel address) */
	struct mm_context *context;	/* the backend's host stub */
	int mm_users;			/* tasks (and users) holding it */
	struct mutex mmap_lock;		/* VMAs and page tables */
	unsigned long flags;		/* MMF_* */

	unsigned long mmap_base;	/* top-down mmap starts below this */
	unsigned long stack_limit;	/* RLIMIT_STACK, bytes, for growth */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long saved_auxv[AT_VECTOR_SIZE];
	struct file *exe_file;		/* referenced (/proc/pid/exe) */

	/* In pages. */
	unsigned long total_vm, data_vm, exec_vm, stack_vm, locked_vm;
	unsigned long hiwater_rss, hiwater_vm;
	unsigned long rss_stat[NR_MM_COUNTERS];
	unsigned long nr_pgtables;	/* pages of page tables */
};

#endif
