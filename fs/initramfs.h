/*
 * initramfs.h - unpacking a cpio archive into the current root, in
 * pieces (fs/initramfs.c); the KUnit tests feed it archives from memory.
 */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include <umk/fs.h>
#include "cpio.h"

struct unpack_ctx {
	struct cpio_parser parser;
	struct file *file;		/* regular file being written */
	loff_t pos;
	char *link;			/* symlink target being collected */
	size_t link_len;
	struct list_head links;		/* names of multiply-linked inodes */
	struct list_head dirs;		/* directory mtimes, set at the end */
	int saved_umask;
	char path[PATH_MAX + 1];	/* the current entry, "/"-rooted */
	char why[PATH_MAX + 128];	/* the error of a failed entry */
};

void unpack_init(struct unpack_ctx *u);
int unpack_feed(struct unpack_ctx *u, const void *buf, size_t len);
/* err: the last feed's; returns the first error of the whole unpack. */
int unpack_finish(struct unpack_ctx *u, int err);

#endif
