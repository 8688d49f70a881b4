/*
 * internal.h - what the files of mm/ share with each other (and with
 * their KUnit tests) but not with the rest of the kernel.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <umk/mm.h>
#include <umk/slab.h>

/* page_alloc.c: give pfns [start, end) to the buddy allocator (once). */
void free_area_init(unsigned long start_pfn, unsigned long end_pfn);

/* Frees refused because they were double or bad (each one WARNed). */
extern unsigned long page_alloc_bad_frees;
extern unsigned long slab_bad_frees;

/* Slabs are at most 2^SLAB_MAX_ORDER pages. */
#define SLAB_MAX_ORDER	3
/* The largest object kmem_cache_create() accepts. */
#define SLAB_MAX_SIZE	(PAGE_SIZE << SLAB_MAX_ORDER)

/* slab.c: usable bytes of one object of cache (for ksize). */
size_t kmem_cache_size(struct kmem_cache *cache);

/* kmalloc.c: create the kmalloc-N caches (called by kmem_cache_init). */
int kmalloc_caches_init(void);

#endif
