// SPDX-License-Identifier: GPL-2.0
/*
 * resource.c - test objects and the memory a case allocates through
 * kunit_kmalloc()/kunit_kzalloc(): each block carries a list node on the
 * test's resource list, and the runner frees whatever is left when the
 * case (and its exit hook) is over, even if the case ended in an ASSERT.
 */
#include <umk/slab.h>
#include "internal.h"

/* Sits right before the caller's block; keeps its 16-byte alignment. */
struct kunit_alloc {
	struct list_head node;
} __aligned(16);

void kunit_init_test(struct kunit *test, const char *name)
{
	memset(test, 0, sizeof(*test));
	test->name = name;
	test->status = KUNIT_SUCCESS;
	INIT_LIST_HEAD(&test->resources);
}

void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	struct kunit_alloc *a;

	if (size > SIZE_MAX - sizeof(*a))
		return NULL;
	a = kmalloc(sizeof(*a) + size, gfp);
	if (!a)
		return NULL;
	list_add_tail(&a->node, &test->resources);
	return a + 1;
}

void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void *p = kunit_kmalloc(test, size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

void kunit_kfree(struct kunit *test, const void *p)
{
	struct kunit_alloc *a;

	if (!p)
		return;
	/* Look it up rather than trust p: a bad pointer is a test bug. */
	list_for_each_entry(a, &test->resources, node) {
		if (a + 1 == p) {
			list_del(&a->node);
			kfree(a);
			return;
		}
	}
	KUNIT_FAIL(test, "kunit_kfree: %p was not allocated by this test "
		   "or was freed already", p);
}

void kunit_cleanup(struct kunit *test)
{
	struct kunit_alloc *a, *next;

	list_for_each_entry_safe(a, next, &test->resources, node) {
		list_del(&a->node);
		kfree(a);
	}
}
