/* reboot.h - how the kernel stops: halt, power off, restart, panic. */
#ifndef UMK_REBOOT_H
#define UMK_REBOOT_H

#include <umk/compiler.h>

/* umk's exit status, documented in Documentation/boot.md. */
enum umk_exit {
	UMK_EXIT_OK = 0,	/* clean halt/poweroff; all tests passed */
	UMK_EXIT_TESTS_FAILED = 1,
	UMK_EXIT_USAGE = 2,	/* bad command line, image or dtb */
	UMK_EXIT_PANIC = 3,
};

/* Functions run (last registered first) on every orderly shutdown. */
struct shutdown_hook {
	void (*fn)(void);
	struct shutdown_hook *next;
};
void register_shutdown_hook(struct shutdown_hook *h);

__noreturn void kernel_halt(void);
__noreturn void kernel_power_off(void);
/* Exits with status after the shutdown hooks. */
__noreturn void kernel_power_off_status(int status);
/* Re-executes umk with the same command line. */
__noreturn void kernel_restart(void);
/* Asks init (or, without one, the kernel) for an orderly shutdown. */
void orderly_poweroff(void);

/* One clear line on stderr and exit(UMK_EXIT_USAGE): for boot errors. */
__noreturn __printf(1, 2) void boot_error(const char *fmt, ...);

#endif
