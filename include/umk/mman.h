/*
 * mman.h - the guest address space API: creating, copying and dropping
 * an mm_struct, in-kernel mmap/munmap/brk (exec uses them), page faults,
 * RSS counters and the hooks files use to be mapped. The types are in
 * <umk/mm_types.h>; Documentation/vm.md explains how it all works.
 */
#ifndef UMK_MMAN_H
#define UMK_MMAN_H

#include <umk/mm.h>
#include <umk/mm_types.h>
#include <uapi/umk/mman.h>
#include <arch/backend.h>

struct address_space;

/* Lowest address a guest may map (Linux's vm.mmap_min_addr). */
#define MMAP_MIN_ADDR		65536UL
/* Where exec puts the top of the stack (no randomisation yet). */
#define STACK_TOP		TASK_SIZE
/* Kept free below a stack so it cannot grow into a mapping. */
#define STACK_GUARD_GAP		(256UL << PAGE_SHIFT)
/* The stack rlimit an mm starts with (RLIMIT_STACK's default). */
#define DEFAULT_STACK_LIMIT	(8UL << 20)
/* Bottom-up searches for free space start here. */
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE / 3)
/* Most VMAs one mm may have (vm.max_map_count). */
#define MAX_MAP_COUNT		65530

#define for_each_vma(mm, vma) \
	list_for_each_entry(vma, &(mm)->mmap, vm_list)

/*
 * Lifecycle (mm/mm_struct.c, mm/fork.c). mm_alloc() makes an empty
 * address space with its own host stub (arch_mm_context_create); NULL on
 * failure. mm_users starts at 1; mmput() of the last user unmaps
 * everything, frees the page tables and destroys the stub. dup_mm() is
 * fork's copy-on-write copy (NULL on failure).
 */
struct mm_struct *mm_alloc(void);
void mmget(struct mm_struct *mm);
bool mmget_not_zero(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/*
 * For exec: creates the stack VMA (read/write, growing down, initially
 * 128 KiB) ending at stack_top (page aligned down), sets mm->start_stack
 * and *sp to the top, and places mmap_base below the stack rlimit
 * (mm->stack_limit; set it first if RLIMIT_STACK is not the default).
 * The caller writes argv/envp/auxv with access_remote() and moves *sp.
 */
int setup_arg_pages(struct mm_struct *mm, unsigned long stack_top,
		    unsigned long *sp);

/*
 * In-kernel mmap on any mm (exec maps ELF segments with it): the mapped
 * address, or a -errno cast to unsigned long (IS_ERR_VALUE tells).
 */
unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, int prot, int flags,
		      struct file *file, u64 offset);
int vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Anonymous read/write memory at [addr, addr + len) replacing what was
 * there (ELF bss). 0 or -errno. */
int vm_brk(struct mm_struct *mm, unsigned long addr, unsigned long len);

/* First VMA with vm_end > addr (it may start above addr), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* A VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);

/*
 * Page faults (mm/fault.c). Both take mm->mmap_lock. Results:
 *   0        handled: run the guest again.
 *   -EFAULT  no mapping there: SIGSEGV, SEGV_MAPERR.
 *   -EACCES  mapped, but not for this access: SIGSEGV, SEGV_ACCERR.
 *   -EIO     beyond the end of a mapped file: SIGBUS, BUS_ADRERR.
 *   -ENOMEM  out of memory. handle_user_fault() has then run the OOM
 *            killer: the caller lets the victim die (schedule()) and
 *            returns to the guest, which faults again; if the victim is
 *            the caller, its SIGKILL is pending.
 * handle_user_fault() takes the x86 error code (bit 1 write, bit 4
 * instruction fetch) or ~0UL when the backend does not know it, and
 * then infers the access from the page tables (Documentation/vm.md).
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write,
		    bool exec);
int handle_user_fault(struct mm_struct *mm, unsigned long addr,
		      unsigned long error_code);
#define FAULT_ERROR_UNKNOWN	(~0UL)
#define X86_PF_PROT		0x1UL
#define X86_PF_WRITE		0x2UL
#define X86_PF_USER		0x4UL
#define X86_PF_INSTR		0x10UL

/* Resident pages, by kind and in all (for /proc and the OOM killer). */
static inline unsigned long get_mm_counter(const struct mm_struct *mm,
					   enum mm_counter member)
{
	return mm->rss_stat[member];
}
unsigned long get_mm_rss(const struct mm_struct *mm);

/*
 * For files (mm/file_mmap.c). A file_operations mmap method sets up the
 * VMA: generic_file_mmap() maps the file's page cache (file->f_mapping);
 * a device like /dev/zero calls vma_set_anonymous() (private) or
 * shmem_zero_setup() (shared anonymous memory). When no mmap method
 * exists, files with a page cache get generic_file_mmap().
 * unmap_mapping_range() removes the PTEs of bytes [start, start + len)
 * of the file from every mm mapping it (truncate); len 0 means to EOF.
 */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
void vma_set_anonymous(struct vm_area_struct *vma);
int shmem_zero_setup(struct vm_area_struct *vma);
void unmap_mapping_range(struct address_space *mapping, u64 start, u64 len);
/*
 * Write-protects every writable PTE of the file's shared mappings and
 * marks their pages dirty, so that writes after a writeback fault and
 * dirty the page again. Call it before writing dirty pages back (fsync).
 */
void mapping_mkclean(struct address_space *mapping);

#endif
