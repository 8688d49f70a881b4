/*
 * ubd.h - User-Mode Linux's block device parameters, shared by the
 * device-tree builder (which turns them into /disks/ubd@N nodes) and the
 * ubd driver (drivers/block/). Documentation/block.md.
 *
 *   ubd<N><flags>=<file>[,<backing file>]
 *
 * N is 0..15 or a..p. Flags, in any order: r (read-only), s (O_SYNC
 * writes), d (the file is plain data even if it looks like a COW
 * overlay), c (shared: no lock), t (no discard; accepted, nothing to
 * turn off). With a backing file, file is a COW overlay of it.
 */
#ifndef UMK_UBD_H
#define UMK_UBD_H

#include <umk/types.h>

#define UBD_MAJOR	98
#define UBD_SHIFT	4		/* 16 minors per disk */
#define UBD_MAX_DEVS	16

struct ubd_spec {
	unsigned int unit;
	const char *file;		/* not NUL-terminated: file_len */
	size_t file_len;
	const char *backing;		/* NULL, or backing_len bytes */
	size_t backing_len;
	bool read_only, sync, no_cow, shared;
};

/*
 * Parses one command-line word split at its '=' (param "ubd1r", val
 * "disk.cow,base.img"). 0, or -EINVAL with a reason in *why. The spec
 * points into val.
 */
int ubd_parse(const char *param, const char *val, struct ubd_spec *spec,
	      const char **why);

#endif
