/*
 * params.c - the kernel command line. Parameters registered with
 * early_param()/kernel_param() are handled in two passes (early ones
 * before memory exists); anything the kernel does not know is kept for
 * init, as Linux does: "name=value" goes to init's environment, a bare
 * word to its argv, and everything after "--" to its argv.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>
#include <umk/cmdline.h>
#include <umk/reboot.h>

#define COMMAND_LINE_SIZE 4096

char boot_command_line[COMMAND_LINE_SIZE];
static char early_copy[COMMAND_LINE_SIZE];
static char late_copy[COMMAND_LINE_SIZE];

const char *init_argv[MAX_INIT_ARGS + 2] = { NULL, NULL };
const char *init_envp[MAX_INIT_ARGS + 2] = { "HOME=/", "TERM=linux", NULL };

extern const struct kernel_param __start_kernel_params[] __attribute__((weak));
extern const struct kernel_param __stop_kernel_params[] __attribute__((weak));

/* An exact name wins over a prefix_param(). */
static const struct kernel_param *find_param(const char *name)
{
	const struct kernel_param *p;

	for (p = __start_kernel_params; p < __stop_kernel_params; p++)
		if (!p->prefix && !strcmp(p->name, name))
			return p;
	for (p = __start_kernel_params; p < __stop_kernel_params; p++)
		if (p->prefix && !strncmp(p->name, name, strlen(p->name)))
			return p;
	return NULL;
}

static void add_to(const char **vec, const char *s, const char *what)
{
	int i;

	for (i = 0; vec[i]; i++)
		;
	if (i >= MAX_INIT_ARGS) {
		pr_warn("Too many %s for init, dropping '%s'\n", what, s);
		return;
	}
	vec[i] = s;
	vec[i + 1] = NULL;
}

/* Rebuilds "param=val" in place (next_arg split it with a NUL). */
static const char *rejoin(char *param, char *val)
{
	if (val)
		val[-1] = '=';
	return param;
}

/* Hands an unknown word to init, as Linux does. */
static void keep_for_init(char *param, char *val)
{
	char *dot = strchr(param, '.');

	if (dot && (!val || dot < val)) {
		pr_warn("Unknown parameter '%s' ignored\n", rejoin(param, val));
		return;
	}
	if (val)
		add_to(init_envp, rejoin(param, val), "environment variables");
	else
		add_to(init_argv + 1, param, "arguments");
}

static void dispatch(const struct kernel_param *p, char *param, char *val)
{
	int err = p->set(p->prefix ? rejoin(param, val) : val);

	if (err)
		boot_error("%s: invalid %s", rejoin(param, val),
			   val ? "value" : "use (a value is needed)");
}

/* One pass over a private copy of the command line. */
static void parse_pass(char *args, bool early)
{
	char *param, *val;

	args = skip_spaces(args);
	while (*args) {
		const struct kernel_param *p;

		args = next_arg(args, &param, &val);
		if (!strcmp(param, "--") && !val) {
			if (!early)
				while (*(args = skip_spaces(args))) {
					args = next_arg(args, &param, &val);
					add_to(init_argv + 1, rejoin(param, val),
					       "arguments");
				}
			return;
		}
		p = find_param(param);
		if (p && p->early == early)
			dispatch(p, param, val);
		else if (!p && !early)
			keep_for_init(param, val);
		args = skip_spaces(args);
	}
}

void parse_early_params(const char *cmdline)
{
	if (strscpy(boot_command_line, cmdline, sizeof(boot_command_line)) < 0)
		boot_error("command line longer than %d bytes",
			   COMMAND_LINE_SIZE - 1);
	strscpy(early_copy, cmdline, sizeof(early_copy));
	parse_pass(early_copy, true);
}

void parse_params(void)
{
	strscpy(late_copy, boot_command_line, sizeof(late_copy));
	parse_pass(late_copy, false);
}

/* Prints what init will get, as Linux's "passed to user space" line. */
void report_init_params(void)
{
	int i;

	for (i = 1; init_argv[i]; i++)
		pr_info("Passed to init as argument: %s\n", init_argv[i]);
	for (i = 2; init_envp[i]; i++)
		pr_info("Passed to init as environment: %s\n", init_envp[i]);
}
