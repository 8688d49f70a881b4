// SPDX-License-Identifier: GPL-2.0
/*
 * string.c - string helpers beyond the C library's <string.h>: strscpy(),
 * whitespace tests and trimming. Declared in include/umk/string.h.
 */
#include <umk/errno.h>
#include <umk/string.h>

ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t i;

	if (count == 0)
		return -E2BIG;
	for (i = 0; i < count; i++) {
		dest[i] = src[i];
		if (!src[i])
			return (ssize_t)i;
	}
	dest[count - 1] = '\0';	/* src was too long: keep the prefix */
	return -E2BIG;
}

bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return (char *)s;
}

char *strim(char *s)
{
	size_t len = strlen(s);

	while (len && is_space(s[len - 1]))
		len--;
	s[len] = '\0';
	return skip_spaces(s);
}
