/*
 * blkdev.h - block devices. A driver allocates a gendisk, sets its
 * capacity and registers it with add_disk(); the disk gets a request
 * queue (block/bio.c) and a block_device that filesystems and device
 * files use, found by name ("ubda") or device number. The buffer cache
 * on top is <umk/buffer_head.h>. Documentation/block.md.
 */
#ifndef UMK_BLKDEV_H
#define UMK_BLKDEV_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/spinlock.h>
#include <umk/mutex.h>
#include <umk/timer.h>
#include <umk/bio.h>

struct gendisk;

#define DISK_NAME_LEN	16

struct block_device_operations {
	/*
	 * Starts bio, in the order bios were submitted. Returns 0 (the
	 * driver calls bio_endio() later, often from its interrupt), or
	 * -EBUSY / -ENOMEM when it cannot take it now: the queue tries
	 * again after the next completion (or a tick later if none is in
	 * flight). Any other error ends the bio with it. Called with
	 * interrupts masked; must not sleep.
	 */
	int (*queue_bio)(struct gendisk *disk, struct bio *bio);
};

struct request_queue {
	spinlock_t lock;
	struct list_head pending;	/* submitted, not started: FIFO */
	unsigned int in_flight;		/* started, not ended */
	unsigned int depth;		/* most in flight at once */
	bool dispatching;		/* a dispatch loop is running */
	bool dead;			/* del_gendisk(): fail new bios */
	struct timer_list retry;	/* -EBUSY with nothing in flight */
	u64 nr_started, nr_ended;	/* statistics */
};

struct block_device {
	u32 bd_dev;			/* MKDEV(major, minor) */
	struct gendisk *bd_disk;
	int bd_openers;			/* blkdev_get_*() minus blkdev_put() */
	bool bd_read_only;		/* BLKROSET */
	unsigned int bd_block_size;	/* the buffer cache's (set_blocksize) */
	/* The buffer cache (block/buffer.c). */
	struct list_head bd_dirty;	/* dirty buffers, oldest first */
	unsigned long bd_nr_buffers;
	int bd_wb_err;			/* first failed background write */
	struct mutex bd_writeback;	/* one writer of bd_dirty at a time */
};

struct gendisk {
	char disk_name[DISK_NAME_LEN];	/* "ubda" */
	unsigned int major;
	unsigned int first_minor;
	unsigned int minors;		/* minors reserved (partitions) */
	u64 capacity;			/* in 512-byte sectors */
	bool read_only;			/* the medium is (set_disk_ro) */
	bool needs_flush;		/* written since the last flush */
	const struct block_device_operations *fops;
	void *private_data;		/* the driver's */
	struct request_queue queue;
	struct block_device part0;	/* the whole disk */
	struct list_head list;		/* on the disk list (add_disk) */
	bool added;
};

/* Majors: register_blkdev(98, "ubd"); 0 or -EBUSY / -EINVAL. */
int register_blkdev(unsigned int major, const char *name);
void unregister_blkdev(unsigned int major, const char *name);

/*
 * A disk whose driver starts at most depth bios at once; NULL without
 * memory. Set disk_name, major, first_minor, minors, capacity, then
 * add_disk() (0, -EEXIST for a taken name or number, -ENODEV for an
 * unregistered major). del_gendisk() takes it off the list, waits
 * until nobody holds a reference from a lookup, and fails what is still
 * submitted; put_disk() frees it.
 */
struct gendisk *alloc_disk(const struct block_device_operations *fops,
			   unsigned int depth);
int add_disk(struct gendisk *disk);
void del_gendisk(struct gendisk *disk);
void put_disk(struct gendisk *disk);
static inline void set_capacity(struct gendisk *disk, u64 sectors)
{
	disk->capacity = sectors;
}
static inline u64 get_capacity(const struct gendisk *disk)
{
	return disk->capacity;
}
static inline void set_disk_ro(struct gendisk *disk, bool ro)
{
	disk->read_only = ro;
}

/*
 * Lookup of added disks: by device number (the whole-disk minor; other
 * minors are partitions, not supported yet), or by name ("ubda" or
 * "/dev/ubda"). ERR_PTR(-ENXIO) if there is none. Each successful get
 * takes a reference that blkdev_put() drops.
 */
struct block_device *blkdev_get_by_dev(u32 dev);
struct block_device *blkdev_get_by_name(const char *name);
void blkdev_put(struct block_device *bdev);
/* Calls fn for each added disk, in order of addition, until it returns
 * non-zero (returned); fn may sleep. */
int blkdev_for_each(int (*fn)(struct block_device *bdev, void *arg),
		    void *arg);

static inline u64 bdev_nr_sectors(const struct block_device *bdev)
{
	return bdev->bd_disk->capacity;
}
static inline u64 bdev_size_bytes(const struct block_device *bdev)
{
	return bdev->bd_disk->capacity << SECTOR_SHIFT;
}
static inline bool bdev_read_only(const struct block_device *bdev)
{
	return bdev->bd_read_only || bdev->bd_disk->read_only;
}
static inline unsigned int bdev_logical_block_size(
	const struct block_device *bdev)
{
	return SECTOR_SIZE;
}

/*
 * BLKGETSIZE64, BLKGETSIZE, BLKSSZGET, BLKPBSZGET, BLKBSZGET, BLKIOMIN,
 * BLKIOOPT, BLKROGET, BLKROSET and BLKFLSBUF (the last two need
 * CAP_SYS_ADMIN); arg is a guest pointer. -ENOTTY for anything else.
 */
int blkdev_ioctl(struct block_device *bdev, unsigned int cmd,
		 unsigned long arg);

/*
 * Writes every dirty buffer of every disk and flushes each disk (the
 * shutdown hook and sync(2)); returns the first error.
 */
int sync_all_blockdevs(void);

#endif
