/* glob.h - shell-style wildcard matching (lib/glob.c). */
#ifndef UMK_GLOB_H
#define UMK_GLOB_H

#include <umk/types.h>

/*
 * True when all of str matches pattern: '*' matches any run of
 * characters (also none), '?' any one character, "[...]" one character
 * of a class ("[abc]", ranges "[a-z]", negated "[!a-z]" or "[^a-z]"; a
 * ']' right after the '[' or '!' is literal). Every other character
 * matches itself; there is no escape character. A '[' without its ']'
 * matches a literal '['.
 */
bool glob_match(const char *pattern, const char *str);

#endif
