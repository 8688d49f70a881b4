/*
 * host_console.c - the driver of "umk,host-console": the host's stdout
 * as a kernel console. Registering it replaces printk's early stdout
 * writer. When the console is a terminal (console_dev.c), the host
 * terminal is raw, so kernel messages bring their own carriage returns.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/device.h>
#include <umk/tty.h>
#include <os.h>

static void host_console_write(struct console *con, const char *s,
			       size_t len)
{
	const char *nl;

	/* A console has no one to report a failed write to. */
	while (console_is_tty() && len &&
	       (nl = memchr(s, '\n', len)) != NULL) {
		(void)os_write_all(1, s, nl - s);
		(void)os_write_all(1, "\r\n", 2);
		len -= nl - s + 1;
		s = nl + 1;
	}
	(void)os_write_all(1, s, len);
}

static struct console host_console = {
	.name = "hostcon",
	.write = host_console_write,
};

static bool registered;

static int host_console_probe(struct device *dev)
{
	/* There is one host stdout: a second node would print twice. */
	if (registered)
		return -EBUSY;
	register_console(&host_console);
	registered = true;
	dev->driver_data = &host_console;
	return 0;
}

static const char *const host_console_compat[] = {
	"umk,host-console",
	NULL
};

/*
 * No remove(): the console stays registered until the process exits, so
 * that the last lines of a shutdown still reach the user.
 */
static const struct driver host_console_driver = {
	.name = "host-console",
	.compatible = host_console_compat,
	.probe = host_console_probe,
};
module_driver(host_console_driver);
