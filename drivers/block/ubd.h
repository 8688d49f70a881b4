/*
 * ubd.h - the ubd driver's private interfaces, shared by ubd.c (binding
 * and set-up), ubd_open.c (image files), ubd_io.c (requests) and
 * ubd_cow.c (the COW overlay format and its bitmap).
 */
#ifndef DRIVERS_BLOCK_UBD_H
#define DRIVERS_BLOCK_UBD_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/blkdev.h>
#include <umk/ubd.h>

struct os_blk_thread;

/* ---- the COW file format (UML's version 3), ubd_cow.c ---- */

#define COW_MAGIC	0x4f4f4f4dU	/* "OOOM" in the file */
#define COW_VERSION	3
#define COW_PATH_LEN	4096		/* backing file name field */
#define COW_HEADER_SIZE	(32 + COW_PATH_LEN)
#define COW_SECTOR_SIZE	512
#define COW_ALIGN	4096		/* what UML and uml_mkcow write */

/*
 * The header, decoded. In the file every number is big-endian, packed:
 * magic u32, version u32, mtime u32, size u64, sectorsize u32,
 * alignment u32, cow_format u32, then the backing file's path.
 */
struct cow_header {
	u32 mtime;		/* of the backing file, seconds */
	u64 size;		/* of the backing file, bytes */
	u32 sectorsize;
	u32 alignment;		/* of the bitmap and the data */
	u32 cow_format;		/* 0: a bitmap */
	char backing_file[COW_PATH_LEN];
};

/* 0, or -EINVAL with a reason in *why ("bad magic" ...). */
int cow_header_decode(const void *buf, size_t len, struct cow_header *h,
		      const char **why);
void cow_header_encode(const struct cow_header *h, void *buf);

/* Where the bitmap (1 bit per sector) and the data lie in the file. */
struct cow_layout {
	u64 bitmap_off;
	u64 bitmap_len;
	u64 data_off;		/* sector s is at data_off + s * 512 */
};
void cow_layout(const struct cow_header *h, struct cow_layout *l);

/*
 * The bitmap in memory, in chunks of a page (32768 sectors each): bit s
 * is bit s % 8 of byte s / 8, as in the file. A chunk whose bits were
 * set since it was last written to the file is dirty.
 */
#define COW_CHUNK	PAGE_SIZE
struct cow_bitmap {
	u64 nbits;
	unsigned long nr_chunks;
	u8 **chunk;
	bool *dirty;
};
int cow_bitmap_alloc(struct cow_bitmap *bm, u64 nbits);
void cow_bitmap_free(struct cow_bitmap *bm);
/* Bytes of chunk i that hold bits (the last chunk may be short). */
size_t cow_chunk_bytes(const struct cow_bitmap *bm, unsigned long i);
bool cow_test(const struct cow_bitmap *bm, u64 bit);
/* Sets bits [first, first + n); true if any was clear (chunks dirty). */
bool cow_set_range(struct cow_bitmap *bm, u64 first, u64 n);
/* How many bits from first (at most n) equal the first one, in *bit. */
u64 cow_run(const struct cow_bitmap *bm, u64 first, u64 n, bool *bit);

/* ---- a ubd device ---- */

struct ubd_config {
	unsigned int unit;
	const char *file;
	const char *backing;	/* a COW overlay's backing file, or NULL */
	bool read_only, sync, no_cow, shared;
};

struct ubd_cow {
	struct cow_header hdr;
	struct cow_layout layout;
	struct cow_bitmap bm;
	const char *base_path;	/* the one opened */
};

struct ubd {
	struct ubd_config cfg;
	int fd;			/* the image, or the COW overlay */
	int base_fd;		/* the COW backing file, or -1 */
	u64 size;		/* of the device, bytes */
	struct ubd_cow *cow;	/* NULL for a plain image */
	struct os_blk_thread *io;
	struct gendisk *disk;
	struct list_head list;	/* on ubd_devices (ubd_io.c) */
	char name[8];		/* "ubda" */
};

/*
 * ubd.c: makes ubd devices from a config (the driver's probe, and the
 * tests on temporary files): opens the files, starts the I/O thread and
 * adds the disk. On failure -errno, and a message for the user in why
 * ("ubd0=x.img: cannot open x.img: no such file").
 */
struct ubd *ubd_create(const struct ubd_config *cfg, char *why, size_t len);
/* Flushes, removes the disk, stops the thread, closes the files. */
void ubd_destroy(struct ubd *ubd);
/* "ubd0r=disk.img,base.img" as the user would have written it. */
void ubd_param_name(const struct ubd_config *cfg, char *buf, size_t len);

/* ubd_open.c: open (or create) the image files of ubd; 0 or -errno. */
int ubd_open_images(struct ubd *ubd, char *why, size_t len);
void ubd_close_images(struct ubd *ubd);

/* ubd_io.c */
extern const struct block_device_operations ubd_fops;
/* I/O on the host through the thread, sleeping until done (set-up). */
int ubd_host_io(struct ubd *ubd, int type, int fd, u64 off, void *buf,
		size_t len);
/* The thread's completions, from the IRQ_WAKE handler (or teardown). */
void ubd_reap(struct ubd *ubd);
/* False when IRQ_WAKE could not be had: no completions would come. */
bool ubd_irq_ready(void);
void ubd_add_device(struct ubd *ubd);
void ubd_remove_device(struct ubd *ubd);

#endif
