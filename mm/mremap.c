/*
 * mremap.c - resizing and moving mappings: shrink in place, grow in
 * place when the space above is free, or move (MREMAP_MAYMOVE, to a
 * chosen place with MREMAP_FIXED) by moving the PTEs, so the pages keep
 * their contents without a copy. MREMAP_DONTUNMAP leaves the old range
 * mapped but empty. Argument rules are those of Linux.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include "vm_internal.h"

/* The VMA of [addr, addr + old_len) if it may become new_len long. */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm,
					    unsigned long addr,
					    unsigned long old_len,
					    unsigned long new_len,
					    unsigned long flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	/* old_len 0 makes a second mapping of the same shared pages. */
	if (!old_len && !(vma->vm_flags & VM_MAYSHARE))
		return ERR_PTR(-EINVAL);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_DONTEXPAND))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma_pgoff_of(vma, addr);
	if (pgoff + PAGES(new_len) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & VM_DONTEXPAND)
		return ERR_PTR(-EFAULT);
	if (new_len > old_len &&
	    !may_expand_vm(mm, vma->vm_flags, PAGES(new_len - old_len)))
		return ERR_PTR(-ENOMEM);
	return vma;
}

static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long old_addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct vm_area_struct *new;
	int err;

	if (mm->map_count >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_pgoff = vma_is_anonymous(vma) && !vma->vm_file ?
			PAGES(new_addr) : vma_pgoff_of(vma, old_addr);
	vma_link(mm, new);
	err = move_page_tables(mm, old_addr, new_addr, old_len);
	if (err == -ENOMEM) {
		/* Nothing moved yet (the tables are made first). */
		vma_unlink(mm, new);
		vm_area_free(new);
		return err;
	}
	if (old_len && !(flags & MREMAP_DONTUNMAP))
		do_munmap(mm, old_addr, old_len);
	new = vma_merge(mm, new);
	if (new->vm_flags & VM_LOCKED)
		populate_range(mm, new_addr + old_len, new_addr + new_len,
			       false);
	return new_addr;
}

static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long map_flags = 0, ret;

	if (!IS_ALIGNED(new_addr, PAGE_SIZE))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
		map_flags |= MAP_FIXED;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	ret = get_unmapped_area(mm, vma->vm_file, new_addr, new_len,
				vma_pgoff_of(vma, addr), map_flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

/* Can vma grow by delta bytes where it is? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

static unsigned long mremap_resize(struct mm_struct *mm, unsigned long addr,
				   unsigned long old_len,
				   unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long new_addr;

	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(mm, vma, new_len - old_len)) {
		vma_set_range(mm, vma, vma->vm_start, addr + new_len);
		vma = vma_merge(mm, vma);
		if (vma->vm_flags & VM_LOCKED)
			populate_range(mm, addr + old_len, addr + new_len,
				       false);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, vma->vm_file, 0, new_len,
				     vma_pgoff_of(vma, addr),
				     vma->vm_flags & VM_MAYSHARE ? MAP_SHARED :
								   0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

static unsigned long __do_mremap(struct mm_struct *mm, unsigned long addr,
				 unsigned long old_len, unsigned long new_len,
				 unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	if (old_len >= new_len) {
		if (old_len > new_len) {
			int err = do_munmap(mm, addr + new_len,
					    old_len - new_len);

			if (err)
				return err;
		}
		return addr;
	}
	return mremap_resize(mm, addr, old_len, new_len, flags);
}

unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	unsigned long ret;

	mutex_lock(&mm->mmap_lock);
	ret = __do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags,
		unsigned long, new_addr)
{
	if (!current->mm)
		return -EFAULT;
	return (long)do_mremap(current->mm, addr, old_len, new_len, flags,
			       new_addr);
}
