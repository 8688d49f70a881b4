/*
 * vma.c - the set of VMAs of an address space. The VMAs are on a list
 * sorted by address (for walking neighbours) and in an AVL tree over the
 * same nodes, keyed by vm_start (for find_vma in O(log n)). VMAs never
 * overlap, so "first VMA ending above addr" is a simple descent. This
 * file also splits and merges VMAs and keeps the per-mm VM counters.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/slab.h>
#include <umk/signal.h>
#include "vm_internal.h"

static struct kmem_cache *vma_cachep;

int vma_cache_init(void)
{
	if (vma_cachep)
		return 0;
	vma_cachep = kmem_cache_create("vm_area_struct",
				       sizeof(struct vm_area_struct), 0, 0,
				       NULL);
	return vma_cachep ? 0 : -ENOMEM;
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (vma_cache_init())
		return NULL;
	vma = kmem_cache_zalloc(vma_cachep, GFP_KERNEL);
	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared);
	return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = vm_area_alloc(orig->vm_mm);

	if (!vma)
		return NULL;
	*vma = *orig;
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared);
	vma->vm_left = vma->vm_right = NULL;
	vma->vm_height = 0;
	if (vma->vm_file)
		vma_get_file(vma->vm_file);
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		vma_put_file(vma->vm_file);
	kmem_cache_free(vma_cachep, vma);
}

void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if ((flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
		mm->exec_vm += npages;
	else if (flags & VM_STACK)
		mm->stack_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE)
		mm->data_vm += npages;
	if (flags & VM_LOCKED)
		mm->locked_vm += npages;
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* Would npages more of a mapping with these flags stay in the rlimits? */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags,
		   unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if ((flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE &&
	    mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return false;
	return true;
}

unsigned long count_vma_pages_range(struct mm_struct *mm,
				    unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long pages = 0;

	for (; vma && vma->vm_start < end; vma = vma_next(mm, vma))
		pages += PAGES(min(end, vma->vm_end) -
			       max(start, vma->vm_start));
	return pages;
}

unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return start;
	return start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
}

/* --- the AVL tree --- */

static int height(const struct vm_area_struct *n)
{
	return n ? n->vm_height : 0;
}

static void update_height(struct vm_area_struct *n)
{
	n->vm_height = 1 + max(height(n->vm_left), height(n->vm_right));
}

static struct vm_area_struct *rotate_right(struct vm_area_struct *y)
{
	struct vm_area_struct *x = y->vm_left;

	y->vm_left = x->vm_right;
	x->vm_right = y;
	update_height(y);
	update_height(x);
	return x;
}

static struct vm_area_struct *rotate_left(struct vm_area_struct *x)
{
	struct vm_area_struct *y = x->vm_right;

	x->vm_right = y->vm_left;
	y->vm_left = x;
	update_height(x);
	update_height(y);
	return y;
}

static struct vm_area_struct *rebalance(struct vm_area_struct *n)
{
	int balance;

	update_height(n);
	balance = height(n->vm_left) - height(n->vm_right);
	if (balance > 1) {
		if (height(n->vm_left->vm_left) <
		    height(n->vm_left->vm_right))
			n->vm_left = rotate_left(n->vm_left);
		return rotate_right(n);
	}
	if (balance < -1) {
		if (height(n->vm_right->vm_right) <
		    height(n->vm_right->vm_left))
			n->vm_right = rotate_right(n->vm_right);
		return rotate_left(n);
	}
	return n;
}

static struct vm_area_struct *tree_insert(struct vm_area_struct *root,
					  struct vm_area_struct *vma)
{
	if (!root) {
		vma->vm_left = vma->vm_right = NULL;
		vma->vm_height = 1;
		return vma;
	}
	if (vma->vm_start < root->vm_start)
		root->vm_left = tree_insert(root->vm_left, vma);
	else
		root->vm_right = tree_insert(root->vm_right, vma);
	return rebalance(root);
}

static struct vm_area_struct *tree_remove_min(struct vm_area_struct *n,
					      struct vm_area_struct **min)
{
	if (!n->vm_left) {
		*min = n;
		return n->vm_right;
	}
	n->vm_left = tree_remove_min(n->vm_left, min);
	return rebalance(n);
}

static struct vm_area_struct *tree_remove(struct vm_area_struct *root,
					  struct vm_area_struct *vma)
{
	struct vm_area_struct *min;

	if (!root)
		return NULL;
	if (vma->vm_start < root->vm_start) {
		root->vm_left = tree_remove(root->vm_left, vma);
	} else if (vma->vm_start > root->vm_start) {
		root->vm_right = tree_remove(root->vm_right, vma);
	} else {
		if (!root->vm_right)
			return root->vm_left;
		root->vm_right = tree_remove_min(root->vm_right, &min);
		min->vm_left = root->vm_left;
		min->vm_right = root->vm_right;
		root = min;
	}
	return rebalance(root);
}

/* --- lookups --- */

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *n, *best = NULL;

	n = mm->vma_cache;
	if (n && n->vm_start <= addr && addr < n->vm_end)
		return n;
	for (n = mm->vma_root; n; ) {
		if (n->vm_end > addr) {
			best = n;
			if (n->vm_start <= addr)
				break;
			n = n->vm_left;
		} else {
			n = n->vm_right;
		}
	}
	if (best && best->vm_start <= addr)
		mm->vma_cache = best;
	return best;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

struct vm_area_struct *vma_prev(struct mm_struct *mm,
				struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_next(struct mm_struct *mm,
				struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *n, *best = NULL;

	for (n = mm->vma_root; n; ) {
		if (n->vm_end <= addr) {
			best = n;
			n = n->vm_right;
		} else {
			n = n->vm_left;
		}
	}
	return best;
}

/* --- linking --- */

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = find_vma_prev(mm, vma->vm_start);

	mm->vma_root = tree_insert(mm->vma_root, vma);
	list_add(&vma->vm_list, prev ? &prev->vm_list : &mm->mmap);
	mm->map_count++;
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
	if (vma->vm_file)
		vma_file_link(vma);
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	mm->vma_root = tree_remove(mm->vma_root, vma);
	list_del_init(&vma->vm_list);
	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	if (vma->vm_file)
		vma_file_unlink(vma);
	if (mm->vma_cache == vma)
		mm->vma_cache = NULL;
}

void vma_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end)
{
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	if (vma->vm_ops || vma->vm_file)
		vma->vm_pgoff += (long)(start - vma->vm_start) >> PAGE_SHIFT;
	else
		vma->vm_pgoff = PAGES(start);
	vma->vm_start = start;
	vma->vm_end = end;
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr)
{
	struct vm_area_struct *upper;

	if (addr <= vma->vm_start || addr >= vma->vm_end ||
	    !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	upper = vm_area_dup(vma);
	if (!upper)
		return -ENOMEM;
	/* Shrink first: the tree order holds while upper goes in above. */
	vma_set_range(mm, vma, vma->vm_start, addr);
	upper->vm_pgoff = vma_pgoff_of(vma, addr);
	upper->vm_start = addr;
	vma_link(mm, upper);
	return 0;
}

/* Can a (just below) and b (just above) become one VMA? */
static bool vma_mergeable(const struct vm_area_struct *a,
			  const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_ops != b->vm_ops ||
	    a->vm_private_data != b->vm_private_data)
		return false;
	if (!a->vm_file && !a->vm_ops)
		return true;
	return a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* Folds b into a (a just below b). */
static void vma_absorb(struct mm_struct *mm, struct vm_area_struct *a,
		       struct vm_area_struct *b)
{
	unsigned long end = b->vm_end;

	vma_unlink(mm, b);
	vm_area_free(b);
	vma_set_range(mm, a, a->vm_start, end);
}

struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);
	struct vm_area_struct *next = vma_next(mm, vma);

	if (prev && vma_mergeable(prev, vma)) {
		vma_absorb(mm, prev, vma);
		vma = prev;
	}
	if (next && vma_mergeable(vma, next))
		vma_absorb(mm, vma, next);
	return vma;
}
