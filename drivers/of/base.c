/*
 * base.c - reading the device tree: the lookups of <umk/of.h> on the live
 * blob, and the explicit-blob helpers (of_private.h) they are built on.
 * All values in a blob are big-endian and possibly unaligned, so they are
 * read with libfdt's fdt32_ld()/fdt64_ld().
 */
#include <string.h>
#include <libfdt.h>
#include <umk/errno.h>
#include <umk/of.h>
#include "of_private.h"

int of_fdt_errno(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_NOTFOUND:
		return -ENOENT;
	case -FDT_ERR_EXISTS:
		return -EEXIST;
	case -FDT_ERR_NOSPACE:
		return -ENOSPC;
	default:
		return fdt_err < 0 ? -EINVAL : fdt_err;
	}
}

static u64 read_cells(const fdt32_t *cells, int n)
{
	u64 val = 0;

	while (n--)
		val = (val << 32) | fdt32_ld(cells++);
	return val;
}

int of_fdt_get_reg(const void *blob, int node, int index, u64 *addr,
		   u64 *size)
{
	const fdt32_t *reg;
	int parent, ac, sc, len, entry;

	parent = fdt_parent_offset(blob, node);
	if (parent < 0)
		return of_fdt_errno(parent);
	ac = fdt_address_cells(blob, parent);
	sc = fdt_size_cells(blob, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -EINVAL;

	reg = fdt_getprop(blob, node, "reg", &len);
	if (!reg)
		return of_fdt_errno(len);
	entry = (ac + sc) * (int)sizeof(fdt32_t);
	if (len <= 0 || len % entry)
		return -EINVAL;
	if (index < 0 || index >= len / entry)
		return -ENOENT;

	reg += index * (ac + sc);
	*addr = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

int of_fdt_memory_node(const void *blob)
{
	/* libfdt matches "memory" against "memory@ADDR" too. */
	return of_fdt_errno(fdt_subnode_offset(blob, 0, "memory"));
}

int of_fdt_memory_size(const void *blob, u64 *size)
{
	u64 addr, len, total = 0;
	int node, i, err;

	node = of_fdt_memory_node(blob);
	if (node < 0)
		return node;
	for (i = 0; ; i++) {
		err = of_fdt_get_reg(blob, node, i, &addr, &len);
		if (err == -ENOENT && i > 0)
			break;
		if (err)
			return -EINVAL;	/* no reg at all, or malformed */
		if (total + len < total)
			return -EOVERFLOW;
		total += len;
	}
	*size = total;
	return 0;
}

int of_path_offset(const char *path)
{
	if (!of_blob)
		return -ENOENT;
	return of_fdt_errno(fdt_path_offset(of_blob, path));
}

const char *of_get_string(int node, const char *prop)
{
	const char *s;
	int len;

	if (!of_blob)
		return NULL;
	s = fdt_getprop(of_blob, node, prop, &len);
	/* The first string of a string list must end inside the property. */
	if (!s || len <= 0 || !memchr(s, '\0', len))
		return NULL;
	return s;
}

/* The value of prop if it is exactly len bytes long. */
static const void *get_sized(int node, const char *prop, int len, int *err)
{
	const void *p;
	int plen;

	if (!of_blob) {
		*err = -ENOENT;
		return NULL;
	}
	p = fdt_getprop(of_blob, node, prop, &plen);
	if (!p)
		*err = of_fdt_errno(plen);
	else if (plen != len)
		*err = -EINVAL;
	else
		return p;
	return NULL;
}

int of_get_u32(int node, const char *prop, u32 *val)
{
	const fdt32_t *p;
	int err;

	p = get_sized(node, prop, sizeof(*p), &err);
	if (!p)
		return err;
	*val = fdt32_ld(p);
	return 0;
}

int of_get_u64(int node, const char *prop, u64 *val)
{
	const fdt64_t *p;
	int err;

	p = get_sized(node, prop, sizeof(*p), &err);
	if (!p)
		return err;
	*val = fdt64_ld(p);
	return 0;
}

int of_get_reg(int node, u64 *addr, u64 *size)
{
	if (!of_blob)
		return -ENOENT;
	return of_fdt_get_reg(of_blob, node, 0, addr, size);
}

bool of_device_is_compatible(int node, const char *compat)
{
	return of_blob && fdt_node_check_compatible(of_blob, node, compat) == 0;
}

const char *of_node_name(int node)
{
	return of_blob ? fdt_get_name(of_blob, node, NULL) : NULL;
}

u64 of_memory_size(void)
{
	u64 size;

	if (!of_blob || of_fdt_memory_size(of_blob, &size))
		return 0;
	return size;
}
