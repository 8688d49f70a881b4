/*
 * ubd.c - User-Mode Linux's block device: a disk backed by a host file
 * (or a COW overlay on one), /dev/ubda .. /dev/ubdp, major 98, 16
 * minors each. The driver binds to the device tree's "umk,ubd" nodes,
 * which the tree builder makes from ubdN= parameters; a device that
 * cannot be set up stops the boot with one line (exit status 2). Each
 * device has a host I/O thread; on shutdown every device is flushed.
 */
#include <libfdt.h>
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/slab.h>
#include <umk/string.h>
#include <umk/device.h>
#include <umk/of.h>
#include <umk/reboot.h>
#include <umk/buffer_head.h>
#include <os_block.h>
#include "ubd.h"

/* Bios the I/O thread may have queued at once per device. */
#define UBD_QUEUE_DEPTH	64

void ubd_param_name(const struct ubd_config *cfg, char *buf, size_t len)
{
	snprintf(buf, len, "ubd%u%s%s%s%s=%s%s%s", cfg->unit,
		 cfg->read_only ? "r" : "", cfg->sync ? "s" : "",
		 cfg->no_cow ? "d" : "", cfg->shared ? "c" : "", cfg->file,
		 cfg->backing ? "," : "", cfg->backing ? cfg->backing : "");
}

static int ubd_add_disk(struct ubd *u)
{
	struct gendisk *disk = alloc_disk(&ubd_fops, UBD_QUEUE_DEPTH);
	int err;

	if (!disk)
		return -ENOMEM;
	strscpy(disk->disk_name, u->name, sizeof(disk->disk_name));
	disk->major = UBD_MAJOR;
	disk->first_minor = u->cfg.unit << UBD_SHIFT;
	disk->minors = 1 << UBD_SHIFT;
	set_capacity(disk, u->size >> SECTOR_SHIFT);
	set_disk_ro(disk, u->cfg.read_only);
	disk->private_data = u;
	err = add_disk(disk);
	if (err) {
		put_disk(disk);
		return err;
	}
	u->disk = disk;
	return 0;
}

/* Undoes ubd_create() from the thread onwards. */
static void ubd_free(struct ubd *u, bool thread)
{
	if (thread) {
		os_blk_thread_stop(u->io);
		ubd_remove_device(u);
	}
	ubd_close_images(u);
	kfree(u->io);
	kfree(u);
}

struct ubd *ubd_create(const struct ubd_config *cfg, char *why, size_t len)
{
	char param[128];
	struct ubd *u;
	int err;

	why[0] = '\0';
	if (!ubd_irq_ready()) {
		ubd_param_name(cfg, param, sizeof(param));
		snprintf(why, len, "%s: the I/O interrupt (IRQ_WAKE) is taken",
			 param);
		return ERR_PTR(-EBUSY);
	}
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return ERR_PTR(-ENOMEM);
	u->cfg = *cfg;
	u->fd = u->base_fd = -1;
	INIT_LIST_HEAD(&u->list);
	snprintf(u->name, sizeof(u->name), "ubd%c", 'a' + cfg->unit);
	u->io = kmalloc(os_blk_thread_size(), GFP_KERNEL);
	err = u->io ? os_blk_thread_start(u->io, u->name) : -ENOMEM;
	if (!err) {
		ubd_add_device(u);
		err = ubd_open_images(u, why, len);
		if (!err)
			err = ubd_add_disk(u);
	}
	if (!err)
		return u;
	if (!why[0]) {
		ubd_param_name(cfg, param, sizeof(param));
		snprintf(why, len, "%s: %s", param,
			 err == -EEXIST ? "the device exists already" :
			 errname(err) ? errname(err) : "error");
	}
	ubd_free(u, u->io && !list_empty(&u->list));
	return ERR_PTR(err);
}

void ubd_destroy(struct ubd *u)
{
	struct block_device *bdev = &u->disk->part0;
	int err = blkdev_fsync(bdev);

	if (err)
		pr_err("%s: final flush failed: %d\n", u->name, err);
	del_gendisk(u->disk);
	os_blk_thread_stop(u->io);
	ubd_remove_device(u);
	put_disk(u->disk);
	u->disk = NULL;
	ubd_free(u, false);
}

static bool has_prop(int node, const char *name)
{
	return fdt_getprop(of_blob, node, name, NULL) != NULL;
}

static int ubd_probe(struct device *dev)
{
	struct ubd_config cfg = { 0 };
	char why[256];
	struct ubd *u;
	u32 unit;

	if (of_get_u32(dev->of_node, "reg", &unit) || unit >= UBD_MAX_DEVS)
		return -EINVAL;
	cfg.unit = unit;
	cfg.file = of_get_string(dev->of_node, "file");
	cfg.backing = of_get_string(dev->of_node, "backing-file");
	if (!cfg.file || !cfg.file[0])
		return -EINVAL;
	cfg.read_only = has_prop(dev->of_node, "read-only");
	cfg.sync = has_prop(dev->of_node, "sync");
	cfg.no_cow = has_prop(dev->of_node, "no-cow");
	cfg.shared = has_prop(dev->of_node, "shared");
	u = ubd_create(&cfg, why, sizeof(why));
	if (IS_ERR(u))
		boot_error("%s", why);
	dev->driver_data = u;
	return 0;
}

/*
 * At shutdown, after the block layer wrote everything back: flush once
 * more. The disk stays (a filesystem may still hold it); the process
 * exit that follows closes the files and drops the locks.
 */
static void ubd_remove(struct device *dev)
{
	struct ubd *u = dev->driver_data;
	int err = blkdev_fsync(&u->disk->part0);

	if (err)
		pr_err("%s: final flush failed: %d\n", u->name, err);
}

static const char *const ubd_compat[] = { "umk,ubd", NULL };

static const struct driver ubd_driver = {
	.name = "ubd",
	.compatible = ubd_compat,
	.probe = ubd_probe,
	.remove = ubd_remove,
};
module_driver(ubd_driver);

static int ubd_init(void)
{
	return register_blkdev(UBD_MAJOR, "ubd");
}
device_initcall(ubd_init);
