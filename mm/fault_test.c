/*
 * fault_test.c - KUnit tests of page faults (demand zero, permissions,
 * inferring the access of an unknown fault), copy-on-write after
 * dup_mm, shared anonymous memory across fork, madvise, and the OOM
 * path (faults return -ENOMEM once RAM is exhausted).
 */
#include <string.h>
#include "vm_test.h"

#define BASE	0x10000000UL
#define P	PAGE_SIZE

static void vm_fault_anon(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	pte_t pte;
	u64 v = 1;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	vm_test_map(mm, BASE + 2 * P, P, PROT_READ, ANON_FIXED);
	vm_test_map(mm, BASE + 3 * P, P, PROT_NONE, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 5, false, false), 0);
	pte = vm_test_pte(mm, BASE);
	KUNIT_EXPECT_TRUE(test, pte_present(pte));
	KUNIT_EXPECT_TRUE(test, pte_write(pte));
	KUNIT_EXPECT_TRUE(test, pte & _PAGE_ANON);
	KUNIT_EXPECT_TRUE(test, pte & _PAGE_NX);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + 8, &v, 8, false), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	/* Read-only memory maps read-only, and refuses writes. */
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 2 * P, false, false),
			0);
	KUNIT_EXPECT_FALSE(test, pte_write(vm_test_pte(mm, BASE + 2 * P)));
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 2 * P, true, false),
			-EACCES);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE, false, true), -EACCES);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 3 * P, false, false),
			-EACCES);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 4 * P, false, false),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, TASK_SIZE, false, false),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, 0, false, false), -EFAULT);
	KUNIT_EXPECT_EQ(test, get_mm_rss(mm), 2);
}

/* With the error code unknown (~0UL) the access is inferred. */
static void vm_fault_infer(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	vm_test_map(mm, BASE + P, P, PROT_READ, ANON_FIXED);
	vm_test_map(mm, BASE + 2 * P, P, PROT_NONE, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE, FAULT_ERROR_UNKNOWN),
			0);
	KUNIT_EXPECT_TRUE(test, pte_write(vm_test_pte(mm, BASE)));
	/* Present with all the VMA allows: a forbidden access. */
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE, FAULT_ERROR_UNKNOWN),
			-EACCES);
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE + P,
						FAULT_ERROR_UNKNOWN), 0);
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE + P,
						FAULT_ERROR_UNKNOWN), -EACCES);
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE + 2 * P,
						FAULT_ERROR_UNKNOWN), -EACCES);
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE + 3 * P,
						FAULT_ERROR_UNKNOWN), -EFAULT);
	/* A known error code is used as it is. */
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE + P, X86_PF_PROT |
						X86_PF_WRITE | X86_PF_USER),
			-EACCES);
}

static void vm_cow_after_fork(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	char buf[8];
	struct page *page;
	pte_t pte;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, "parent", 7, true), 0);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_EXPECT_EQ(test, child->map_count, 1);
	KUNIT_EXPECT_EQ(test, get_mm_counter(child, MM_ANONPAGES), 1);
	pte = vm_test_pte(mm, BASE);
	page = pte_page(pte);
	KUNIT_EXPECT_FALSE(test, pte_write(pte));
	KUNIT_EXPECT_EQ(test, vm_test_pte(child, BASE), pte);
	KUNIT_EXPECT_EQ(test, page->refcount, 2);
	/* The child writes: it gets a copy, the parent keeps its data. */
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE, "child", 6, true), 0);
	KUNIT_EXPECT_NE(test, pte_pfn(vm_test_pte(child, BASE)), pte_pfn(pte));
	KUNIT_EXPECT_EQ(test, page->refcount, 1);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, buf, 7, false), 0);
	KUNIT_EXPECT_STREQ(test, buf, "parent");
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE, buf, 6, false), 0);
	KUNIT_EXPECT_STREQ(test, buf, "child");
	/* The parent is alone now: its write reuses the page. */
	KUNIT_EXPECT_EQ(test, handle_user_fault(mm, BASE, FAULT_ERROR_UNKNOWN),
			0);
	KUNIT_EXPECT_EQ(test, pte_pfn(vm_test_pte(mm, BASE)), pte_pfn(pte));
	KUNIT_EXPECT_TRUE(test, pte_write(vm_test_pte(mm, BASE)));
	/* Untouched memory stays demand-zero in both. */
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE + P, buf, 8, false), 0);
	KUNIT_EXPECT_EQ(test, buf[0] | buf[7], 0);
}

static void vm_shared_anon_fork(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	u32 v = 0x1234, r = 0;

	KUNIT_ASSERT_EQ(test, vm_test_map(mm, BASE, 2 * P, RW, MAP_SHARED |
					  MAP_ANONYMOUS | MAP_FIXED), BASE);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, &v, 4, true), 0);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_EXPECT_TRUE(test, pte_write(vm_test_pte(mm, BASE)));
	KUNIT_EXPECT_EQ(test, get_mm_counter(child, MM_SHMEMPAGES), 1);
	v = 0x5678;
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE, &v, 4, true), 0);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 0x5678);
	/* A page first touched after the fork is shared as well. */
	v = 99;
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE + P, &v, 4, true), 0);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + P, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 99);
	KUNIT_EXPECT_EQ(test, pte_pfn(vm_test_pte(mm, BASE + P)),
			pte_pfn(vm_test_pte(child, BASE + P)));
}

static void vm_madvise(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	unsigned long free_before;
	u32 v = 5, r = 1;
	unsigned long i;

	vm_test_map(mm, BASE, 8 * P, RW, ANON_FIXED);
	free_before = nr_free_pages();
	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + i * P, &v, 4,
						    true), 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 8);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE + 1, P, MADV_DONTNEED),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, P, 999), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, 0, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, 8 * P, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
	/* Every page and page table went back. */
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free_before);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 0);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, 10 * P, MADV_NORMAL),
			-ENOMEM);
	/* Fork flags: the child has no DONTFORK part, a zeroed WIPEONFORK. */
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + 4 * P, &v, 4, true), 0);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, P, MADV_DONTFORK), 0);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE + 4 * P, P, MADV_WIPEONFORK),
			0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 4);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_EXPECT_EQ(test, access_remote(child, BASE, &r, 4, false),
			-EFAULT);
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE + 4 * P, &r, 4, false),
			0);
	KUNIT_EXPECT_EQ(test, r, 0);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + 4 * P, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 5);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, P, MADV_DOFORK), 0);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE + 4 * P, P, MADV_KEEPONFORK),
			0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
}

/* mprotect grants write at once only to pages nobody shares. */
static void vm_mprotect_cow(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	u32 v = 3;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, &v, 4, true), 0);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + P, &v, 4, true), 0);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, 2 * P, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE, &v, 4, true), -EFAULT);
	/* The child lets go of the second page: the parent owns it alone. */
	KUNIT_EXPECT_EQ(test, do_madvise(child, BASE + P, P, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, 2 * P, RW), 0);
	KUNIT_EXPECT_FALSE(test, pte_write(vm_test_pte(mm, BASE)));
	KUNIT_EXPECT_TRUE(test, pte_write(vm_test_pte(mm, BASE + P)));
	/* The shared one is copied on the write. */
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE, &v, 4, true), 0);
	KUNIT_EXPECT_TRUE(test, pte_write(vm_test_pte(mm, BASE)));
}

/* Touches pages of mm, forks it and writes in the child; 0 or -errno. */
static int vm_workload_fork(struct mm_struct *mm)
{
	struct mm_struct *child;
	unsigned long i;
	u32 v = 1;
	int err = 0;

	for (i = 0; i < 16 && !err; i++)
		err = access_remote(mm, BASE + i * P, &v, 4, true);
	if (!err)
		err = access_remote(mm, BASE + 33 * P, &v, 4, true);
	if (err)
		return err;
	child = __dup_mm(mm, false);
	if (!child)
		return -ENOMEM;
	err = access_remote(child, BASE + 3 * P, &v, 4, true);
	if (!err)
		err = access_remote(child, BASE + 34 * P, &v, 4, true);
	mmput(child);
	return err;
}

/* A bit of everything, on an mm of its own; 0 or the first error. */
static int vm_workload(void)
{
	struct mm_struct *mm = __mm_alloc(false);
	unsigned long a;
	int err;

	if (!mm)
		return -ENOMEM;
	a = vm_test_map(mm, BASE, 16 * P, RW, ANON_FIXED);
	if (!IS_ERR_VALUE(a))
		a = vm_test_map(mm, BASE + 32 * P, 4 * P, RW,
				MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED);
	err = IS_ERR_VALUE(a) ? (int)a : vm_workload_fork(mm);
	if (!err) {
		a = do_mremap(mm, BASE, 16 * P, 32 * P, MREMAP_MAYMOVE, 0);
		err = IS_ERR_VALUE(a) ? (int)a : 0;
	}
	if (!err)
		err = vm_munmap(mm, a + 4 * P, 4 * P);
	if (!err)
		err = do_mprotect(mm, a, 2 * P, PROT_READ);
	if (!err)
		err = do_madvise(mm, a + 8 * P, 4 * P, MADV_DONTNEED);
	mmput(mm);
	return err;
}

/* After an mm is gone, every page it used is free again. */
static void vm_no_leak(struct kunit *test)
{
	unsigned long before;

	/* The first run lets the slab caches grow to what it takes. */
	KUNIT_ASSERT_EQ(test, vm_workload(), 0);
	before = nr_free_pages();
	KUNIT_ASSERT_EQ(test, vm_workload(), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
}

static struct kunit_case vm_fault_cases[] = {
	KUNIT_CASE(vm_fault_anon),
	KUNIT_CASE(vm_fault_infer),
	KUNIT_CASE(vm_cow_after_fork),
	KUNIT_CASE(vm_shared_anon_fork),
	KUNIT_CASE(vm_madvise),
	KUNIT_CASE(vm_mprotect_cow),
	KUNIT_CASE(vm_no_leak),
	{}
};

static struct kunit_suite vm_fault_suite = {
	.name = "vm_fault",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_fault_cases,
};

/* Takes every free page; returns them on a list (page->lru). */
static unsigned long exhaust_pages(struct list_head *list)
{
	struct page *p;
	unsigned long n = 0;

	while ((p = alloc_page(__GFP_NOWARN))) {
		list_add(&p->lru, list);
		n++;
	}
	return n;
}

static void release_pages(struct list_head *list)
{
	struct page *p, *next;

	list_for_each_entry_safe(p, next, list, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
}

static void vm_oom_fault_enomem(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	LIST_HEAD(hoard);
	int err_fault, err_user, err_copy;
	u32 v = 1;

	vm_test_map(mm, BASE, 4 * P, RW, ANON_FIXED);
	/* Page tables for BASE exist; the page itself cannot be had. */
	KUNIT_ASSERT_EQ(test, handle_mm_fault(mm, BASE, true, false), 0);
	exhaust_pages(&hoard);
	err_fault = handle_mm_fault(mm, BASE + P, true, false);
	err_user = handle_user_fault(mm, BASE + 2 * P, FAULT_ERROR_UNKNOWN);
	err_copy = access_remote(mm, BASE + 3 * P, &v, 4, true);
	release_pages(&hoard);
	KUNIT_EXPECT_EQ(test, err_fault, -ENOMEM);
	KUNIT_EXPECT_EQ(test, err_user, -ENOMEM);
	KUNIT_EXPECT_EQ(test, err_copy, -EFAULT);
	KUNIT_EXPECT_FALSE(test, pte_present(vm_test_pte(mm, BASE + P)));
	/* Memory is back: the same faults work. */
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + P, true, false), 0);
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE + 3 * P, &v, 4, true), 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 3);
}

/* A COW break without memory fails and leaves both sides intact. */
static void vm_oom_cow(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	LIST_HEAD(hoard);
	u32 v = 7, r = 0;
	int err;

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	access_remote(mm, BASE, &v, 4, true);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	exhaust_pages(&hoard);
	v = 8;
	err = access_remote(child, BASE, &v, 4, true);
	release_pages(&hoard);
	KUNIT_EXPECT_EQ(test, err, -EFAULT);
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 7);
	KUNIT_EXPECT_EQ(test, access_remote(child, BASE, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 7);
}

static struct kunit_case vm_oom_cases[] = {
	KUNIT_CASE(vm_oom_fault_enomem),
	KUNIT_CASE(vm_oom_cow),
	{}
};

static struct kunit_suite vm_oom_suite = {
	.name = "vm_oom",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_oom_cases,
};

kunit_test_suites(&vm_fault_suite, &vm_oom_suite);
