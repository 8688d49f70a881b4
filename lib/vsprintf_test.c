// SPDX-License-Identifier: GPL-2.0
/*
 * vsprintf_test.c - KUnit tests of lib/vsprintf.c: every flag, width and
 * precision form, the length modifiers, truncation and return values.
 * Built with -fno-builtin so that gcc cannot fold the calls at compile
 * time: each one below really runs our vsnprintf().
 */
#include <limits.h>
#include <kunit/test.h>

#define BUF_SIZE 64

/* Formats into a buffer and checks both the text and the return value. */
#define CHECK(test, expect, fmt, ...) do { \
	char __buf[BUF_SIZE]; \
	int __n = snprintf(__buf, sizeof(__buf), fmt, ##__VA_ARGS__); \
	KUNIT_EXPECT_STREQ(test, __buf, expect); \
	KUNIT_EXPECT_EQ(test, __n, (int)strlen(expect)); \
} while (0)

struct int_case {
	const char *name;
	const char *fmt;
	int val;
	const char *expect;
};

static const struct int_case int_cases[] = {
	{ "decimal",		"%d",	42,	"42" },
	{ "negative",		"%i",	-42,	"-42" },
	{ "int_min",		"%d",	INT_MIN, "-2147483648" },
	{ "width",		"%5d",	42,	"   42" },
	{ "left",		"%-5d|", 42,	"42   |" },
	{ "zero_pad",		"%05d",	-42,	"-0042" },
	{ "plus",		"%+d",	42,	"+42" },
	{ "space",		"% d",	42,	" 42" },
	{ "plus_beats_space",	"%+ d",	42,	"+42" },
	{ "precision",		"%.4d",	42,	"0042" },
	{ "precision_width",	"%6.3d", -7,	"  -007" },
	{ "zero_ignored_prec",	"%06.3d", 7,	"   007" },
	{ "zero_prec_zero",	"[%.0d]", 0,	"[]" },
	{ "unsigned",		"%u",	-1,	"4294967295" },
	{ "hex",		"%x",	0xbeef,	"beef" },
	{ "hex_upper",		"%X",	0xbeef,	"BEEF" },
	{ "hex_alt",		"%#x",	255,	"0xff" },
	{ "hex_alt_upper",	"%#X",	255,	"0XFF" },
	{ "hex_alt_zero",	"%#x",	0,	"0" },
	{ "hex_alt_zero_pad",	"%#06x", 10,	"0x000a" },
	{ "octal",		"%o",	8,	"10" },
	{ "octal_alt",		"%#o",	8,	"010" },
	{ "octal_alt_zero",	"%#o",	0,	"0" },
	{ "char",		"%c",	'x',	"x" },
	{ "char_width",		"%-3c|", 'x',	"x  |" },
};

static void int_case_desc(const struct int_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(int_format, int_cases, int_case_desc);

static void vsprintf_test_int(struct kunit *test)
{
	const struct int_case *c = test->param_value;
	char buf[BUF_SIZE];
	int n;

	n = snprintf(buf, sizeof(buf), c->fmt, c->val);
	KUNIT_EXPECT_STREQ(test, buf, c->expect);
	KUNIT_EXPECT_EQ(test, n, (int)strlen(c->expect));
}

struct str_case {
	const char *name;
	const char *fmt;
	const char *val;
	const char *expect;
};

static const struct str_case str_cases[] = {
	{ "plain",	"%s",		"abc",	"abc" },
	{ "width",	"%5s",		"abc",	"  abc" },
	{ "left",	"%-5s|",	"abc",	"abc  |" },
	{ "precision",	"%.2s",		"abc",	"ab" },
	{ "prec_width",	"%4.1s",	"abc",	"   a" },
	{ "null",	"%s",		NULL,	"(null)" },
	{ "empty",	"[%s]",		"",	"[]" },
};

static void str_case_desc(const struct str_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(str_format, str_cases, str_case_desc);

static void vsprintf_test_str(struct kunit *test)
{
	const struct str_case *c = test->param_value;
	char buf[BUF_SIZE];
	int n;

	n = snprintf(buf, sizeof(buf), c->fmt, c->val);
	KUNIT_EXPECT_STREQ(test, buf, c->expect);
	KUNIT_EXPECT_EQ(test, n, (int)strlen(c->expect));
}

static void vsprintf_test_lengths(struct kunit *test)
{
	CHECK(test, "-9223372036854775808", "%lld", LLONG_MIN);
	CHECK(test, "18446744073709551615", "%llu", ULLONG_MAX);
	CHECK(test, "ffffffffffffffff", "%lx", ULONG_MAX);
	CHECK(test, "-1", "%ld", -1L);
	CHECK(test, "44 44", "%hhd %hhu", 300, 300);
	CHECK(test, "4464 4464", "%hd %hu", 70000, 70000);
	CHECK(test, "-1 255", "%hhd %hhu", -1, -1);
	CHECK(test, "123 -5", "%zu %zd", (size_t)123, (ssize_t)-5);
	CHECK(test, "-9", "%td", (ptrdiff_t)-9);
	CHECK(test, "-77 77", "%jd %ju", (intmax_t)-77, (uintmax_t)77);
}

static void vsprintf_test_star(struct kunit *test)
{
	CHECK(test, "   42", "%*d", 5, 42);
	CHECK(test, "42   |", "%*d|", -5, 42);	/* negative: left */
	CHECK(test, "042", "%.*d", 3, 42);
	CHECK(test, "42", "%.*d", -1, 42);	/* negative: no precision */
	CHECK(test, "he", "%.*s", 2, "hello");
	CHECK(test, "  x|", "%*s|", 3, "x");
}

static void vsprintf_test_pointer(struct kunit *test)
{
	CHECK(test, "0x1234", "%p", (void *)0x1234);
	CHECK(test, "0xdeadbeef", "%p", (void *)0xdeadbeefUL);
	CHECK(test, "0x0", "%p", NULL);
	CHECK(test, "  0x10|", "%6p|", (void *)0x10);
}

static void vsprintf_test_percent(struct kunit *test)
{
	CHECK(test, "100%", "100%%");
	CHECK(test, "a%b", "a%%b");
}

/* Formats the compiler would reject are built at run time. */
static void vsprintf_test_malformed(struct kunit *test)
{
	char fmt[8], buf[BUF_SIZE];
	const char *bad = "ab%";
	int n;

	strcpy(fmt, bad);
	n = snprintf(buf, sizeof(buf), fmt);
	KUNIT_EXPECT_STREQ(test, buf, "ab%");
	KUNIT_EXPECT_EQ(test, n, 3);
	strcpy(fmt, "x%yz");
	n = snprintf(buf, sizeof(buf), fmt);
	KUNIT_EXPECT_STREQ(test, buf, "x%yz");
	KUNIT_EXPECT_EQ(test, n, 4);
}

static void vsprintf_test_truncation(struct kunit *test)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, 4, "%s", "hello");
	KUNIT_EXPECT_EQ(test, n, 5);		/* the would-be length */
	KUNIT_EXPECT_STREQ(test, buf, "hel");
	KUNIT_EXPECT_EQ(test, buf[4], 'x');	/* nothing past size */

	n = snprintf(NULL, 0, "%d-%s", 1234, "ab");
	KUNIT_EXPECT_EQ(test, n, 7);

	buf[0] = 'x';
	n = snprintf(buf, 1, "abc");
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, buf[0], '\0');

	n = snprintf(buf, sizeof(buf), "%10d", 1);	/* padding cut too */
	KUNIT_EXPECT_EQ(test, n, 10);
	KUNIT_EXPECT_STREQ(test, buf, "       ");
}

static void vsprintf_test_scnprintf(struct kunit *test)
{
	char buf[8];

	KUNIT_EXPECT_EQ(test, scnprintf(buf, sizeof(buf), "abc"), 3);
	KUNIT_EXPECT_EQ(test, scnprintf(buf, sizeof(buf), "%s", "123456789"),
			7);
	KUNIT_EXPECT_STREQ(test, buf, "1234567");
	KUNIT_EXPECT_EQ(test, scnprintf(buf, 1, "abc"), 0);
	KUNIT_EXPECT_EQ(test, scnprintf(NULL, 0, "abc"), 0);
}

static struct kunit_case vsprintf_test_cases[] = {
	KUNIT_CASE_PARAM(vsprintf_test_int, int_format_gen_params),
	KUNIT_CASE_PARAM(vsprintf_test_str, str_format_gen_params),
	KUNIT_CASE(vsprintf_test_lengths),
	KUNIT_CASE(vsprintf_test_star),
	KUNIT_CASE(vsprintf_test_pointer),
	KUNIT_CASE(vsprintf_test_percent),
	KUNIT_CASE(vsprintf_test_malformed),
	KUNIT_CASE(vsprintf_test_truncation),
	KUNIT_CASE(vsprintf_test_scnprintf),
	{}
};

static struct kunit_suite vsprintf_test_suite = {
	.name = "vsprintf",
	.test_cases = vsprintf_test_cases,
};
kunit_test_suite(vsprintf_test_suite);
