/*
 * cmdline.h - splitting a kernel command line into parameters
 * (lib/cmdline.c). Used by kernel/params.c; both functions modify the
 * string in place (they write NULs and remove quotes).
 *
 * Words are separated by whitespace. Double quotes group characters,
 * whitespace included, and are removed: foo="a b" and "foo=a b" both give
 * param "foo", value "a b". There is no escape character; an unclosed
 * quote runs to the end of the line. The first '=' of a word, quoted or
 * not, splits it into param and value:
 *
 *   word        param   val
 *   quiet       quiet   NULL      (a bare word)
 *   mem=64M     mem     "64M"
 *   init=       init    ""        (an empty value is not NULL)
 *   a="x y"=z   a       "x y=z"
 */
#ifndef UMK_CMDLINE_H
#define UMK_CMDLINE_H

#include <umk/string.h>	/* skip_spaces(), for callers of next_arg() */

/*
 * Splits off the first word of args: sets *param and *val as above and
 * returns the rest of the line, or returns NULL (with *param and *val
 * NULL) when args holds no more words. Loop:
 *
 *	while ((args = next_arg(args, &param, &val)))
 *		use(param, val);
 */
char *next_arg(char *args, char **param, char **val);

/*
 * Calls fn(param, val, arg) for each word of args in order, stopping at
 * the first non-zero return, which parse_args() returns (0 when every
 * call returned 0).
 *
 * A bare word "--" ends the kernel parameters (what follows is for init,
 * as in Linux): fn is then called once more with param "--" and val
 * pointing at the rest of the line, unsplit (leading whitespace skipped,
 * possibly ""), and parse_args() returns that call's result. The rest
 * can be split with next_arg(). ("--=x" is an ordinary word: param "--",
 * val "x", and parsing goes on.)
 */
int parse_args(char *args, int (*fn)(char *param, char *val, void *arg),
	       void *arg);

#endif
