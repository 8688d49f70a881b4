/*
 * kunit/test.h - KUnit-compatible in-kernel unit tests. Suites of cases,
 * EXPECT (record a failure, go on) and ASSERT (record, end the case)
 * checks, parameterised cases, init/exit hooks and skips. The runner
 * (lib/kunit/) prints KTAP version 1 as Linux's KUnit does.
 */
#ifndef KUNIT_TEST_H
#define KUNIT_TEST_H

#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/list.h>
#include <umk/mm.h>

#define KUNIT_PARAM_DESC_SIZE	128
#define KUNIT_STATUS_COMMENT_SIZE 256

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

struct kunit;

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	/* For parameterised cases: the next parameter after prev (NULL
	 * starts), written description in desc; returns NULL at the end. */
	const void *(*generate_params)(const void *prev, char *desc);
	/* Set by the runner. */
	enum kunit_status status;
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;	/* ends with an empty entry */
	/* Set by the runner. */
	enum kunit_status status;
};

struct kunit {
	void *priv;			/* for init/exit and the case */
	const char *name;
	const void *param_value;	/* parameterised cases */
	int param_index;
	enum kunit_status status;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	struct list_head resources;	/* freed when the case ends */
};

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
#define KUNIT_CASE_PARAM(fn, gen) \
	{ .run_case = fn, .name = #fn, .generate_params = gen }

/* Defines name##_gen_params over a static array; get_desc may be NULL. */
#define KUNIT_ARRAY_PARAM(name, array, get_desc) \
	static const void *name##_gen_params(const void *prev, char *desc) \
	{ \
		__typeof__((array)[0]) *__next = prev ? \
			((__typeof__((array)[0]) *)prev) + 1 : (array); \
		if (__next - (array) < (long)ARRAY_SIZE(array)) { \
			void (*__get_desc)(__typeof__(__next), char *) = \
				get_desc; \
			if (__get_desc) \
				__get_desc(__next, desc); \
			return __next; \
		} \
		return NULL; \
	}

#define __kunit_suites_var(n) __kunit_suites_##n
#define __kunit_suites_name(n) __kunit_suites_var(n)
#define kunit_test_suites(...) \
	static struct kunit_suite *__kunit_suites_name(__COUNTER__)[] \
	__used __section("kunit_suites") __aligned(8) = { __VA_ARGS__ }
#define kunit_test_suite(suite) kunit_test_suites(&(suite))

/* lib/kunit/test.c */
int kunit_run_all_tests(void);	/* returns the number of failed tests */
bool kunit_enabled(void);
/* Memory freed automatically when the case ends. */
void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp);
void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *p);
/* Diagnostic line ("    # ...") in the test's output. */
__printf(2, 3) void kunit_log(struct kunit *test, const char *fmt, ...);
#define kunit_info(test, fmt, ...) kunit_log(test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kunit_log(test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) kunit_log(test, fmt, ##__VA_ARGS__)

/* Ends the current case at once (ASSERT failures, kunit_skip). */
__noreturn void kunit_abort(struct kunit *test);
__printf(2, 3) void kunit_mark_skipped(struct kunit *test, const char *fmt,
				       ...);
#define kunit_skip(test, fmt, ...) do { \
	kunit_mark_skipped(test, fmt, ##__VA_ARGS__); \
	kunit_abort(test); \
} while (0)

/* Failure reporting; the macros below call these. */
enum kunit_assert_type { KUNIT_EXPECTATION, KUNIT_ASSERTION };
struct kunit_loc {
	const char *file;
	int line;
	enum kunit_assert_type type;
};
__printf(3, 4) void kunit_fail_msg(struct kunit *test,
				   const struct kunit_loc *loc,
				   const char *fmt, ...);
void kunit_fail_int(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    long long lval, long long rval, bool is_unsigned,
		    const char *msg);
void kunit_fail_ptr(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const void *lval, const void *rval, const char *msg);
void kunit_fail_str(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const char *lval, const char *rval, const char *msg);
void kunit_fail_mem(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const void *lval, const void *rval, size_t size,
		    const char *msg);
void kunit_fail_bool(struct kunit *test, const struct kunit_loc *loc,
		     const char *cond, bool expected, const char *msg);
/* Formats the optional user message of the _MSG macros: fmt starts with
 * one space that is dropped; NULL when no message was given. */
__printf(1, 2) const char *kunit_msg(const char *fmt, ...);

#define __KUNIT_LOC(kind) \
	static const struct kunit_loc __loc = { __FILE__, __LINE__, kind }
#define __KUNIT_END(test, kind) \
	do { if ((kind) == KUNIT_ASSERTION) kunit_abort(test); } while (0)
/* The leading space keeps the format non-empty; kunit_msg() drops it and
 * returns NULL when nothing follows. */
#define __KUNIT_MSG(...) kunit_msg(" " __VA_ARGS__)

#define __KUNIT_BOOL(test, kind, cond, expected, ...) do { \
	if ((bool)(cond) != (expected)) { \
		__KUNIT_LOC(kind); \
		kunit_fail_bool(test, &__loc, #cond, expected, \
				__KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

#define __KUNIT_INT(test, kind, left, op, right, ...) do { \
	const __typeof__(left) __l = (left); \
	const __typeof__(right) __r = (right); \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wsign-compare\"") \
	bool __ok = __l op __r; \
	_Pragma("GCC diagnostic pop") \
	if (!__ok) { \
		__KUNIT_LOC(kind); \
		kunit_fail_int(test, &__loc, #left, #op, #right, \
			       (long long)__l, (long long)__r, \
			       (__typeof__(__l))-1 > 0 || \
			       (__typeof__(__r))-1 > 0, \
			       __KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

#define __KUNIT_PTR(test, kind, left, op, right, ...) do { \
	const void *__l = (left), *__r = (right); \
	if (!(__l op __r)) { \
		__KUNIT_LOC(kind); \
		kunit_fail_ptr(test, &__loc, #left, #op, #right, __l, __r, \
			       __KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

#define __KUNIT_ERR_OR_NULL(test, kind, ptr, ...) do { \
	const void *__p = (ptr); \
	if (IS_ERR_OR_NULL(__p)) { \
		__KUNIT_LOC(kind); \
		kunit_fail_ptr(test, &__loc, #ptr, "is not error or", \
			       "NULL", __p, NULL, __KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

/* strcmp() where a NULL side fails the check instead of crashing. */
static inline int __kunit_strcmp(const char *l, const char *r)
{
	if (!l || !r)
		return l == r ? 0 : l ? 1 : -1;
	return strcmp(l, r);
}

#define __KUNIT_STR(test, kind, left, op, right, ...) do { \
	const char *__l = (left), *__r = (right); \
	if (!(__kunit_strcmp(__l, __r) op 0)) { \
		__KUNIT_LOC(kind); \
		kunit_fail_str(test, &__loc, #left, #op, #right, __l, __r, \
			       __KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

#define __KUNIT_MEM(test, kind, left, op, right, size, ...) do { \
	const void *__l = (left), *__r = (right); \
	size_t __n = (size); \
	if (!(memcmp(__l, __r, __n) op 0)) { \
		__KUNIT_LOC(kind); \
		kunit_fail_mem(test, &__loc, #left, #op, #right, __l, __r, \
			       __n, __KUNIT_MSG(__VA_ARGS__)); \
		__KUNIT_END(test, kind); \
	} \
} while (0)

#define KUNIT_FAIL(test, fmt, ...) do { \
	__KUNIT_LOC(KUNIT_EXPECTATION); \
	kunit_fail_msg(test, &__loc, fmt, ##__VA_ARGS__); \
} while (0)

/* Expectations: record the failure and continue. */
#define KUNIT_EXPECT_TRUE(t, c)		__KUNIT_BOOL(t, KUNIT_EXPECTATION, c, true)
#define KUNIT_EXPECT_FALSE(t, c)	__KUNIT_BOOL(t, KUNIT_EXPECTATION, c, false)
#define KUNIT_EXPECT_EQ(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_NE(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_LT(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, <, r)
#define KUNIT_EXPECT_LE(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, <=, r)
#define KUNIT_EXPECT_GT(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, >, r)
#define KUNIT_EXPECT_GE(t, l, r)	__KUNIT_INT(t, KUNIT_EXPECTATION, l, >=, r)
#define KUNIT_EXPECT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(t, l, r)	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_NULL(t, p)		__KUNIT_PTR(t, KUNIT_EXPECTATION, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p)	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, !=, NULL)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_EXPECTATION, p)
#define KUNIT_EXPECT_STREQ(t, l, r)	__KUNIT_STR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_STRNEQ(t, l, r)	__KUNIT_STR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_MEMEQ(t, l, r, n)	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, ==, r, n)
#define KUNIT_EXPECT_MEMNEQ(t, l, r, n)	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, !=, r, n)

/* Assertions: record the failure and end the case. */
#define KUNIT_ASSERT_TRUE(t, c)		__KUNIT_BOOL(t, KUNIT_ASSERTION, c, true)
#define KUNIT_ASSERT_FALSE(t, c)	__KUNIT_BOOL(t, KUNIT_ASSERTION, c, false)
#define KUNIT_ASSERT_EQ(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_NE(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_LT(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, <, r)
#define KUNIT_ASSERT_LE(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, <=, r)
#define KUNIT_ASSERT_GT(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, >, r)
#define KUNIT_ASSERT_GE(t, l, r)	__KUNIT_INT(t, KUNIT_ASSERTION, l, >=, r)
#define KUNIT_ASSERT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_PTR_NE(t, l, r)	__KUNIT_PTR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_NULL(t, p)		__KUNIT_PTR(t, KUNIT_ASSERTION, p, ==, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p)	__KUNIT_PTR(t, KUNIT_ASSERTION, p, !=, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_ASSERTION, p)
#define KUNIT_ASSERT_STREQ(t, l, r)	__KUNIT_STR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_STRNEQ(t, l, r)	__KUNIT_STR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_MEMEQ(t, l, r, n)	__KUNIT_MEM(t, KUNIT_ASSERTION, l, ==, r, n)
#define KUNIT_ASSERT_MEMNEQ(t, l, r, n)	__KUNIT_MEM(t, KUNIT_ASSERTION, l, !=, r, n)

/* _MSG forms: a printf-style message is printed with the failure. */
#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...) \
	__KUNIT_BOOL(t, KUNIT_EXPECTATION, c, true, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE_MSG(t, c, fmt, ...) \
	__KUNIT_BOOL(t, KUNIT_EXPECTATION, c, false, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_EXPECTATION, l, >=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_EXPECTATION, p, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STREQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMEQ_MSG(t, l, r, n, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, ==, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ_MSG(t, l, r, n, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, !=, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE_MSG(t, c, fmt, ...) \
	__KUNIT_BOOL(t, KUNIT_ASSERTION, c, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE_MSG(t, c, fmt, ...) \
	__KUNIT_BOOL(t, KUNIT_ASSERTION, c, false, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE_MSG(t, l, r, fmt, ...) \
	__KUNIT_INT(t, KUNIT_ASSERTION, l, >=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_ASSERTION, p, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STREQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ_MSG(t, l, r, n, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, ==, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ_MSG(t, l, r, n, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, !=, r, n, fmt, ##__VA_ARGS__)

#endif
