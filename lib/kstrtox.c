// SPDX-License-Identifier: GPL-2.0
/*
 * kstrtox.c - strict string to number conversion (kstrtoull() and
 * friends, kstrtobool(), parse_size()). Unlike strtoul() these accept the
 * whole string or nothing: junk gives -EINVAL, a value out of range
 * -ERANGE. One trailing newline is accepted, as Linux does, so that
 * values written from a shell ("echo 5 > ...") parse.
 */
#include <limits.h>
#include <umk/errno.h>
#include <umk/kernel.h>

/* Accepts the end of the string, or a single newline before it. */
static bool at_end(const char *s)
{
	return s[0] == '\0' || (s[0] == '\n' && s[1] == '\0');
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;		/* larger than any base */
}

/*
 * Parses the digits of an unsigned number at *sp and advances *sp past
 * them. Base 0 picks 16 for "0x", 8 for a leading "0", else 10; base 16
 * also accepts a "0x" prefix. No digits at all is -EINVAL.
 */
static int parse_digits(const char **sp, unsigned int base,
			unsigned long long *res)
{
	const char *s = *sp;
	unsigned long long val = 0;
	bool overflow = false;
	int d;

	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		base = 16;
		s += 2;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36)
		return -EINVAL;

	if (digit_value(*s) >= (int)base)
		return -EINVAL;
	while ((d = digit_value(*s)) < (int)base) {
		if (val > (ULLONG_MAX - d) / base)
			overflow = true;
		val = val * base + d;
		s++;
	}
	*sp = s;
	*res = val;
	return overflow ? -ERANGE : 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long val;
	int err;

	if (*s == '+')
		s++;
	err = parse_digits(&s, base, &val);
	if (err == -EINVAL || !at_end(s))
		return -EINVAL;
	if (err)
		return err;
	*res = val;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long val;
	int err;

	if (*s == '-') {
		if (s[1] == '+')
			return -EINVAL;
		err = kstrtoull(s + 1, base, &val);
		if (err)
			return err;
		if (val > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)(0 - val);
		return 0;
	}
	err = kstrtoull(s, base, &val);
	if (err)
		return err;
	if (val > LLONG_MAX)
		return -ERANGE;
	*res = (long long)val;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long val;
	int err = kstrtoull(s, base, &val);

	if (err)
		return err;
	if (val > UINT_MAX)
		return -ERANGE;
	*res = (unsigned int)val;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long val;
	int err = kstrtoll(s, base, &val);

	if (err)
		return err;
	if (val < INT_MIN || val > INT_MAX)
		return -ERANGE;
	*res = (int)val;
	return 0;
}

/* Linux's rules: y/Y/t/T/1/on are true, n/N/f/F/0/off are false. */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* A number (base 0 rules) and an optional K, M, G or T suffix. */
int parse_size(const char *s, u64 *res)
{
	unsigned long long val;
	unsigned int shift = 0;
	int err;

	err = parse_digits(&s, 0, &val);
	if (err == -EINVAL)
		return err;
	switch (*s) {
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	case 't': case 'T': shift = 40; s++; break;
	}
	if (!at_end(s))
		return -EINVAL;
	if (err)
		return err;
	if (val > (ULLONG_MAX >> shift))
		return -ERANGE;
	*res = val << shift;
	return 0;
}
