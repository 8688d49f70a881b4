/*
 * base.h - the driver core's binding step over an explicit blob and an
 * explicit driver table, so the tests can bind test drivers to a test
 * blob without touching the live machine.
 */
#ifndef DRIVERS_BASE_H
#define DRIVERS_BASE_H

#include <umk/device.h>

/* The linker defines these around the "drivers" section (module_driver). */
extern const struct driver *const __start_drivers[];
extern const struct driver *const __stop_drivers[];

/* Drivers in [first, end): the first one listing a compatible of node. */
const struct driver *driver_match(const void *blob, int node,
				  const struct driver *const *first,
				  const struct driver *const *end);

/* Absent status, "okay" and "ok" mean enabled, as in Linux. */
bool of_fdt_node_enabled(const void *blob, int node);

/*
 * Binds every enabled node of blob (a disabled node hides its subtree)
 * to its driver in [first, end) and appends the devices to devices.
 * Returns the number bound, or -ENOMEM. A failed probe is logged and
 * skipped.
 */
int driver_probe_blob(const void *blob, const struct driver *const *first,
		      const struct driver *const *end,
		      struct list_head *devices);

/* Calls remove() and frees each device, last bound first. */
void device_remove_list(struct list_head *devices);

#endif
