/*
 * mmap_test.c - KUnit tests of mmap, munmap, mprotect and mremap
 * argument checking (the errors Linux gives) and of the layout they
 * leave; of brk; and of the stack VMA and its growth.
 */
#include "vm_test.h"

#define BASE	0x10000000UL
#define P	PAGE_SIZE

struct mmap_arg_case {
	const char *name;
	unsigned long addr, len;
	int prot, flags;
	long err;
};

static const struct mmap_arg_case mmap_arg_cases[] = {
	{ "len 0", 0, 0, RW, ANON_PRIVATE, -EINVAL },
	{ "len overflows", 0, -1UL, RW, ANON_PRIVATE, -ENOMEM },
	{ "len too big", 0, TASK_SIZE, RW, ANON_PRIVATE, -ENOMEM },
	{ "no type", 0, P, RW, MAP_ANONYMOUS, -EINVAL },
	{ "shared validate anon", 0, P, RW,
	  MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -EINVAL },
	{ "fixed unaligned", BASE + 1, P, RW, ANON_FIXED, -EINVAL },
	{ "fixed below min addr", 0x1000, P, RW, ANON_FIXED, -EPERM },
	{ "fixed beyond TASK_SIZE", TASK_SIZE - P, 2 * P, RW, ANON_FIXED,
	  -ENOMEM },
	{ "shared growsdown", 0, P, RW,
	  MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -EINVAL },
	{ "hugetlb", 0, P, RW, ANON_PRIVATE | MAP_HUGETLB, -ENOMEM },
};

static void mmap_arg_desc(const struct mmap_arg_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(mmap_arg, mmap_arg_cases, mmap_arg_desc);

static void vm_mmap_bad_args(struct kunit *test)
{
	const struct mmap_arg_case *c = test->param_value;
	struct mm_struct *mm = vm_test_mm(test);

	KUNIT_EXPECT_EQ(test, (long)vm_test_map(mm, c->addr, c->len, c->prot,
						c->flags), c->err);
	KUNIT_EXPECT_EQ(test, mm->map_count, 0);
}

static void vm_mmap_layout(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long a, b, c;

	a = vm_test_map(mm, 0, 3 * P, RW, ANON_PRIVATE);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(a));
	KUNIT_EXPECT_EQ(test, a + 3 * P, mm->mmap_base);
	/* Top-down: the next goes just below (and merges). */
	b = vm_test_map(mm, 0, P, RW, ANON_PRIVATE);
	KUNIT_EXPECT_EQ(test, b, a - P);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
	/* A free hint is taken; a hint below mmap_min_addr is raised. */
	c = vm_test_map(mm, BASE, P, PROT_READ, ANON_PRIVATE);
	KUNIT_EXPECT_EQ(test, c, BASE);
	c = vm_test_map(mm, 0x1000, P, PROT_READ, ANON_PRIVATE);
	KUNIT_EXPECT_EQ(test, c, MMAP_MIN_ADDR);
	/* A hint that is taken already is not. */
	c = vm_test_map(mm, BASE, P, PROT_READ, ANON_PRIVATE);
	KUNIT_EXPECT_NE(test, c, BASE);
	KUNIT_EXPECT_FALSE(test, IS_ERR_VALUE(c));
	c = vm_test_map(mm, 0, P, RW, ANON_PRIVATE | MAP_32BIT);
	KUNIT_EXPECT_GE(test, c, 0x40000000UL);
	KUNIT_EXPECT_LT(test, c, 0x80000000UL);
	/* MAP_FIXED_NOREPLACE refuses to overlap. */
	KUNIT_EXPECT_EQ(test, (long)vm_test_map(mm, BASE, P, RW, ANON_PRIVATE |
						MAP_FIXED_NOREPLACE), -EEXIST);
	KUNIT_EXPECT_EQ(test, vm_test_map(mm, BASE + P, P, RW, ANON_PRIVATE |
					  MAP_FIXED_NOREPLACE), BASE + P);
}

/* MAP_FIXED over a mapping replaces it, pages and all. */
static void vm_mmap_fixed_replaces(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	u32 v = 0xdeadbeef;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + P, &v, 4, true), 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	KUNIT_EXPECT_EQ(test, vm_test_map(mm, BASE + P, P, PROT_READ,
					  ANON_FIXED), BASE + P);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + P, &v, 4, false), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
}

static void vm_munmap_args(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE + 1, P), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, TASK_SIZE + P, P), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE, -P), -EINVAL);
	/* Nothing mapped there is fine. */
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE + 8 * P, P), 0);
	/* A partial page counts as the whole page. */
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE + P, 1), 0);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE)->vm_end, BASE + P);
	KUNIT_EXPECT_EQ(test, mm->total_vm, 1);
}

static void vm_mprotect_args(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	vm_test_map(mm, BASE + 2 * P, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE + 1, P, PROT_READ), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, 0, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, P, 0x10), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE + 8 * P, P, PROT_READ),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, P, PROT_READ |
					  PROT_GROWSDOWN), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, P, PROT_READ |
					  PROT_GROWSDOWN | PROT_GROWSUP),
			-EINVAL);
	/* Across the hole: ENOMEM, the part before it is changed. */
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, 3 * P, PROT_READ),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE)->vm_flags & VM_ACCESS_FLAGS,
			VM_READ);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE + 2 * P)->vm_flags &
			VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE + 2 * P, P, PROT_NONE), 0);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE + 2 * P)->vm_flags &
			VM_ACCESS_FLAGS, 0);
}

static void vm_mremap_args(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, P, 2 * P, 8, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, P, 2 * P,
					      MREMAP_FIXED, BASE + 8 * P),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE + 1, P, 2 * P, 0, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, P, 0, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE + 8 * P, P, 2 * P, 0,
					      0), -EFAULT);
	/* Growing a range that runs past its VMA. */
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, 3 * P, 4 * P, 0, 0),
			-EFAULT);
	/* old_len 0 duplicates only shared mappings. */
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, 0, P,
					      MREMAP_MAYMOVE, 0), -EINVAL);
	/* FIXED onto an overlapping range. */
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, 2 * P, 2 * P,
					      MREMAP_MAYMOVE | MREMAP_FIXED,
					      BASE + P), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, P, 2 * P,
					      MREMAP_DONTUNMAP |
					      MREMAP_MAYMOVE, 0), -EINVAL);
}

static void vm_mremap_resize(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long addr;
	u64 v = 0x1122334455667788ULL, r = 0;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	vm_test_map(mm, BASE + 4 * P, P, PROT_READ, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + P, &v, 8, true), 0);
	/* Grow in place into the free page above. */
	KUNIT_EXPECT_EQ(test, do_mremap(mm, BASE, 2 * P, 3 * P, 0, 0), BASE);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE)->vm_end, BASE + 3 * P);
	/* No room, may not move. */
	KUNIT_EXPECT_EQ(test, (long)do_mremap(mm, BASE, 3 * P, 5 * P, 0, 0),
			-ENOMEM);
	/* Moves, taking the page (not a copy) along. */
	addr = do_mremap(mm, BASE, 3 * P, 5 * P, MREMAP_MAYMOVE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	KUNIT_EXPECT_NE(test, addr, BASE);
	KUNIT_EXPECT_NULL(test, find_vma_intersection(mm, BASE, BASE + 3 * P));
	KUNIT_EXPECT_EQ(test, find_vma(mm, addr)->vm_end, addr + 5 * P);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	KUNIT_ASSERT_EQ(test, access_remote(mm, addr + P, &r, 8, false), 0);
	KUNIT_EXPECT_EQ(test, r, v);
	/* Shrink in place. */
	KUNIT_EXPECT_EQ(test, do_mremap(mm, addr, 5 * P, P, 0, 0), addr);
	KUNIT_EXPECT_EQ(test, find_vma(mm, addr)->vm_end, addr + P);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
	/* MREMAP_FIXED to a chosen place. */
	KUNIT_EXPECT_EQ(test, do_mremap(mm, addr, P, P, MREMAP_MAYMOVE |
					MREMAP_FIXED, BASE), BASE);
	KUNIT_EXPECT_EQ(test, mm->total_vm, 2);
}

static void vm_mremap_dontunmap(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long addr;
	u32 v = 42, r = 1;

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, &v, 4, true), 0);
	addr = do_mremap(mm, BASE, P, P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	KUNIT_EXPECT_EQ(test, access_remote(mm, addr, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 42);
	/* The old range is still mapped, and empty. */
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, r, 0);
}

static void vm_brk_grow_shrink(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long start = BASE + 1000;
	u8 b = 7;

	mm->start_brk = mm->brk = start;
	KUNIT_EXPECT_EQ(test, do_brk(mm, start + 3 * P), start + 3 * P);
	KUNIT_ASSERT_NOT_NULL(test, find_vma(mm, start));
	KUNIT_EXPECT_EQ(test, find_vma(mm, start)->vm_start, BASE + P);
	KUNIT_EXPECT_EQ(test, find_vma(mm, start)->vm_end, BASE + 4 * P);
	KUNIT_EXPECT_EQ(test, access_remote(mm, start + 3 * P - 1, &b, 1,
					    true), 0);
	/* Growing merges with the heap VMA. */
	KUNIT_EXPECT_EQ(test, do_brk(mm, start + 5 * P), start + 5 * P);
	KUNIT_EXPECT_EQ(test, mm->map_count, 1);
	/* Below start_brk: refused, the break stays. */
	KUNIT_EXPECT_EQ(test, do_brk(mm, start - 1), start + 5 * P);
	KUNIT_EXPECT_EQ(test, do_brk(mm, start + P), start + P);
	KUNIT_ASSERT_NOT_NULL(test, find_vma(mm, start));
	KUNIT_EXPECT_EQ(test, find_vma(mm, start)->vm_end, BASE + 2 * P);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
	/* Not into another mapping (nor within a page of it). */
	vm_test_map(mm, BASE + 8 * P, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, do_brk(mm, BASE + 8 * P), start + P);
	KUNIT_EXPECT_EQ(test, do_brk(mm, BASE + 7 * P), BASE + 7 * P);
	/* vm_brk: exec's bss. */
	KUNIT_EXPECT_EQ(test, vm_brk(mm, BASE + 20 * P + 1, P), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_brk(mm, BASE + 20 * P, P + 1), 0);
	KUNIT_EXPECT_EQ(test, find_vma(mm, BASE + 20 * P)->vm_end,
			BASE + 22 * P);
}

static void vm_stack_growth(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	unsigned long top = 0x7ff000000000UL, sp = 0, low;
	struct vm_area_struct *vma;

	KUNIT_ASSERT_EQ(test, setup_arg_pages(mm, top, &sp), 0);
	KUNIT_EXPECT_EQ(test, sp, top);
	KUNIT_EXPECT_EQ(test, mm->start_stack, top);
	KUNIT_EXPECT_LE(test, mm->mmap_base, top - mm->stack_limit);
	vma = find_vma(mm, top - 1);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_TRUE(test, vma->vm_flags & VM_GROWSDOWN);
	low = vma->vm_start;
	/* A fault below the stack grows it. */
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, low - 3 * P, true, false), 0);
	KUNIT_EXPECT_EQ(test, vma->vm_start, low - 3 * P);
	KUNIT_EXPECT_EQ(test, mm->stack_vm, PAGES(top - low) + 3);
	/* Not beyond the stack limit. */
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, top - mm->stack_limit - P,
					      true, false), -EFAULT);
	/* Not into the guard gap above another mapping. */
	low = vma->vm_start;
	KUNIT_ASSERT_EQ(test, vm_test_map(mm, low - STACK_GUARD_GAP - 2 * P,
					  P, RW, ANON_FIXED),
			low - STACK_GUARD_GAP - 2 * P);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, low - 2 * P, true, false),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, low - P, true, false), 0);
	KUNIT_EXPECT_EQ(test, vma->vm_start, low - P);
}

static struct kunit_case vm_mmap_cases[] = {
	KUNIT_CASE_PARAM(vm_mmap_bad_args, mmap_arg_gen_params),
	KUNIT_CASE(vm_mmap_layout),
	KUNIT_CASE(vm_mmap_fixed_replaces),
	KUNIT_CASE(vm_munmap_args),
	KUNIT_CASE(vm_mprotect_args),
	KUNIT_CASE(vm_mremap_args),
	KUNIT_CASE(vm_mremap_resize),
	KUNIT_CASE(vm_mremap_dontunmap),
	KUNIT_CASE(vm_brk_grow_shrink),
	KUNIT_CASE(vm_stack_growth),
	{}
};

static struct kunit_suite vm_mmap_suite = {
	.name = "vm_mmap",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_mmap_cases,
};
kunit_test_suite(vm_mmap_suite);
