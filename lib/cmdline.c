// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c - splits a kernel command line into "param=value" words with
 * double-quote grouping (next_arg(), parse_args()). The rules are written
 * down in include/umk/cmdline.h.
 */
#include <umk/cmdline.h>
#include <umk/string.h>

char *next_arg(char *args, char **param, char **val)
{
	bool quoted = false;
	char *in, *out;

	*param = NULL;
	*val = NULL;
	args = skip_spaces(args);
	if (!*args)
		return NULL;

	/* Copy the word onto itself without its quotes. */
	*param = args;
	for (in = out = args; *in && (quoted || !is_space(*in)); in++) {
		if (*in == '"') {
			quoted = !quoted;
			continue;
		}
		if (*in == '=' && !*val) {
			*out++ = '\0';
			*val = out;
			continue;
		}
		*out++ = *in;
	}
	if (*in)
		in++;		/* the separator: out may point at it */
	*out = '\0';
	return skip_spaces(in);
}

int parse_args(char *args, int (*fn)(char *param, char *val, void *arg),
	       void *arg)
{
	char *param, *val;
	int err;

	while ((args = next_arg(args, &param, &val))) {
		if (!val && strcmp(param, "--") == 0)
			return fn(param, args, arg);
		err = fn(param, val, arg);
		if (err)
			return err;
	}
	return 0;
}
