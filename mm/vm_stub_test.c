/*
 * vm_stub_test.c - end-to-end KUnit tests of address spaces with a real
 * host stub: guest code (hand-assembled) runs through the backend, its
 * page faults go to handle_user_fault(), and what it reads and writes
 * shows that the stub mirrors the page tables: demand-zero pages, COW
 * after dup_mm, protections, munmap.
 */
#include <string.h>
#include "vm_test.h"

#define CODE_VA		0x400000UL
#define DATA_VA		0x600000UL
#define SLOT		32
#define MAX_TRAPS	8

enum { S_LOAD, S_STORE, S_JUMP, NR_SNIPPETS };

static const u8 s_load[] = {
	0x48, 0x8b, 0x1f,		/* mov (%rdi), %rbx */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 s_store[] = {
	0x48, 0x89, 0x37,		/* mov %rsi, (%rdi) */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 s_jump[] = { 0xff, 0xe7 };	/* jmp *%rdi */

static const struct { const u8 *code; size_t len; } snippets[] = {
	[S_LOAD] = { s_load, sizeof(s_load) },
	[S_STORE] = { s_store, sizeof(s_store) },
	[S_JUMP] = { s_jump, sizeof(s_jump) },
};

struct stub_test {
	struct mm_struct *mm, *child;
	struct fpu_state *fpu;
	struct pt_regs regs;
	int faults;		/* handled by the last run_snippet() */
};

static int vm_stub_init(struct kunit *test)
{
	struct stub_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	unsigned long addr;
	int i, err;

	if (!t)
		return -ENOMEM;
	test->priv = t;
	t->fpu = kunit_kzalloc(test, sizeof(*t->fpu), GFP_KERNEL);
	t->mm = mm_alloc();
	if (!t->fpu || !t->mm)
		return -ENOMEM;
	arch_init_fpu(t->fpu);
	addr = vm_test_map(t->mm, CODE_VA, PAGE_SIZE,
			   PROT_READ | PROT_WRITE | PROT_EXEC, ANON_FIXED);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	for (i = 0; i < NR_SNIPPETS; i++) {
		err = access_remote(t->mm, CODE_VA + i * SLOT,
				    (void *)snippets[i].code, snippets[i].len,
				    true);
		if (err)
			return err;
	}
	err = do_mprotect(t->mm, CODE_VA, PAGE_SIZE, PROT_READ | PROT_EXEC);
	if (err)
		return err;
	addr = vm_test_map(t->mm, DATA_VA, 4 * PAGE_SIZE, RW, ANON_FIXED);
	return IS_ERR_VALUE(addr) ? (int)addr : 0;
}

static void vm_stub_exit(struct kunit *test)
{
	struct stub_test *t = test->priv;

	if (!t)
		return;
	mmput(t->child);
	mmput(t->mm);
}

/*
 * Runs a snippet in mm until its syscall; page faults are handled on the
 * way. Returns 0 at the syscall, a fault's error, or the backend's.
 */
static int run_snippet(struct stub_test *t, struct mm_struct *mm,
		       int snippet, unsigned long di, unsigned long si)
{
	struct trap_info trap;
	int i, err;

	arch_init_user_regs(&t->regs, CODE_VA + snippet * SLOT, 0);
	t->regs.di = di;
	t->regs.si = si;
	t->faults = 0;
	for (i = 0; i < MAX_TRAPS; i++) {
		err = arch_run_user(mm->context, &t->regs, t->fpu, &trap);
		if (err)
			return err;
		switch (trap.kind) {
		case TRAP_SYSCALL:
			return 0;
		case TRAP_PAGE_FAULT:
			err = handle_user_fault(mm, trap.addr,
						trap.error_code);
			if (err)
				return err;
			t->faults++;
			break;
		case TRAP_INTERRUPT:
			cond_resched();
			break;
		default:
			return -EINVAL;
		}
	}
	return -ELOOP;
}

static void vm_stub_demand_zero(struct kunit *test)
{
	struct stub_test *t = test->priv;
	u64 v = 0;

	/* A store to an untouched page: one fault, then it sticks. */
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_STORE, DATA_VA + 8,
					  0x1122), 0);
	KUNIT_EXPECT_EQ(test, t->faults, 1);
	KUNIT_ASSERT_EQ(test, access_remote(t->mm, DATA_VA + 8, &v, 8, false),
			0);
	KUNIT_EXPECT_EQ(test, v, 0x1122);
	/* The kernel's write is what the guest reads, with no fault. */
	v = 0x3344;
	KUNIT_ASSERT_EQ(test, access_remote(t->mm, DATA_VA + 16, &v, 8, true),
			0);
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_LOAD, DATA_VA + 16, 0),
			0);
	KUNIT_EXPECT_EQ(test, t->faults, 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 0x3344);
	/* A load from untouched memory reads zero. */
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_LOAD,
					  DATA_VA + PAGE_SIZE, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(t->mm, MM_ANONPAGES), 3);
}

static void vm_stub_cow(struct kunit *test)
{
	struct stub_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_STORE, DATA_VA, 111), 0);
	t->child = dup_mm(t->mm);
	KUNIT_ASSERT_NOT_NULL(test, t->child);
	/* The child sees the parent's data, then writes its own copy. */
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->child, S_LOAD, DATA_VA, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 111);
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->child, S_STORE, DATA_VA, 222),
			0);
	KUNIT_EXPECT_EQ(test, t->faults, 1);
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->child, S_LOAD, DATA_VA, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 222);
	/* The parent's page was write-protected in its stub, and kept 111. */
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_LOAD, DATA_VA, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 111);
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->mm, S_STORE, DATA_VA, 333), 0);
	KUNIT_EXPECT_EQ(test, t->faults, 1);
	KUNIT_ASSERT_EQ(test, run_snippet(t, t->child, S_LOAD, DATA_VA, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 222);
	KUNIT_EXPECT_EQ(test, arch_mm_flush(t->mm->context), 0);
	KUNIT_EXPECT_EQ(test, arch_mm_flush(t->child->context), 0);
}

static void vm_stub_protections(struct kunit *test)
{
	struct stub_test *t = test->priv;
	struct mm_struct *mm = t->mm;

	KUNIT_ASSERT_EQ(test, run_snippet(t, mm, S_STORE, DATA_VA, 1), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(mm, DATA_VA, PAGE_SIZE, PROT_READ),
			0);
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_STORE, DATA_VA, 2),
			-EACCES);
	KUNIT_ASSERT_EQ(test, run_snippet(t, mm, S_LOAD, DATA_VA, 0), 0);
	KUNIT_EXPECT_EQ(test, t->regs.bx, 1);
	/* Writable again, and the page is ours alone: no fault at all. */
	KUNIT_ASSERT_EQ(test, do_mprotect(mm, DATA_VA, PAGE_SIZE, RW), 0);
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_STORE, DATA_VA, 3), 0);
	KUNIT_EXPECT_EQ(test, t->faults, 0);
	/* Data is not executable; code is not writable. */
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_JUMP, DATA_VA, 0),
			-EACCES);
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_STORE, CODE_VA, 0),
			-EACCES);
	/* Unmapped: the stub lost the page too. */
	KUNIT_ASSERT_EQ(test, vm_munmap(mm, DATA_VA, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_LOAD, DATA_VA, 0), -EFAULT);
	KUNIT_EXPECT_EQ(test, run_snippet(t, mm, S_LOAD, 0x1000, 0), -EFAULT);
}

static struct kunit_case vm_stub_cases[] = {
	KUNIT_CASE(vm_stub_demand_zero),
	KUNIT_CASE(vm_stub_cow),
	KUNIT_CASE(vm_stub_protections),
	{}
};

static struct kunit_suite vm_stub_suite = {
	.name = "vm_stub",
	.init = vm_stub_init,
	.exit = vm_stub_exit,
	.test_cases = vm_stub_cases,
};
kunit_test_suite(vm_stub_suite);
