/*
 * proc_test.c - KUnit tests of process bookkeeping: the pid allocator
 * (cyclic handout, wrap, reuse, exhaustion, numbers held by groups), pid
 * lookup, and the wait status words wait4 reports.
 */
#include <kunit/test.h>
#include <umk/pid.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/errno.h>
#include <umk/kernel.h>

static void proc_test_pidmap_cyclic(struct kunit *test)
{
	unsigned long bits[1] = { 0 };
	struct pidmap map;
	int i;

	pidmap_init(&map, bits, 16, 5);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), 1);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), 2);
	pidmap_free(&map, 1);
	/* A freed number is not handed out again before the wrap. */
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), 3);
	for (i = 4; i < 16; i++)
		KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), i);
	/* Full: after the wrap only numbers from wrap_to (5) are tried. */
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), -EAGAIN);
	pidmap_free(&map, 7);
	pidmap_free(&map, 6);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), 6);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, NULL), 7);
	KUNIT_EXPECT_TRUE(test, pidmap_test(&map, 7));
	KUNIT_EXPECT_FALSE(test, pidmap_test(&map, 1));
}

static bool busy_three(int nr)
{
	return nr == 3;
}

static void proc_test_pidmap_busy(struct kunit *test)
{
	unsigned long bits[1] = { 0 };
	struct pidmap map;

	pidmap_init(&map, bits, 8, 2);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, busy_three), 1);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, busy_three), 2);
	KUNIT_EXPECT_EQ(test, pidmap_alloc(&map, busy_three), 4);
	KUNIT_EXPECT_FALSE(test, pidmap_test(&map, 3));
}

static void proc_test_pid_lookup(struct kunit *test)
{
	int a = alloc_pid(0), b = alloc_pid(0);

	KUNIT_ASSERT_GT(test, a, 1);
	KUNIT_ASSERT_GT(test, b, 1);
	KUNIT_EXPECT_NE(test, a, b);
	free_pid(a);
	free_pid(b);
	KUNIT_EXPECT_EQ(test, alloc_pid(INIT_PID), INIT_PID);
	KUNIT_EXPECT_PTR_EQ(test, find_task_by_pid(current->pid), current);
	KUNIT_EXPECT_NULL(test, find_task_by_pid(0));
	KUNIT_EXPECT_NULL(test, find_task_by_pid(-5));
	/* A kernel thread is a task, not a process. */
	KUNIT_EXPECT_NULL(test, find_process_by_pid(current->pid));
}

struct status_case {
	const char *desc;
	int status;
	int exited, code, signaled, sig, core, stopped, stopsig, cont;
};

/* The words are built by the encoders; the checks are POSIX macros. */
static const struct status_case status_cases[] = {
	{ "exit 0", 0, 1, 0 },
	{ "exit 3", 0x300, 1, 3 },
	{ "exit 255", 0xff00, 1, 255 },
	{ "SIGKILL", 9, 0, 0, 1, 9 },
	{ "SIGSEGV core", 0x8b, 0, 0, 1, 11, 1 },
	{ "SIGTERM", 15, 0, 0, 1, 15 },
	{ "stopped SIGSTOP", 0x137f, 0, 0, 0, 0, 0, 1, 19 },
	{ "stopped SIGTSTP", 0x147f, 0, 0, 0, 0, 0, 1, 20 },
	{ "continued", 0xffff, 0, 0, 0, 0, 0, 0, 0, 1 },
};

static void status_desc(const struct status_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(status, status_cases, status_desc);

static int encode(const struct status_case *c)
{
	if (c->exited)
		return wait_status_exited(c->code);
	if (c->signaled)
		return wait_status_signaled(c->sig, c->core);
	if (c->stopped)
		return wait_status_stopped(c->stopsig);
	return WAIT_STATUS_CONTINUED;
}

static void proc_test_wait_status(struct kunit *test)
{
	const struct status_case *c = test->param_value;
	int s = encode(c);

	KUNIT_EXPECT_EQ(test, s, c->status);
	KUNIT_EXPECT_EQ(test, (s & 0x7f) == 0, c->exited);
	if (c->exited)
		KUNIT_EXPECT_EQ(test, (s >> 8) & 0xff, c->code);
	KUNIT_EXPECT_EQ(test, ((signed char)((s & 0x7f) + 1) >> 1) > 0,
			c->signaled);
	if (c->signaled) {
		KUNIT_EXPECT_EQ(test, s & 0x7f, c->sig);
		KUNIT_EXPECT_EQ(test, !!(s & 0x80), c->core);
	}
	KUNIT_EXPECT_EQ(test, (s & 0xff) == 0x7f, c->stopped);
	if (c->stopped)
		KUNIT_EXPECT_EQ(test, (s >> 8) & 0xff, c->stopsig);
	KUNIT_EXPECT_EQ(test, s == 0xffff, c->cont);
}

static struct kunit_case proc_test_cases[] = {
	KUNIT_CASE(proc_test_pidmap_cyclic),
	KUNIT_CASE(proc_test_pidmap_busy),
	KUNIT_CASE(proc_test_pid_lookup),
	KUNIT_CASE_PARAM(proc_test_wait_status, status_gen_params),
	{}
};

static struct kunit_suite proc_test_suite = {
	.name = "process",
	.test_cases = proc_test_cases,
};
kunit_test_suite(proc_test_suite);
