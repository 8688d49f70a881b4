/*
 * memory.c - guest RAM. All of it is one host memfd that the kernel maps
 * whole at ram_base; guest address spaces will map pages of the same file
 * (ram_fd), so a page frame has one content whoever looks at it. The
 * struct page array (mem_map) sits at the start of RAM itself, and the
 * rest of RAM goes to the buddy allocator.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <os.h>
#include "internal.h"

/* Below this there would be little left once mem_map is carved out. */
#define MIN_RAM_SIZE	(4ULL << 20)

void *ram_base;
u64 ram_size;
int ram_fd = -1;
struct page *mem_map;
unsigned long max_pfn;

#define PAGES_TO_K(n)	((unsigned long)(n) << (PAGE_SHIFT - 10))

/* Lays out mem_map at pfn 0; its own pages are reserved for good. */
static unsigned long memmap_init(unsigned long nr_pages)
{
	unsigned long memmap_pages, pfn;

	memmap_pages = DIV_ROUND_UP(nr_pages * sizeof(struct page), PAGE_SIZE);
	mem_map = ram_base;
	max_pfn = nr_pages;
	memset(mem_map, 0, nr_pages * sizeof(struct page));
	for (pfn = 0; pfn < nr_pages; pfn++) {
		struct page *p = pfn_to_page(pfn);

		INIT_LIST_HEAD(&p->lru);
		if (pfn < memmap_pages) {
			p->flags = PG_reserved;
			p->refcount = 1;
		}
	}
	return memmap_pages;
}

int mem_init(u64 size)
{
	unsigned long nr_pages, memmap_pages;
	void *base;
	int fd, err;

	if (ram_base) {
		pr_err("Memory: mem_init called twice\n");
		return -EBUSY;
	}
	if (os_page_size() != PAGE_SIZE) {
		pr_err("Memory: host page size %lu, umk needs %lu\n",
		       os_page_size(), PAGE_SIZE);
		return -EINVAL;
	}
	size &= PAGE_MASK;
	if (size < MIN_RAM_SIZE) {
		pr_err("Memory: mem=%lluK is too small (at least %lluK)\n",
		       (unsigned long long)size >> 10, MIN_RAM_SIZE >> 10);
		return -EINVAL;
	}
	fd = os_memfd_create("umk-ram", size);
	if (fd < 0) {
		pr_err("Memory: cannot create the %lluK RAM file (error %d)\n",
		       (unsigned long long)size >> 10, fd);
		return fd;
	}
	base = os_map_shared(fd, size, OS_PROT_READ | OS_PROT_WRITE, &err);
	if (!base) {
		pr_err("Memory: cannot map the %lluK RAM file (error %d)\n",
		       (unsigned long long)size >> 10, err);
		os_close(fd);
		return err;
	}
	ram_fd = fd;
	ram_base = base;
	ram_size = size;
	nr_pages = size >> PAGE_SHIFT;
	memmap_pages = memmap_init(nr_pages);
	free_area_init(memmap_pages, nr_pages);

	pr_info("Memory: %lluK RAM in a memfd at %#lx, %lu page frames\n",
		(unsigned long long)size >> 10, (unsigned long)base, nr_pages);
	pr_info("Memory: %luK/%luK available (%luK memmap reserved)\n",
		PAGES_TO_K(nr_free_pages()), PAGES_TO_K(nr_pages),
		PAGES_TO_K(memmap_pages));
	return 0;
}
