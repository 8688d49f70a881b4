// SPDX-License-Identifier: GPL-2.0
/*
 * assert.c - what a failed KUNIT_EXPECT/ASSERT prints, and the output
 * path of the whole runtime. A failure reads as in Linux's KUnit:
 *
 *     # case: EXPECTATION FAILED at lib/x.c:42
 *     Expected a == b, but
 *         a == 1 (0x1)
 *         b == 2 (0x2)
 *
 * A side that is a literal ("2") is not repeated with its value. Output
 * goes to console_write_raw() so that no loglevel hides it, or into a
 * capture buffer while the framework tests itself.
 */
#include <stdarg.h>
#include <string.h>
#include <umk/printk.h>
#include "internal.h"

#define LINE_SIZE	1024
#define IND2		KUNIT_INDENT KUNIT_INDENT

static struct kunit_capture *capture;

void kunit_print(const char *s, size_t len)
{
	size_t room;

	if (!capture) {
		console_write_raw(s, len);
		return;
	}
	room = capture->size - 1 - capture->len;
	if (len > room)
		len = room;
	memcpy(capture->buf + capture->len, s, len);
	capture->len += len;
	capture->buf[capture->len] = '\0';
}

static void kunit_vprintf(const char *fmt, va_list ap)
{
	char line[LINE_SIZE];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	/* A cut line still ends the way it was meant to. */
	if (n >= (int)sizeof(line) && fmt[strlen(fmt) - 1] == '\n') {
		n = sizeof(line) - 1;
		line[n - 1] = '\n';
	} else if (n >= (int)sizeof(line)) {
		n = sizeof(line) - 1;
	}
	kunit_print(line, n);
}

void kunit_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kunit_vprintf(fmt, ap);
	va_end(ap);
}

void kunit_capture_start(struct kunit_capture *cap, char *buf, size_t size)
{
	cap->buf = buf;
	cap->size = size;
	cap->len = 0;
	buf[0] = '\0';
	capture = cap;
}

void kunit_capture_stop(struct kunit_capture *cap)
{
	if (capture == cap)
		capture = NULL;
}

static const char *test_name(const struct kunit *test)
{
	return test->name ? test->name : "(unnamed)";
}

void kunit_log(struct kunit *test, const char *fmt, ...)
{
	char msg[LINE_SIZE];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	kunit_printf(KUNIT_INDENT "# %s: %s\n", test_name(test), msg);
}

/*
 * The _MSG macros pass their message through here right before the
 * kunit_fail_*() call that prints it. One static buffer is enough: no
 * other task runs between the two calls (kernel code is not preempted).
 */
const char *kunit_msg(const char *fmt, ...)
{
	static char buf[KUNIT_STATUS_COMMENT_SIZE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf[0] && buf[1] ? buf + 1 : NULL;
}

static void fail_begin(struct kunit *test, const struct kunit_loc *loc)
{
	test->status = KUNIT_FAILURE;
	kunit_printf(KUNIT_INDENT "# %s: %s FAILED at %s:%d\n",
		     test_name(test),
		     loc->type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION",
		     loc->file, loc->line);
}

/* The user's message, every line indented so none reads as KTAP. */
static void fail_end(const char *msg)
{
	size_t n;

	while (msg && *msg) {
		n = strcspn(msg, "\n");
		kunit_printf(KUNIT_INDENT "%.*s\n", (int)n, msg);
		msg += n + (msg[n] == '\n');
	}
}

static void print_expected(const char *left, const char *op,
			   const char *right)
{
	kunit_printf(KUNIT_INDENT "Expected %s %s %s, but\n", left, op, right);
}

void kunit_fail_msg(struct kunit *test, const struct kunit_loc *loc,
		    const char *fmt, ...)
{
	char msg[LINE_SIZE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_begin(test, loc);
	fail_end(msg);
}

/* One side of an integer comparison, unless its text is its value. */
static void print_int(const char *text, long long val, bool is_unsigned)
{
	char lit[32];

	snprintf(lit, sizeof(lit), is_unsigned ? "%llu" : "%lld", val);
	if (strcmp(lit, text) == 0)
		return;
	kunit_printf(IND2 "%s == %s (0x%llx)\n", text, lit, val);
}

void kunit_fail_int(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    long long lval, long long rval, bool is_unsigned,
		    const char *msg)
{
	fail_begin(test, loc);
	print_expected(left, op, right);
	print_int(left, lval, is_unsigned);
	print_int(right, rval, is_unsigned);
	fail_end(msg);
}

void kunit_fail_ptr(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const void *lval, const void *rval, const char *msg)
{
	fail_begin(test, loc);
	/* KUNIT_*_NOT_ERR_OR_NULL: say which of the two it was. */
	if (strcmp(op, "is not error or") == 0 && !lval) {
		kunit_printf(KUNIT_INDENT "Expected %s is not null, but is\n",
			     left);
	} else if (strcmp(op, "is not error or") == 0) {
		long err = PTR_ERR(lval);
		const char *name = errname((int)err);

		kunit_printf(KUNIT_INDENT
			     "Expected %s is not error, but is: %ld (%s)\n",
			     left, err, name ? name : "?");
	} else {
		print_expected(left, op, right);
		kunit_printf(IND2 "%s == %p\n", left, lval);
		kunit_printf(IND2 "%s == %p\n", right, rval);
	}
	fail_end(msg);
}

/* One side of a string comparison, unless it is the literal "val". */
static void print_str(const char *text, const char *val)
{
	size_t n = strlen(text);

	if (!val) {
		kunit_printf(IND2 "%s == NULL\n", text);
		return;
	}
	if (n >= 2 && text[0] == '"' && text[n - 1] == '"' &&
	    strlen(val) == n - 2 && strncmp(text + 1, val, n - 2) == 0)
		return;
	kunit_printf(IND2 "%s == \"%s\"\n", text, val);
}

void kunit_fail_str(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const char *lval, const char *rval, const char *msg)
{
	fail_begin(test, loc);
	print_expected(left, op, right);
	print_str(left, lval);
	print_str(right, rval);
	fail_end(msg);
}

/* 16 bytes a line; bytes that differ from the other side are <xx>. */
static void print_hexdump(const char *text, const u8 *buf, const u8 *other,
			  size_t size)
{
	char line[16 * 4 + 1];
	size_t i, j;

	kunit_printf(IND2 "%s ==\n", text);
	for (i = 0; i < size; i += 16) {
		char *p = line;

		for (j = i; j < size && j < i + 16; j++)
			p += snprintf(p, 5, buf[j] != other[j] ? "<%02x>" :
				      " %02x ", buf[j]);
		kunit_printf(IND2 "%s\n", line);
	}
}

void kunit_fail_mem(struct kunit *test, const struct kunit_loc *loc,
		    const char *left, const char *op, const char *right,
		    const void *lval, const void *rval, size_t size,
		    const char *msg)
{
	fail_begin(test, loc);
	print_expected(left, op, right);
	print_hexdump(left, lval, rval, size);
	print_hexdump(right, rval, lval, size);
	fail_end(msg);
}

void kunit_fail_bool(struct kunit *test, const struct kunit_loc *loc,
		     const char *cond, bool expected, const char *msg)
{
	fail_begin(test, loc);
	kunit_printf(KUNIT_INDENT "Expected %s to be %s, but is %s\n", cond,
		     expected ? "true" : "false", expected ? "false" : "true");
	fail_end(msg);
}
