/*
 * vma_test.c - KUnit tests of the VMA set (insert, find, merge, split,
 * many VMAs through the AVL tree) and of the page tables (set, clear,
 * walk, freeing empty tables).
 */
#include "vm_test.h"

#define BASE	0x10000000UL
#define P	PAGE_SIZE

static void vm_vma_insert_find(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct vm_area_struct *vma;

	KUNIT_ASSERT_EQ(test, vm_test_map(mm, BASE, 2 * P, PROT_READ,
					  ANON_FIXED), BASE);
	KUNIT_ASSERT_EQ(test, vm_test_map(mm, BASE + 4 * P, P, RW,
					  ANON_FIXED), BASE + 4 * P);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	vma = find_vma(mm, BASE + P);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_start, BASE);
	KUNIT_EXPECT_EQ(test, vma->vm_end, BASE + 2 * P);
	KUNIT_EXPECT_EQ(test, vma->vm_flags & VM_ACCESS_FLAGS, VM_READ);
	/* In the hole: the VMA above it. */
	vma = find_vma(mm, BASE + 2 * P);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_start, BASE + 4 * P);
	KUNIT_EXPECT_NULL(test, find_vma(mm, BASE + 5 * P));
	KUNIT_EXPECT_NULL(test, find_vma_intersection(mm, BASE + 2 * P,
						       BASE + 4 * P));
	KUNIT_EXPECT_NOT_NULL(test, find_vma_intersection(mm, BASE + 3 * P,
							   BASE + 5 * P));
	KUNIT_EXPECT_EQ(test, mm->total_vm, 3);
	KUNIT_EXPECT_EQ(test, mm->data_vm, 1);
}

static void vm_vma_merge(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct vm_area_struct *vma;

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	vm_test_map(mm, BASE + 2 * P, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	/* Filling the hole joins all three. */
	vm_test_map(mm, BASE + P, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
	vma = find_vma(mm, BASE);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_end, BASE + 3 * P);
	/* Different protection: no merge. */
	vm_test_map(mm, BASE + 3 * P, P, PROT_READ, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	/* mprotect to the same flags merges again. */
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE + 3 * P, P, RW), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
	KUNIT_EXPECT_EQ(test, mm->total_vm, 4);
}

static void vm_vma_split(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct vm_area_struct *lo, *hi;

	vm_test_map(mm, BASE, 4 * P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, vm_munmap(mm, BASE + P, 2 * P), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	lo = find_vma(mm, BASE);
	hi = find_vma(mm, BASE + P);
	KUNIT_ASSERT_NOT_NULL(test, lo);
	KUNIT_ASSERT_NOT_NULL(test, hi);
	KUNIT_EXPECT_EQ(test, lo->vm_start, BASE);
	KUNIT_EXPECT_EQ(test, lo->vm_end, BASE + P);
	KUNIT_EXPECT_EQ(test, hi->vm_start, BASE + 3 * P);
	KUNIT_EXPECT_EQ(test, hi->vm_end, BASE + 4 * P);
	KUNIT_EXPECT_EQ(test, mm->total_vm, 2);
	/* mprotect of the middle of a VMA makes three. */
	vm_test_map(mm, BASE + P, 2 * P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE + P, P, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 3);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE + P)->vm_end, BASE + 2 * P);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE + 2 * P)->vm_start,
			BASE + 2 * P);
}

/* Many VMAs in a scrambled order: the tree and the list must agree. */
static void vm_vma_many(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct vm_area_struct *vma, *prev = NULL;
	const unsigned long n = 300;
	unsigned long i, k;
	int count = 0;

	for (i = 0; i < n; i++) {
		k = (i * 7919) % n;	/* a permutation of 0..n-1 */
		/* Alternate protections so that nothing merges. */
		KUNIT_ASSERT_EQ(test, vm_test_map(mm, BASE + 2 * k * P, P,
						  k & 1 ? RW : PROT_READ,
						  ANON_FIXED),
				BASE + 2 * k * P);
	}
	KUNIT_EXPECT_EQ(test, mm->map_count, (int)n);
	for_each_vma(mm, vma) {
		if (prev)
			KUNIT_EXPECT_LT(test, prev->vm_end, vma->vm_start);
		prev = vma;
		count++;
	}
	KUNIT_EXPECT_EQ(test, count, (int)n);
	for (k = 0; k < n; k++) {
		vma = find_vma(mm, BASE + 2 * k * P + 100);
		KUNIT_ASSERT_NOT_NULL(test, vma);
		KUNIT_EXPECT_EQ(test, vma->vm_start, BASE + 2 * k * P);
		vma = find_vma(mm, BASE + (2 * k + 1) * P);
		if (k + 1 < n) {
			KUNIT_ASSERT_NOT_NULL(test, vma);
			KUNIT_EXPECT_EQ(test, vma->vm_start,
					BASE + 2 * (k + 1) * P);
		} else {
			KUNIT_EXPECT_NULL(test, vma);
		}
	}
	/* An AVL tree of n nodes is at most ~1.44 log2(n) high. */
	KUNIT_EXPECT_LE(test, mm->vma_root->vm_height, 12);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE, 2 * n * P), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 0);
	KUNIT_EXPECT_NULL(test, mm->vma_root);
	KUNIT_EXPECT_EQ(test, mm->total_vm, 0);
}

static struct kunit_case vm_vma_cases[] = {
	KUNIT_CASE(vm_vma_insert_find),
	KUNIT_CASE(vm_vma_merge),
	KUNIT_CASE(vm_vma_split),
	KUNIT_CASE(vm_vma_many),
	{}
};

static struct kunit_suite vm_vma_suite = {
	.name = "vm_vma",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_vma_cases,
};

static void vm_pgtable_set_clear(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long addr = 0x7f1234567000UL;
	pte_t *ptep, val = 0x5000 | _PAGE_PRESENT | _PAGE_USER;

	KUNIT_EXPECT_EQ(test, mm->nr_pgtables, 1);
	KUNIT_EXPECT_NULL(test, pte_lookup(mm, addr));
	ptep = pte_alloc(mm, addr);
	KUNIT_ASSERT_NOT_NULL(test, ptep);
	KUNIT_EXPECT_EQ(test, mm->nr_pgtables, 4);
	set_pte(ptep, val);
	KUNIT_EXPECT_PTR_EQ(test, pte_lookup(mm, addr), ptep);
	KUNIT_EXPECT_EQ(test, *pte_lookup(mm, addr + 100), val);
	KUNIT_EXPECT_EQ(test, pte_pfn(val), 5);
	/* The neighbour shares the table and is empty. */
	KUNIT_EXPECT_EQ(test, vm_test_pte(mm, addr + PAGE_SIZE), 0);
	/* A table in use is not freed... */
	free_pgtables(mm, 0, TASK_SIZE);
	KUNIT_EXPECT_EQ(test, mm->nr_pgtables, 4);
	/* ...an empty one is, with the levels above. */
	set_pte(ptep, 0);
	free_pgtables(mm, addr, addr + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, mm->nr_pgtables, 1);
	KUNIT_EXPECT_NULL(test, pte_lookup(mm, addr));
}

static void vm_pgtable_walk(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long a[] = { 0x10000, 0x12345000, TASK_SIZE - 0x20000 };
	unsigned long addr = 0;
	unsigned int i;
	pte_t *ptep;

	for (i = 0; i < ARRAY_SIZE(a); i++) {
		ptep = pte_alloc(mm, a[i]);
		KUNIT_ASSERT_NOT_NULL(test, ptep);
		set_pte(ptep, ((pte_t)(i + 1) << PAGE_SHIFT) | _PAGE_PRESENT);
	}
	/* An allocated but empty PTE is skipped too. */
	KUNIT_ASSERT_NOT_NULL(test, pte_alloc(mm, 0x20000));
	for (i = 0; i < ARRAY_SIZE(a); i++, addr += PAGE_SIZE) {
		ptep = pte_next_present(mm, &addr, TASK_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, ptep);
		KUNIT_EXPECT_EQ(test, addr, a[i]);
		KUNIT_EXPECT_EQ(test, pte_pfn(*ptep), i + 1);
		set_pte(ptep, 0);
	}
	KUNIT_EXPECT_NULL(test, pte_next_present(mm, &addr, TASK_SIZE));
	/* Out of range addresses have no PTE. */
	KUNIT_EXPECT_NULL(test, pte_alloc(mm, TASK_SIZE));
	KUNIT_EXPECT_NULL(test, pte_lookup(mm, ~0UL));
	free_pgtables(mm, 0, TASK_SIZE);
	KUNIT_EXPECT_EQ(test, mm->nr_pgtables, 1);
}

static void vm_pgtable_host_prot(struct kunit *test)
{
	pte_t base = _PAGE_PRESENT | 0x1000;

	KUNIT_EXPECT_EQ(test, pte_host_prot(base), 0);
	KUNIT_EXPECT_EQ(test, pte_host_prot(base | _PAGE_USER | _PAGE_NX),
			MM_PROT_READ);
	KUNIT_EXPECT_EQ(test, pte_host_prot(base | _PAGE_USER | _PAGE_RW |
					    _PAGE_NX),
			MM_PROT_READ | MM_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, pte_host_prot(base | _PAGE_USER),
			MM_PROT_READ | MM_PROT_EXEC);
}

static struct kunit_case vm_pgtable_cases[] = {
	KUNIT_CASE(vm_pgtable_set_clear),
	KUNIT_CASE(vm_pgtable_walk),
	KUNIT_CASE(vm_pgtable_host_prot),
	{}
};

static struct kunit_suite vm_pgtable_suite = {
	.name = "vm_pgtable",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_pgtable_cases,
};

kunit_test_suites(&vm_vma_suite, &vm_pgtable_suite);
