/*
 * msync.c - msync(2): MS_SYNC writes the dirty pages of shared file
 * mappings in the range back through the file's address space; MS_ASYNC
 * has nothing to start (pages are marked dirty in the page cache at the
 * first write already); MS_INVALIDATE is a no-op because every mapping
 * of a file page maps the page-cache page itself.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include "vm_internal.h"

int do_msync(struct mm_struct *mm, unsigned long start, size_t len,
	     int flags)
{
	struct vm_area_struct *vma;
	unsigned long end;
	int err = 0, unmapped = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	while (start < end) {
		unsigned long fend;

		vma = find_vma(mm, start);
		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (vma->vm_start > start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
		fend = min(end, vma->vm_end);
		if ((flags & MS_SYNC) && vma->vm_file &&
		    (vma->vm_flags & VM_SHARED)) {
			err = vma_writeback(vma);
			if (err)
				break;
		}
		start = fend;
	}
	mutex_unlock(&mm->mmap_lock);
	return err ? err : unmapped;
}

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	if (!current->mm)
		return -ENOMEM;
	return do_msync(current->mm, start, len, flags);
}
