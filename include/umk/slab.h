/*
 * slab.h - object caches and kmalloc, carved from pages of the buddy
 * allocator (so from guest RAM). All return NULL on failure.
 */
#ifndef UMK_SLAB_H
#define UMK_SLAB_H

#include <umk/mm.h>

struct kmem_cache;

#define SLAB_HWCACHE_ALIGN 0x1u	/* align objects to 64 bytes */

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned int flags,
				     void (*ctor)(void *obj));
/* Fails (returns -EBUSY) while objects are still allocated. */
int kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

/* Statistics of one cache. */
struct kmem_cache_stats {
	const char *name;
	size_t object_size;
	unsigned long active_objs;
	unsigned long total_objs;
	unsigned long slabs;
};
void kmem_cache_get_stats(struct kmem_cache *cache, struct kmem_cache_stats *s);
/* Calls fn for every cache (for /proc/slabinfo). */
void kmem_cache_for_each(void (*fn)(struct kmem_cache_stats *s, void *arg),
			 void *arg);

/* kmalloc: power-of-two caches up to PAGE_SIZE / 2, whole pages beyond. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *krealloc(void *p, size_t new_size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);	/* usable size of an allocation */
char *kstrdup(const char *s, gfp_t gfp);

/* mm/slab.c: set up the kmalloc caches; called once after mem_init(). */
int kmem_cache_init(void);

#endif
