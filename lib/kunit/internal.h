/*
 * internal.h - what the parts of the KUnit runtime (lib/kunit/) share
 * with each other and with the framework's own tests; not for suites.
 */
#ifndef KUNIT_INTERNAL_H
#define KUNIT_INTERNAL_H

#include <kunit/test.h>

#define KUNIT_INDENT		"    "
#define KUNIT_GLOB_SIZE		128

/* Exit code of a test thread that ended in kunit_abort(). */
#define KUNIT_ABORTED		1

/* assert.c: all KTAP output goes through here. */
void kunit_print(const char *s, size_t len);
__printf(1, 2) void kunit_printf(const char *fmt, ...);

/*
 * Diverts kunit_print() into a buffer instead of the console, so that
 * the framework's tests can check what it prints. Only one capture at a
 * time; the text is NUL-terminated and cut at the buffer's size.
 */
struct kunit_capture {
	char *buf;
	size_t size;
	size_t len;
};
void kunit_capture_start(struct kunit_capture *cap, char *buf, size_t size);
void kunit_capture_stop(struct kunit_capture *cap);

/* resource.c */
void kunit_init_test(struct kunit *test, const char *name);
void kunit_cleanup(struct kunit *test);	/* frees the case's resources */

/* test.c */
/*
 * Runs fn(test, data) in a new kernel thread and waits for it. Returns 0
 * when fn returned, KUNIT_ABORTED when it ended in kunit_abort(), or a
 * negative errno when the thread could not be started.
 */
int kunit_run_in_thread(struct kunit *test,
			void (*fn)(struct kunit *test, void *data), void *data);

/* A parsed kunit.filter_glob: suite glob and optional case glob. */
struct kunit_filter {
	char suite_glob[KUNIT_GLOB_SIZE];
	char case_glob[KUNIT_GLOB_SIZE];	/* "" selects every case */
};

/*
 * Runs one suite as KTAP subtest number, only the cases that filter
 * selects (all of them when filter is NULL). Returns the number of
 * failed cases (1 when suite_init failed).
 */
int kunit_run_suite(struct kunit_suite *suite, int number,
		    const struct kunit_filter *filter);

/* executor.c */
int kunit_parse_filter(struct kunit_filter *f, const char *glob);
bool kunit_filter_case(const struct kunit_filter *f, const char *case_name);
/* True when the suite's name matches and at least one case is selected. */
bool kunit_filter_suite(const struct kunit_filter *f,
			const struct kunit_suite *suite);

/* kunit_test.c: fails test unless out contains text (for runner_test.c). */
void kunit_expect_output(struct kunit *test, const char *out,
			 const char *text, int line);

#endif
