// SPDX-License-Identifier: GPL-2.0
/*
 * runner_test.c - KUnit tests of the runner: a fake suite (not registered,
 * so it only runs from here) with passing, failing, skipped, asserting
 * and parameterised cases goes through kunit_run_suite() with its output
 * captured, and the KTAP text, the statuses and the hook calls are
 * checked.
 */
#include <umk/slab.h>
#include "internal.h"

#define CAPTURE_SIZE	16384

static struct {
	int suite_init, suite_exit, init, exit;
	int suite_init_err;
	bool after_assert;
} calls;

static int fake_suite_init(struct kunit_suite *suite)
{
	calls.suite_init++;
	return calls.suite_init_err;
}

static void fake_suite_exit(struct kunit_suite *suite)
{
	calls.suite_exit++;
}

static int fake_init(struct kunit *test)
{
	calls.init++;
	test->priv = &calls;
	return 0;
}

static void fake_exit(struct kunit *test)
{
	calls.exit++;
}

static void fake_pass(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, test->priv, &calls);
	/* Left for the runner to free. */
	KUNIT_EXPECT_NOT_NULL(test, kunit_kmalloc(test, 32, GFP_KERNEL));
}

static void fake_fail(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 3);
}

static void fake_skip(struct kunit *test)
{
	kunit_skip(test, "not today");
}

static void fake_assert(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, false);
	calls.after_assert = true;
}

static const int fake_params[] = { 1, 2, 3 };

static void fake_param_desc(const int *p, char *desc)
{
	if (*p != 2)	/* leave one without: the runner names it */
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "value %d", *p);
}

KUNIT_ARRAY_PARAM(fake, fake_params, fake_param_desc);

static void fake_param(struct kunit *test)
{
	const int *p = test->param_value;

	KUNIT_EXPECT_NE(test, *p, 3);
}

static struct kunit_case fake_cases[] = {
	KUNIT_CASE(fake_pass),
	KUNIT_CASE(fake_fail),
	KUNIT_CASE(fake_skip),
	KUNIT_CASE(fake_assert),
	KUNIT_CASE_PARAM(fake_param, fake_gen_params),
	{}
};

static struct kunit_suite fake_suite = {
	.name = "fake",
	.suite_init = fake_suite_init,
	.suite_exit = fake_suite_exit,
	.init = fake_init,
	.exit = fake_exit,
	.test_cases = fake_cases,
};

/*
 * Runs the fake suite (its suite_init returning init_err) with output into
 * a buffer; returns the buffer.
 */
static char *run_fake(struct kunit *test, const char *glob, int init_err,
		      int *failed)
{
	char *out = kunit_kzalloc(test, CAPTURE_SIZE, GFP_KERNEL);
	struct kunit_filter f;
	struct kunit_capture cap;

	KUNIT_ASSERT_NOT_NULL(test, out);
	if (glob)
		KUNIT_ASSERT_EQ(test, kunit_parse_filter(&f, glob), 0);
	memset(&calls, 0, sizeof(calls));
	calls.suite_init_err = init_err;
	kunit_capture_start(&cap, out, CAPTURE_SIZE);
	*failed = kunit_run_suite(&fake_suite, 7, glob ? &f : NULL);
	kunit_capture_stop(&cap);
	return out;
}

#define EXPECT_OUTPUT(test, out, text) \
	kunit_expect_output(test, out, text, __LINE__)

static void runner_test_ktap(struct kunit *test)
{
	int failed;
	char *out = run_fake(test, NULL, 0, &failed);

	KUNIT_EXPECT_EQ(test, failed, 3);
	EXPECT_OUTPUT(test, out, "    KTAP version 1\n    # Subtest: fake\n"
				 "    1..5\n");
	EXPECT_OUTPUT(test, out, "\n    ok 1 fake_pass\n");
	EXPECT_OUTPUT(test, out, "\n    # fake_fail: EXPECTATION FAILED at ");
	EXPECT_OUTPUT(test, out, "\n    Expected 1 + 1 == 3, but\n"
				 "        1 + 1 == 2 (0x2)\n"
				 "    not ok 2 fake_fail\n");
	EXPECT_OUTPUT(test, out, "\n    ok 3 fake_skip # SKIP not today\n");
	EXPECT_OUTPUT(test, out, "\n    not ok 4 fake_assert\n");
	EXPECT_OUTPUT(test, out, "\n        KTAP version 1\n"
				 "        # Subtest: fake_param\n"
				 "        ok 1 value 1\n"
				 "        ok 2 param-1\n");
	EXPECT_OUTPUT(test, out, "\n        not ok 3 value 3\n"
				 "    # fake_param: pass:2 fail:1 skip:0 "
				 "total:3\n"
				 "    not ok 5 fake_param\n");
	EXPECT_OUTPUT(test, out, "\n# fake: pass:1 fail:3 skip:1 total:5\n"
				 "# Totals: pass:3 fail:3 skip:1 total:7\n"
				 "not ok 7 fake\n");
	KUNIT_EXPECT_FALSE(test, calls.after_assert);
}

static void runner_test_status(struct kunit *test)
{
	int failed;

	run_fake(test, NULL, 0, &failed);
	KUNIT_EXPECT_EQ(test, fake_cases[0].status, KUNIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, fake_cases[1].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, fake_cases[2].status, KUNIT_SKIPPED);
	KUNIT_EXPECT_EQ(test, fake_cases[3].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, fake_cases[4].status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, fake_suite.status, KUNIT_FAILURE);
}

/* Suite hooks once; case hooks once per run (3 cases + 3 params). */
static void runner_test_hooks(struct kunit *test)
{
	int failed;

	run_fake(test, NULL, 0, &failed);
	KUNIT_EXPECT_EQ(test, calls.suite_init, 1);
	KUNIT_EXPECT_EQ(test, calls.suite_exit, 1);
	KUNIT_EXPECT_EQ(test, calls.init, 7);
	KUNIT_EXPECT_EQ(test, calls.exit, 7);
}

static void runner_test_filter(struct kunit *test)
{
	int failed;
	char *out = run_fake(test, "fake.fake_pa*", 0, &failed);

	KUNIT_EXPECT_EQ(test, failed, 1);
	EXPECT_OUTPUT(test, out, "    1..2\n    ok 1 fake_pass\n");
	EXPECT_OUTPUT(test, out, "    not ok 2 fake_param\n");
	KUNIT_EXPECT_NULL(test, strstr(out, "fake_fail"));
	KUNIT_EXPECT_EQ(test, calls.init, 4);
}

/* A failing suite_init fails the suite and runs no case. */
static void runner_test_suite_init_fails(struct kunit *test)
{
	int failed;
	char *out = run_fake(test, NULL, -ENOMEM, &failed);

	KUNIT_EXPECT_EQ(test, failed, 1);
	EXPECT_OUTPUT(test, out, "    # fake: failed to initialize (-12)\n"
				 "not ok 7 fake\n");
	KUNIT_EXPECT_EQ(test, calls.init, 0);
	KUNIT_EXPECT_EQ(test, calls.suite_exit, 0);
	KUNIT_EXPECT_EQ(test, fake_suite.status, KUNIT_FAILURE);
}

static struct kunit_case runner_test_cases[] = {
	KUNIT_CASE(runner_test_ktap),
	KUNIT_CASE(runner_test_status),
	KUNIT_CASE(runner_test_hooks),
	KUNIT_CASE(runner_test_filter),
	KUNIT_CASE(runner_test_suite_init_fails),
	{}
};

static struct kunit_suite runner_test_suite = {
	.name = "kunit_runner",
	.test_cases = runner_test_cases,
};
kunit_test_suite(runner_test_suite);
