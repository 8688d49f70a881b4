// SPDX-License-Identifier: GPL-2.0
/*
 * glob.c - glob_match(): shell-style wildcards, used by the KUnit filter
 * and anything else that selects names by pattern. Iterative: on a
 * mismatch it only backtracks to the most recent '*', so a pattern of n
 * characters costs O(n * len(str)) at worst and never recurses.
 */
#include <umk/glob.h>

/*
 * Matches c against the class starting just after a '['. Returns the
 * pattern position after the closing ']' and sets *hit, or NULL when the
 * class has no closing ']' (the '[' is then an ordinary character).
 */
static const char *match_class(const char *p, char c, bool *hit)
{
	bool negate = false, found = false;
	const char *start;

	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	start = p;
	while (*p && (*p != ']' || p == start)) {
		unsigned char lo = *p, hi = *p;

		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		if ((unsigned char)c >= lo && (unsigned char)c <= hi)
			found = true;
		p++;
	}
	if (*p != ']')
		return NULL;
	*hit = found != negate;
	return p + 1;
}

bool glob_match(const char *pattern, const char *str)
{
	const char *p = pattern, *s = str;
	const char *star_p = NULL, *star_s = NULL;

	while (*s) {
		const char *next = NULL;
		bool hit = false;

		if (*p == '*') {
			/* Try to match nothing first; widen on mismatch. */
			star_p = ++p;
			star_s = s;
			continue;
		}
		if (*p == '?') {
			hit = true;
			next = p + 1;
		} else if (*p == '[') {
			next = match_class(p + 1, *s, &hit);
		}
		if (!next && *p) {	/* an ordinary character */
			hit = *p == *s;
			next = p + 1;
		}
		if (hit) {
			p = next;
			s++;
			continue;
		}
		if (!star_p)
			return false;
		p = star_p;		/* let the last '*' eat one more */
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}
