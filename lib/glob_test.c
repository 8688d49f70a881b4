// SPDX-License-Identifier: GPL-2.0
/* glob_test.c - KUnit tests of glob_match() (lib/glob.c). */
#include <kunit/test.h>
#include <umk/glob.h>

struct glob_case {
	const char *pattern;
	const char *str;
	bool match;
};

static const struct glob_case glob_cases[] = {
	{ "abc",	"abc",		true },
	{ "abc",	"abd",		false },
	{ "abc",	"ab",		false },
	{ "ab",		"abc",		false },
	{ "",		"",		true },
	{ "",		"a",		false },
	{ "*",		"",		true },
	{ "*",		"anything",	true },
	{ "**",		"x",		true },
	{ "a*",		"a",		true },
	{ "a*c",	"abbbc",	true },
	{ "a*c",	"abbbd",	false },
	{ "*.c",	"main.c",	true },
	{ "*.c",	"main.h",	false },
	{ "*a*b*c",	"xaxbxc",	true },
	{ "*a*b*c",	"xaxcxb",	false },
	{ "a*b*b",	"abbab",	true },	/* needs backtracking */
	{ "?",		"x",		true },
	{ "?",		"",		false },
	{ "a?c",	"abc",		true },
	{ "a??",	"ab",		false },
	{ "[abc]",	"b",		true },
	{ "[abc]",	"d",		false },
	{ "[a-c]x",	"bx",		true },
	{ "[a-c]x",	"dx",		false },
	{ "[!a-c]x",	"dx",		true },
	{ "[!a-c]x",	"bx",		false },
	{ "[^a-c]",	"z",		true },
	{ "[]]",	"]",		true },
	{ "[!]]",	"]",		false },
	{ "[a-]",	"-",		true },
	{ "[a",		"[a",		true },	/* unclosed: literal '[' */
	{ "[a",		"a",		false },
	{ "page_*.alloc_?",	"page_alloc.alloc_1", true },
};

static void glob_desc(const struct glob_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s' %s '%s'", c->pattern,
		 c->match ? "matches" : "rejects", c->str);
}

KUNIT_ARRAY_PARAM(glob, glob_cases, glob_desc);

static void glob_test_match(struct kunit *test)
{
	const struct glob_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, glob_match(c->pattern, c->str), c->match);
}

/* Many stars against a long near-miss must not take exponential time. */
static void glob_test_no_blowup(struct kunit *test)
{
	char str[200];

	memset(str, 'a', sizeof(str) - 1);
	str[sizeof(str) - 1] = '\0';
	KUNIT_EXPECT_FALSE(test, glob_match("*a*a*a*a*a*a*a*a*a*a*b", str));
	KUNIT_EXPECT_TRUE(test, glob_match("*a*a*a*a*a*a*a*a*a*a*", str));
}

static struct kunit_case glob_test_cases[] = {
	KUNIT_CASE_PARAM(glob_test_match, glob_gen_params),
	KUNIT_CASE(glob_test_no_blowup),
	{}
};

static struct kunit_suite glob_test_suite = {
	.name = "glob",
	.test_cases = glob_test_cases,
};
kunit_test_suite(glob_test_suite);
