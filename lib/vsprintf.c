// SPDX-License-Identifier: GPL-2.0
/*
 * vsprintf.c - the kernel's own printf family: vsnprintf(), snprintf() and
 * scnprintf(). These deliberately carry libc's names so that every caller
 * in the image (and any host library) formats through this code.
 *
 * Supported: flags "-+ 0#", width and precision (also "*"), length
 * modifiers hh h l ll z t j, conversions d i u x X o c s p %. There is no
 * floating point and no Linux %p extensions; %p prints 0x and hex.
 */
#include <limits.h>
#include <string.h>
#include <umk/kernel.h>

#define F_LEFT		0x01	/* '-' */
#define F_PLUS		0x02	/* '+' */
#define F_SPACE		0x04	/* ' ' */
#define F_ZERO		0x08	/* '0' */
#define F_ALT		0x10	/* '#' */

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG,
	      LEN_SIZE, LEN_PTRDIFF, LEN_INTMAX };

/* Output cursor: counts every byte, stores only what fits before the NUL. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	unsigned int flags;
	int width;		/* 0: none */
	int precision;		/* -1: none */
	enum length length;
};

static void put_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put_char(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	while (n--)
		put_char(o, *s++);
}

/* Emits prefix, zero fill and digits, padded to the field width. */
static void put_field(struct out *o, const struct spec *sp,
		      const char *prefix, int zeros, const char *digits,
		      int ndigits)
{
	int plen = (int)strlen(prefix);
	int pad = sp->width - plen - zeros - ndigits;

	if (pad > 0 && (sp->flags & F_ZERO) && !(sp->flags & F_LEFT) &&
	    sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & F_LEFT))
		put_repeat(o, ' ', pad);
	put_str(o, prefix, plen);
	put_repeat(o, '0', zeros);
	put_str(o, digits, ndigits);
	if (sp->flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/*
 * Formats an integer. conv is one of d i u x X o p; for signed
 * conversions neg says the magnitude val came from a negative number.
 */
static void put_number(struct out *o, const struct spec *sp, char conv,
		       unsigned long long val, bool neg)
{
	const char *xdigits = conv == 'X' ? "0123456789ABCDEF" :
					     "0123456789abcdef";
	unsigned int base = 10;
	char tmp[24], digits[24];
	const char *prefix = "";
	int n = 0, i, zeros;

	if (conv == 'x' || conv == 'X' || conv == 'p')
		base = 16;
	else if (conv == 'o')
		base = 8;

	/* C99: zero with precision 0 prints no digits at all. */
	while (val || (n == 0 && sp->precision != 0)) {
		tmp[n++] = xdigits[val % base];
		val /= base;
	}
	for (i = 0; i < n; i++)
		digits[i] = tmp[n - 1 - i];

	zeros = sp->precision > n ? sp->precision - n : 0;
	if (conv == 'd' || conv == 'i') {
		if (neg)
			prefix = "-";
		else if (sp->flags & F_PLUS)
			prefix = "+";
		else if (sp->flags & F_SPACE)
			prefix = " ";
	} else if (conv == 'p') {
		prefix = "0x";
	} else if ((sp->flags & F_ALT) && base == 16 && n && digits[0] != '0') {
		prefix = conv == 'X' ? "0X" : "0x";
	} else if ((sp->flags & F_ALT) && base == 8 && zeros == 0 &&
		   (n == 0 || digits[0] != '0')) {
		zeros = 1;	/* '#' makes the first octal digit a zero */
	}
	put_field(o, sp, prefix, zeros, digits, n);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	/* Never read past the precision: s need not be NUL-terminated. */
	while (s[n] && (sp->precision < 0 || n < (size_t)sp->precision))
		n++;
	put_field(o, sp, "", 0, s, (int)n);
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case LEN_CHAR:	  return (signed char)va_arg(*ap, int);
	case LEN_SHORT:	  return (short)va_arg(*ap, int);
	case LEN_LONG:	  return va_arg(*ap, long);
	case LEN_LLONG:	  return va_arg(*ap, long long);
	case LEN_SIZE:	  return va_arg(*ap, ssize_t);
	case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:  return va_arg(*ap, intmax_t);
	default:	  return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case LEN_CHAR:	  return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:	  return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:	  return va_arg(*ap, unsigned long);
	case LEN_LLONG:	  return va_arg(*ap, unsigned long long);
	case LEN_SIZE:	  return va_arg(*ap, size_t);
	case LEN_PTRDIFF: return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:  return va_arg(*ap, uintmax_t);
	default:	  return va_arg(*ap, unsigned int);
	}
}

/* Parses flags, width, precision and length; returns the conversion. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = 0;
	sp->precision = -1;
	sp->length = LEN_INT;

	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= F_LEFT;
		else if (*fmt == '+')
			sp->flags |= F_PLUS;
		else if (*fmt == ' ')
			sp->flags |= F_SPACE;
		else if (*fmt == '0')
			sp->flags |= F_ZERO;
		else if (*fmt == '#')
			sp->flags |= F_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {	/* a negative width means '-' */
			sp->flags |= F_LEFT;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		fmt++;
	} else {
		while (*fmt >= '0' && *fmt <= '9' && sp->width < INT_MAX / 10)
			sp->width = sp->width * 10 + (*fmt++ - '0');
	}

	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)	/* as if omitted */
				sp->precision = -1;
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9' &&
			       sp->precision < INT_MAX / 10)
				sp->precision = sp->precision * 10 +
						(*fmt++ - '0');
		}
	}

	switch (*fmt) {
	case 'h':
		sp->length = fmt[1] == 'h' ? LEN_CHAR : LEN_SHORT;
		fmt += fmt[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->length = fmt[1] == 'l' ? LEN_LLONG : LEN_LONG;
		fmt += fmt[1] == 'l' ? 2 : 1;
		break;
	case 'z':
		sp->length = LEN_SIZE;
		fmt++;
		break;
	case 't':
		sp->length = LEN_PTRDIFF;
		fmt++;
		break;
	case 'j':
		sp->length = LEN_INTMAX;
		fmt++;
		break;
	}
	return fmt;
}

/* Formats one conversion; returns the format just past it. */
static const char *format_one(struct out *o, const char *start, va_list *ap)
{
	struct spec sp;
	const char *fmt = parse_spec(start + 1, &sp, ap);
	long long sval;
	char c;

	switch (*fmt) {
	case 'd':
	case 'i':
		sval = get_signed(&sp, ap);
		put_number(o, &sp, *fmt, sval < 0 ? -(unsigned long long)sval :
				(unsigned long long)sval, sval < 0);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		put_number(o, &sp, *fmt, get_unsigned(&sp, ap), false);
		break;
	case 'p':
		put_number(o, &sp, 'p', (uintptr_t)va_arg(*ap, void *), false);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_field(o, &sp, "", 0, &c, 1);
		break;
	case 's':
		put_string(o, &sp, va_arg(*ap, const char *));
		break;
	case '%':
		put_char(o, '%');
		break;
	case '\0':	/* a lone '%' at the end: print it as written */
		put_str(o, start, fmt - start);
		return fmt;
	default:	/* unknown conversion: print it as written */
		put_str(o, start, fmt + 1 - start);
		break;
	}
	return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%')
			put_char(&o, *fmt++);
		else
			fmt = format_one(&o, fmt, &aq);
	}
	va_end(aq);

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (size_t)n < size ? n : (int)(size - 1);
}
