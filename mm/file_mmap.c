/*
 * file_mmap.c - mappings of files. Their pages are the page-cache pages
 * themselves (filemap_get_page), so read()/write() and every shared
 * mapping see the same bytes; private mappings copy a page on the first
 * write. VMAs are linked on the file's mapping->i_mmap so that truncate
 * can take pages away from every mm (unmap_mapping_range), and msync
 * can find writable PTEs to make clean before a writeback.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/fs.h>
#include <umk/pagemap.h>
#include "vm_internal.h"

/* The mmap flags Linux's MAP_SHARED_VALIDATE knows (LEGACY_MAP_MASK). */
#define VALIDATE_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
	MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | \
	MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
	MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | (0x3fUL << 26))

void vma_file_link(struct vm_area_struct *vma)
{
	struct address_space *m = vma->vm_file->f_mapping;

	if (m)
		list_add_tail(&vma->shared, &m->i_mmap);
}

void vma_file_unlink(struct vm_area_struct *vma)
{
	list_del_init(&vma->shared);
}

struct file *vma_get_file(struct file *file)
{
	return get_file(file);
}

void vma_put_file(struct file *file)
{
	fput(file);
}

static unsigned long size_in_pages(struct address_space *m)
{
	return DIV_ROUND_UP((u64)m->host->i_size, PAGE_SIZE);
}

static struct page *filemap_fault(struct vm_area_struct *vma,
				  unsigned long pgoff)
{
	struct address_space *m = vma->vm_file->f_mapping;
	struct page *page;

	for (;;) {
		if (pgoff >= size_in_pages(m))
			return ERR_PTR(-EIO);	/* SIGBUS, as Linux */
		page = filemap_get_page(m, pgoff);
		if (IS_ERR(page))
			return page;
		/* A truncate while we slept takes the page away: retry. */
		if (page->mapping == m && pgoff < size_in_pages(m))
			return page;
		put_page(page);
	}
}

static const struct vm_operations_struct file_vm_ops = {
	.name = "file",
	.fault = filemap_fault,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_mapping || !file->f_mapping->host)
		return -ENODEV;
	vma->vm_ops = &file_vm_ops;
	return 0;
}

int call_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (file->f_op && file->f_op->mmap)
		return file->f_op->mmap(file, vma);
	return generic_file_mmap(file, vma);
}

/* Can this file be mapped at all (Linux: an f_op->mmap exists)? */
static bool file_mappable(struct file *file)
{
	umode_t mode = file_inode(file)->i_mode;

	if (file->f_op && file->f_op->mmap)
		return true;
	return S_ISREG(mode) || S_ISBLK(mode);
}

int file_mmap_prepare(struct file *file, unsigned long *vm_flags,
		      unsigned long prot, unsigned long flags)
{
	fmode_t fmode = file->f_mode;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE:
		if (flags & ~VALIDATE_MAP_MASK)
			return -EOPNOTSUPP;
		/* fall through */
	case MAP_SHARED:
		if ((prot & PROT_WRITE) && !(fmode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		/* Never writable: behaves as private, cannot be upgraded. */
		if (!(fmode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		/* fall through */
	case MAP_PRIVATE:
		if (!(fmode & FMODE_READ))
			return -EACCES;
		if (path_noexec(&file->f_path)) {
			if (*vm_flags & VM_EXEC)
				return -EPERM;
			*vm_flags &= ~VM_MAYEXEC;
		}
		if (!file_mappable(file))
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

void vma_page_dirty(struct vm_area_struct *vma, struct page *page)
{
	if (vma->vm_file && !vma_is_shmem(vma))
		set_page_dirty(page);
}

void unmap_mapping_range(struct address_space *m, u64 start, u64 len)
{
	u64 first = start >> PAGE_SHIFT;
	u64 last = len ? (start + len - 1) >> PAGE_SHIFT : ~0ULL;
	struct vm_area_struct *vma;

	if (len && start + len - 1 < start)
		last = ~0ULL;
	list_for_each_entry(vma, &m->i_mmap, shared) {
		u64 vfirst = vma->vm_pgoff;
		u64 vlast = vfirst + vma_pages(vma) - 1;
		unsigned long zs, ze;

		if (vlast < first || vfirst > last)
			continue;
		zs = vma->vm_start +
		     ((max(first, vfirst) - vfirst) << PAGE_SHIFT);
		ze = vma->vm_start +
		     ((min(last, vlast) - vfirst + 1) << PAGE_SHIFT);
		zap_page_range(vma->vm_mm, zs, ze);
	}
}

/* Write-protects the writable PTEs of vma, so the next write re-dirties. */
static void vma_mkclean(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = vma->vm_start;
	pte_t *ptep;

	for (; (ptep = pte_next_present(mm, &addr, vma->vm_end));
	     addr += PAGE_SIZE) {
		pte_t pte = *ptep;

		if (!pte_write(pte))
			continue;
		set_page_dirty(pte_page(pte));
		pte &= ~(_PAGE_RW | _PAGE_DIRTY);
		set_pte(ptep, pte);
		mirror_protect(mm, addr, addr + PAGE_SIZE, pte_host_prot(pte));
	}
}

void mapping_mkclean(struct address_space *m)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &m->i_mmap, shared)
		if (vma->vm_flags & VM_SHARED)
			vma_mkclean(vma);
}

int vma_writeback(struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;
	struct address_space *m = file->f_mapping;

	if (!m || !m->a_ops || !m->a_ops->writepage)
		return 0;	/* memory-only: the page cache is the file */
	mapping_mkclean(m);
	if (file->f_op && file->f_op->fsync)
		return file->f_op->fsync(file, false);
	return filemap_write_and_wait(m);
}
