/*
 * of.h - the machine's flattened device tree. umk builds it from its
 * command line (or loads dtb=FILE) at boot; drivers read it through these
 * helpers, which wrap libfdt.
 */
#ifndef UMK_OF_H
#define UMK_OF_H

#include <umk/types.h>

/* The live blob (in kernel memory), or NULL before of_setup(). */
extern void *of_blob;

/*
 * drivers/of/setup.c: make the live blob at boot, before mem_init().
 * Without dtb_path it is built from mem_size and bootargs; with it the
 * file is loaded and checked, mem= (mem_given) overrides its /memory and
 * /chosen/bootargs is set to bootargs. On error returns -errno with a
 * short reason in *why, for "umk: dtb=FILE: <why>". Afterwards
 * of_memory_size() is the size of guest RAM.
 */
int of_setup(const char *dtb_path, u64 mem_size, bool mem_given,
	     const char *bootargs, const char **why);

/*
 * drivers/of/fdt_build.c: build a blob describing this machine.
 * bootargs is the kernel command line. Returns a blob in buf.
 */
struct of_machine {
	u64 mem_size;
	int nr_cpus;
	const char *bootargs;
};
int of_build(void *buf, size_t bufsize, const struct of_machine *m);

/* drivers/of/fdt_load.c: check a blob read from a file; 0 or -EINVAL with
 * a reason in *why. */
int of_check_blob(const void *blob, size_t size, const char **why);

/* Lookups. Offsets are libfdt node offsets; negative means not found. */
int of_path_offset(const char *path);
const char *of_get_string(int node, const char *prop);
int of_get_u32(int node, const char *prop, u32 *val);
int of_get_u64(int node, const char *prop, u64 *val);
/* First entry of reg, decoded with the parent's #address-cells and
 * #size-cells (1 or 2 each; the nodes umk builds use 2 and 2). */
int of_get_reg(int node, u64 *addr, u64 *size);
bool of_device_is_compatible(int node, const char *compat);
const char *of_node_name(int node);
/* Memory size from /memory (sum of reg sizes); 0 if none. */
u64 of_memory_size(void);

#endif
