// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline_test.c - KUnit tests of the command-line tokenizer
 * (lib/cmdline.c): words, values, quotes, "--" and error propagation.
 */
#include <kunit/test.h>
#include <umk/cmdline.h>

#define MAX_WORDS 8

/* What parse_args() handed to the callback, as "param" or "param=val". */
struct record {
	char words[MAX_WORDS][64];
	int n;
	int fail_at;		/* return -EINVAL on this call (0: never) */
};

static int record_arg(char *param, char *val, void *arg)
{
	struct record *r = arg;

	if (r->n == MAX_WORDS)
		return -E2BIG;
	if (val)
		snprintf(r->words[r->n], sizeof(r->words[0]), "%s=[%s]",
			 param, val);
	else
		snprintf(r->words[r->n], sizeof(r->words[0]), "%s", param);
	r->n++;
	return r->n == r->fail_at ? -EINVAL : 0;
}

struct split_case {
	const char *name;
	const char *line;
	const char *words[MAX_WORDS];	/* ends with NULL */
};

static const struct split_case split_cases[] = {
	{ "empty", "", { NULL } },
	{ "blank", " \t\n ", { NULL } },
	{ "bare", "quiet", { "quiet", NULL } },
	{ "value", "mem=64M", { "mem=[64M]", NULL } },
	{ "empty_value", "init=", { "init=[]", NULL } },
	{ "several", "  quiet  mem=64M\tloglevel=7 ",
	  { "quiet", "mem=[64M]", "loglevel=[7]", NULL } },
	{ "quoted_value", "foo=\"a b\" x",
	  { "foo=[a b]", "x", NULL } },
	{ "quoted_word", "\"foo=a b\" x", { "foo=[a b]", "x", NULL } },
	{ "quoted_empty", "foo=\"\"", { "foo=[]", NULL } },
	{ "quote_mid", "a=x\"y z\"w", { "a=[xy zw]", NULL } },
	{ "second_equals", "a=b=c", { "a=[b=c]", NULL } },
	{ "unclosed", "a=\"b c", { "a=[b c]", NULL } },
	{ "dotted", "kunit.filter_glob=glob.*", { "kunit.filter_glob=[glob.*]",
						   NULL } },
	{ "dashdash", "a -- b c=d", { "a", "--=[b c=d]", NULL } },
	{ "dashdash_last", "a --", { "a", "--=[]", NULL } },
	{ "dashdash_value", "--=x y", { "--=[x]", "y", NULL } },
};

static void split_desc(const struct split_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(split, split_cases, split_desc);

static void cmdline_test_parse_args(struct kunit *test)
{
	const struct split_case *c = test->param_value;
	struct record r = { .n = 0 };
	char line[128];
	int i;

	KUNIT_ASSERT_GT(test, strscpy(line, c->line, sizeof(line)), -1);
	KUNIT_EXPECT_EQ(test, parse_args(line, record_arg, &r), 0);
	for (i = 0; c->words[i]; i++) {
		KUNIT_ASSERT_LT(test, i, r.n);
		KUNIT_EXPECT_STREQ(test, r.words[i], c->words[i]);
	}
	KUNIT_EXPECT_EQ(test, r.n, i);
}

static void cmdline_test_next_arg(struct kunit *test)
{
	char line[] = " a=1  \"b c\" d=\"e f\"";
	char *rest, *param, *val;

	rest = next_arg(line, &param, &val);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	KUNIT_EXPECT_STREQ(test, param, "a");
	KUNIT_ASSERT_NOT_NULL(test, val);
	KUNIT_EXPECT_STREQ(test, val, "1");
	KUNIT_EXPECT_STREQ(test, rest, "\"b c\" d=\"e f\"");

	rest = next_arg(rest, &param, &val);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	KUNIT_EXPECT_STREQ(test, param, "b c");
	KUNIT_EXPECT_NULL(test, val);

	rest = next_arg(rest, &param, &val);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	KUNIT_EXPECT_STREQ(test, param, "d");
	KUNIT_ASSERT_NOT_NULL(test, val);
	KUNIT_EXPECT_STREQ(test, val, "e f");
	KUNIT_EXPECT_STREQ(test, rest, "");

	KUNIT_EXPECT_NULL(test, next_arg(rest, &param, &val));
	KUNIT_EXPECT_NULL(test, param);
	KUNIT_EXPECT_NULL(test, val);
}

/* The first error stops the walk and is returned. */
static void cmdline_test_error_stops(struct kunit *test)
{
	struct record r = { .n = 0, .fail_at = 2 };
	char line[] = "a b c d";

	KUNIT_EXPECT_EQ(test, parse_args(line, record_arg, &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, r.n, 2);
	KUNIT_EXPECT_STREQ(test, r.words[1], "b");
}

/* After "--", the callback's error is what parse_args() returns. */
static void cmdline_test_dashdash_error(struct kunit *test)
{
	struct record r = { .n = 0, .fail_at = 2 };
	char line[] = "a -- b";

	KUNIT_EXPECT_EQ(test, parse_args(line, record_arg, &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, r.n, 2);
	KUNIT_EXPECT_STREQ(test, r.words[1], "--=[b]");
}

static struct kunit_case cmdline_test_cases[] = {
	KUNIT_CASE_PARAM(cmdline_test_parse_args, split_gen_params),
	KUNIT_CASE(cmdline_test_next_arg),
	KUNIT_CASE(cmdline_test_error_stops),
	KUNIT_CASE(cmdline_test_dashdash_error),
	{}
};

static struct kunit_suite cmdline_test_suite = {
	.name = "cmdline",
	.test_cases = cmdline_test_cases,
};
kunit_test_suite(cmdline_test_suite);
