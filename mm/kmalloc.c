/*
 * kmalloc.c - general-purpose allocations. Sizes up to KMALLOC_MAX_CACHE
 * come from power-of-two slab caches (kmalloc-8 .. kmalloc-2048), whose
 * objects are naturally aligned; larger sizes get a whole buddy block,
 * whose head page remembers its order for kfree() and ksize().
 */
#include <stdint.h>
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include "internal.h"

#define KMALLOC_MIN_SHIFT	3
#define KMALLOC_MAX_SHIFT	(PAGE_SHIFT - 1)
#define KMALLOC_MAX_CACHE	(1UL << KMALLOC_MAX_SHIFT)
#define NR_KMALLOC_CACHES	(KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

static struct kmem_cache *kmalloc_caches[NR_KMALLOC_CACHES];

/* Index of the smallest cache that holds size (0 holds sizes 0..8). */
static unsigned int kmalloc_index(size_t size)
{
	if (size <= (1UL << KMALLOC_MIN_SHIFT))
		return 0;
	return (unsigned int)(sizeof(long) * 8) -
	       (unsigned int)__builtin_clzl(size - 1) - KMALLOC_MIN_SHIFT;
}

int kmalloc_caches_init(void)
{
	char name[16];
	unsigned int i;

	for (i = 0; i < NR_KMALLOC_CACHES; i++) {
		size_t size = 1UL << (i + KMALLOC_MIN_SHIFT);

		snprintf(name, sizeof(name), "kmalloc-%lu",
			 (unsigned long)size);
		kmalloc_caches[i] = kmem_cache_create(name, size, 0, 0, NULL);
		if (!kmalloc_caches[i])
			goto fail;
	}
	pr_info("slab: kmalloc caches of %lu..%lu bytes, whole pages above\n",
		1UL << KMALLOC_MIN_SHIFT, KMALLOC_MAX_CACHE);
	return 0;
fail:
	while (i-- > 0) {
		kmem_cache_destroy(kmalloc_caches[i]);
		kmalloc_caches[i] = NULL;
	}
	return -ENOMEM;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmem_cache *c;
	unsigned int order;

	if (size <= KMALLOC_MAX_CACHE) {
		c = kmalloc_caches[kmalloc_index(size)];
		if (WARN_ON_ONCE(!c))	/* before kmem_cache_init() */
			return NULL;
		return kmem_cache_alloc(c, gfp);
	}
	order = get_order(size);
	if (order > MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %lu bytes: over the largest block\n",
				(unsigned long)size);
		return NULL;
	}
	return __get_free_pages(gfp, order);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

static void bad_pointer(const char *fn, const void *p)
{
	slab_bad_frees++;
	pr_warn("WARNING: %s(%#lx) refused: not a kmalloc'd pointer\n", fn,
		(unsigned long)(uintptr_t)p);
}

/* The page of p if p came from kmalloc, else NULL (after a warning). */
static struct page *kmalloc_page(const char *fn, const void *p)
{
	struct page *page;

	if (virt_is_ram(p)) {
		page = virt_to_page(p);
		if (page->flags & PG_slab)
			return page;
		if ((page->flags & PG_head) && p == page_address(page))
			return page;
	}
	bad_pointer(fn, p);
	return NULL;
}

void kfree(const void *p)
{
	struct page *page;

	if (!p)
		return;
	page = kmalloc_page(__func__, p);
	if (!page)
		return;
	if (page->flags & PG_slab)
		kmem_cache_free(page->private, (void *)p);
	else
		__free_pages(page, page->order);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (!p)
		return 0;
	page = kmalloc_page(__func__, p);
	if (!page)
		return 0;
	if (page->flags & PG_slab)
		return kmem_cache_size(page->private);
	return PAGE_SIZE << page->order;
}

/* Grows in place when the old block is big enough; p survives failure. */
void *krealloc(void *p, size_t new_size, gfp_t gfp)
{
	size_t old;
	void *n;

	if (!p)
		return kmalloc(new_size, gfp);
	if (!new_size) {
		kfree(p);
		return NULL;
	}
	old = ksize(p);
	if (!old)
		return NULL;
	if (new_size <= old)
		return p;
	n = kmalloc(new_size, gfp);
	if (!n)
		return NULL;
	memcpy(n, p, old);
	kfree(p);
	return n;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *d;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	d = kmalloc(len, gfp);
	if (d)
		memcpy(d, s, len);
	return d;
}
