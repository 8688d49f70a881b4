/*
 * madvise.c - madvise(2) and mincore(2). MADV_DONTNEED (and MADV_FREE,
 * done at once) drops pages: private anonymous memory reads back as
 * zeroes, file mappings as the file. Fork and dump flags are kept on
 * the VMA; MADV_POPULATE_* fault pages in; the rest are hints a kernel
 * without swap or huge pages has no use for, accepted as Linux does.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/syscalls.h>
#include <umk/uaccess.h>
#include "vm_internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
	case MADV_REMOVE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD:
	case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED: case MADV_COLLAPSE:
		return true;
	default:
		return false;
	}
}

/* New vm_flags for a flag-setting advice, or -EINVAL. */
static long madvise_new_flags(const struct vm_area_struct *vma, int behavior)
{
	unsigned long flags = vma->vm_flags;
	bool private_anon = vma_is_anonymous(vma) && !vma->vm_file &&
			    !(flags & VM_SHARED);

	switch (behavior) {
	case MADV_DONTFORK:
		return flags | VM_DONTCOPY;
	case MADV_DOFORK:
		return flags & ~VM_DONTCOPY;
	case MADV_WIPEONFORK:
		return private_anon ? (long)(flags | VM_WIPEONFORK) : -EINVAL;
	case MADV_KEEPONFORK:
		return flags & ~VM_WIPEONFORK;
	case MADV_DONTDUMP:
		return flags | VM_DONTDUMP;
	default:		/* MADV_DODUMP */
		return flags & ~VM_DONTDUMP;
	}
}

static int madvise_flags(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long start, unsigned long end, int behavior)
{
	long flags = madvise_new_flags(vma, behavior);

	if (flags < 0)
		return flags;
	vma = vma_modify_flags(mm, vma, start, end, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma_merge(mm, vma);
	return 0;
}

static int madvise_drop(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end, int behavior)
{
	if ((vma->vm_flags & VM_LOCKED) && behavior != MADV_DONTNEED_LOCKED)
		return -EINVAL;
	if (behavior == MADV_FREE &&
	    (!vma_is_anonymous(vma) || vma_is_shared(vma)))
		return -EINVAL;
	if (behavior == MADV_REMOVE) {
		if (!vma_is_shared(vma))
			return -EINVAL;
		if (!(vma->vm_flags & VM_SHARED))
			return -EACCES;
		/* Punching holes in files is not supported yet. */
		if (!vma_is_shmem(vma))
			return -EOPNOTSUPP;
	}
	zap_page_range(mm, start, end);
	if (behavior == MADV_REMOVE)
		shmem_punch(vma, start, end);
	return 0;
}

static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int behavior)
{
	int err;

	switch (behavior) {
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED:
	case MADV_FREE: case MADV_REMOVE:
		return madvise_drop(mm, vma, start, end, behavior);
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_DONTDUMP: case MADV_DODUMP:
		return madvise_flags(mm, vma, start, end, behavior);
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		err = populate_range(mm, start, end,
				     behavior == MADV_POPULATE_WRITE);
		return err == -ENOMEM ? err : err ? -EFAULT : 0;
	default:
		return 0;
	}
}

int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior)
{
	unsigned long end, next, len = PAGE_ALIGN(len_in);
	struct vm_area_struct *vma;
	int err = 0, unmapped = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (!IS_ALIGNED(start, PAGE_SIZE) || (len_in && !len))
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	while (start < end) {
		vma = find_vma(mm, start);
		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (vma->vm_start > start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
		}
		next = min(end, vma->vm_end);
		/* vma may be split or merged away: find_vma() again. */
		err = madvise_vma(mm, vma, start, next, behavior);
		if (err)
			break;
		start = next;
	}
	mutex_unlock(&mm->mmap_lock);
	return err ? err : unmapped;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, behavior)
{
	if (!current->mm)
		return -EINVAL;
	return do_madvise(current->mm, start, len, behavior);
}

/* mincore for up to sizeof(buf) pages from start; -ENOMEM on a hole. */
static long mincore_chunk(struct mm_struct *mm, unsigned long start,
			  unsigned long pages, unsigned char *buf)
{
	struct vm_area_struct *vma;
	unsigned long i;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start) {
		mutex_unlock(&mm->mmap_lock);
		return -ENOMEM;
	}
	pages = min(pages, PAGES(vma->vm_end - start));
	for (i = 0; i < pages; i++) {
		pte_t *ptep = pte_lookup(mm, start + (i << PAGE_SHIFT));

		buf[i] = ptep && pte_present(*ptep);
	}
	mutex_unlock(&mm->mmap_lock);
	return pages;
}

SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len,
		unsigned char __user *, vec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages;
	unsigned char buf[64];

	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (!mm || start > TASK_SIZE || len > TASK_SIZE - start)
		return -ENOMEM;
	pages = PAGES(PAGE_ALIGN(len));
	while (pages) {
		long n = mincore_chunk(mm, start, min(pages, sizeof(buf)), buf);

		if (n < 0)
			return n;
		if (copy_to_user(vec, buf, n))
			return -EFAULT;
		vec += n;
		pages -= n;
		start += n << PAGE_SHIFT;
	}
	return 0;
}
