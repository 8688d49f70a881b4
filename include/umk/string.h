/*
 * string.h - string helpers the kernel needs beyond the C library's
 * <string.h> (which it includes): bounded copies that report truncation,
 * prefix tests and whitespace trimming. Implemented in lib/string.c.
 */
#ifndef UMK_STRING_H
#define UMK_STRING_H

#include <string.h>
#include <umk/types.h>

/*
 * Copies src into dest (a buffer of count bytes), always NUL-terminated
 * when count > 0. Returns the length copied, or -E2BIG when src did not
 * fit (dest then holds the truncated prefix) or count is 0.
 */
ssize_t strscpy(char *dest, const char *src, size_t count);

/* True when str begins with prefix. */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/* ASCII whitespace: space, \t, \n, \v, \f, \r. */
bool is_space(char c);

/* Returns s advanced past leading whitespace. */
char *skip_spaces(const char *s);

/*
 * Cuts trailing whitespace off s (in place) and returns s advanced past
 * its leading whitespace.
 */
char *strim(char *s);

#endif
