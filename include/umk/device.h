/*
 * device.h - drivers bind to device-tree nodes by "compatible". At boot
 * the driver core walks the tree and calls probe() of the first driver
 * that matches each node that is not disabled.
 */
#ifndef UMK_DEVICE_H
#define UMK_DEVICE_H

#include <umk/types.h>
#include <umk/list.h>

struct device {
	const char *name;	/* node name, e.g. "console@0" */
	int of_node;		/* libfdt offset */
	const struct driver *driver;
	void *driver_data;
	struct list_head list;	/* on the bound-devices list */
};

struct driver {
	const char *name;
	const char *const *compatible;	/* NULL-terminated */
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);	/* at shutdown, may be NULL */
};

#define module_driver(drv) \
	static const struct driver *__driver_##drv __used \
	__section("drivers") = &(drv)

/* drivers/base/bus.c */
int driver_probe_all(void);	/* bind every node; returns devices bound */
struct device *device_find(const char *compat);	/* first bound match */
void device_remove_all(void);	/* remove() in reverse bind order */

#endif
