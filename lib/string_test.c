// SPDX-License-Identifier: GPL-2.0
/*
 * string_test.c - KUnit tests of lib/string.c (strscpy, strstarts,
 * skip_spaces, strim) and lib/errname.c.
 */
#include <kunit/test.h>
#include <umk/string.h>

static void string_test_strscpy(struct kunit *test)
{
	char buf[6];

	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc", sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abcde", sizeof(buf)), 5);
	KUNIT_EXPECT_STREQ(test, buf, "abcde");
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abcdef", sizeof(buf)), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "abcde");	/* truncated, terminated */
	KUNIT_EXPECT_EQ(test, strscpy(buf, "", sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");
	buf[0] = 'x';
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc", 0), -E2BIG);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');	/* size 0: not touched */
	KUNIT_EXPECT_EQ(test, strscpy(buf, "abc", 1), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "");
}

static void string_test_strstarts(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, strstarts("kunit.enable", "kunit."));
	KUNIT_EXPECT_TRUE(test, strstarts("abc", ""));
	KUNIT_EXPECT_TRUE(test, strstarts("abc", "abc"));
	KUNIT_EXPECT_FALSE(test, strstarts("ab", "abc"));
	KUNIT_EXPECT_FALSE(test, strstarts("xabc", "abc"));
}

static void string_test_spaces(struct kunit *test)
{
	char s1[] = "  \t\n hello world \r\n\v\f ";
	char s2[] = "   ";
	char s3[] = "x";

	KUNIT_EXPECT_STREQ(test, skip_spaces("  \tabc "), "abc ");
	KUNIT_EXPECT_STREQ(test, skip_spaces(""), "");
	KUNIT_EXPECT_STREQ(test, strim(s1), "hello world");
	KUNIT_EXPECT_STREQ(test, strim(s2), "");
	KUNIT_EXPECT_PTR_EQ(test, strim(s3), s3);
	KUNIT_EXPECT_TRUE(test, is_space(' '));
	KUNIT_EXPECT_TRUE(test, is_space('\r'));
	KUNIT_EXPECT_FALSE(test, is_space('\0'));
	KUNIT_EXPECT_FALSE(test, is_space('a'));
}

static void string_test_errname(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, errname(-ENOMEM), "ENOMEM");
	KUNIT_EXPECT_STREQ(test, errname(EINVAL), "EINVAL");
	KUNIT_EXPECT_STREQ(test, errname(-EPERM), "EPERM");
	KUNIT_EXPECT_STREQ(test, errname(-EAGAIN), "EAGAIN");
	KUNIT_EXPECT_STREQ(test, errname(-ENOTRECOVERABLE), "ENOTRECOVERABLE");
	KUNIT_EXPECT_NULL(test, errname(0));
	KUNIT_EXPECT_NULL(test, errname(41));	/* a hole in the numbers */
	KUNIT_EXPECT_NULL(test, errname(-4095));
}

static struct kunit_case string_test_cases[] = {
	KUNIT_CASE(string_test_strscpy),
	KUNIT_CASE(string_test_strstarts),
	KUNIT_CASE(string_test_spaces),
	KUNIT_CASE(string_test_errname),
	{}
};

static struct kunit_suite string_test_suite = {
	.name = "string",
	.test_cases = string_test_cases,
};
kunit_test_suite(string_test_suite);
