/*
 * setup.c - makes the live device tree at boot: either built from the
 * command line or loaded from dtb=FILE, in a fixed static buffer (the
 * blob is boot-time kernel data of bounded size, not something a guest
 * can grow, and it exists before the page allocator does).
 */
#include <limits.h>
#include <libfdt.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/of.h>
#include <os.h>
#include "of_private.h"

void *of_blob;
/* u64 elements: libfdt wants the blob 8-byte aligned. */
static u64 blob_buf[OF_BLOB_MAX / sizeof(u64)];
static char reason_buf[96];

static const char *io_reason(int err)
{
	const char *name;

	switch (err) {
	case -ENOENT:
		return "no such file";
	case -EACCES:
		return "permission denied";
	case -EISDIR:
		return "is a directory";
	}
	name = errname(err);
	snprintf(reason_buf, sizeof(reason_buf), "cannot read it (%s)",
		 name ? name : "unknown error");
	return reason_buf;
}

/* Reads all of path into blob_buf; *len is the number of bytes read. */
static int read_blob(const char *path, size_t *len, const char **why)
{
	u64 fsize;
	ssize_t n;
	size_t done = 0;
	int fd, err;

	fd = os_open(path, OS_O_RDONLY, 0);
	if (fd < 0) {
		*why = io_reason(fd);
		return fd;
	}
	err = os_file_size(fd, &fsize);
	if (!err && fsize > sizeof(blob_buf)) {
		snprintf(reason_buf, sizeof(reason_buf),
			 "file is larger than %zu KiB",
			 sizeof(blob_buf) / 1024);
		*why = reason_buf;
		err = -EFBIG;
	}
	while (!err && done < fsize) {
		n = os_read(fd, (char *)blob_buf + done, fsize - done);
		if (n < 0)
			err = (int)n;
		else if (n == 0)
			break;	/* file shrank: check what we got */
		else
			done += n;
	}
	if (err && !*why)
		*why = io_reason(err);
	os_close(fd);
	*len = done;
	return err;
}

/* mem= wins over the dtb: rewrite the first reg entry of /memory. */
static int override_memory(void *blob, u64 mem_size, const char **why)
{
	fdt32_t cells[4];
	u64 addr, size;
	int node, ac, sc, i, err;

	node = of_fdt_memory_node(blob);
	ac = fdt_address_cells(blob, 0);
	sc = fdt_size_cells(blob, 0);
	/* of_check_blob() vouched for the node and the cell counts. */
	err = of_fdt_get_reg(blob, node, 0, &addr, &size);
	if (err) {
		*why = "/memory has no valid reg property";
		return err;
	}
	if (sc == 1 && mem_size > UINT32_MAX) {
		*why = "mem= does not fit the dtb's #size-cells = <1>";
		return -EINVAL;
	}
	for (i = 0; i < ac; i++)
		cells[i] = cpu_to_fdt32(addr >> (32 * (ac - 1 - i)));
	for (i = 0; i < sc; i++)
		cells[ac + i] = cpu_to_fdt32(mem_size >> (32 * (sc - 1 - i)));
	err = fdt_setprop(blob, node, "reg", cells, (ac + sc) * sizeof(*cells));
	if (err)
		*why = "no room left to set /memory's reg";
	return of_fdt_errno(err);
}

/* umk's own command line is the one that counts: record it in /chosen. */
static int set_bootargs(void *blob, const char *path, const char *bootargs,
			const char **why)
{
	const char *old;
	int node, len, err;

	node = fdt_subnode_offset(blob, 0, "chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(blob, 0, "chosen");
	if (node < 0) {
		*why = "cannot add /chosen";
		return of_fdt_errno(node);
	}
	old = fdt_getprop(blob, node, "bootargs", &len);
	if (old && len > 0)
		pr_info("Device tree: bootargs \"%.*s\" of %s ignored\n",
			(int)strnlen(old, len), old, path);
	err = fdt_setprop_string(blob, node, "bootargs",
				 bootargs ? bootargs : "");
	if (err)
		*why = "no room left to set /chosen/bootargs";
	return of_fdt_errno(err);
}

static int load(const char *path, u64 mem_size, bool mem_given,
		const char *bootargs, const char **why)
{
	void *blob = blob_buf;
	size_t len;
	int err;

	err = read_blob(path, &len, why);
	if (err)
		return err;
	err = of_check_blob(blob, len, why);
	if (err)
		return err;
	/* Spread the blob over the whole buffer to make room for edits. */
	err = fdt_open_into(blob, blob, sizeof(blob_buf));
	if (err) {
		*why = "cannot open the device tree for editing";
		return of_fdt_errno(err);
	}
	if (mem_given) {
		err = override_memory(blob, mem_size, why);
		if (err)
			return err;
	}
	err = set_bootargs(blob, path, bootargs, why);
	if (err)
		return err;
	fdt_pack(blob);
	pr_info("Device tree: loaded from %s (%u bytes)\n", path,
		fdt_totalsize(blob));
	return 0;
}

static int build(u64 mem_size, const char *bootargs, const char **why)
{
	struct of_machine m = {
		.mem_size = mem_size,
		.nr_cpus = 1,
		.bootargs = bootargs,
	};
	int err;

	err = of_build(blob_buf, sizeof(blob_buf), &m);
	if (err) {
		*why = err == -ENOSPC ? "command line too long for the blob" :
					"cannot build the device tree";
		return err;
	}
	pr_info("Device tree: built (%u bytes)\n", fdt_totalsize(blob_buf));
	return 0;
}

int of_setup(const char *dtb_path, u64 mem_size, bool mem_given,
	     const char *bootargs, const char **why)
{
	int err;

	*why = NULL;
	if (dtb_path)
		err = load(dtb_path, mem_size, mem_given, bootargs, why);
	else
		err = build(mem_size, bootargs, why);
	if (!err)
		of_blob = blob_buf;
	return err;
}
