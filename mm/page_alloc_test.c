/*
 * page_alloc_test.c - KUnit tests of the buddy allocator: every order,
 * alignment, coalescing, exhaustion, fragmentation, __GFP_ZERO, refused
 * double and bad frees, get_order. Each case checks that it leaves the
 * free lists exactly as it found them; allocated pages are chained
 * through page->lru so that no page content is touched needlessly.
 */
#include <stdint.h>
#include <string.h>
#include <kunit/test.h>
#include <umk/mm.h>
#include "internal.h"

struct buddy_state {
	unsigned long free;
	unsigned long blocks[MAX_ORDER + 1];
};

static void buddy_state_get(struct buddy_state *s)
{
	unsigned int o;

	s->free = nr_free_pages();
	for (o = 0; o <= MAX_ORDER; o++)
		s->blocks[o] = nr_free_blocks(o);
}

static void expect_buddy_state(struct kunit *test, const struct buddy_state *s)
{
	struct buddy_state now;
	unsigned int o;

	buddy_state_get(&now);
	KUNIT_EXPECT_EQ(test, now.free, s->free);
	for (o = 0; o <= MAX_ORDER; o++)
		KUNIT_EXPECT_EQ_MSG(test, now.blocks[o], s->blocks[o],
				    "free blocks of order %u", o);
}

static void free_list(struct list_head *pages)
{
	struct page *p, *n;

	list_for_each_entry_safe(p, n, pages, lru) {
		list_del(&p->lru);
		__free_pages(p, p->order);
	}
}

/* Is there a free block that an allocation of order can use? */
static bool have_block(unsigned int order)
{
	for (; order <= MAX_ORDER; order++)
		if (nr_free_blocks(order))
			return true;
	return false;
}

/* Allocates order-0 pages until none is left; returns how many. */
static unsigned long take_all_pages(struct list_head *pages)
{
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_pages(__GFP_NOWARN, 0))) {
		list_add_tail(&p->lru, pages);
		n++;
	}
	return n;
}

static const unsigned int orders[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
};

/* Orders 0..MAX_ORDER (the table ends past the largest MAX_ORDER). */
static const void *order_gen_params(const void *prev, char *desc)
{
	const unsigned int *next = prev ? (const unsigned int *)prev + 1 :
					  orders;

	BUILD_BUG_ON(MAX_ORDER + 1 >= ARRAY_SIZE(orders));
	if (*next > MAX_ORDER)
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "order %u", *next);
	return next;
}

static void page_alloc_every_order(struct kunit *test)
{
	unsigned int order = *(const unsigned int *)test->param_value;
	unsigned long npages = 1UL << order;
	struct buddy_state before;
	struct page *p;
	char *addr;

	if (!have_block(order))
		kunit_skip(test, "RAM holds no free block of order %u", order);
	buddy_state_get(&before);
	p = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before.free - npages);
	KUNIT_EXPECT_TRUE(test, p->flags & PG_head);
	KUNIT_EXPECT_EQ(test, p->order, order);
	KUNIT_EXPECT_EQ(test, page_to_pfn(p) % npages, 0);
	addr = page_address(p);
	KUNIT_EXPECT_TRUE(test, virt_is_ram(addr + (PAGE_SIZE << order) - 1));
	addr[0] = 1;
	addr[(PAGE_SIZE << order) - 1] = 2;
	__free_pages(p, order);
	expect_buddy_state(test, &before);
}

/*
 * Blocks of every order at once, after a stray page split the lists.
 * Whatever a case holds is on a list, so a failure still frees it all.
 */
static void page_alloc_alignment(struct kunit *test)
{
	struct buddy_state before;
	struct page *p;
	unsigned int o;
	LIST_HEAD(pages);

	/* Orders below MAX_ORDER add up to less than one more block. */
	if (nr_free_blocks(MAX_ORDER) < 2)
		kunit_skip(test, "RAM too small for a block of each order");
	buddy_state_get(&before);
	p = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	list_add_tail(&p->lru, &pages);
	for (o = 0; o <= MAX_ORDER; o++) {
		p = alloc_pages(GFP_KERNEL, o);
		if (!p) {
			KUNIT_FAIL(test, "no block of order %u", o);
			break;
		}
		list_add_tail(&p->lru, &pages);
		KUNIT_EXPECT_EQ_MSG(test, page_to_pfn(p) % (1UL << o), 0,
				    "order %u", o);
		KUNIT_EXPECT_EQ_MSG(test, virt_to_phys(page_address(p)) %
				    (PAGE_SIZE << o), 0, "order %u", o);
	}
	free_list(&pages);
	expect_buddy_state(test, &before);
}

/* Pages freed in a scattered order merge back into the same blocks. */
static void page_alloc_coalesce(struct kunit *test)
{
	unsigned long i, n = min(1UL << MAX_ORDER, nr_free_pages() / 2);
	struct buddy_state before;
	struct page *p, *next;
	LIST_HEAD(pages);

	buddy_state_get(&before);
	for (i = 0; i < n; i++) {
		p = alloc_page(GFP_KERNEL);
		if (!p)
			break;
		list_add_tail(&p->lru, &pages);
	}
	KUNIT_EXPECT_EQ(test, i, n);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before.free - i);
	/* Odd pfns first, then even ones: no page finds its buddy at once. */
	list_for_each_entry_safe(p, next, &pages, lru) {
		if (page_to_pfn(p) & 1) {
			list_del(&p->lru);
			__free_page(p);
		}
	}
	free_list(&pages);
	expect_buddy_state(test, &before);
}

static void page_alloc_exhaustion(struct kunit *test)
{
	struct buddy_state before;
	unsigned long got;
	unsigned int o;
	LIST_HEAD(pages);

	buddy_state_get(&before);
	got = take_all_pages(&pages);
	KUNIT_EXPECT_EQ(test, got, before.free);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), 0);
	for (o = 0; o <= MAX_ORDER; o++)
		KUNIT_EXPECT_EQ(test, nr_free_blocks(o), 0);
	KUNIT_EXPECT_NULL(test, alloc_pages(__GFP_NOWARN, 0));
	KUNIT_EXPECT_NULL(test, __get_free_pages(__GFP_NOWARN, 1));
	free_list(&pages);
	expect_buddy_state(test, &before);
}

/* Every other page free: plenty of memory, yet no order-1 block. */
static void page_alloc_fragmentation(struct kunit *test)
{
	struct buddy_state before;
	unsigned long got, freed = 0;
	struct page *p, *next;
	unsigned int i, o;
	LIST_HEAD(pages);

	buddy_state_get(&before);
	got = take_all_pages(&pages);
	KUNIT_EXPECT_EQ(test, got, before.free);
	list_for_each_entry_safe(p, next, &pages, lru) {
		if (!(page_to_pfn(p) & 1)) {
			list_del(&p->lru);
			__free_page(p);
			freed++;
		}
	}
	KUNIT_EXPECT_GT(test, freed, got / 3);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), freed);
	KUNIT_EXPECT_EQ(test, nr_free_blocks(0), freed);
	for (o = 1; o <= MAX_ORDER; o++) {
		KUNIT_EXPECT_EQ(test, nr_free_blocks(o), 0);
		KUNIT_EXPECT_NULL(test, alloc_pages(__GFP_NOWARN, o));
	}
	for (i = 0; i < 4; i++) {
		p = alloc_pages(__GFP_NOWARN, 0);
		KUNIT_EXPECT_NOT_NULL(test, p);
		if (p)
			list_add_tail(&p->lru, &pages);
	}
	free_list(&pages);
	expect_buddy_state(test, &before);
}

static bool all_bytes(const unsigned char *p, size_t len, unsigned char v)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* With every block of the order taken, b can only be the dirty a. */
static void page_alloc_gfp_zero(struct kunit *test)
{
	unsigned int order = *(const unsigned int *)test->param_value;
	size_t len = PAGE_SIZE << order;
	struct buddy_state before;
	struct page *a, *b;
	LIST_HEAD(pages);

	buddy_state_get(&before);
	while ((a = alloc_pages(__GFP_NOWARN, order)))
		list_add_tail(&a->lru, &pages);
	KUNIT_ASSERT_FALSE(test, list_empty(&pages));
	a = list_first_entry(&pages, struct page, lru);
	list_del(&a->lru);
	memset(page_address(a), 0xa5, len);
	__free_pages(a, order);
	b = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	if (b) {
		KUNIT_EXPECT_TRUE(test, all_bytes(page_address(b), len, 0));
		list_add_tail(&b->lru, &pages);
	}
	free_list(&pages);
	expect_buddy_state(test, &before);
}

static const unsigned int zero_orders[] = { 0, 1, 3 };

static void order_desc(const unsigned int *o, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "order %u", *o);
}
KUNIT_ARRAY_PARAM(zero_orders, zero_orders, order_desc);

static void page_alloc_double_free(struct kunit *test)
{
	unsigned long bad = page_alloc_bad_frees;
	struct buddy_state before, after_free;
	struct page *p, *a, *b;

	buddy_state_get(&before);
	p = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	__free_page(p);
	buddy_state_get(&after_free);
	__free_page(p);
	KUNIT_EXPECT_EQ(test, page_alloc_bad_frees, bad + 1);
	expect_buddy_state(test, &after_free);
	/* Listed twice, the page would now be handed out twice. */
	a = alloc_page(GFP_KERNEL);
	b = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_NOT_NULL(test, b);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	if (b)
		__free_page(b);
	if (a)
		__free_page(a);
	expect_buddy_state(test, &before);
}

static void page_alloc_bad_free(struct kunit *test)
{
	unsigned long bad = page_alloc_bad_frees;
	struct buddy_state before, held;
	struct page *p;
	static int not_ram;

	buddy_state_get(&before);
	p = alloc_pages(GFP_KERNEL, 2);
	KUNIT_ASSERT_NOT_NULL(test, p);
	buddy_state_get(&held);
	__free_pages(p, 1);			/* wrong order */
	__free_pages(p + 1, 0);			/* not the head */
	__free_pages(pfn_to_page(0), 0);	/* mem_map's own page */
	free_pages(&not_ram, 0);		/* not RAM */
	free_pages((char *)page_address(p) + 8, 2);	/* misaligned */
	KUNIT_EXPECT_EQ(test, page_alloc_bad_frees, bad + 5);
	expect_buddy_state(test, &held);
	KUNIT_EXPECT_TRUE(test, p->flags & PG_head);
	__free_pages(p, 2);
	expect_buddy_state(test, &before);
	KUNIT_EXPECT_NULL(test, alloc_pages(__GFP_NOWARN, MAX_ORDER + 1));
	expect_buddy_state(test, &before);
}

struct order_case {
	size_t size;
	unsigned int order;
};

static const struct order_case order_cases[] = {
	{ 0, 0 }, { 1, 0 }, { PAGE_SIZE, 0 }, { PAGE_SIZE + 1, 1 },
	{ 2 * PAGE_SIZE, 1 }, { 2 * PAGE_SIZE + 1, 2 }, { 3 * PAGE_SIZE, 2 },
	{ PAGE_SIZE << 10, 10 }, { (PAGE_SIZE << 10) + 1, 11 },
};

static void order_case_desc(const struct order_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %lu",
		 (unsigned long)c->size);
}
KUNIT_ARRAY_PARAM(order_cases, order_cases, order_case_desc);

static void page_alloc_get_order(struct kunit *test)
{
	const struct order_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, get_order(c->size), c->order);
}

static struct kunit_case page_alloc_cases[] = {
	KUNIT_CASE_PARAM(page_alloc_every_order, order_gen_params),
	KUNIT_CASE(page_alloc_alignment),
	KUNIT_CASE(page_alloc_coalesce),
	KUNIT_CASE(page_alloc_exhaustion),
	KUNIT_CASE(page_alloc_fragmentation),
	KUNIT_CASE_PARAM(page_alloc_gfp_zero, zero_orders_gen_params),
	KUNIT_CASE(page_alloc_double_free),
	KUNIT_CASE(page_alloc_bad_free),
	KUNIT_CASE_PARAM(page_alloc_get_order, order_cases_gen_params),
	{}
};

static struct kunit_suite page_alloc_suite = {
	.name = "page_alloc",
	.test_cases = page_alloc_cases,
};
kunit_test_suite(page_alloc_suite);
