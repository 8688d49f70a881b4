// SPDX-License-Identifier: GPL-2.0
/*
 * kunit_test.c - KUnit tests of KUnit itself. Expectations are tried on
 * scratch test objects with the output captured, so that a failure they
 * record (on purpose) does not fail the case that checks it; ASSERTs and
 * skips run on a scratch object in a thread of their own; a whole fake
 * suite runs through the runner to check the KTAP it prints.
 */
#include <umk/slab.h>
#include "internal.h"

#define CAPTURE_SIZE	8192

struct scratch {
	struct kunit test;
	struct kunit_capture cap;
	char *out;
};

/* Sets up a scratch test object whose output goes into s->out. */
static void scratch_begin(struct kunit *test, struct scratch *s)
{
	s->out = kunit_kzalloc(test, CAPTURE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->out);
	kunit_init_test(&s->test, "scratch");
	kunit_capture_start(&s->cap, s->out, CAPTURE_SIZE);
}

/* Ends the capture: only now may the real test's checks print. */
static void scratch_end(struct scratch *s)
{
	kunit_capture_stop(&s->cap);
	kunit_cleanup(&s->test);
}

/* Logs text line by line as diagnostics, so that none reads as KTAP. */
static void log_lines(struct kunit *test, const char *tag, const char *text)
{
	size_t n;

	while (*text) {
		n = strcspn(text, "\n");
		kunit_log(test, "%s| %.*s", tag, (int)n, text);
		text += n + (text[n] == '\n');
	}
}

void kunit_expect_output(struct kunit *test, const char *out,
			 const char *text, int line)
{
	if (strstr(out, text))
		return;
	KUNIT_FAIL(test, "line %d: the output lacks some text", line);
	log_lines(test, "want", text);
	log_lines(test, "got ", out);
}

#define EXPECT_OUTPUT(test, s, text) \
	kunit_expect_output(test, (s)->out, text, __LINE__)

static void kunit_test_expect_pass(struct kunit *test)
{
	struct scratch s;
	int one = 1;

	scratch_begin(test, &s);
	KUNIT_EXPECT_EQ(&s.test, one, 1);
	KUNIT_EXPECT_STREQ(&s.test, "a", "a");
	KUNIT_EXPECT_TRUE(&s.test, one);
	scratch_end(&s);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_SUCCESS);
	KUNIT_EXPECT_STREQ(test, s.out, "");
}

static void kunit_test_expect_int(struct kunit *test)
{
	struct scratch s;
	int one = 1, two = 2;
	unsigned long big = ~0UL;

	scratch_begin(test, &s);
	KUNIT_EXPECT_EQ(&s.test, one, two);
	KUNIT_EXPECT_LT(&s.test, two, 2);
	KUNIT_EXPECT_EQ_MSG(&s.test, big, 0UL, "note %d", 42);
	scratch_end(&s);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_FAILURE);
	EXPECT_OUTPUT(test, &s, "    # scratch: EXPECTATION FAILED at ");
	EXPECT_OUTPUT(test, &s, "    Expected one == two, but\n"
				"        one == 1 (0x1)\n"
				"        two == 2 (0x2)\n");
	/* A literal side is not repeated with its value. */
	EXPECT_OUTPUT(test, &s, "    Expected two < 2, but\n"
				"        two == 2 (0x2)\n    #");
	EXPECT_OUTPUT(test, &s, "big == 18446744073709551615 "
				"(0xffffffffffffffff)\n");
	EXPECT_OUTPUT(test, &s, "\n    note 42\n");
}

static void kunit_test_expect_other(struct kunit *test)
{
	static const u8 a[] = { 1, 2, 3 }, b[] = { 1, 9, 3 };
	const char *str = "abc";
	struct scratch s;

	scratch_begin(test, &s);
	KUNIT_EXPECT_STREQ(&s.test, str, "abd");
	KUNIT_EXPECT_FALSE(&s.test, str[0] == 'a');
	KUNIT_EXPECT_NULL(&s.test, str);
	KUNIT_EXPECT_MEMEQ(&s.test, a, b, sizeof(a));
	KUNIT_EXPECT_NOT_ERR_OR_NULL(&s.test, ERR_PTR(-ENOMEM));
	KUNIT_EXPECT_STREQ(&s.test, errname(0), "none");	/* NULL */
	KUNIT_FAIL(&s.test, "plain %s", "failure");
	scratch_end(&s);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_FAILURE);
	EXPECT_OUTPUT(test, &s, "    Expected str == \"abd\", but\n"
				"        str == \"abc\"\n    #");
	EXPECT_OUTPUT(test, &s, "Expected str[0] == 'a' to be false, but is "
				"true\n");
	EXPECT_OUTPUT(test, &s, "Expected str == NULL, but\n");
	EXPECT_OUTPUT(test, &s, "         01 <02> 03 \n");
	EXPECT_OUTPUT(test, &s, "         01 <09> 03 \n");
	EXPECT_OUTPUT(test, &s, "is not error, but is: -12 (ENOMEM)\n");
	EXPECT_OUTPUT(test, &s, "        errname(0) == NULL\n    #");
	EXPECT_OUTPUT(test, &s, "\n    plain failure\n");
}

static void assert_then_flag(struct kunit *test, void *data)
{
	KUNIT_ASSERT_EQ(test, 1, 2);
	*(bool *)data = true;		/* must not be reached */
}

static void skip_then_flag(struct kunit *test, void *data)
{
	kunit_skip(test, "no %s today", "tea");
	*(bool *)data = true;
}

static void kunit_test_assert_ends_case(struct kunit *test)
{
	struct scratch s;
	bool reached = false;
	int ret;

	scratch_begin(test, &s);
	ret = kunit_run_in_thread(&s.test, assert_then_flag, &reached);
	scratch_end(&s);
	KUNIT_EXPECT_EQ(test, ret, KUNIT_ABORTED);
	KUNIT_EXPECT_FALSE(test, reached);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_FAILURE);
	EXPECT_OUTPUT(test, &s, "# scratch: ASSERTION FAILED at ");
}

static void kunit_test_skip(struct kunit *test)
{
	struct scratch s;
	bool reached = false;
	int ret;

	scratch_begin(test, &s);
	ret = kunit_run_in_thread(&s.test, skip_then_flag, &reached);
	scratch_end(&s);
	KUNIT_EXPECT_EQ(test, ret, KUNIT_ABORTED);
	KUNIT_EXPECT_FALSE(test, reached);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_SKIPPED);
	KUNIT_EXPECT_STREQ(test, s.test.status_comment, "no tea today");
}

static size_t list_length(const struct list_head *head)
{
	const struct list_head *p;
	size_t n = 0;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

static void kunit_test_resources(struct kunit *test)
{
	struct scratch s;
	char *a, *b, *c;
	int bogus;

	scratch_begin(test, &s);
	a = kunit_kmalloc(&s.test, 10, GFP_KERNEL);
	b = kunit_kzalloc(&s.test, 100, GFP_KERNEL);
	c = kunit_kmalloc(&s.test, 1, GFP_KERNEL);
	kunit_kfree(&s.test, b);
	kunit_kfree(&s.test, NULL);		/* like kfree: a no-op */
	kunit_kfree(&s.test, &bogus);		/* not ours: a failure */
	kunit_capture_stop(&s.cap);

	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, (uintptr_t)a % 16, 0);
	KUNIT_EXPECT_EQ(test, list_length(&s.test.resources), 2);
	KUNIT_EXPECT_EQ(test, s.test.status, KUNIT_FAILURE);
	EXPECT_OUTPUT(test, &s, "was not allocated by this test");
	kunit_cleanup(&s.test);
	KUNIT_EXPECT_TRUE(test, list_empty(&s.test.resources));
}

static void kunit_test_kzalloc_zeroes(struct kunit *test)
{
	u8 *p = kunit_kmalloc(test, 64, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xa5, 64);
	kunit_kfree(test, p);
	p = kunit_kzalloc(test, 64, GFP_KERNEL);	/* likely the same */
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, p[i], 0);
}

static void kunit_test_msg(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, kunit_msg(" "));
	KUNIT_EXPECT_STREQ(test, kunit_msg(" x=%d", 5), "x=5");
}

struct filter_case {
	const char *glob;
	const char *case_name;
	bool suite_match;	/* the suite "page_alloc" is selected */
	bool case_match;
};

static const struct filter_case filter_cases[] = {
	{ "page_alloc",		"exhaust",	true,	true },
	{ "page_*",		"exhaust",	true,	true },
	{ "slab",		"exhaust",	false,	true },
	{ "page_alloc.exh*",	"exhaust",	true,	true },
	{ "page_alloc.frag*",	"exhaust",	true,	false },
	{ "*.exhaust",		"exhaust",	true,	true },
	{ "page_alloc.none",	"exhaust",	false,	false },
};

static void filter_desc(const struct filter_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->glob);
}

KUNIT_ARRAY_PARAM(filter, filter_cases, filter_desc);

static void dummy_case(struct kunit *test)
{
}

static void kunit_test_filter(struct kunit *test)
{
	const struct filter_case *c = test->param_value;
	struct kunit_case cases[] = {
		{ .run_case = dummy_case, .name = "exhaust" },
		{ .run_case = dummy_case, .name = "fragment" },
		{}
	};
	struct kunit_suite suite = { .name = "page_alloc",
				     .test_cases = cases };
	struct kunit_filter f;

	KUNIT_ASSERT_EQ(test, kunit_parse_filter(&f, c->glob), 0);
	KUNIT_EXPECT_EQ(test, kunit_filter_suite(&f, &suite), c->suite_match);
	KUNIT_EXPECT_EQ(test, kunit_filter_case(&f, c->case_name),
			c->case_match);
}

static void kunit_test_bad_filter(struct kunit *test)
{
	struct kunit_filter f;

	KUNIT_EXPECT_EQ(test, kunit_parse_filter(&f, ""), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_parse_filter(&f, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_parse_filter(&f, ".case"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_parse_filter(&f, "suite."), -EINVAL);
}

static struct kunit_case kunit_test_cases[] = {
	KUNIT_CASE(kunit_test_expect_pass),
	KUNIT_CASE(kunit_test_expect_int),
	KUNIT_CASE(kunit_test_expect_other),
	KUNIT_CASE(kunit_test_assert_ends_case),
	KUNIT_CASE(kunit_test_skip),
	KUNIT_CASE(kunit_test_resources),
	KUNIT_CASE(kunit_test_kzalloc_zeroes),
	KUNIT_CASE(kunit_test_msg),
	KUNIT_CASE_PARAM(kunit_test_filter, filter_gen_params),
	KUNIT_CASE(kunit_test_bad_filter),
	{}
};

static struct kunit_suite kunit_test_suite = {
	.name = "kunit",
	.test_cases = kunit_test_cases,
};
kunit_test_suite(kunit_test_suite);
