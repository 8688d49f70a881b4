/*
 * mm.h - guest RAM and the page frame (buddy) allocator. All memory the
 * kernel hands out for anything a guest can grow comes from here.
 */
#ifndef UMK_MM_H
#define UMK_MM_H

#include <umk/types.h>
#include <umk/list.h>

struct address_space;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	ALIGN(x, PAGE_SIZE)
#define MAX_ORDER	CONFIG_MAX_ORDER	/* orders 0 .. MAX_ORDER */

/* gfp flags */
#define __GFP_ZERO	0x1u	/* zero the pages */
#define __GFP_NOWARN	0x2u	/* do not log a failure */
#define GFP_KERNEL	0x0u
#define GFP_ATOMIC	0x0u	/* no difference on UP without reclaim */

/* One per page frame of guest RAM. */
struct page {
	unsigned long flags;
	struct list_head lru;	/* free list link, or owner's list */
	unsigned int order;	/* for a free or allocated block head */
	int refcount;
	void *private;		/* owner's data (slab: its kmem_cache) */
	void *freelist;		/* slab: first free object */
	unsigned int inuse;	/* slab: objects in use */
	struct address_space *mapping;	/* page cache: the file's, or NULL */
	u64 index;		/* page cache: page offset in the file */
};

#define PG_buddy	0x1UL	/* head of a free buddy block */
#define PG_reserved	0x2UL	/* never allocated (memmap itself) */
#define PG_slab		0x4UL	/* belongs to a slab cache */
#define PG_head		0x8UL	/* head of an allocated block */

/* Guest RAM as mapped in the kernel: [ram_base, ram_base + ram_size). */
extern void *ram_base;
extern u64 ram_size;
extern int ram_fd;		/* the RAM memfd, for mapping into guests */
extern struct page *mem_map;
extern unsigned long max_pfn;

/* mm/memory.c: map the RAM file (a memfd) and build mem_map. */
int mem_init(u64 size);

static inline unsigned long page_to_pfn(const struct page *p)
{
	return (unsigned long)(p - mem_map);
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}
static inline void *page_address(const struct page *p)
{
	return (char *)ram_base + (page_to_pfn(p) << PAGE_SHIFT);
}
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(((const char *)addr - (const char *)ram_base)
			   >> PAGE_SHIFT);
}
static inline phys_addr_t virt_to_phys(const void *addr)
{
	return (phys_addr_t)((const char *)addr - (const char *)ram_base);
}
static inline void *phys_to_virt(phys_addr_t pa)
{
	return (char *)ram_base + pa;
}
static inline bool virt_is_ram(const void *addr)
{
	return (const char *)addr >= (const char *)ram_base &&
	       (const char *)addr < (const char *)ram_base + ram_size;
}

/* Buddy allocator. NULL on failure (logged unless __GFP_NOWARN). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp) { return alloc_pages(gfp, 0); }
static inline void __free_page(struct page *p) { __free_pages(p, 0); }
void *__get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(void *addr, unsigned int order);
static inline void *get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}
static inline void free_page(void *addr) { free_pages(addr, 0); }

/* Smallest order whose block holds size bytes. */
unsigned int get_order(size_t size);

/* Counters (pages). */
unsigned long totalram_pages(void);
unsigned long nr_free_pages(void);
/* Free blocks per order, for /proc/buddyinfo and tests. */
unsigned long nr_free_blocks(unsigned int order);

#endif
