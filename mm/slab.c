/*
 * slab.c - object caches. A slab is one buddy block of 2^order pages cut
 * into equal objects; its state lives in the struct page of its first
 * page (freelist, inuse) and every page of it has PG_slab and private
 * pointing at the cache. Free objects are chained through a pointer kept
 * inside them. Each cache keeps its slabs on three lists: partial (some
 * objects free), full and empty; it keeps at most one empty slab and gives
 * further ones back to the buddy allocator. The kmem_cache structures
 * themselves come from a static boot cache, the "cache of caches".
 *
 * As in Linux, a constructor runs once per object when its slab is made,
 * and objects go back to the cache in their constructed state, so such a
 * cache keeps the free pointer after the object instead of over it.
 */
#include <stdint.h>
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include <umk/spinlock.h>
#include "internal.h"

#define CACHE_NAME_LEN	32
#define SLAB_MIN_ALIGN	sizeof(void *)
#define CACHELINE_SIZE	64

struct kmem_cache {
	char name[CACHE_NAME_LEN];
	size_t object_size;	/* usable bytes, as asked for */
	size_t size;		/* distance between objects */
	size_t fp_offset;	/* of the next-free pointer in a free object */
	unsigned int order;	/* a slab is 2^order pages */
	unsigned int objs_per_slab;
	void (*ctor)(void *obj);
	spinlock_t lock;	/* guards the lists and counters below */
	struct list_head partial, full, empty;	/* slabs, by page->lru */
	unsigned long nr_slabs, nr_empty, active_objs;
	bool warned;		/* a failure to grow was logged */
	struct list_head node;	/* on slab_caches */
};

static struct kmem_cache kmem_cache_boot;	/* the cache of caches */
static bool slab_ready;
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);
unsigned long slab_bad_frees;

static void *get_free_ptr(struct kmem_cache *c, void *obj)
{
	return *(void **)((char *)obj + c->fp_offset);
}

static void set_free_ptr(struct kmem_cache *c, void *obj, void *next)
{
	*(void **)((char *)obj + c->fp_offset) = next;
}

/* Slabs are buddy blocks, so aligned to their size in pfns. */
static struct page *slab_head(struct kmem_cache *c, struct page *p)
{
	return pfn_to_page(ALIGN_DOWN(page_to_pfn(p), 1UL << c->order));
}

/* Smallest slab order that wastes at most an eighth of the slab. */
static unsigned int slab_order(size_t size)
{
	unsigned int order = get_order(size);

	while (order < SLAB_MAX_ORDER &&
	       (PAGE_SIZE << order) % size > (PAGE_SIZE << order) / 8)
		order++;
	return order;
}

static int cache_setup(struct kmem_cache *c, const char *name, size_t size,
		       size_t align, unsigned int flags, void (*ctor)(void *))
{
	size_t n = strnlen(name, CACHE_NAME_LEN - 1);

	if (!size || size > SLAB_MAX_SIZE ||
	    (align && (!is_power_of_2(align) || align > PAGE_SIZE)))
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	memcpy(c->name, name, n);
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, (size_t)CACHELINE_SIZE);
	align = max(align, SLAB_MIN_ALIGN);
	c->object_size = size;
	c->ctor = ctor;
	if (ctor) {
		c->fp_offset = ALIGN(size, sizeof(void *));
		c->size = ALIGN(c->fp_offset + sizeof(void *), align);
	} else {
		c->size = ALIGN(max(size, sizeof(void *)), align);
	}
	if (c->size > SLAB_MAX_SIZE)
		return -EINVAL;
	c->order = slab_order(c->size);
	c->objs_per_slab = (unsigned int)((PAGE_SIZE << c->order) / c->size);
	spin_lock_init(&c->lock);
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->empty);
	return 0;
}

/* A new slab with every object free (and constructed). */
static struct page *new_slab(struct kmem_cache *c, gfp_t gfp)
{
	struct page *head = alloc_pages(gfp & __GFP_NOWARN, c->order);
	char *base;
	unsigned int i;

	if (!head)
		return NULL;
	for (i = 0; i < 1U << c->order; i++) {
		head[i].flags |= PG_slab;
		head[i].private = c;
	}
	base = page_address(head);
	head->freelist = NULL;
	head->inuse = 0;
	for (i = c->objs_per_slab; i-- > 0; ) {
		void *obj = base + i * c->size;

		if (c->ctor)
			c->ctor(obj);
		set_free_ptr(c, obj, head->freelist);
		head->freelist = obj;
	}
	return head;
}

static void release_slab(struct kmem_cache *c, struct page *head)
{
	unsigned int i;

	for (i = 0; i < 1U << c->order; i++) {
		head[i].flags &= ~PG_slab;
		head[i].private = NULL;
	}
	head->freelist = NULL;
	__free_pages(head, c->order);
}

static void report_grow_failure(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags;
	bool first;

	if (gfp & __GFP_NOWARN)
		return;
	spin_lock_irqsave(&c->lock, flags);
	first = !c->warned;
	c->warned = true;
	spin_unlock_irqrestore(&c->lock, flags);
	if (first)
		pr_warn("slab: cache %s cannot grow: out of memory\n",
			c->name);
}

/* A slab with a free object, or NULL; moves an empty slab to partial. */
static struct page *pick_slab(struct kmem_cache *c)
{
	struct page *slab;

	if (!list_empty(&c->partial))
		return list_first_entry(&c->partial, struct page, lru);
	slab = list_first_entry_or_null(&c->empty, struct page, lru);
	if (slab) {
		list_del(&slab->lru);
		list_add(&slab->lru, &c->partial);
		c->nr_empty--;
	}
	return slab;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags;
	struct page *slab;
	void *obj;

	spin_lock_irqsave(&c->lock, flags);
	slab = pick_slab(c);
	if (!slab) {
		/* Grow without the lock: the buddy and ctor may take time. */
		spin_unlock_irqrestore(&c->lock, flags);
		slab = new_slab(c, gfp);
		if (!slab) {
			report_grow_failure(c, gfp);
			return NULL;
		}
		spin_lock_irqsave(&c->lock, flags);
		list_add(&slab->lru, &c->partial);
		c->nr_slabs++;
		c->warned = false;
	}
	obj = slab->freelist;
	slab->freelist = get_free_ptr(c, obj);
	slab->inuse++;
	c->active_objs++;
	if (slab->inuse == c->objs_per_slab)
		list_move_tail(&slab->lru, &c->full);
	spin_unlock_irqrestore(&c->lock, flags);
	if (gfp & __GFP_ZERO) {
		WARN_ON_ONCE(c->ctor);	/* zeroing undoes the ctor */
		memset(obj, 0, c->object_size);
	}
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *c, gfp_t gfp)
{
	return kmem_cache_alloc(c, gfp | __GFP_ZERO);
}

/* The slab of obj if freeing it into c is right; else why not. Locked. */
static const char *check_free(struct kmem_cache *c, void *obj,
			      struct page **slabp)
{
	struct page *page, *slab;
	unsigned int n;
	size_t off;
	void *p;

	if (!virt_is_ram(obj))
		return "not an address in RAM";
	page = virt_to_page(obj);
	if (!(page->flags & PG_slab) || page->private != c)
		return "not an object of this cache";
	slab = slab_head(c, page);
	off = (size_t)((char *)obj - (char *)page_address(slab));
	if (off % c->size || off / c->size >= c->objs_per_slab)
		return "not the start of an object";
	/* Bounded: a corrupted chain must not hang the kernel. */
	for (p = slab->freelist, n = 0; p && n < c->objs_per_slab;
	     p = get_free_ptr(c, p), n++)
		if (p == obj)
			return "object is already free (double free)";
	*slabp = slab;
	return NULL;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *slab = NULL, *release = NULL;
	unsigned long flags;
	const char *reason;

	if (!obj)
		return;
	spin_lock_irqsave(&c->lock, flags);
	reason = check_free(c, obj, &slab);
	if (reason) {
		slab_bad_frees++;
		spin_unlock_irqrestore(&c->lock, flags);
		pr_warn("WARNING: slab: free of %#lx to cache %s refused: %s\n",
			(unsigned long)(uintptr_t)obj, c->name, reason);
		return;
	}
	set_free_ptr(c, obj, slab->freelist);
	slab->freelist = obj;
	/* A slab that was full goes first: the next alloc reuses obj. */
	if (slab->inuse == c->objs_per_slab) {
		list_del(&slab->lru);
		list_add(&slab->lru, &c->partial);
	}
	slab->inuse--;
	c->active_objs--;
	if (!slab->inuse) {
		list_del(&slab->lru);
		if (c->nr_empty) {
			c->nr_slabs--;
			release = slab;
		} else {
			list_add(&slab->lru, &c->empty);
			c->nr_empty++;
		}
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (release)
		release_slab(c, release);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned int flags,
				     void (*ctor)(void *obj))
{
	struct kmem_cache *c;
	unsigned long irqflags;

	if (WARN_ON(!slab_ready))
		return NULL;
	c = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!c)
		return NULL;
	if (cache_setup(c, name, size, align, flags, ctor)) {
		pr_warn("slab: cache %s: bad size %lu or align %lu\n",
			name, (unsigned long)size, (unsigned long)align);
		kmem_cache_free(&kmem_cache_boot, c);
		return NULL;
	}
	spin_lock_irqsave(&slab_caches_lock, irqflags);
	list_add_tail(&c->node, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, irqflags);
	return c;
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	struct page *slab, *next;
	unsigned long flags;
	LIST_HEAD(empty);

	if (!c)
		return 0;
	spin_lock_irqsave(&c->lock, flags);
	if (c->active_objs) {
		unsigned long n = c->active_objs;

		spin_unlock_irqrestore(&c->lock, flags);
		pr_warn("slab: cache %s not destroyed: %lu objects in use\n",
			c->name, n);
		return -EBUSY;
	}
	/* No object in use: every slab is on the empty list. */
	list_for_each_entry_safe(slab, next, &c->empty, lru)
		list_move_tail(&slab->lru, &empty);
	c->nr_slabs = 0;
	c->nr_empty = 0;
	spin_unlock_irqrestore(&c->lock, flags);
	list_for_each_entry_safe(slab, next, &empty, lru) {
		list_del(&slab->lru);
		release_slab(c, slab);
	}
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&c->node);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	kmem_cache_free(&kmem_cache_boot, c);
	return 0;
}

size_t kmem_cache_size(struct kmem_cache *c)
{
	return c->object_size;
}

void kmem_cache_get_stats(struct kmem_cache *c, struct kmem_cache_stats *s)
{
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	s->name = c->name;
	s->object_size = c->object_size;
	s->active_objs = c->active_objs;
	s->total_objs = c->nr_slabs * c->objs_per_slab;
	s->slabs = c->nr_slabs;
	spin_unlock_irqrestore(&c->lock, flags);
}

/* fn runs with the cache list locked: it must not create or destroy. */
void kmem_cache_for_each(void (*fn)(struct kmem_cache_stats *s, void *arg),
			 void *arg)
{
	struct kmem_cache_stats s;
	struct kmem_cache *c;
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(c, &slab_caches, node) {
		kmem_cache_get_stats(c, &s);
		fn(&s, arg);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

int kmem_cache_init(void)
{
	int err;

	if (slab_ready)
		return -EBUSY;
	err = cache_setup(&kmem_cache_boot, "kmem_cache",
			  sizeof(struct kmem_cache), 0, 0, NULL);
	if (err)
		return err;
	list_add_tail(&kmem_cache_boot.node, &slab_caches);
	slab_ready = true;
	err = kmalloc_caches_init();
	if (err) {
		pr_err("slab: cannot create the kmalloc caches (error %d)\n",
		       err);
		return err;
	}
	return 0;
}
