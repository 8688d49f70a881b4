/* panic.c - the last words of a broken kernel: reason, backtrace, exit. */
#include <umk/kernel.h>
#include <umk/irqflags.h>
#include <umk/reboot.h>
#include <os.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	static char reason[512];
	va_list ap;

	local_irq_disable();
	if (in_panic)
		os_exit(UMK_EXIT_PANIC);	/* panic while panicking */
	in_panic = true;
	os_tty_restore();	/* the user's terminal back before the report */

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", reason);
	pr_emerg("Backtrace:\n");
	os_dump_backtrace();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", reason);
	os_exit(UMK_EXIT_PANIC);
}
