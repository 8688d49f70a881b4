/*
 * main.c - the host's entry point. Joins argv into the kernel command
 * line, remembers argv for a restart, and enters start_kernel().
 */
#include <stdio.h>
#include <string.h>
#include <os.h>

#define CMDLINE_MAX 4096

static char cmdline[CMDLINE_MAX];

/* Words with spaces are quoted so the kernel's tokenizer sees one word. */
static int append_word(size_t *len, const char *arg)
{
	bool quote = strchr(arg, ' ') || strchr(arg, '\t');
	size_t need = strlen(arg) + (quote ? 2 : 0) + 1;

	if (*len + need >= CMDLINE_MAX)
		return -1;
	*len += snprintf(cmdline + *len, CMDLINE_MAX - *len,
			 quote ? "%s\"%s\"" : "%s%s", *len ? " " : "", arg);
	return 0;
}

int main(int argc, char **argv)
{
	size_t len = 0;

	os_save_argv(argc, argv);
	for (int i = 1; i < argc; i++) {
		if (append_word(&len, argv[i]) < 0) {
			fprintf(stderr, "umk: command line longer than %d bytes\n",
				CMDLINE_MAX);
			return 2;
		}
	}
	start_kernel(cmdline);
}
