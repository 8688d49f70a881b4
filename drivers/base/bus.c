/*
 * bus.c - the driver core: binds drivers (registered with module_driver()
 * in the "drivers" section) to device-tree nodes by "compatible", keeps
 * the bound devices and removes them at shutdown.
 */
#include <limits.h>
#include <string.h>
#include <libfdt.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/device.h>
#include <umk/of.h>
#include <umk/slab.h>
#include "base.h"

static LIST_HEAD(bound_devices);

const struct driver *driver_match(const void *blob, int node,
				  const struct driver *const *first,
				  const struct driver *const *end)
{
	const struct driver *const *drv;
	const char *const *c;

	for (drv = first; drv < end; drv++)
		for (c = (*drv)->compatible; c && *c; c++)
			if (fdt_node_check_compatible(blob, node, *c) == 0)
				return *drv;
	return NULL;
}

bool of_fdt_node_enabled(const void *blob, int node)
{
	const char *status;
	int len;

	status = fdt_getprop(blob, node, "status", &len);
	if (!status)
		return true;
	return len > 0 && status[len - 1] == '\0' &&
	       (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

static const char *err_str(int err, char *buf, size_t len)
{
	const char *name = errname(err);

	if (name)
		snprintf(buf, len, "-%s", name);
	else
		snprintf(buf, len, "%d", err);
	return buf;
}

/* Returns 1 when drv bound node, 0 when its probe declined, or -ENOMEM. */
static int probe_node(const void *blob, int node, const struct driver *drv,
		struct list_head *devices)
{
	struct device *dev;
	char path[128], ebuf[24];
	int err;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->name = fdt_get_name(blob, node, NULL);
	dev->of_node = node;
	dev->driver = drv;
	if (fdt_get_path(blob, node, path, sizeof(path)))
		snprintf(path, sizeof(path), "%s", dev->name);

	err = drv->probe ? drv->probe(dev) : 0;
	if (err) {
		pr_err("driver %s: probe of %s failed: %s\n", drv->name, path,
		       err_str(err, ebuf, sizeof(ebuf)));
		kfree(dev);
		return 0;
	}
	list_add_tail(&dev->list, devices);
	pr_info("bound %s to driver %s\n", path, drv->name);
	return 1;
}

int driver_probe_blob(const void *blob, const struct driver *const *first,
		      const struct driver *const *end,
		      struct list_head *devices)
{
	const struct driver *drv;
	int node, depth = 0, hidden_below = INT_MAX, bound = 0, ret;

	/* Depth drops below 0 past the root's end. */
	for (node = 0; node >= 0 && depth >= 0;
	     node = fdt_next_node(blob, node, &depth)) {
		if (depth > hidden_below)
			continue;
		hidden_below = INT_MAX;
		if (!of_fdt_node_enabled(blob, node)) {
			hidden_below = depth;
			continue;
		}
		drv = driver_match(blob, node, first, end);
		if (!drv)
			continue;
		ret = probe_node(blob, node, drv, devices);
		if (ret < 0)
			return ret;
		bound += ret;
	}
	return bound;
}

int driver_probe_all(void)
{
	if (!of_blob)
		return -ENOENT;
	return driver_probe_blob(of_blob, __start_drivers, __stop_drivers,
				 &bound_devices);
}

struct device *device_find(const char *compat)
{
	struct device *dev;

	list_for_each_entry(dev, &bound_devices, list)
		if (of_device_is_compatible(dev->of_node, compat))
			return dev;
	return NULL;
}

void device_remove_list(struct list_head *devices)
{
	struct device *dev;

	while (!list_empty(devices)) {
		dev = list_entry(devices->prev, struct device, list);
		list_del(&dev->list);
		if (dev->driver->remove)
			dev->driver->remove(dev);
		kfree(dev);
	}
}

void device_remove_all(void)
{
	device_remove_list(&bound_devices);
}
