/*
 * vm_test.h - what the address-space KUnit suites share: an mm per case
 * (without a host stub, so that the page-table logic is tested alone;
 * vm_stub_test.c covers the real backend) made by the init hook and
 * dropped by the exit hook, and shorthands for mapping and accessing it.
 */
#ifndef MM_VM_TEST_H
#define MM_VM_TEST_H

#include <kunit/test.h>
#include <umk/sched.h>
#include <umk/uaccess.h>
#include "vm_internal.h"

struct vm_test {
	struct mm_struct *mm;
	struct mm_struct *child;	/* a dup_mm() copy, if made */
	void *vfs_env;			/* vm_file: the VFS tests' set-up */
};

static inline int vm_test_init(struct kunit *test)
{
	struct vm_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	t->mm = __mm_alloc(false);
	if (!t->mm)
		return -ENOMEM;
	test->priv = t;
	return 0;
}

static inline void vm_test_exit(struct kunit *test)
{
	struct vm_test *t = test->priv;

	if (!t)
		return;
	mmput(t->child);
	mmput(t->mm);
}

static inline struct mm_struct *vm_test_mm(struct kunit *test)
{
	return ((struct vm_test *)test->priv)->mm;
}

/* A copy-on-write child of the case's mm, freed by the exit hook. */
static inline struct mm_struct *vm_test_fork(struct kunit *test)
{
	struct vm_test *t = test->priv;

	t->child = __dup_mm(t->mm, false);
	return t->child;
}

static inline unsigned long vm_test_map(struct mm_struct *mm,
					unsigned long addr, unsigned long len,
					int prot, int flags)
{
	return vm_mmap(mm, addr, len, prot, flags, NULL, 0);
}

#define ANON_PRIVATE	(MAP_PRIVATE | MAP_ANONYMOUS)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW		(PROT_READ | PROT_WRITE)

static inline pte_t vm_test_pte(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = pte_lookup(mm, addr);

	return ptep ? *ptep : 0;
}

/* Runs a uaccess call with current->mm set to mm for its duration. */
#define with_mm(new_mm, expr) ({ \
	struct mm_struct *__saved = current->mm; \
	__typeof__(expr) __r; \
	current->mm = (new_mm); \
	__r = (expr); \
	current->mm = __saved; \
	__r; \
})

#endif
