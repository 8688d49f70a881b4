/*
 * fdt_load.c - decides whether a blob from dtb=FILE can describe this
 * machine: a sound header whose sizes fit the file, a structure block
 * libfdt can walk end to end, and a /memory node with a usable reg.
 * Every rejection comes with a short reason for the boot error line.
 */
#include <libfdt.h>
#include <umk/errno.h>
#include <umk/of.h>
#include "of_private.h"

static const char *header_reason(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_BADMAGIC:
		return "bad magic number (not a device tree blob)";
	case -FDT_ERR_BADVERSION:
		return "unsupported device tree version";
	case -FDT_ERR_BADSTATE:
		return "device tree is unfinished (sequential-write state)";
	case -FDT_ERR_TRUNCATED:
		return "header offsets point outside the blob";
	default:
		return "corrupt header";
	}
}

/* /memory must exist and give guest RAM a size. */
static const char *memory_reason(const void *blob)
{
	u64 size;
	int err;

	err = of_fdt_memory_size(blob, &size);
	if (err == -ENOENT)
		return "no /memory node";
	if (err == -EOVERFLOW)
		return "/memory sizes overflow 64 bits";
	if (err)
		return "/memory has no valid reg property";
	if (!size)
		return "/memory size is zero";
	return NULL;
}

int of_check_blob(const void *blob, size_t size, const char **why)
{
	const char *reason;
	int err;

	*why = NULL;
	if (size < sizeof(struct fdt_header)) {
		*why = "file is too small to hold a device tree header";
		return -EINVAL;
	}
	err = fdt_check_header(blob);
	if (err) {
		*why = header_reason(err);
		return -EINVAL;
	}
	if (fdt_totalsize(blob) > size) {
		*why = "header totalsize is larger than the file";
		return -EINVAL;
	}
	err = fdt_check_full(blob, size);
	if (err) {
		*why = "corrupt structure block";
		return -EINVAL;
	}
	reason = memory_reason(blob);
	if (reason) {
		*why = reason;
		return -EINVAL;
	}
	return 0;
}
