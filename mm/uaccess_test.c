/*
 * uaccess_test.c - KUnit tests of the uaccess helpers on current->mm:
 * bad pointers of every kind give -EFAULT (never a crash), copies that
 * run into an unmapped page fail after copying what they could, writes
 * fault pages in and break COW, and the string helpers.
 */
#include <string.h>
#include "vm_test.h"

#define BASE	0x10000000UL
#define P	PAGE_SIZE

static void vm_uaccess_bad_pointers(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	const unsigned long bad[] = {
		0, 1, 0xfff, BASE + 8 * P, TASK_SIZE - 1, TASK_SIZE,
		TASK_SIZE + P, ~0UL, ~0UL - 7, 1UL << 63,
		(unsigned long)ram_base, (unsigned long)&bad,
	};
	char buf[16];
	unsigned int i;

	vm_test_map(mm, BASE, P, PROT_READ, ANON_FIXED);
	vm_test_map(mm, BASE + P, P, PROT_NONE, ANON_FIXED);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		void __user *u = (void __user *)bad[i];

		KUNIT_EXPECT_EQ_MSG(test, with_mm(mm, copy_from_user(buf, u,
				    sizeof(buf))), -EFAULT, "%#lx", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, with_mm(mm, copy_to_user(u, buf,
				    sizeof(buf))), -EFAULT, "%#lx", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, with_mm(mm, clear_user(u, 8)),
				    -EFAULT, "%#lx", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, with_mm(mm, strncpy_from_user(buf,
				    u, sizeof(buf))), -EFAULT, "%#lx", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, with_mm(mm, strnlen_user(u, 16)),
				    0, "%#lx", bad[i]);
	}
	/* Read-only memory can be read, not written; PROT_NONE neither. */
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(buf,
			(void __user *)BASE, 8)), 0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_to_user((void __user *)BASE,
			buf, 8)), -EFAULT);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(buf,
			(void __user *)(BASE + P), 8)), -EFAULT);
	/* A wrapping length. */
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(buf,
			(void __user *)BASE, ~0UL)), -EFAULT);
	/* Zero bytes always succeed; no mm always fails. */
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(buf, NULL, 0)), 0);
	KUNIT_EXPECT_EQ(test, with_mm(NULL, copy_from_user(buf,
			(void __user *)BASE, 8)), -EFAULT);
}

/* A copy that crosses into an unmapped page copies the first part. */
static void vm_uaccess_partial(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	char *src = kunit_kzalloc(test, 2 * P, GFP_KERNEL);
	char *dst = kunit_kzalloc(test, 2 * P, GFP_KERNEL);
	void __user *u = (void __user *)(BASE + P - 100);

	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	memset(src, 'x', 2 * P);
	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_to_user(u, src, 200)), -EFAULT);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(dst, u, 100)), 0);
	KUNIT_EXPECT_MEMEQ(test, dst, src, 100);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(dst, u, 101)),
			-EFAULT);
	/* Across two mapped pages it works. */
	vm_test_map(mm, BASE + P, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_to_user(u, src, 200)), 0);
	memset(dst, 0, 200);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(dst, u, 200)), 0);
	KUNIT_EXPECT_MEMEQ(test, dst, src, 200);
	KUNIT_EXPECT_EQ(test, with_mm(mm, clear_user(u, 200)), 0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, copy_from_user(dst, u, 200)), 0);
	KUNIT_EXPECT_EQ(test, dst[0] | dst[150] | dst[199], 0);
}

static void vm_uaccess_strings(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	char buf[32];
	/* "hello" ends 3 bytes into the second page. */
	unsigned long s = BASE + P - 3;
	char __user *u = (char __user *)s;

	vm_test_map(mm, BASE, 2 * P, RW, ANON_FIXED);
	KUNIT_ASSERT_EQ(test, access_remote(mm, s, "hello", 6, true), 0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strncpy_from_user(buf, u, 32)), 5);
	KUNIT_EXPECT_STREQ(test, buf, "hello");
	KUNIT_EXPECT_EQ(test, with_mm(mm, strncpy_from_user(buf, u, 5)),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strncpy_from_user(buf, u, 6)), 5);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strnlen_user(u, 32)), 6);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strnlen_user(u, 3)), 4);
	/* A string that runs into an unmapped page. */
	KUNIT_ASSERT_EQ(test, vm_munmap(mm, BASE + P, P), 0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strncpy_from_user(buf, u, 32)),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, with_mm(mm, strnlen_user(u, 32)), 0);
	/* ...but a short enough limit never touches it. */
	KUNIT_EXPECT_EQ(test, with_mm(mm, strncpy_from_user(buf, u, 3)),
			-ENAMETOOLONG);
}

static void vm_uaccess_faults_in(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	u64 v = 0xabcdef, r = 0;
	void __user *u = (void __user *)BASE;

	vm_test_map(mm, BASE, P, RW, ANON_FIXED);
	KUNIT_EXPECT_EQ(test, get_mm_rss(mm), 0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, put_user(v, (u64 __user *)u)), 0);
	KUNIT_EXPECT_EQ(test, get_mm_rss(mm), 1);
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	/* copy_to_user in the child breaks COW; the parent keeps v. */
	KUNIT_EXPECT_EQ(test, with_mm(child, put_user(7ULL, (u64 __user *)u)),
			0);
	KUNIT_EXPECT_EQ(test, with_mm(mm, get_user(r, (u64 __user *)u)), 0);
	KUNIT_EXPECT_EQ(test, r, v);
	KUNIT_EXPECT_EQ(test, with_mm(child, get_user(r, (u64 __user *)u)), 0);
	KUNIT_EXPECT_EQ(test, r, 7);
}

static struct kunit_case vm_uaccess_cases[] = {
	KUNIT_CASE(vm_uaccess_bad_pointers),
	KUNIT_CASE(vm_uaccess_partial),
	KUNIT_CASE(vm_uaccess_strings),
	KUNIT_CASE(vm_uaccess_faults_in),
	{}
};

static struct kunit_suite vm_uaccess_suite = {
	.name = "vm_uaccess",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = vm_uaccess_cases,
};
kunit_test_suite(vm_uaccess_suite);
