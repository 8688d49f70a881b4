/*
 * slab_test.c - KUnit tests of slab caches and kmalloc: object size and
 * alignment, constructors, many slabs, reuse, refused destroy and double
 * free, kmalloc size classes, kcalloc overflow, krealloc, kstrdup, and
 * allocation failure once the buddy allocator is exhausted. Every case
 * destroys its caches and frees its objects, and checks the counters.
 */
#include <stdint.h>
#include <string.h>
#include <kunit/test.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include "internal.h"

struct find_stats {
	const char *name;
	struct kmem_cache_stats s;
	bool found;
};

static void find_stats_cb(struct kmem_cache_stats *s, void *arg)
{
	struct find_stats *f = arg;

	if (!strcmp(s->name, f->name)) {
		f->s = *s;
		f->found = true;
	}
}

/* Objects in use in the named cache (kmalloc-N caches are not exposed). */
static unsigned long active_in(struct kunit *test, const char *name)
{
	struct find_stats f = { .name = name };

	kmem_cache_for_each(find_stats_cb, &f);
	KUNIT_EXPECT_TRUE_MSG(test, f.found, "cache %s", name);
	return f.s.active_objs;
}

static struct kmem_cache_stats stats_of(struct kmem_cache *c)
{
	struct kmem_cache_stats s;

	kmem_cache_get_stats(c, &s);
	return s;
}

/* Allocates n objects into objs; false (after a failure) if one fails. */
static bool alloc_objs(struct kunit *test, struct kmem_cache *c,
		       void **objs, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!objs[i]) {
			KUNIT_FAIL(test, "object %lu of %lu: NULL", i, n);
			return false;
		}
	}
	return true;
}

/* Frees what alloc_objs() got, so that a failed case leaks nothing. */
static void free_objs(struct kmem_cache *c, void **objs, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		kmem_cache_free(c, objs[i]);
		objs[i] = NULL;
	}
}

struct layout_case {
	size_t size, align;
	unsigned int flags;
	size_t want_align;
};

static const struct layout_case layout_cases[] = {
	{ 1, 0, 0, 8 }, { 24, 0, 0, 8 }, { 24, 16, 0, 16 },
	{ 100, 0, SLAB_HWCACHE_ALIGN, 64 }, { 200, 256, 0, 256 },
	{ 3000, 0, 0, 8 }, { 5000, PAGE_SIZE, 0, PAGE_SIZE },
};

static void layout_desc(const struct layout_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %lu align %lu flags %u",
		 (unsigned long)c->size, (unsigned long)c->align, c->flags);
}
KUNIT_ARRAY_PARAM(layout_cases, layout_cases, layout_desc);

/* Objects are aligned, distinct and do not overlap. */
static void slab_object_layout(struct kunit *test)
{
	const struct layout_case *lc = test->param_value;
	unsigned char *obj[3] = { NULL };
	struct kmem_cache *c;
	unsigned int i;

	c = kmem_cache_create("test_layout", lc->size, lc->align, lc->flags,
			      NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, stats_of(c).object_size, lc->size);
	if (alloc_objs(test, c, (void **)obj, ARRAY_SIZE(obj))) {
		for (i = 0; i < ARRAY_SIZE(obj); i++) {
			KUNIT_EXPECT_EQ(test,
					(uintptr_t)obj[i] % lc->want_align, 0);
			KUNIT_EXPECT_EQ(test, ksize(obj[i]), lc->size);
			memset(obj[i], 0x10 + i, lc->size);
		}
		for (i = 0; i < ARRAY_SIZE(obj); i++) {
			KUNIT_EXPECT_EQ(test, obj[i][0], 0x10 + i);
			KUNIT_EXPECT_EQ(test, obj[i][lc->size - 1], 0x10 + i);
		}
		KUNIT_EXPECT_EQ(test, stats_of(c).active_objs, 3);
	}
	free_objs(c, (void **)obj, ARRAY_SIZE(obj));
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
}

static void slab_create_bad_args(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, kmem_cache_create("bad", 0, 0, 0, NULL));
	KUNIT_EXPECT_NULL(test, kmem_cache_create("bad", 8, 3, 0, NULL));
	KUNIT_EXPECT_NULL(test, kmem_cache_create("bad", 8, 2 * PAGE_SIZE,
						  0, NULL));
	KUNIT_EXPECT_NULL(test, kmem_cache_create("bad", SLAB_MAX_SIZE + 1,
						  0, 0, NULL));
}

#define CTOR_BYTE 0x5a
static unsigned long ctor_calls;

struct ctor_obj {
	unsigned char bytes[40];
};

static void test_ctor(void *p)
{
	memset(p, CTOR_BYTE, sizeof(struct ctor_obj));
	ctor_calls++;
}

static bool all_bytes(const void *p, size_t len, unsigned char v)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != v)
			return false;
	return true;
}

/* The ctor runs once per object per slab; free objects stay constructed. */
static void slab_ctor(struct kunit *test)
{
	unsigned long per_slab, i;
	struct kmem_cache *c;
	void **objs;

	objs = kunit_kzalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	c = kmem_cache_create("test_ctor", sizeof(struct ctor_obj), 0, 0,
			      test_ctor);
	KUNIT_ASSERT_NOT_NULL(test, c);
	ctor_calls = 0;
	if (!alloc_objs(test, c, objs, 1))
		goto out;
	per_slab = stats_of(c).total_objs;
	KUNIT_EXPECT_EQ(test, ctor_calls, per_slab);
	if (per_slab > 2 * PAGE_SIZE / sizeof(void *)) {
		KUNIT_FAIL(test, "%lu objects per slab", per_slab);
		goto out;
	}
	if (!alloc_objs(test, c, objs + 1, per_slab - 1))
		goto out;
	for (i = 0; i < per_slab; i++)
		KUNIT_EXPECT_TRUE(test, all_bytes(objs[i],
						  sizeof(struct ctor_obj),
						  CTOR_BYTE));
	free_objs(c, objs, per_slab);
	/* Reallocated from the kept empty slab: no new ctor, intact bytes. */
	if (!alloc_objs(test, c, objs, per_slab))
		goto out;
	for (i = 0; i < per_slab; i++)
		KUNIT_EXPECT_TRUE(test, all_bytes(objs[i],
						  sizeof(struct ctor_obj),
						  CTOR_BYTE));
	KUNIT_EXPECT_EQ(test, ctor_calls, per_slab);
out:
	free_objs(c, objs, 2 * PAGE_SIZE / sizeof(void *));
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
}

/* Several slabs fill up, then all but one go back to the buddy. */
static void slab_many_objects(struct kunit *test)
{
	unsigned long per_slab, n, i, free0, pages_per_slab;
	const unsigned long max = 4 * PAGE_SIZE / sizeof(void *);
	struct kmem_cache_stats s;
	struct kmem_cache *c;
	unsigned long **objs;

	objs = kunit_kzalloc(test, 4 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	c = kmem_cache_create("test_many", 256, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	free0 = nr_free_pages();
	if (!alloc_objs(test, c, (void **)objs, 1))
		goto out;
	per_slab = stats_of(c).total_objs;
	pages_per_slab = free0 - nr_free_pages();
	KUNIT_EXPECT_GE(test, pages_per_slab, 1);
	n = 5 * per_slab + 3;
	if (n > max) {
		KUNIT_FAIL(test, "%lu objects per slab", per_slab);
		goto out;
	}
	if (!alloc_objs(test, c, (void **)objs + 1, n - 1))
		goto out;
	for (i = 0; i < n; i++)
		*objs[i] = i;
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, *objs[i], i);
	s = stats_of(c);
	KUNIT_EXPECT_EQ(test, s.active_objs, n);
	KUNIT_EXPECT_EQ(test, s.slabs, 6);
	KUNIT_EXPECT_EQ(test, s.total_objs, 6 * per_slab);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - 6 * pages_per_slab);
	free_objs(c, (void **)objs, n);
	s = stats_of(c);
	KUNIT_EXPECT_EQ(test, s.active_objs, 0);
	KUNIT_EXPECT_EQ(test, s.slabs, 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - pages_per_slab);
out:
	free_objs(c, (void **)objs, max);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
}

static void slab_reuse_after_free(struct kunit *test)
{
	struct kmem_cache *c;
	void *a, *b;

	c = kmem_cache_create("test_reuse", 64, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	kmem_cache_free(c, b);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
}

static void slab_destroy_busy(struct kunit *test)
{
	struct kmem_cache *c;
	void *a, *b;

	c = kmem_cache_create("test_busy", 32, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), -EBUSY);
	/* Still a working cache. */
	b = kmem_cache_zalloc(c, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, b);
	if (b)
		KUNIT_EXPECT_TRUE(test, all_bytes(b, 32, 0));
	kmem_cache_free(c, a);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), -EBUSY);
	kmem_cache_free(c, b);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(NULL), 0);
}

static void slab_double_free(struct kunit *test)
{
	unsigned long bad = slab_bad_frees;
	struct kmem_cache *c, *other;
	char *a, *b, *x;
	static int not_ram;

	c = kmem_cache_create("test_dfree", 48, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	other = kmem_cache_create("test_other", 48, 0, 0, NULL);
	if (!other)
		kmem_cache_destroy(c);
	KUNIT_ASSERT_NOT_NULL(test, other);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	x = kmem_cache_alloc(other, GFP_KERNEL);
	if (!a || !b || !x) {
		KUNIT_FAIL(test, "allocation failed");
		goto out;
	}
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_free(c, a);		/* double, a is not first free */
	kmem_cache_free(c, x);		/* other cache */
	kmem_cache_free(other, x + 1);	/* inside an object */
	kmem_cache_free(c, &not_ram);	/* not RAM */
	kfree(x + 1);
	KUNIT_EXPECT_EQ(test, slab_bad_frees, bad + 5);
	KUNIT_EXPECT_EQ(test, stats_of(c).active_objs, 0);
	KUNIT_EXPECT_EQ(test, stats_of(other).active_objs, 1);
	/* Listed twice, a would now be handed out twice. */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	kfree(x);			/* kfree takes any slab object */
	x = NULL;
out:
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_free(other, x);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(other), 0);
}

struct kmalloc_case {
	size_t size, ksize;
};

static const struct kmalloc_case kmalloc_cases[] = {
	{ 0, 8 }, { 1, 8 }, { 8, 8 }, { 9, 16 }, { 17, 32 }, { 100, 128 },
	{ 128, 128 }, { 1000, 1024 }, { 2048, 2048 }, { 2049, PAGE_SIZE },
	{ PAGE_SIZE, PAGE_SIZE }, { PAGE_SIZE + 1, 2 * PAGE_SIZE },
	{ 10000, 4 * PAGE_SIZE }, { 65536, 16 * PAGE_SIZE },
};

static void kmalloc_desc(const struct kmalloc_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %lu",
		 (unsigned long)c->size);
}
KUNIT_ARRAY_PARAM(kmalloc_cases, kmalloc_cases, kmalloc_desc);

/* Slab classes are naturally aligned; bigger sizes get whole blocks. */
static void kmalloc_size_classes(struct kunit *test)
{
	const struct kmalloc_case *kc = test->param_value;
	bool slab = kc->ksize < PAGE_SIZE;
	unsigned long active = 0, free0 = nr_free_pages();
	char name[32];
	void *p;

	snprintf(name, sizeof(name), "kmalloc-%lu", (unsigned long)kc->ksize);
	if (slab)
		active = active_in(test, name);
	p = kmalloc(kc->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ksize(p), kc->ksize);
	KUNIT_EXPECT_EQ(test, (uintptr_t)p % (slab ? kc->ksize : PAGE_SIZE),
			0);
	memset(p, 0xab, kc->ksize);
	if (slab) {
		KUNIT_EXPECT_EQ(test, active_in(test, name), active + 1);
	} else {
		KUNIT_EXPECT_EQ(test, virt_to_page(p)->order,
				get_order(kc->size));
		KUNIT_EXPECT_EQ(test, nr_free_pages(),
				free0 - kc->ksize / PAGE_SIZE);
	}
	kfree(p);
	if (slab)
		KUNIT_EXPECT_EQ(test, active_in(test, name), active);
	else
		KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
}

static void kmalloc_zeroing(struct kunit *test)
{
	char *a, *b;

	a = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	memset(a, 0xff, 64);
	kfree(a);
	b = kzalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_TRUE(test, all_bytes(b, 64, 0));
	kfree(b);
}

static void kcalloc_overflow(struct kunit *test)
{
	unsigned long *p;

	KUNIT_EXPECT_NULL(test, kcalloc(SIZE_MAX / 2, 3, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kcalloc(SIZE_MAX, SIZE_MAX, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kcalloc((SIZE_MAX >> 3) + 2, 8, __GFP_NOWARN));
	p = kcalloc(10, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, all_bytes(p, 10 * sizeof(*p), 0));
	KUNIT_EXPECT_GE(test, ksize(p), 10 * sizeof(*p));
	kfree(p);
}

static void krealloc_grow(struct kunit *test)
{
	static const char text[] = "0123456789abcde";
	unsigned long active16 = active_in(test, "kmalloc-16");
	char *p, *q;

	p = kmalloc(sizeof(text), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, text, sizeof(text));
	q = krealloc(p, 100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_GE(test, ksize(q), 100);
	KUNIT_EXPECT_STREQ(test, q, text);
	p = krealloc(q, 3 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ksize(p), 4 * PAGE_SIZE);
	KUNIT_EXPECT_STREQ(test, p, text);
	q = krealloc(p, 10, GFP_KERNEL);	/* shrinks in place */
	KUNIT_EXPECT_PTR_EQ(test, p, q);
	KUNIT_EXPECT_NULL(test, krealloc(q, 0, GFP_KERNEL));	/* frees */
	p = krealloc(NULL, 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ksize(p), 16);
	KUNIT_EXPECT_EQ(test, active_in(test, "kmalloc-16"), active16 + 1);
	kfree(p);
	KUNIT_EXPECT_EQ(test, active_in(test, "kmalloc-16"), active16);
}

static void kfree_null(struct kunit *test)
{
	unsigned long bad = slab_bad_frees, free0 = nr_free_pages();

	kfree(NULL);
	KUNIT_EXPECT_EQ(test, ksize(NULL), 0);
	KUNIT_EXPECT_EQ(test, slab_bad_frees, bad);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
}

static void kstrdup_copies(struct kunit *test)
{
	static const char s[] = "umk: a kernel in a process";
	char *d;

	d = kstrdup(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_PTR_NE(test, d, s);
	KUNIT_EXPECT_STREQ(test, d, s);
	KUNIT_EXPECT_GE(test, ksize(d), sizeof(s));
	kfree(d);
	KUNIT_EXPECT_NULL(test, kstrdup(NULL, GFP_KERNEL));
}

/* With the buddy allocator dry, caches that must grow return NULL. */
static void slab_exhaustion(struct kunit *test)
{
	unsigned long free0;
	struct kmem_cache *c;
	struct page *p, *n;
	int order;
	void *obj;
	LIST_HEAD(pages);

	c = kmem_cache_create("test_exhaust", 128, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	free0 = nr_free_pages();
	for (order = MAX_ORDER; order >= 0; order--)
		while ((p = alloc_pages(__GFP_NOWARN, order)))
			list_add_tail(&p->lru, &pages);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), 0);
	KUNIT_EXPECT_NULL(test, kmem_cache_alloc(c, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kmem_cache_zalloc(c, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kmalloc(3 * PAGE_SIZE, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kmalloc(SIZE_MAX, __GFP_NOWARN));
	KUNIT_EXPECT_EQ(test, stats_of(c).slabs, 0);
	list_for_each_entry_safe(p, n, &pages, lru) {
		list_del(&p->lru);
		__free_pages(p, p->order);
	}
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	kmem_cache_free(c, obj);
	KUNIT_EXPECT_EQ(test, kmem_cache_destroy(c), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
}

static struct kunit_case slab_cases[] = {
	KUNIT_CASE_PARAM(slab_object_layout, layout_cases_gen_params),
	KUNIT_CASE(slab_create_bad_args),
	KUNIT_CASE(slab_ctor),
	KUNIT_CASE(slab_many_objects),
	KUNIT_CASE(slab_reuse_after_free),
	KUNIT_CASE(slab_destroy_busy),
	KUNIT_CASE(slab_double_free),
	KUNIT_CASE_PARAM(kmalloc_size_classes, kmalloc_cases_gen_params),
	KUNIT_CASE(kmalloc_zeroing),
	KUNIT_CASE(kcalloc_overflow),
	KUNIT_CASE(krealloc_grow),
	KUNIT_CASE(kfree_null),
	KUNIT_CASE(kstrdup_copies),
	KUNIT_CASE(slab_exhaustion),
	{}
};

static struct kunit_suite slab_suite = {
	.name = "slab",
	.test_cases = slab_cases,
};
kunit_test_suite(slab_suite);
