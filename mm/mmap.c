/*
 * mmap.c - creating and removing mappings: where a new mapping goes
 * (top-down below mmap_base, keeping stack guard gaps), mmap's argument
 * rules (those of Linux), munmap with VMA splitting, stack growth, and
 * the stack VMA exec starts from.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include "vm_internal.h"

/* The initial stack VMA: Linux's "stack_expand" of 128 KiB. */
#define STACK_INIT_SIZE		(128UL << 10)
/* MAP_32BIT looks here (x86_64's choice: the second GiB). */
#define MAP32_BASE		0x40000000UL
#define MAP32_END		0x80000000UL
/* Flags of data and stack memory (Linux's VM_DATA_DEFAULT_FLAGS). */
#define VM_DATA_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | \
			 VM_MAYEXEC)

unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0) |
	       (flags & MAP_NORESERVE ? VM_NORESERVE : 0);
}

/* The highest free [addr, addr + len) inside [low, high), or -ENOMEM. */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   unsigned long len,
					   unsigned long low,
					   unsigned long high)
{
	struct list_head *pos;
	unsigned long hi = high, lo;

	for (pos = mm->mmap.prev; ; pos = pos->prev) {
		struct vm_area_struct *vma = pos == &mm->mmap ? NULL :
			list_entry(pos, struct vm_area_struct, vm_list);

		lo = max(vma ? vma->vm_end : 0, low);
		if (hi > lo && hi - lo >= len)
			return hi - len;
		if (!vma)
			break;
		hi = min(hi, vm_start_gap(vma));
		if (hi <= low)
			break;
	}
	return -ENOMEM;
}

/* The lowest free [addr, addr + len) inside [low, high), or -ENOMEM. */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
				   unsigned long low, unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long lo = low;

	for_each_vma(mm, vma) {
		unsigned long hi = min(vm_start_gap(vma), high);

		if (hi > lo && hi - lo >= len)
			return lo;
		lo = max(lo, vma->vm_end);
		if (lo >= high)
			return -ENOMEM;
	}
	return high > lo && high - lo >= len ? lo : (unsigned long)-ENOMEM;
}

/* Is [addr, addr + len) free, guard gaps included? */
static bool range_is_free(struct mm_struct *mm, unsigned long addr,
			  unsigned long len)
{
	struct vm_area_struct *next = find_vma(mm, addr);

	if (addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len)
		return false;
	return !next || addr + len <= vm_start_gap(next);
}

unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	unsigned long found;

	if (len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (!IS_ALIGNED(addr, PAGE_SIZE))
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		/* Linux's security_mmap_addr() without CAP_SYS_RAWIO. */
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (addr && range_is_free(mm, addr, len))
			return addr;
	}
	if (flags & MAP_32BIT)
		return unmapped_area(mm, len, MAP32_BASE, MAP32_END);
	found = unmapped_area_topdown(mm, len, MMAP_MIN_ADDR, mm->mmap_base);
	if (!IS_ERR_VALUE(found))
		return found;
	return unmapped_area(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE);
}

/* Removes the VMAs and pages of [start, end); both are page aligned. */
static int unmap_range(struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start), *next, *last;
	int err;

	if (!vma || vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma_next(mm, vma);
	}
	last = find_vma(mm, end);
	if (last && last->vm_start < end) {
		err = split_vma(mm, last, end);
		if (err)
			return err;
	}
	for (; vma && vma->vm_start < end; vma = next) {
		next = vma_next(mm, vma);
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vm_area_free(vma);
	}
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if (!IS_ALIGNED(start, PAGE_SIZE) || start > TASK_SIZE ||
	    len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return unmap_range(mm, start, start + len);
}

/* Makes the VMA of a new mapping; the old ones in the range go first. */
static unsigned long mmap_region(struct mm_struct *mm, struct file *file,
				 unsigned long addr, unsigned long len,
				 unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	int err;

	/* What MAP_FIXED replaces does not count against the limits. */
	if (!may_expand_vm(mm, vm_flags, PAGES(len) -
			   count_vma_pages_range(mm, addr, addr + len)))
		return -ENOMEM;
	err = unmap_range(mm, addr, addr + len);
	if (err)
		return err;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = vma_get_file(file);
		err = call_mmap(file, vma);
	} else if (vm_flags & VM_SHARED) {
		err = shmem_zero_setup(vma);
	}
	if (err) {
		vm_area_free(vma);
		return err;
	}
	vma_link(mm, vma);
	vma_merge(mm, vma);
	return addr;
}

/* mmap's checks of flags against an anonymous mapping. */
static int anon_mmap_flags(unsigned long addr, unsigned long flags,
			   unsigned long *vm_flags, unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		*pgoff = 0;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		return 0;
	case MAP_PRIVATE:
		*pgoff = PAGES(addr);
		return 0;
	default:
		return -EINVAL;
	}
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff)
{
	unsigned long vm_flags;
	int err;

	if (!len)
		return -EINVAL;
	if (!(flags & MAP_FIXED)) {
		addr &= PAGE_MASK;
		if (addr && addr < MMAP_MIN_ADDR)
			addr = PAGE_ALIGN(MMAP_MIN_ADDR);
	}
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + PAGES(len) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;
	/* No huge pages are reserved: Linux fails such a mapping too. */
	if ((flags & MAP_HUGETLB) && !file)
		return -ENOMEM;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) &&
	    find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (file)
		err = file_mmap_prepare(file, &vm_flags, prot, flags);
	else
		err = anon_mmap_flags(addr, flags, &vm_flags, &pgoff);
	if (err)
		return err;
	addr = mmap_region(mm, file, addr, len, vm_flags, pgoff);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (((flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE ||
	     (vm_flags & VM_LOCKED)) && (vm_flags & VM_ACCESS_FLAGS))
		populate_range(mm, addr, addr + len,
			       (vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE);
	return addr;
}

unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, int prot, int flags,
		      struct file *file, u64 offset)
{
	unsigned long ret;

	if (offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	if (offset & ~PAGE_MASK)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(mm, file, addr, len, prot, flags, offset >> PAGE_SHIFT);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	int err;

	mutex_lock(&mm->mmap_lock);
	err = do_munmap(mm, start, len);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags,
		unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!current->mm)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((int)fd);
		if (!file)
			return -EBADF;
	}
	mutex_lock(&current->mm->mmap_lock);
	ret = do_mmap(current->mm, file, addr, len, prot,
		      flags & ~(MAP_DENYWRITE | MAP_EXECUTABLE),
		      off >> PAGE_SHIFT);
	mutex_unlock(&current->mm->mmap_lock);
	if (file)
		fput(file);
	return (long)ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	if (!current->mm)
		return -EINVAL;
	return vm_munmap(current->mm, addr, len);
}

int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long addr)
{
	struct vm_area_struct *prev;

	addr &= PAGE_MASK;
	if (addr >= vma->vm_start)
		return 0;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	if (addr < MMAP_MIN_ADDR)
		return -EPERM;
	if (vma->vm_end - addr > mm->stack_limit ||
	    !may_expand_vm(mm, vma->vm_flags, PAGES(vma->vm_start - addr)))
		return -ENOMEM;
	prev = vma_prev(mm, vma);
	if (prev && addr < prev->vm_end)
		return -ENOMEM;
	/* Keep the guard gap from anything below that is not a stack. */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & VM_ACCESS_FLAGS) &&
	    addr - prev->vm_end < STACK_GUARD_GAP)
		return -ENOMEM;
	vma_set_range(mm, vma, addr, vma->vm_end);
	return 0;
}

struct vm_area_struct *find_extend_vma(struct mm_struct *mm,
				       unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start <= addr)
		return vma;
	return expand_stack(mm, vma, addr) ? NULL : vma;
}

int setup_arg_pages(struct mm_struct *mm, unsigned long stack_top,
		    unsigned long *sp)
{
	struct vm_area_struct *vma;
	unsigned long start;
	int err = 0;

	stack_top &= PAGE_MASK;
	if (stack_top > TASK_SIZE ||
	    stack_top < MMAP_MIN_ADDR + STACK_INIT_SIZE)
		return -EINVAL;
	start = stack_top - STACK_INIT_SIZE;
	mutex_lock(&mm->mmap_lock);
	if (find_vma_intersection(mm, start, stack_top)) {
		err = -EEXIST;
		goto out;
	}
	vma = vm_area_alloc(mm);
	if (!vma) {
		err = -ENOMEM;
		goto out;
	}
	vma->vm_start = start;
	vma->vm_end = stack_top;
	vma->vm_flags = VM_DATA_FLAGS | VM_GROWSDOWN;
	vma->vm_pgoff = PAGES(start);
	vma_link(mm, vma);
	mm->start_stack = stack_top;
	mm_set_stack_top(mm, stack_top);
	*sp = stack_top;
out:
	mutex_unlock(&mm->mmap_lock);
	return err;
}

/* Anonymous data memory at [addr, addr + len), grown onto a neighbour. */
int do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *prev = find_vma_prev(mm, addr), *vma;

	if (!may_expand_vm(mm, VM_DATA_FLAGS, PAGES(len)))
		return -ENOMEM;
	if (prev && prev->vm_end == addr && vma_is_anonymous(prev) &&
	    !prev->vm_file && prev->vm_flags == VM_DATA_FLAGS) {
		vma_set_range(mm, prev, prev->vm_start, addr + len);
		vma_merge(mm, prev);
		return 0;
	}
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = VM_DATA_FLAGS;
	vma->vm_pgoff = PAGES(addr);
	vma_link(mm, vma);
	vma_merge(mm, vma);
	return 0;
}
