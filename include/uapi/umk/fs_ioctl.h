/*
 * uapi/umk/fs_ioctl.h - block device ioctls, numbered as Linux's
 * <linux/fs.h> on x86_64 (_IO(0x12, n); the _IOR/_IOW ones carry the
 * size of a size_t).
 */
#ifndef UAPI_UMK_FS_IOCTL_H
#define UAPI_UMK_FS_IOCTL_H

#define BLKROSET	0x125d		/* int: make read-only (1) or not */
#define BLKROGET	0x125e		/* int: read-only? */
#define BLKGETSIZE	0x1260		/* unsigned long: size in sectors */
#define BLKFLSBUF	0x1261		/* write back and drop the cache */
#define BLKSSZGET	0x1268		/* int: logical sector size */
#define BLKBSZGET	0x80081270	/* int: the cache's block size */
#define BLKBSZSET	0x40081271	/* int: set it */
#define BLKGETSIZE64	0x80081272	/* u64: size in bytes */
#define BLKIOMIN	0x1278		/* unsigned int: minimum I/O size */
#define BLKIOOPT	0x1279		/* unsigned int: optimal I/O size */
#define BLKPBSZGET	0x127b		/* unsigned int: physical sector size */

#endif
