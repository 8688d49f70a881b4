/*
 * reboot.c - orderly ways out: halt, power off, restart. Shutdown hooks
 * run first (last registered first), then drivers are removed. A host
 * SIGTERM/SIGINT/SIGHUP (IRQ_SHUTDOWN) asks for an orderly power-off,
 * carried out by a kernel thread since irq context cannot sleep.
 */
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>
#include <umk/reboot.h>
#include <umk/device.h>
#include <umk/irqflags.h>
#include <umk/sched.h>
#include <umk/completion.h>
#include <os.h>

static struct shutdown_hook *hooks;
static struct task_struct *poweroff_task;
static struct completion poweroff_requested;

void register_shutdown_hook(struct shutdown_hook *h)
{
	h->next = hooks;
	hooks = h;
}

static void shutdown_prepare(void)
{
	struct shutdown_hook *h;

	for (h = hooks; h; h = h->next)
		h->fn();
	device_remove_all();
}

void kernel_power_off_status(int status)
{
	shutdown_prepare();
	pr_notice("reboot: Power down\n");
	os_exit(status);
}

void kernel_power_off(void)
{
	kernel_power_off_status(UMK_EXIT_OK);
}

void kernel_halt(void)
{
	shutdown_prepare();
	pr_notice("reboot: System halted\n");
	os_exit(UMK_EXIT_OK);
}

void kernel_restart(void)
{
	shutdown_prepare();
	pr_notice("reboot: Restarting system\n");
	os_reexec();
}

void orderly_poweroff(void)
{
	complete(&poweroff_requested);
}

static int poweroff_thread(void *unused)
{
	wait_for_completion(&poweroff_requested);
	pr_notice("Shutdown requested by the host: powering off\n");
	kernel_power_off();
}

static void host_shutdown_irq(int irq, void *data)
{
	orderly_poweroff();
}

static int reboot_init(void)
{
	init_completion(&poweroff_requested);
	poweroff_task = kthread_run(poweroff_thread, NULL, "poweroff");
	if (IS_ERR(poweroff_task))
		return PTR_ERR(poweroff_task);
	return request_irq(IRQ_SHUTDOWN, host_shutdown_irq, NULL);
}
core_initcall(reboot_init);

void boot_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = scnprintf(msg, sizeof(msg), "umk: ");
	n += vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(msg) - 2)
		n = sizeof(msg) - 2;
	msg[n++] = '\n';
	os_write_all(2, msg, n);
	os_exit(UMK_EXIT_USAGE);
}
