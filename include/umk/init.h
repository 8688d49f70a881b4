/* init.h - initcalls and kernel command-line parameters. */
#ifndef UMK_INIT_H
#define UMK_INIT_H

#include <umk/compiler.h>
#include <umk/types.h>

/*
 * Initcalls run once at boot, level by level (0 first), after memory,
 * scheduler and timers are up. A failing initcall is logged, not fatal.
 */
typedef int (*initcall_t)(void);

#define __define_initcall(fn, lvl) \
	static initcall_t __initcall_##fn##lvl __used \
	__section("initcall" #lvl) = fn

#define core_initcall(fn)	__define_initcall(fn, 1)
#define postcore_initcall(fn)	__define_initcall(fn, 2)
#define arch_initcall(fn)	__define_initcall(fn, 3)
#define subsys_initcall(fn)	__define_initcall(fn, 4)
#define fs_initcall(fn)		__define_initcall(fn, 5)
#define device_initcall(fn)	__define_initcall(fn, 6)
#define late_initcall(fn)	__define_initcall(fn, 7)

void do_initcalls(void);

/*
 * Kernel parameters. "name=value" or a bare "name" on the command line.
 * The handler returns 0, or -EINVAL for a bad value: boot then stops with
 * one error line and exit status 2. Early parameters are handled before
 * memory is set up (mem=, dtb=, loglevel=, quiet ...).
 */
struct kernel_param {
	const char *name;	/* without the '=' */
	int (*set)(const char *val);	/* val is NULL for a bare word */
	bool early;
	bool prefix;		/* name is a prefix: see prefix_param() */
};

#define __kernel_param(var, pname, fn, is_early) \
	static const struct kernel_param __param_##var __used \
	__section("kernel_params") __aligned(8) = { pname, fn, is_early }
#define early_param(pname, fn)	__kernel_param(fn, pname, fn, true)
#define kernel_param(pname, fn)	__kernel_param(fn, pname, fn, false)
/*
 * Linux's __setup(): claims every (late) word whose name starts with
 * prefix and no exact name matches, such as UML's ubd0=, ubd1r=, ubdbs=;
 * set() gets the whole word as written ("ubd1r=disk.img").
 */
#define prefix_param(pfx, fn) \
	static const struct kernel_param __param_##fn __used \
	__section("kernel_params") __aligned(8) = { pfx, fn, false, true }

/* kernel/params.c: the early pass (before memory), then the rest; the
 * report lists what init will get. */
void parse_early_params(const char *cmdline);
void parse_params(void);
void report_init_params(void);

/* The full command line as given, and what is left over for init. */
extern char boot_command_line[];
#define MAX_INIT_ARGS 32
extern const char *init_argv[MAX_INIT_ARGS + 2];
extern const char *init_envp[MAX_INIT_ARGS + 2];

#endif
