// SPDX-License-Identifier: GPL-2.0
/*
 * test.c - runs one suite and prints it as a KTAP subtest, nested the way
 * Linux's KUnit does: the suite at one level of indentation, a
 * parameterised case as a further subtest of its parameters.
 *
 * Every case (the per-case init hook, then the body) runs in a kernel
 * thread of its own, so that an ASSERT or a skip can end it with
 * do_exit() and leave the runner standing; the exit hook runs in a second
 * thread for the same reason. The runner then frees the case's resources.
 */
#include <umk/sched.h>
#include "internal.h"

#define IND2	KUNIT_INDENT KUNIT_INDENT

struct kunit_stats {
	unsigned long passed, failed, skipped, total;
};

struct kunit_thread {
	struct kunit *test;
	void (*fn)(struct kunit *test, void *data);
	void *data;
};

static int kunit_thread_fn(void *arg)
{
	struct kunit_thread *kt = arg;

	kt->fn(kt->test, kt->data);
	return 0;
}

int kunit_run_in_thread(struct kunit *test,
			void (*fn)(struct kunit *test, void *data), void *data)
{
	struct kunit_thread kt = { .test = test, .fn = fn, .data = data };
	struct task_struct *t;
	int code;

	t = kthread_create(kunit_thread_fn, &kt, "kunit");
	if (IS_ERR(t))
		return (int)PTR_ERR(t);
	t->kunit_test = test;
	wake_up_process(t);
	code = kthread_join(t);
	return code ? KUNIT_ABORTED : 0;
}

void kunit_abort(struct kunit *test)
{
	struct kunit *owner = current->kunit_test;

	/* Only a test thread may be ended; anywhere else it is a bug. */
	if (!owner)
		panic("kunit_abort() outside a test thread (test %s)",
		      test->name ? test->name : "?");
	/* Ending this thread ends owner's case: do not let it pass. */
	if (owner != test) {
		kunit_err(owner, "ended by an ASSERT or skip on another test "
			  "object (%s)", test->name ? test->name : "?");
		owner->status = KUNIT_FAILURE;
	}
	do_exit(KUNIT_ABORTED);
}

void kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vsnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

struct case_run {
	struct kunit_suite *suite;
	struct kunit_case *tcase;
};

static void case_body(struct kunit *test, void *data)
{
	struct case_run *run = data;
	int err;

	if (run->suite->init) {
		err = run->suite->init(test);
		if (err) {
			kunit_err(test, "failed to initialize: %d", err);
			test->status = KUNIT_FAILURE;
			return;
		}
	}
	run->tcase->run_case(test);
}

static void case_exit(struct kunit *test, void *data)
{
	struct case_run *run = data;

	run->suite->exit(test);
}

/* Runs fn in a test thread; a thread that cannot start fails the test. */
static int run_part(struct kunit *test,
		    void (*fn)(struct kunit *test, void *data),
		    struct case_run *run, const char *what)
{
	int err = kunit_run_in_thread(test, fn, run);

	if (err < 0) {
		kunit_err(test, "could not start a thread for the %s: %d",
			  what, err);
		test->status = KUNIT_FAILURE;
	}
	return err;
}

/* One run of a case body (one parameter of a parameterised case). */
static void run_one(struct kunit_suite *suite, struct kunit_case *tcase,
		    struct kunit *test)
{
	struct case_run run = { .suite = suite, .tcase = tcase };

	if (run_part(test, case_body, &run, "case") >= 0 && suite->exit)
		run_part(test, case_exit, &run, "exit hook");
	kunit_cleanup(test);
}

static void count(struct kunit_stats *s, enum kunit_status status)
{
	if (status == KUNIT_SUCCESS)
		s->passed++;
	else if (status == KUNIT_FAILURE)
		s->failed++;
	else
		s->skipped++;
	s->total++;
}

static void print_stats(const char *indent, const char *name,
			const struct kunit_stats *s)
{
	kunit_printf("%s# %s: pass:%lu fail:%lu skip:%lu total:%lu\n", indent,
		     name, s->passed, s->failed, s->skipped, s->total);
}

static void print_result(const char *indent, enum kunit_status status,
			 int number, const char *name, const char *comment)
{
	bool skip = status == KUNIT_SKIPPED;

	kunit_printf("%s%s %d %s%s%s%s\n", indent,
		     status == KUNIT_FAILURE ? "not ok" : "ok", number, name,
		     skip ? " # SKIP" : "", skip && *comment ? " " : "",
		     skip ? comment : "");
}

/*
 * Runs a case over all its parameters as a nested subtest. The case
 * fails if one parameter failed, passes if none failed and one passed,
 * and is skipped otherwise.
 */
static enum kunit_status run_params(struct kunit_suite *suite,
				    struct kunit_case *tcase,
				    struct kunit_stats *leaves)
{
	enum kunit_status status = KUNIT_SKIPPED;
	char desc[KUNIT_PARAM_DESC_SIZE] = "";
	struct kunit_stats stats = { 0 };
	const void *param;
	struct kunit test;
	int index = 0;

	kunit_printf(IND2 "KTAP version 1\n" IND2 "# Subtest: %s\n",
		     tcase->name);
	for (param = tcase->generate_params(NULL, desc); param;
	     param = tcase->generate_params(param, desc), index++) {
		kunit_init_test(&test, tcase->name);
		test.param_value = param;
		test.param_index = index;
		run_one(suite, tcase, &test);
		if (!desc[0])
			snprintf(desc, sizeof(desc), "param-%d", index);
		print_result(IND2, test.status, index + 1, desc,
			     test.status_comment);
		count(&stats, test.status);
		if (test.status == KUNIT_FAILURE)
			status = KUNIT_FAILURE;
		else if (test.status == KUNIT_SUCCESS &&
			 status == KUNIT_SKIPPED)
			status = KUNIT_SUCCESS;
		desc[0] = '\0';
	}
	print_stats(KUNIT_INDENT, tcase->name, &stats);
	leaves->passed += stats.passed;
	leaves->failed += stats.failed;
	leaves->skipped += stats.skipped;
	leaves->total += stats.total;
	return status;
}

static void run_case(struct kunit_suite *suite, struct kunit_case *tcase,
		     int number, struct kunit_stats *leaves)
{
	struct kunit test;

	if (tcase->generate_params) {
		tcase->status = run_params(suite, tcase, leaves);
		print_result(KUNIT_INDENT, tcase->status, number, tcase->name,
			     "");
		return;
	}
	kunit_init_test(&test, tcase->name);
	run_one(suite, tcase, &test);
	tcase->status = test.status;
	count(leaves, test.status);
	print_result(KUNIT_INDENT, test.status, number, tcase->name,
		     test.status_comment);
}

static bool selected(const struct kunit_filter *filter,
		     const struct kunit_case *tcase)
{
	return !filter || kunit_filter_case(filter, tcase->name);
}

int kunit_run_suite(struct kunit_suite *suite, int number,
		    const struct kunit_filter *filter)
{
	struct kunit_stats cases = { 0 }, leaves = { 0 };
	struct kunit_case *tcase;
	int n = 0, err;

	err = suite->suite_init ? suite->suite_init(suite) : 0;
	if (err) {
		/* As Linux: no subtest at all, just a failed result. */
		kunit_printf(KUNIT_INDENT "# %s: failed to initialize (%d)\n",
			     suite->name, err);
		suite->status = KUNIT_FAILURE;
		print_result("", KUNIT_FAILURE, number, suite->name, "");
		return 1;
	}

	for (tcase = suite->test_cases; tcase->run_case; tcase++)
		n += selected(filter, tcase);
	kunit_printf(KUNIT_INDENT "KTAP version 1\n"
		     KUNIT_INDENT "# Subtest: %s\n" KUNIT_INDENT "1..%d\n",
		     suite->name, n);
	n = 0;
	for (tcase = suite->test_cases; tcase->run_case; tcase++) {
		if (!selected(filter, tcase))
			continue;
		run_case(suite, tcase, ++n, &leaves);
		count(&cases, tcase->status);
	}
	if (suite->suite_exit)
		suite->suite_exit(suite);

	print_stats("", suite->name, &cases);
	print_stats("", "Totals", &leaves);
	suite->status = cases.failed ? KUNIT_FAILURE :
			cases.passed ? KUNIT_SUCCESS : KUNIT_SKIPPED;
	print_result("", suite->status, number, suite->name, "");
	return (int)cases.failed;
}
