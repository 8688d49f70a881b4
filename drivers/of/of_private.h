/*
 * of_private.h - device-tree helpers that take an explicit blob. The
 * public lookups of <umk/of.h> are these applied to of_blob; the blob
 * checker and the tests use them on blobs that are not (yet) live.
 */
#ifndef DRIVERS_OF_PRIVATE_H
#define DRIVERS_OF_PRIVATE_H

#include <umk/types.h>

/* The static buffer of_setup() builds or loads the live blob into. */
#define OF_BLOB_MAX	(64 * 1024)

/* A libfdt error (-FDT_ERR_*) as a kernel errno. */
int of_fdt_errno(int fdt_err);

/*
 * Entry index of node's reg, decoded with the #address-cells and
 * #size-cells of its parent (1 or 2 cells each). 0, -ENOENT when there
 * is no such entry, -EINVAL when reg or the cell counts are malformed.
 */
int of_fdt_get_reg(const void *blob, int node, int index, u64 *addr,
		   u64 *size);

/* Offset of the first /memory or /memory@ADDR node, or -ENOENT. */
int of_fdt_memory_node(const void *blob);

/* Sum of the sizes in /memory's reg: 0, -ENOENT, -EINVAL, -EOVERFLOW. */
int of_fdt_memory_size(const void *blob, u64 *size);

#endif
