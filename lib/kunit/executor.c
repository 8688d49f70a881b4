// SPDX-License-Identifier: GPL-2.0
/*
 * executor.c - finds the suites (pointers that kunit_test_suite() puts in
 * the "kunit_suites" section), applies kunit.enable= and
 * kunit.filter_glob=, and prints the top level of the KTAP document:
 *
 *   KTAP version 1
 *   1..N            N suites with at least one selected case
 *   ...             one subtest per suite (test.c)
 */
#include <umk/glob.h>
#include <umk/string.h>
#include <kunit/runner.h>
#include "internal.h"

/* Weak: a build without any suite has no such section at all. */
extern struct kunit_suite *const __start_kunit_suites[] __attribute__((weak));
extern struct kunit_suite *const __stop_kunit_suites[] __attribute__((weak));

static struct kunit_filter filter;
static bool have_filter;
static int enable = -1;		/* -1: not given on the command line */

int kunit_parse_filter(struct kunit_filter *f, const char *glob)
{
	const char *dot;
	size_t n;

	if (!glob || !*glob)
		return -EINVAL;
	dot = strchr(glob, '.');
	n = dot ? (size_t)(dot - glob) : strlen(glob);
	if (n == 0 || n >= sizeof(f->suite_glob))
		return -EINVAL;
	memcpy(f->suite_glob, glob, n);
	f->suite_glob[n] = '\0';
	f->case_glob[0] = '\0';
	if (dot && strscpy(f->case_glob, dot + 1, sizeof(f->case_glob)) <= 0)
		return -EINVAL;	/* too long, or "suite." with nothing */
	return 0;
}

bool kunit_filter_case(const struct kunit_filter *f, const char *case_name)
{
	return !f->case_glob[0] || glob_match(f->case_glob, case_name);
}

bool kunit_filter_suite(const struct kunit_filter *f,
			const struct kunit_suite *suite)
{
	const struct kunit_case *tcase;

	if (!glob_match(f->suite_glob, suite->name))
		return false;
	for (tcase = suite->test_cases; tcase->run_case; tcase++)
		if (kunit_filter_case(f, tcase->name))
			return true;
	return false;
}

int kunit_set_filter_glob(const char *glob)
{
	struct kunit_filter f;

	if (kunit_parse_filter(&f, glob))
		return -EINVAL;
	filter = f;
	have_filter = true;
	return 0;
}

int kunit_set_enable(const char *val)
{
	bool on = true;

	if (val && kstrtobool(val, &on))
		return -EINVAL;
	enable = on;
	return 0;
}

bool kunit_enabled(void)
{
	return enable == 1 || (enable == -1 && have_filter);
}

/* Suites with no case to run are left out, as Linux's filter does. */
static bool will_run(const struct kunit_suite *suite)
{
	if (have_filter)
		return kunit_filter_suite(&filter, suite);
	return suite->test_cases[0].run_case != NULL;
}

int kunit_run_all_tests(void)
{
	struct kunit_suite *const *s;
	int n = 0, failed = 0;

	if (!kunit_enabled())
		return 0;
	for (s = __start_kunit_suites; s < __stop_kunit_suites; s++)
		n += will_run(*s);
	kunit_printf("KTAP version 1\n1..%d\n", n);
	n = 0;
	for (s = __start_kunit_suites; s < __stop_kunit_suites; s++) {
		if (will_run(*s))
			failed += kunit_run_suite(*s, ++n,
						  have_filter ? &filter : NULL);
	}
	return failed;
}
