/*
 * sched_test.c - KUnit tests for kernel threads and the scheduler: exit
 * codes, round-robin order, kthread_stop, the tick's need_resched, stacks
 * and allocation failure.
 */
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/ktime.h>
#include <umk/mm.h>
#include <umk/sched.h>
#include <umk/timer.h>

static int triple_plus_one(void *arg)
{
	return (int)(long)arg * 3 + 1;
}

static int exit_early(void *arg)
{
	do_exit(7);
}

static void sched_test_exit_codes(struct kunit *test)
{
	struct task_struct *t[4], *e;
	pid_t last = 0;

	for (long i = 0; i < 4; i++) {
		t[i] = kthread_run(triple_plus_one, (void *)i, "ret");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t[i]);
		KUNIT_EXPECT_GT(test, t[i]->pid, last);
		KUNIT_EXPECT_STREQ(test, t[i]->comm, "ret");
		last = t[i]->pid;
	}
	e = kthread_run(exit_early, NULL, "exit_early");
	for (long i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, kthread_join(t[i]), i * 3 + 1);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, e);
	KUNIT_EXPECT_EQ(test, kthread_join(e), 7);
}

struct rr_log {
	char buf[16];
	int len;
};

struct rr_arg {
	struct rr_log *log;
	char id;
};

static int rr_worker(void *p)
{
	struct rr_arg *a = p;

	for (int i = 0; i < 3; i++) {
		a->log->buf[a->log->len++] = a->id;
		yield();
	}
	return 0;
}

/* Threads that yield take turns in the order they became runnable. */
static void sched_test_round_robin(struct kunit *test)
{
	struct rr_log log = { .len = 0 };
	struct rr_arg args[3];
	struct task_struct *t[3];
	int n;

	/* The workers use log on this stack: join them before any assert. */
	for (n = 0; n < 3; n++) {
		args[n].log = &log;
		args[n].id = 'A' + n;
		t[n] = kthread_run(rr_worker, &args[n], "rr");
		if (IS_ERR(t[n]))
			break;
	}
	for (int i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, kthread_join(t[i]), 0);
	KUNIT_ASSERT_EQ(test, n, 3);
	log.buf[log.len] = '\0';
	KUNIT_EXPECT_STREQ(test, log.buf, "ABCABCABC");
}

static int until_stopped(void *p)
{
	int *rounds = p;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		(*rounds)++;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return 42;
}

static void sched_test_kthread_stop(struct kunit *test)
{
	struct task_struct *t;
	int rounds = 0;

	t = kthread_run(until_stopped, &rounds, "stoppable");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	yield();
	/* It ran once and now sleeps until kthread_stop wakes it. */
	KUNIT_EXPECT_EQ(test, rounds, 1);
	KUNIT_EXPECT_EQ(test, t->state, TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 42);
	KUNIT_EXPECT_EQ(test, rounds, 1);
}

static int mark_ran(void *p)
{
	*(int *)p = 1;
	return 0;
}

/* The tick asks to reschedule when another task waits, but never preempts. */
static void sched_test_tick_need_resched(struct kunit *test)
{
	struct task_struct *t;
	u64 ticks = current->ticks;
	ktime_t start;
	int ran = 0;

	t = kthread_run(mark_ran, &ran, "waiting");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_GE(test, nr_running(), 2UL);
	start = ktime_get_ns();
	while (!need_resched() &&
	       ktime_get_ns() - start < 5 * NSEC_PER_SEC / HZ)
		barrier();
	KUNIT_EXPECT_TRUE(test, need_resched());
	KUNIT_EXPECT_GT(test, current->ticks, ticks);
	KUNIT_EXPECT_EQ(test, ran, 0);
	cond_resched();
	KUNIT_EXPECT_EQ(test, ran, 1);
	KUNIT_EXPECT_FALSE(test, need_resched());
	KUNIT_EXPECT_EQ(test, kthread_join(t), 0);
}

struct stack_probe {
	unsigned long sp;
	unsigned long low;
	unsigned long size;
};

static int probe_stack(void *p)
{
	struct stack_probe *probe = p;
	int local;

	probe->sp = (unsigned long)&local;
	probe->low = (unsigned long)current->stack;
	probe->size = task_stack_size(current);
	return 0;
}

/* A thread runs inside its own stack, above the guard page. */
static void sched_test_stack_range(struct kunit *test)
{
	struct stack_probe probe = { 0 };
	struct task_struct *t;

	t = kthread_run(probe_stack, &probe, "stack");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, kthread_join(t), 0);
	KUNIT_EXPECT_EQ(test, probe.size,
			(PAGE_SIZE << CONFIG_KERNEL_STACK_ORDER) - PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(probe.low, PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, virt_is_ram((void *)(probe.low - PAGE_SIZE)));
	KUNIT_EXPECT_GT(test, probe.sp, probe.low);
	KUNIT_EXPECT_LT(test, probe.sp, probe.low + probe.size);
}

/* With no block left for a stack, kthread_create fails cleanly. */
static void sched_test_create_enomem(struct kunit *test)
{
	const unsigned int order = CONFIG_KERNEL_STACK_ORDER;
	struct task_struct *t;
	void *held = NULL, *p;
	unsigned long n = 0;

	while ((p = __get_free_pages(GFP_KERNEL | __GFP_NOWARN, order))) {
		*(void **)p = held;
		held = p;
		n++;
	}
	t = kthread_create(triple_plus_one, NULL, "nomem");
	while (held) {
		p = held;
		held = *(void **)p;
		free_pages(p, order);
	}
	KUNIT_EXPECT_GT(test, n, 0UL);
	KUNIT_EXPECT_PTR_EQ(test, t, ERR_PTR(-ENOMEM));
	if (!IS_ERR(t))
		kthread_stop(t);
}

static struct kunit_case sched_test_cases[] = {
	KUNIT_CASE(sched_test_exit_codes),
	KUNIT_CASE(sched_test_round_robin),
	KUNIT_CASE(sched_test_kthread_stop),
	KUNIT_CASE(sched_test_tick_need_resched),
	KUNIT_CASE(sched_test_stack_range),
	KUNIT_CASE(sched_test_create_enomem),
	{}
};

static struct kunit_suite sched_test_suite = {
	.name = "sched",
	.test_cases = sched_test_cases,
};
kunit_test_suite(sched_test_suite);
