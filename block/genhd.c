/*
 * genhd.c - disks: majors, allocating and adding gendisks, and finding
 * a disk's block_device by number or name. The disk list is changed
 * and walked under a mutex, in process context only.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/wait.h>
#include <umk/blkdev.h>
#include "blk.h"

#define MAX_BLKDEV_MAJORS	16

static struct {
	unsigned int major;
	const char *name;
} majors[MAX_BLKDEV_MAJORS];
static LIST_HEAD(disks);
static DEFINE_MUTEX(disks_lock);
static DECLARE_WAIT_QUEUE_HEAD(openers_wait);	/* blkdev_put() wakes */

int register_blkdev(unsigned int major, const char *name)
{
	int i, free = -1;

	if (!major || major >= (1U << (32 - MINORBITS)) || !name)
		return -EINVAL;
	mutex_lock(&disks_lock);
	for (i = 0; i < MAX_BLKDEV_MAJORS; i++) {
		if (majors[i].name && majors[i].major == major) {
			mutex_unlock(&disks_lock);
			return -EBUSY;
		}
		if (!majors[i].name && free < 0)
			free = i;
	}
	if (free >= 0) {
		majors[free].major = major;
		majors[free].name = name;
	}
	mutex_unlock(&disks_lock);
	return free >= 0 ? 0 : -EBUSY;
}

void unregister_blkdev(unsigned int major, const char *name)
{
	mutex_lock(&disks_lock);
	for (int i = 0; i < MAX_BLKDEV_MAJORS; i++)
		if (majors[i].name && majors[i].major == major &&
		    !strcmp(majors[i].name, name))
			majors[i].name = NULL;
	mutex_unlock(&disks_lock);
}

static bool major_registered(unsigned int major)
{
	for (int i = 0; i < MAX_BLKDEV_MAJORS; i++)
		if (majors[i].name && majors[i].major == major)
			return true;
	return false;
}

struct gendisk *alloc_disk(const struct block_device_operations *fops,
			   unsigned int depth)
{
	struct gendisk *disk = kzalloc(sizeof(*disk), GFP_KERNEL);

	if (!disk)
		return NULL;
	disk->fops = fops;
	disk->minors = 1;
	blk_queue_init(&disk->queue, depth);
	disk->part0.bd_disk = disk;
	bdev_cache_init(&disk->part0);
	INIT_LIST_HEAD(&disk->list);
	return disk;
}

static bool clashes(const struct gendisk *a, const struct gendisk *b)
{
	if (!strcmp(a->disk_name, b->disk_name))
		return true;
	return a->major == b->major &&
	       a->first_minor < b->first_minor + b->minors &&
	       b->first_minor < a->first_minor + a->minors;
}

int add_disk(struct gendisk *disk)
{
	struct gendisk *d;
	int err = 0;

	if (!disk->disk_name[0] || !disk->minors ||
	    disk->first_minor + disk->minors > MINORMASK + 1)
		return -EINVAL;
	mutex_lock(&disks_lock);
	if (!major_registered(disk->major))
		err = -ENODEV;
	list_for_each_entry(d, &disks, list)
		if (!err && clashes(d, disk))
			err = -EEXIST;
	if (!err) {
		disk->part0.bd_dev = MKDEV(disk->major, disk->first_minor);
		disk->added = true;
		list_add_tail(&disk->list, &disks);
	}
	mutex_unlock(&disks_lock);
	if (!err)
		pr_info("%s: %llu sectors (%llu MiB)%s\n", disk->disk_name,
			(unsigned long long)disk->capacity,
			(unsigned long long)(disk->capacity >> 11),
			disk->read_only ? ", read-only" : "");
	return err;
}

void del_gendisk(struct gendisk *disk)
{
	mutex_lock(&disks_lock);
	if (disk->added)
		list_del_init(&disk->list);
	disk->added = false;
	mutex_unlock(&disks_lock);
	/* No new lookups find it; wait for those that did (bdflush). */
	wait_event(openers_wait, !READ_ONCE(disk->part0.bd_openers));
	blk_queue_kill(disk);
	bdev_cache_destroy(&disk->part0);
}

void put_disk(struct gendisk *disk)
{
	if (disk)
		kfree(disk);
}

/* Called with disks_lock held. */
static struct block_device *get_locked(struct gendisk *disk)
{
	disk->part0.bd_openers++;
	return &disk->part0;
}

struct block_device *blkdev_get_by_dev(u32 dev)
{
	struct block_device *bdev = ERR_PTR(-ENXIO);
	struct gendisk *d;

	mutex_lock(&disks_lock);
	list_for_each_entry(d, &disks, list)
		if (d->part0.bd_dev == dev) {
			bdev = get_locked(d);
			break;
		}
	mutex_unlock(&disks_lock);
	return bdev;
}

struct block_device *blkdev_get_by_name(const char *name)
{
	struct block_device *bdev = ERR_PTR(-ENXIO);
	struct gendisk *d;

	if (strstarts(name, "/dev/"))
		name += 5;
	mutex_lock(&disks_lock);
	list_for_each_entry(d, &disks, list)
		if (!strcmp(d->disk_name, name)) {
			bdev = get_locked(d);
			break;
		}
	mutex_unlock(&disks_lock);
	return bdev;
}

void blkdev_put(struct block_device *bdev)
{
	mutex_lock(&disks_lock);
	WARN_ON(bdev->bd_openers <= 0);
	bdev->bd_openers--;
	mutex_unlock(&disks_lock);
	wake_up_all(&openers_wait);
}

/*
 * fn may sleep (and take disks_lock itself through the lookups), so the
 * lock is dropped around each call; a reference keeps the disk.
 */
int blkdev_for_each(int (*fn)(struct block_device *bdev, void *arg),
		    void *arg)
{
	struct gendisk *d;
	unsigned int i, n = 0;
	int ret = 0;

	mutex_lock(&disks_lock);
	list_for_each_entry(d, &disks, list)
		n++;
	mutex_unlock(&disks_lock);
	for (i = 0; i < n && !ret; i++) {
		struct block_device *bdev = NULL;
		unsigned int j = 0;

		mutex_lock(&disks_lock);
		list_for_each_entry(d, &disks, list)
			if (j++ == i) {
				bdev = get_locked(d);
				break;
			}
		mutex_unlock(&disks_lock);
		if (!bdev)
			break;
		ret = fn(bdev, arg);
		blkdev_put(bdev);
	}
	return ret;
}
