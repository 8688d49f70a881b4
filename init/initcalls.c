/* initcalls.c - runs the initcalls of every level in order. */
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>

/* The linker defines these only for non-empty sections: weak = NULL. */
#define INITCALL_LEVEL(n) \
	extern initcall_t __start_initcall##n[] __attribute__((weak)); \
	extern initcall_t __stop_initcall##n[] __attribute__((weak))
INITCALL_LEVEL(1);
INITCALL_LEVEL(2);
INITCALL_LEVEL(3);
INITCALL_LEVEL(4);
INITCALL_LEVEL(5);
INITCALL_LEVEL(6);
INITCALL_LEVEL(7);

static initcall_t *const levels[][2] = {
	{ __start_initcall1, __stop_initcall1 },
	{ __start_initcall2, __stop_initcall2 },
	{ __start_initcall3, __stop_initcall3 },
	{ __start_initcall4, __stop_initcall4 },
	{ __start_initcall5, __stop_initcall5 },
	{ __start_initcall6, __stop_initcall6 },
	{ __start_initcall7, __stop_initcall7 },
};

void do_initcalls(void)
{
	size_t lvl;
	initcall_t *fn;

	for (lvl = 0; lvl < ARRAY_SIZE(levels); lvl++) {
		for (fn = levels[lvl][0]; fn < levels[lvl][1]; fn++) {
			int err = (*fn)();

			if (err)
				pr_err("initcall %p failed: %d (%s)\n",
				       (void *)*fn, err,
				       errname(err) ? errname(err) : "?");
		}
	}
}
