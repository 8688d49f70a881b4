/*
 * shmem_anon.c - shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS,
 * or MAP_SHARED of /dev/zero). The pages belong to an object that every
 * VMA mapping it references (fork, split and mremap included), so all of
 * them see the same pages; they are freed when the last VMA goes. Pages
 * are found by page offset in a three-level radix of 512-entry pages.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/slab.h>
#include <umk/pagemap.h>
#include "vm_internal.h"

#define SLOT_BITS	9
#define SLOTS		(1UL << SLOT_BITS)
#define RADIX_LEVELS	3
/* The largest object: 2^27 pages (512 GiB). */
#define SHMEM_MAX_PAGES	(1UL << (SLOT_BITS * RADIX_LEVELS))

struct shmem_obj {
	int refcount;		/* VMAs mapping it */
	void **root;		/* radix of tables; leaves: pages */
	unsigned long nrpages;
};

static unsigned int slot_index(unsigned long index, int level)
{
	return (index >> (SLOT_BITS * level)) & (SLOTS - 1);
}

/* Where the page at index lives; NULL if absent (or out of memory). */
static struct page **shmem_slot(struct shmem_obj *obj, unsigned long index,
				bool alloc)
{
	void ***node = &obj->root;
	int level;

	for (level = RADIX_LEVELS - 1; ; level--) {
		if (!*node) {
			if (!alloc)
				return NULL;
			*node = get_zeroed_page(__GFP_NOWARN);
			if (!*node)
				return NULL;
		}
		if (!level)
			return (struct page **)&(*node)[slot_index(index, 0)];
		node = (void ***)&(*node)[slot_index(index, level)];
	}
}

static void free_node(void **node, int level)
{
	unsigned long i;

	if (!node)
		return;
	for (i = 0; i < SLOTS; i++) {
		if (!node[i])
			continue;
		if (level)
			free_node(node[i], level - 1);
		else
			put_page(node[i]);
	}
	free_page(node);
}

static void shmem_open(struct vm_area_struct *vma)
{
	struct shmem_obj *obj = vma->vm_private_data;

	obj->refcount++;
}

static void shmem_close(struct vm_area_struct *vma)
{
	struct shmem_obj *obj = vma->vm_private_data;

	if (--obj->refcount)
		return;
	free_node(obj->root, RADIX_LEVELS - 1);
	kfree(obj);
}

static struct page *shmem_fault(struct vm_area_struct *vma,
				unsigned long pgoff)
{
	struct shmem_obj *obj = vma->vm_private_data;
	struct page **slot, *page;

	if (pgoff >= SHMEM_MAX_PAGES)
		return ERR_PTR(-EIO);
	slot = shmem_slot(obj, pgoff, true);
	if (!slot)
		return ERR_PTR(-ENOMEM);
	if (!*slot) {
		page = alloc_page(__GFP_ZERO | __GFP_NOWARN);
		if (!page)
			return ERR_PTR(-ENOMEM);
		*slot = page;	/* the object's reference */
		obj->nrpages++;
	}
	get_page(*slot);
	return *slot;
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.name = "shmem",
	.open = shmem_open,
	.close = shmem_close,
	.fault = shmem_fault,
};

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_anon_vm_ops;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct shmem_obj *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return -ENOMEM;
	obj->refcount = 1;
	/* /dev/zero: the memory is the object's, not the device's. */
	if (vma->vm_file) {
		vma_put_file(vma->vm_file);
		vma->vm_file = NULL;
	}
	vma->vm_ops = &shmem_anon_vm_ops;
	vma->vm_private_data = obj;
	vma->vm_flags |= VM_SHARED | VM_MAYSHARE;
	return 0;
}

void vma_set_anonymous(struct vm_area_struct *vma)
{
	vma->vm_ops = NULL;
	vma->vm_private_data = NULL;
}

void shmem_punch(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end)
{
	struct shmem_obj *obj = vma->vm_private_data;
	unsigned long i;

	for (i = vma_pgoff_of(vma, start); i < vma_pgoff_of(vma, end); i++) {
		struct page **slot = shmem_slot(obj, i, false);

		if (slot && *slot) {
			put_page(*slot);
			*slot = NULL;
			obj->nrpages--;
		}
	}
}
