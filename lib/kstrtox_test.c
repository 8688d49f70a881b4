// SPDX-License-Identifier: GPL-2.0
/*
 * kstrtox_test.c - KUnit tests of lib/kstrtox.c: bases, signs, limits,
 * junk, the one trailing newline, kstrtobool's words and parse_size's
 * suffixes.
 */
#include <limits.h>
#include <kunit/test.h>

struct ull_case {
	const char *str;
	unsigned int base;
	int err;
	unsigned long long val;
};

static const struct ull_case ull_cases[] = {
	{ "0",				10, 0,		0 },
	{ "123",			10, 0,		123 },
	{ "+7",				10, 0,		7 },
	{ "0x1f",			0,  0,		31 },
	{ "0X1F",			0,  0,		31 },
	{ "1f",				16, 0,		31 },
	{ "0x1f",			16, 0,		31 },
	{ "0777",			0,  0,		511 },
	{ "777",			8,  0,		511 },
	{ "101",			2,  0,		5 },
	{ "18446744073709551615",	10, 0,		ULLONG_MAX },
	{ "42\n",			10, 0,		42 },
	{ "18446744073709551616",	10, -ERANGE,	0 },
	{ "0x10000000000000000",	0,  -ERANGE,	0 },
	{ "",				10, -EINVAL,	0 },
	{ "\n",				10, -EINVAL,	0 },
	{ "-1",				10, -EINVAL,	0 },
	{ "12a",			10, -EINVAL,	0 },
	{ " 12",			10, -EINVAL,	0 },
	{ "12 ",			10, -EINVAL,	0 },
	{ "42\n\n",			10, -EINVAL,	0 },
	{ "08",				0,  -EINVAL,	0 },
	{ "0x",				0,  -EINVAL,	0 },
	{ "2",				2,  -EINVAL,	0 },
	{ "++1",			10, -EINVAL,	0 },
};

static void ull_desc(const struct ull_case *c, char *desc)
{
	const char *s;
	int n = 0;

	/* A newline or space would break the KTAP line: spell them. */
	for (s = c->str; *s && n < KUNIT_PARAM_DESC_SIZE / 2; s++) {
		if (*s == '\n') {
			desc[n++] = '\\';
			desc[n++] = 'n';
		} else {
			desc[n++] = *s == ' ' ? '_' : *s;
		}
	}
	snprintf(desc + n, KUNIT_PARAM_DESC_SIZE - n, "%sbase-%u",
		 n ? " " : "", c->base);
}

KUNIT_ARRAY_PARAM(ull, ull_cases, ull_desc);

static void kstrtox_test_ull(struct kunit *test)
{
	const struct ull_case *c = test->param_value;
	unsigned long long val = 0;

	KUNIT_EXPECT_EQ(test, kstrtoull(c->str, c->base, &val), c->err);
	KUNIT_EXPECT_EQ(test, val, c->err ? 0ULL : c->val);
}

static void kstrtox_test_ll(struct kunit *test)
{
	long long v = 0;

	KUNIT_EXPECT_EQ(test, kstrtoll("-9223372036854775808", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, LLONG_MIN);
	KUNIT_EXPECT_EQ(test, kstrtoll("9223372036854775807", 10, &v), 0);
	KUNIT_EXPECT_EQ(test, v, LLONG_MAX);
	KUNIT_EXPECT_EQ(test, kstrtoll("-0x10", 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, -16LL);
	KUNIT_EXPECT_EQ(test, kstrtoll("9223372036854775808", 10, &v),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoll("-9223372036854775809", 10, &v),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoll("-", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoll("--1", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoll("-+1", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, v, -16LL);	/* untouched on error */
}

static void kstrtox_test_int(struct kunit *test)
{
	unsigned int u = 0;
	int i = 0;

	KUNIT_EXPECT_EQ(test, kstrtouint("4294967295", 10, &u), 0);
	KUNIT_EXPECT_EQ(test, u, UINT_MAX);
	KUNIT_EXPECT_EQ(test, kstrtouint("4294967296", 10, &u), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtouint("-1", 10, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoint("-2147483648", 10, &i), 0);
	KUNIT_EXPECT_EQ(test, i, INT_MIN);
	KUNIT_EXPECT_EQ(test, kstrtoint("2147483647\n", 10, &i), 0);
	KUNIT_EXPECT_EQ(test, i, INT_MAX);
	KUNIT_EXPECT_EQ(test, kstrtoint("2147483648", 10, &i), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("-2147483649", 10, &i), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("1.5", 10, &i), -EINVAL);
	KUNIT_EXPECT_EQ(test, i, INT_MAX);
}

static void kstrtox_test_bool(struct kunit *test)
{
	static const char *const yes[] = { "1", "y", "Y", "yes", "t", "true",
					   "on", "ON" };
	static const char *const no[] = { "0", "n", "N", "no", "f", "false",
					  "off", "OFF" };
	static const char *const bad[] = { "", "2", "x", "o", "ox" };
	unsigned int i;
	bool b;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(yes[i], &b), 0, "%s",
				    yes[i]);
		KUNIT_EXPECT_TRUE_MSG(test, b, "%s", yes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(no[i], &b), 0, "%s",
				    no[i]);
		KUNIT_EXPECT_FALSE_MSG(test, b, "%s", no[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(bad[i], &b), -EINVAL,
				    "\"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, kstrtobool(NULL, &b), -EINVAL);
}

struct size_case {
	const char *str;
	int err;
	u64 val;
};

static const struct size_case size_cases[] = {
	{ "4096",	0,		4096 },
	{ "2k",		0,		2048 },
	{ "2K",		0,		2048 },
	{ "64M",	0,		64ULL << 20 },
	{ "64m",	0,		64ULL << 20 },
	{ "1G",		0,		1ULL << 30 },
	{ "3T",		0,		3ULL << 40 },
	{ "0x10K",	0,		16384 },
	{ "1M\n",	0,		1ULL << 20 },
	{ "16777215T",	0,		16777215ULL << 40 },
	{ "16777216T",	-ERANGE,	0 },
	{ "99999999999999999999", -ERANGE, 0 },
	{ "",		-EINVAL,	0 },
	{ "M",		-EINVAL,	0 },
	{ "5X",		-EINVAL,	0 },
	{ "5MB",	-EINVAL,	0 },
	{ "-1M",	-EINVAL,	0 },
};

static void size_desc(const struct size_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%.*s",
		 (int)strcspn(c->str, "\n"), *c->str ? c->str : "empty");
}

KUNIT_ARRAY_PARAM(size, size_cases, size_desc);

static void kstrtox_test_parse_size(struct kunit *test)
{
	const struct size_case *c = test->param_value;
	u64 val = 0;

	KUNIT_EXPECT_EQ(test, parse_size(c->str, &val), c->err);
	KUNIT_EXPECT_EQ(test, val, c->err ? 0 : c->val);
}

static struct kunit_case kstrtox_test_cases[] = {
	KUNIT_CASE_PARAM(kstrtox_test_ull, ull_gen_params),
	KUNIT_CASE(kstrtox_test_ll),
	KUNIT_CASE(kstrtox_test_int),
	KUNIT_CASE(kstrtox_test_bool),
	KUNIT_CASE_PARAM(kstrtox_test_parse_size, size_gen_params),
	{}
};

static struct kunit_suite kstrtox_test_suite = {
	.name = "kstrtox",
	.test_cases = kstrtox_test_cases,
};
kunit_test_suite(kstrtox_test_suite);
