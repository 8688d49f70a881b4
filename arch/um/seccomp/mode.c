/*
 * mode.c - which trap backend runs guests: `mode=ptrace` or
 * `mode=seccomp` (where the host has SECCOMP_RET_TRAP and user
 * notifications). The default is seccomp where the host supports it,
 * else ptrace; the boot log names the choice and why.
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
			boot_error("mode=seccomp: the host lacks seccomp "
				   "trap, user notification or pidfd_getfd");
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
		chosen = os_seccomp_supported() ? &seccomp_backend_ops :
						  &ptrace_backend_ops;
	return chosen;
}

static int backend_announce(void)
{
	const char *why = "mode=";

	if (!chosen_by_user)
		why = backend_selected() == &seccomp_backend_ops ? "default" :
			"default: the host lacks seccomp trap, user notification "
			"or pidfd_getfd";
	pr_info("Trap backend: %s (%s)\n", backend_selected()->name, why);
	return 0;
}
core_initcall(backend_announce);
