/*
 * mode.c - which trap backend runs guests: `mode=ptrace` or
 * `mode=seccomp` (where the host has SECCOMP_RET_TRAP and user
 * notifications). The default is ptrace for now: seccomp mode does not
 * yet beat it (Documentation/seccomp.md, "Not done yet"); it becomes the
 * default once it does. The boot log names the choice.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>
#include <umk/reboot.h>
#include <os_seccomp.h>
#include "../ptrace/context.h"

static const struct backend_ops *chosen;
static bool chosen_by_user;

static int set_mode(const char *val)
{
	if (!val)
		return -EINVAL;
	if (!strcmp(val, "ptrace")) {
		chosen = &ptrace_backend_ops;
	} else if (!strcmp(val, "seccomp")) {
		if (!os_seccomp_supported())
			boot_error("mode=seccomp: the host has no seccomp "
				   "trap and user notification");
		chosen = &seccomp_backend_ops;
	} else {
		return -EINVAL;
	}
	chosen_by_user = true;
	return 0;
}
early_param("mode", set_mode);

const struct backend_ops *backend_selected(void)
{
	if (!chosen)
		chosen = &ptrace_backend_ops;
	return chosen;
}

static int backend_announce(void)
{
	bool given = chosen_by_user;

	pr_info("Trap backend: %s (%s)\n", backend_selected()->name,
		given ? "mode=" : "default");
	return 0;
}
core_initcall(backend_announce);
