/*
 * backend_test.c - KUnit tests of the trap backend: hand-assembled
 * x86_64 guest code in RAM pages, mapped into a stub and run until it
 * traps. Covers syscalls, page faults, protections, signals, thread and
 * FPU switching, preemption by the tick, the stub's clean address space
 * and its end; prints the syscall round trip.
 */
#include <string.h>
#include <kunit/test.h>
#include <umk/ktime.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/slab.h>
#include <umk/timer.h>
#include <os_ptrace.h>
#include "context.h"

#define CODE_VA		0x400000UL
#define DATA_VA		0x600000UL
#define STACK_VA	0x800000UL
#define FAR_VA		0x12345000UL	/* never mapped by the fixture */
#define SLOT		64		/* bytes per snippet in the page */
#define XMM0		160		/* offset of xmm0 in the FXSAVE area */
#define XSAVE_BV	512

/* Guest snippets; each sits at CODE_VA + index * SLOT. */
enum { G_ARGS, G_LOAD, G_STORE, G_UD2, G_COUNTER, G_SPIN, G_FPU, G_BENCH,
       G_INT80, G_TOUCH, NR_SNIPPETS };

static const u8 g_args[] = {
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0xbf, 1, 0, 0, 0,		/* mov $1, %edi */
	0xbe, 2, 0, 0, 0,		/* mov $2, %esi */
	0xba, 3, 0, 0, 0,		/* mov $3, %edx */
	0x41, 0xba, 4, 0, 0, 0,		/* mov $4, %r10d */
	0x41, 0xb8, 5, 0, 0, 0,		/* mov $5, %r8d */
	0x41, 0xb9, 6, 0, 0, 0,		/* mov $6, %r9d */
	0x0f, 0x05,			/* syscall */
	0x48, 0x89, 0x03,		/* mov %rax, (%rbx) */
	0xb8, 60, 0, 0, 0,		/* mov $60, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 g_load[] = {
	0x48, 0x8b, 0x07,		/* mov (%rdi), %rax */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 g_store[] = {
	0x48, 0x89, 0x37,		/* mov %rsi, (%rdi) */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 g_ud2[] = { 0x0f, 0x0b };	/* ud2 */
static const u8 g_counter[] = {
	0x49, 0xff, 0xc4,		/* 1: inc %r12 */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
	0xeb, 0xf4,			/* jmp 1b */
};
static const u8 g_spin[] = { 0xeb, 0xfe };	/* jmp . */
static const u8 g_fpu[] = {
	0x66, 0x48, 0x0f, 0x6e, 0xc7,	/* movq %rdi, %xmm0 */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
	0x66, 0x48, 0x0f, 0x7e, 0xc0,	/* movq %xmm0, %rax */
	0x48, 0x89, 0x06,		/* mov %rax, (%rsi) */
	0xb8, 39, 0, 0, 0,		/* mov $39, %eax */
	0x0f, 0x05,			/* syscall */
};
static const u8 g_bench[] = {
	0xb8, 110, 0, 0, 0,		/* 1: mov $110, %eax (getppid) */
	0x0f, 0x05,			/* syscall */
	0xeb, 0xf7,			/* jmp 1b */
};
static const u8 g_int80[] = {
	0xb8, 20, 0, 0, 0,		/* mov $20, %eax */
	0xcd, 0x80,			/* int $0x80 */
};

static const u8 g_touch[] = {
	0x48, 0x89, 0x37,		/* 1: mov %rsi, (%rdi) */
	0x48, 0x81, 0xc7, 0, 0x10, 0, 0, /* add $0x1000, %rdi */
	0xeb, 0xf4,			/* jmp 1b */
};

static const struct { const u8 *code; size_t len; } snippets[] = {
	[G_ARGS] = { g_args, sizeof(g_args) },
	[G_LOAD] = { g_load, sizeof(g_load) },
	[G_STORE] = { g_store, sizeof(g_store) },
	[G_UD2] = { g_ud2, sizeof(g_ud2) },
	[G_COUNTER] = { g_counter, sizeof(g_counter) },
	[G_SPIN] = { g_spin, sizeof(g_spin) },
	[G_FPU] = { g_fpu, sizeof(g_fpu) },
	[G_BENCH] = { g_bench, sizeof(g_bench) },
	[G_INT80] = { g_int80, sizeof(g_int80) },
	[G_TOUCH] = { g_touch, sizeof(g_touch) },
};

struct fixture {
	struct mm_context *ctx;
	struct page *code, *data, *stack;
	u64 *mem;			/* the data page, kernel view */
	struct pt_regs regs;
	struct fpu_state *fpu;
	struct trap_info trap;
};

static unsigned long snippet_va(int i)
{
	return CODE_VA + (unsigned long)i * SLOT;
}

static u64 page_off(struct page *p)
{
	return virt_to_phys(page_address(p));
}

static int backend_test_init(struct kunit *test)
{
	struct fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	u8 *code;
	int err;

	BUILD_BUG_ON(NR_SNIPPETS * SLOT > PAGE_SIZE);
	if (!f)
		return -ENOMEM;
	f->fpu = kunit_kzalloc(test, sizeof(*f->fpu), GFP_KERNEL);
	f->code = alloc_page(__GFP_ZERO);
	f->data = alloc_page(__GFP_ZERO);
	f->stack = alloc_page(__GFP_ZERO);
	test->priv = f;
	if (!f->fpu || !f->code || !f->data || !f->stack)
		return -ENOMEM;
	code = page_address(f->code);
	for (int i = 0; i < NR_SNIPPETS; i++)
		memcpy(code + i * SLOT, snippets[i].code, snippets[i].len);
	f->mem = page_address(f->data);
	arch_init_fpu(f->fpu);
	err = arch_mm_context_create(&f->ctx);
	if (err)
		return err;
	err = arch_mm_map(f->ctx, CODE_VA, PAGE_SIZE, page_off(f->code),
			  MM_PROT_READ | MM_PROT_EXEC);
	if (!err)
		err = arch_mm_map(f->ctx, DATA_VA, PAGE_SIZE,
				  page_off(f->data),
				  MM_PROT_READ | MM_PROT_WRITE);
	if (!err)
		err = arch_mm_map(f->ctx, STACK_VA, PAGE_SIZE,
				  page_off(f->stack),
				  MM_PROT_READ | MM_PROT_WRITE);
	return err;
}

static void backend_test_exit(struct kunit *test)
{
	struct fixture *f = test->priv;

	if (!f)
		return;
	/* The stub goes first: it maps the pages. */
	arch_mm_context_destroy(f->ctx);
	if (f->code)
		__free_page(f->code);
	if (f->data)
		__free_page(f->data);
	if (f->stack)
		__free_page(f->stack);
}

static void start(struct fixture *f, struct pt_regs *regs, int snippet,
		  unsigned long di, unsigned long si)
{
	arch_init_user_regs(regs, snippet_va(snippet), STACK_VA + PAGE_SIZE);
	regs->di = di;
	regs->si = si;
	regs->bx = DATA_VA;
}

static int run(struct fixture *f)
{
	return arch_run_user(f->ctx, &f->regs, f->fpu, &f->trap);
}

/* Runs and expects a syscall trap with number nr. */
static void expect_syscall(struct kunit *test, struct fixture *f, long nr)
{
	KUNIT_ASSERT_EQ(test, run(f), 0);
	KUNIT_ASSERT_EQ(test, f->trap.kind, TRAP_SYSCALL);
	KUNIT_EXPECT_EQ(test, f->regs.orig_ax, (unsigned long)nr);
}

static void backend_test_syscall(struct kunit *test)
{
	struct fixture *f = test->priv;

	start(f, &f->regs, G_ARGS, 0, 0);
	expect_syscall(test, f, 39);
	KUNIT_EXPECT_EQ(test, f->regs.di, 1UL);
	KUNIT_EXPECT_EQ(test, f->regs.si, 2UL);
	KUNIT_EXPECT_EQ(test, f->regs.dx, 3UL);
	KUNIT_EXPECT_EQ(test, f->regs.r10, 4UL);
	KUNIT_EXPECT_EQ(test, f->regs.r8, 5UL);
	KUNIT_EXPECT_EQ(test, f->regs.r9, 6UL);
	KUNIT_EXPECT_EQ(test, f->regs.ip, snippet_va(G_ARGS) + 0x28);
	/* The result the kernel sets is what the guest sees. */
	f->regs.ax = 0x1234abcd;
	expect_syscall(test, f, 60);
	KUNIT_EXPECT_EQ(test, f->mem[0], 0x1234abcdULL);
}

/*
 * The x86 page-fault error code: seccomp mode has it from the signal
 * frame; ptrace cannot tell it (FAULT_ERROR_UNKNOWN).
 */
static void expect_error_code(struct kunit *test, struct fixture *f,
			      bool write)
{
	unsigned long e = f->trap.error_code;

	if (!strcmp(f->ctx->ops->name, "ptrace")) {
		KUNIT_EXPECT_EQ(test, e, FAULT_ERROR_UNKNOWN);
		return;
	}
	KUNIT_EXPECT_TRUE(test, e & X86_PF_USER);
	KUNIT_EXPECT_EQ(test, !!(e & X86_PF_WRITE), write);
}

static void expect_fault(struct kunit *test, struct fixture *f,
			 unsigned long addr, int code, unsigned long ip)
{
	KUNIT_ASSERT_EQ(test, run(f), 0);
	KUNIT_ASSERT_EQ(test, f->trap.kind, TRAP_PAGE_FAULT);
	KUNIT_EXPECT_EQ(test, f->trap.addr, addr);
	KUNIT_EXPECT_EQ(test, f->trap.signo, OS_SIGSEGV);
	KUNIT_EXPECT_EQ(test, f->trap.si_code, code);
	KUNIT_EXPECT_EQ(test, f->trap.trapno, 14UL);
	KUNIT_EXPECT_EQ(test, f->regs.ip, ip);	/* on the access */
	expect_error_code(test, f, ip == snippet_va(G_STORE));
}

static void backend_test_page_fault(struct kunit *test)
{
	struct fixture *f = test->priv;

	start(f, &f->regs, G_LOAD, FAR_VA + 8, 0);
	expect_fault(test, f, FAR_VA + 8, OS_SEGV_MAPERR, snippet_va(G_LOAD));
	/* Map it: the same instruction now goes through. */
	KUNIT_ASSERT_EQ(test, arch_mm_map(f->ctx, FAR_VA, PAGE_SIZE,
					  page_off(f->data), MM_PROT_READ), 0);
	expect_syscall(test, f, 39);
}

static void backend_test_protect_unmap(struct kunit *test)
{
	struct fixture *f = test->priv;
	unsigned long ip = snippet_va(G_STORE);

	KUNIT_ASSERT_EQ(test, arch_mm_protect(f->ctx, DATA_VA, PAGE_SIZE,
					      MM_PROT_READ), 0);
	start(f, &f->regs, G_STORE, DATA_VA + 16, 0x77);
	expect_fault(test, f, DATA_VA + 16, OS_SEGV_ACCERR, ip);
	KUNIT_EXPECT_EQ(test, f->mem[2], 0ULL);
	KUNIT_ASSERT_EQ(test, arch_mm_protect(f->ctx, DATA_VA, PAGE_SIZE,
					      MM_PROT_READ | MM_PROT_WRITE),
			0);
	expect_syscall(test, f, 39);
	KUNIT_EXPECT_EQ(test, f->mem[2], 0x77ULL);
	/* Unmapped, the same store faults again, now for a missing page. */
	KUNIT_ASSERT_EQ(test, arch_mm_unmap(f->ctx, DATA_VA, PAGE_SIZE), 0);
	start(f, &f->regs, G_STORE, DATA_VA + 16, 0x78);
	expect_fault(test, f, DATA_VA + 16, OS_SEGV_MAPERR, ip);
	KUNIT_EXPECT_EQ(test, f->mem[2], 0x77ULL);
}

static void backend_test_bad_args(struct kunit *test)
{
	struct fixture *f = test->priv;
	int rw = MM_PROT_READ | MM_PROT_WRITE;

	KUNIT_EXPECT_EQ(test, arch_mm_map(f->ctx, TASK_SIZE, PAGE_SIZE, 0,
					  rw), -EINVAL);
	KUNIT_EXPECT_EQ(test, arch_mm_map(f->ctx, TASK_SIZE - PAGE_SIZE,
					  2 * PAGE_SIZE, 0, rw), -EINVAL);
	KUNIT_EXPECT_EQ(test, arch_mm_map(f->ctx, CODE_VA + 1, PAGE_SIZE, 0,
					  rw), -EINVAL);
	KUNIT_EXPECT_EQ(test, arch_mm_map(f->ctx, CODE_VA, PAGE_SIZE,
					  ram_size, rw), -EINVAL);
	KUNIT_EXPECT_EQ(test, arch_mm_protect(f->ctx, STUB_START, PAGE_SIZE,
					      rw), -EINVAL);
	KUNIT_EXPECT_EQ(test, arch_mm_unmap(f->ctx, STUB_START, PAGE_SIZE),
			-EINVAL);
	/* None of it hurt the context. */
	start(f, &f->regs, G_ARGS, 0, 0);
	expect_syscall(test, f, 39);
}

static void backend_test_signals(struct kunit *test)
{
	struct fixture *f = test->priv;

	start(f, &f->regs, G_UD2, 0, 0);
	KUNIT_ASSERT_EQ(test, run(f), 0);
	KUNIT_EXPECT_EQ(test, f->trap.kind, TRAP_SIGNAL);
	KUNIT_EXPECT_EQ(test, f->trap.signo, OS_SIGILL);
	KUNIT_EXPECT_EQ(test, f->trap.trapno, 6UL);
	KUNIT_EXPECT_EQ(test, f->regs.ip, snippet_va(G_UD2));
	/* No ia32 emulation: int $0x80 is a #GP on the instruction. */
	start(f, &f->regs, G_INT80, 0, 0);
	KUNIT_ASSERT_EQ(test, run(f), 0);
	KUNIT_EXPECT_EQ(test, f->trap.kind, TRAP_SIGNAL);
	KUNIT_EXPECT_EQ(test, f->trap.signo, OS_SIGSEGV);
	KUNIT_EXPECT_EQ(test, f->trap.si_code, OS_SI_KERNEL);
	KUNIT_EXPECT_EQ(test, f->regs.ip, snippet_va(G_INT80) + 5);
	KUNIT_EXPECT_EQ(test, f->regs.ax, 20UL);
}

static void backend_test_threads(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct pt_regs a, b;

	start(f, &a, G_COUNTER, 0, 0);
	start(f, &b, G_COUNTER, 0, 0);
	a.r12 = 100;
	b.r12 = 200;
	b.r13 = 0xbbbb;
	for (int round = 1; round <= 3; round++) {
		f->regs = a;
		expect_syscall(test, f, 39);
		a = f->regs;
		KUNIT_EXPECT_EQ(test, a.r12, 100UL + round);
		KUNIT_EXPECT_EQ(test, a.r13, 0UL);
		f->regs = b;
		expect_syscall(test, f, 39);
		b = f->regs;
		KUNIT_EXPECT_EQ(test, b.r12, 200UL + round);
		KUNIT_EXPECT_EQ(test, b.r13, 0xbbbbUL);
	}
	/* The same thread again: ptrace does not reload its registers. */
	if (f->ctx->ops == &ptrace_backend_ops)
		KUNIT_EXPECT_TRUE(test, f->ctx->regs_known);
	expect_syscall(test, f, 39);
	KUNIT_EXPECT_EQ(test, f->regs.r12, 204UL);
}

static u64 xmm0_of(const struct fpu_state *fpu)
{
	u64 v;

	memcpy(&v, fpu->xsave + XMM0, sizeof(v));
	return v;
}

static void set_xmm0(struct fpu_state *fpu, u64 v)
{
	u64 bv;

	memcpy(fpu->xsave + XMM0, &v, sizeof(v));
	if (arch_fpu_state_size() > XSAVE_BV) {
		memcpy(&bv, fpu->xsave + XSAVE_BV, sizeof(bv));
		bv |= 0x2;		/* SSE state present */
		memcpy(fpu->xsave + XSAVE_BV, &bv, sizeof(bv));
	}
}

static void backend_test_fpu(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct fpu_state *fa = f->fpu, *fb;
	struct pt_regs a, b;

	fb = kunit_kzalloc(test, sizeof(*fb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fb);
	arch_init_fpu(fb);
	start(f, &a, G_FPU, 0x1111222233334444UL, DATA_VA);
	start(f, &b, G_FPU, 0x5555UL, DATA_VA + 8);
	KUNIT_ASSERT_EQ(test, arch_run_user(f->ctx, &a, fa, &f->trap), 0);
	KUNIT_EXPECT_EQ(test, xmm0_of(fa), 0x1111222233334444ULL);
	KUNIT_ASSERT_EQ(test, arch_run_user(f->ctx, &b, fb, &f->trap), 0);
	KUNIT_EXPECT_EQ(test, xmm0_of(fb), 0x5555ULL);
	/* a's xmm0 survived b's run: the guest stores it. */
	KUNIT_ASSERT_EQ(test, arch_run_user(f->ctx, &a, fa, &f->trap), 0);
	KUNIT_EXPECT_EQ(test, f->mem[0], 0x1111222233334444ULL);
	/* A change the kernel makes reaches the guest. */
	set_xmm0(fb, 0x9999);
	KUNIT_ASSERT_EQ(test, arch_run_user(f->ctx, &b, fb, &f->trap), 0);
	KUNIT_EXPECT_EQ(test, f->mem[1], 0x9999ULL);
}

struct watchdog {
	struct timer_list timer;
	struct mm_context *ctx;
	bool fired;
};

/* Ends a guest that the tick failed to interrupt, so the test fails. */
static void watchdog_fire(struct timer_list *t)
{
	struct watchdog *w = container_of(t, struct watchdog, timer);

	w->fired = true;
	os_stub_terminate(w->ctx->pidfd);
}

static int idle_thread(void *arg)
{
	return 0;
}

static void backend_test_interrupt(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct watchdog w = { .ctx = f->ctx };
	struct task_struct *t;
	int err;

	/* Someone else waits for the CPU, so the tick sets need_resched. */
	t = kthread_run(idle_thread, NULL, "backend-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	timer_setup(&w.timer, watchdog_fire);
	mod_timer(&w.timer, jiffies + 2 * HZ);
	start(f, &f->regs, G_SPIN, 0, 0);
	err = run(f);
	del_timer(&w.timer);
	KUNIT_EXPECT_FALSE(test, w.fired);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, f->trap.kind, TRAP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, f->regs.ip, snippet_va(G_SPIN));
	KUNIT_EXPECT_TRUE(test, need_resched());
	kthread_join(t);
	/* A kick without need_resched is swallowed. */
	KUNIT_EXPECT_FALSE(test, need_resched());
	KUNIT_ASSERT_EQ(test, os_stub_kick(f->ctx->pidfd), 0);
	start(f, &f->regs, G_ARGS, 0, 0);
	expect_syscall(test, f, 39);
}

static void backend_test_clean_stub(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct mm_context *fresh;
	int foreign, fds;

	KUNIT_ASSERT_EQ(test, arch_mm_context_create(&fresh), 0);
	KUNIT_EXPECT_EQ(test, os_stub_audit(fresh->pid, STUB_START, STUB_END,
					    &foreign, &fds), 0);
	arch_mm_context_destroy(fresh);
	KUNIT_EXPECT_EQ(test, foreign, 0);
	KUNIT_EXPECT_EQ(test, fds, 1);		/* the RAM file */
	/* The audit sees guest mappings once they are made. */
	KUNIT_ASSERT_EQ(test, arch_mm_flush(f->ctx), 0);
	KUNIT_EXPECT_EQ(test, os_stub_audit(f->ctx->pid, STUB_START, STUB_END,
					    &foreign, &fds), 0);
	KUNIT_EXPECT_EQ(test, foreign, 3);
	/* Kernel memory is not there for the guest to read. */
	start(f, &f->regs, G_LOAD, (unsigned long)&jiffies, 0);
	expect_fault(test, f, (unsigned long)&jiffies, OS_SEGV_MAPERR,
		     snippet_va(G_LOAD));
	start(f, &f->regs, G_LOAD, (unsigned long)ram_base, 0);
	expect_fault(test, f, (unsigned long)ram_base, OS_SEGV_MAPERR,
		     snippet_va(G_LOAD));
}

static void backend_test_batch(struct kunit *test)
{
	struct fixture *f = test->priv;
	unsigned long va = 0x10000000UL, last = 0;
	struct page *run8;
	u64 *mem8;

	/* More single pages than one batch holds: the queue flushes. */
	for (int i = 0; i < STUB_MAX_OPS + 50; i++) {
		last = va + (unsigned long)i * 2 * PAGE_SIZE;
		KUNIT_ASSERT_EQ(test, arch_mm_map(f->ctx, last, PAGE_SIZE,
						  page_off(f->data),
						  MM_PROT_READ | MM_PROT_WRITE),
				0);
	}
	KUNIT_EXPECT_LT(test, f->ctx->nr_ops, (unsigned int)STUB_MAX_OPS);
	start(f, &f->regs, G_STORE, last + 24, 0x99);
	expect_syscall(test, f, 39);
	KUNIT_EXPECT_EQ(test, f->mem[3], 0x99ULL);
	/* Pages that continue each other in both spaces are one call. */
	run8 = alloc_pages(__GFP_ZERO, 3);
	KUNIT_ASSERT_NOT_NULL(test, run8);
	for (int i = 0; i < 8; i++)
		arch_mm_map(f->ctx, va + i * PAGE_SIZE, PAGE_SIZE,
			    page_off(run8) + i * PAGE_SIZE,
			    MM_PROT_READ | MM_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, f->ctx->nr_ops, 1U);
	start(f, &f->regs, G_STORE, va + 7 * PAGE_SIZE, 0x42);
	expect_syscall(test, f, 39);
	mem8 = page_address(run8);
	KUNIT_EXPECT_EQ(test, mem8[7 * PAGE_SIZE / 8], 0x42ULL);
	arch_mm_unmap(f->ctx, va, 8 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, arch_mm_flush(f->ctx), 0);
	__free_pages(run8, 3);
}

static void backend_test_stub_death(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct mm_context *ctx;
	int pid;

	/* Destroying a context leaves no process, not even a zombie. */
	KUNIT_ASSERT_EQ(test, arch_mm_context_create(&ctx), 0);
	pid = ctx->pid;
	KUNIT_EXPECT_GT(test, pid, 0);
	KUNIT_EXPECT_FALSE(test, os_child_gone(pid));
	arch_mm_context_destroy(ctx);
	KUNIT_EXPECT_TRUE(test, os_child_gone(pid));
	/* A stub killed from outside makes the run fail, and stay failed. */
	pid = f->ctx->pid;
	KUNIT_ASSERT_EQ(test, os_stub_terminate(f->ctx->pidfd), 0);
	start(f, &f->regs, G_ARGS, 0, 0);
	KUNIT_EXPECT_LT(test, run(f), 0);
	KUNIT_EXPECT_LT(test, run(f), 0);
	KUNIT_EXPECT_TRUE(test, os_child_gone(pid));
}

/* Informational only: what a trapped syscall, fault and stub cost. */
static void backend_test_bench(struct kunit *test)
{
	struct fixture *f = test->priv;
	const int n = 1000, faults = 200;
	unsigned long va = 0x20000000UL;
	struct mm_context *ctx;
	ktime_t t0;
	int i;

	start(f, &f->regs, G_BENCH, 0, 0);
	expect_syscall(test, f, 110);	/* warm: mappings and registers */
	t0 = ktime_get_ns();
	for (i = 0; i < n && !run(f) && f->trap.kind == TRAP_SYSCALL; i++)
		f->regs.ax = 1;
	KUNIT_EXPECT_EQ(test, i, n);
	kunit_info(test, "getppid round trip: %lld ns",
		   (long long)((ktime_get_ns() - t0) / n));

	/* Each store hits a new page, which the "kernel" then maps. */
	start(f, &f->regs, G_TOUCH, va, 1);
	t0 = ktime_get_ns();
	for (i = 0; i < faults && !run(f) &&
	     f->trap.kind == TRAP_PAGE_FAULT && f->trap.addr == va; i++) {
		arch_mm_map(f->ctx, va, PAGE_SIZE, page_off(f->data),
			    MM_PROT_READ | MM_PROT_WRITE);
		va += PAGE_SIZE;
	}
	KUNIT_EXPECT_EQ(test, i, faults);
	kunit_info(test, "page fault round trip: %lld ns",
		   (long long)((ktime_get_ns() - t0) / faults));

	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, arch_mm_context_create(&ctx), 0);
	arch_mm_context_destroy(ctx);
	kunit_info(test, "stub create + destroy: %lld us",
		   (long long)((ktime_get_ns() - t0) / 1000));
}

static struct kunit_case backend_test_cases[] = {
	KUNIT_CASE(backend_test_syscall),
	KUNIT_CASE(backend_test_page_fault),
	KUNIT_CASE(backend_test_protect_unmap),
	KUNIT_CASE(backend_test_bad_args),
	KUNIT_CASE(backend_test_signals),
	KUNIT_CASE(backend_test_threads),
	KUNIT_CASE(backend_test_fpu),
	KUNIT_CASE(backend_test_interrupt),
	KUNIT_CASE(backend_test_clean_stub),
	KUNIT_CASE(backend_test_batch),
	KUNIT_CASE(backend_test_stub_death),
	KUNIT_CASE(backend_test_bench),
	{}
};

static struct kunit_suite backend_test_suite = {
	.name = "backend",
	.init = backend_test_init,
	.exit = backend_test_exit,
	.test_cases = backend_test_cases,
};
kunit_test_suite(backend_test_suite);
