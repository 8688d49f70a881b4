/*
 * page_alloc.c - the buddy allocator. Free page blocks of 2^order pages
 * (order 0..MAX_ORDER) sit on one free list per order; an allocation
 * splits a larger block when its own list is empty, and a free merges the
 * block with its buddy (the other half of the parent block) for as long as
 * that buddy is free too. Blocks are aligned to their size in pfns.
 *
 * Page states: a free block's head has PG_buddy and its order; an
 * allocated block's head has PG_head, its order and refcount 1; all other
 * pages of a block have no flags. Frees are checked against these states,
 * so a double or bad free is reported and refused instead of corrupting
 * the lists.
 */
#include <stdint.h>
#include <string.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/spinlock.h>
#include "internal.h"

struct free_area {
	struct list_head blocks;	/* heads, linked through page->lru */
	unsigned long nr_free;		/* blocks on the list */
};

static struct free_area free_area[MAX_ORDER + 1];
static DEFINE_SPINLOCK(zone_lock);	/* guards all of the state below */
static unsigned long managed_pages;	/* pages given to the allocator */
static unsigned long free_pages_now;
static unsigned long warned_orders;	/* bit n: order-n failure logged */
unsigned long page_alloc_bad_frees;

/* Is pfn the head of a free block of exactly this order? */
static bool pfn_is_free_block(unsigned long pfn, unsigned int order)
{
	struct page *p;

	if (pfn >= max_pfn)
		return false;
	p = pfn_to_page(pfn);
	return (p->flags & PG_buddy) && p->order == order;
}

static void list_free_block(struct page *p, unsigned int order)
{
	p->flags = PG_buddy;
	p->order = order;
	list_add(&p->lru, &free_area[order].blocks);
	free_area[order].nr_free++;
}

static void unlist_free_block(struct page *p, unsigned int order)
{
	list_del(&p->lru);
	p->flags = 0;
	p->order = 0;
	free_area[order].nr_free--;
}

/* Merges the block with its free buddies, then lists it. Lock held. */
static void free_block(unsigned long pfn, unsigned int order)
{
	while (order < MAX_ORDER) {
		unsigned long buddy = pfn ^ (1UL << order);

		if (!pfn_is_free_block(buddy, order))
			break;
		unlist_free_block(pfn_to_page(buddy), order);
		pfn &= ~(1UL << order);
		order++;
	}
	list_free_block(pfn_to_page(pfn), order);
}

/* Takes a block of order, splitting a larger one if needed. Lock held. */
static struct page *take_block(unsigned int order)
{
	unsigned int o = order;
	struct page *p;

	while (o <= MAX_ORDER && list_empty(&free_area[o].blocks))
		o++;
	if (o > MAX_ORDER)
		return NULL;
	p = list_first_entry(&free_area[o].blocks, struct page, lru);
	unlist_free_block(p, o);
	/* Keep the lower half, give the upper half back, until small enough. */
	while (o > order) {
		o--;
		list_free_block(p + (1UL << o), o);
	}
	free_pages_now -= 1UL << order;
	return p;
}

void free_area_init(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long flags, pfn = start_pfn;
	unsigned int order;

	spin_lock_irqsave(&zone_lock, flags);
	for (order = 0; order <= MAX_ORDER; order++)
		INIT_LIST_HEAD(&free_area[order].blocks);
	/* Cut the range into the largest aligned blocks that fit. */
	while (pfn < end_pfn) {
		order = MAX_ORDER;
		while (order && ((pfn & ((1UL << order) - 1)) ||
				 pfn + (1UL << order) > end_pfn))
			order--;
		free_block(pfn, order);
		pfn += 1UL << order;
	}
	managed_pages = end_pfn - start_pfn;
	free_pages_now = managed_pages;
	spin_unlock_irqrestore(&zone_lock, flags);
}

/* One warning per order until an allocation of that order succeeds. */
static void report_failure(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	bool first;

	if (gfp & __GFP_NOWARN)
		return;
	spin_lock_irqsave(&zone_lock, flags);
	first = !(warned_orders & (1UL << order));
	warned_orders |= 1UL << order;
	spin_unlock_irqrestore(&zone_lock, flags);
	if (first)
		pr_warn("page allocation failure: order:%u, mode:%#x, "
			"free:%lu of %lu pages\n", order, gfp,
			nr_free_pages(), managed_pages);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	struct page *p = NULL;

	if (order > MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation of order %u > MAX_ORDER %u\n",
				order, MAX_ORDER);
		return NULL;
	}
	spin_lock_irqsave(&zone_lock, flags);
	/* Before free_area_init() the lists are not set up: nothing to give. */
	if (managed_pages)
		p = take_block(order);
	if (p) {
		p->flags = PG_head;
		p->order = order;
		p->refcount = 1;
		warned_orders &= ~(1UL << order);
	}
	spin_unlock_irqrestore(&zone_lock, flags);
	if (!p) {
		report_failure(gfp, order);
		return NULL;
	}
	if (gfp & __GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	return p;
}

/* Why freeing (page, order) would be wrong, or NULL if it is fine. */
static const char *bad_free_reason(const struct page *p, unsigned int order)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)mem_map;

	if (!mem_map || (uintptr_t)p < (uintptr_t)mem_map ||
	    off >= max_pfn * sizeof(*p) || off % sizeof(*p))
		return "not a page of RAM";
	if (p->flags & PG_reserved)
		return "reserved page";
	if (p->flags & PG_buddy)
		return "block is already free (double free)";
	if (!(p->flags & PG_head))
		return "not the head of an allocated block (double free?)";
	if (p->flags & PG_slab)
		return "page still belongs to a slab cache";
	if (p->order != order)
		return "order differs from the allocation";
	if (p->refcount != 1)
		return "page is still referenced";
	return NULL;
}

static void refuse_free(const void *what, unsigned int order,
			const char *reason)
{
	pr_warn("WARNING: page free of %#lx (order %u) refused: %s\n",
		(unsigned long)(uintptr_t)what, order, reason);
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;
	const char *reason;

	spin_lock_irqsave(&zone_lock, flags);
	reason = bad_free_reason(page, order);
	if (reason) {
		page_alloc_bad_frees++;
	} else {
		page->flags = 0;
		page->order = 0;
		page->refcount = 0;
		page->private = NULL;
		free_block(page_to_pfn(page), order);
		free_pages_now += 1UL << order;
	}
	spin_unlock_irqrestore(&zone_lock, flags);
	if (reason)
		refuse_free(page, order, reason);
}

void *__get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages(gfp, order);

	return p ? page_address(p) : NULL;
}

void free_pages(void *addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_is_ram(addr) || !IS_ALIGNED(virt_to_phys(addr), PAGE_SIZE)) {
		unsigned long flags;

		spin_lock_irqsave(&zone_lock, flags);
		page_alloc_bad_frees++;
		spin_unlock_irqrestore(&zone_lock, flags);
		refuse_free(addr, order, "not a page-aligned address in RAM");
		return;
	}
	__free_pages(virt_to_page(addr), order);
}

unsigned int get_order(size_t size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return (unsigned int)(sizeof(long) * 8) -
	       (unsigned int)__builtin_clzl((size - 1) >> PAGE_SHIFT);
}

unsigned long totalram_pages(void)
{
	return READ_ONCE(managed_pages);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(free_pages_now);
}

unsigned long nr_free_blocks(unsigned int order)
{
	if (order > MAX_ORDER)
		return 0;
	return READ_ONCE(free_area[order].nr_free);
}
