/*
 * devtree.c - /proc/device-tree: the live flattened device tree as
 * files, as Linux shows it. A node is a directory (pi->idx is its offset
 * in the blob), a property a file holding its raw value; entries are
 * ordered by their offsets, which never change while umk runs.
 */
#include <string.h>
#include <libfdt.h>
#include <umk/kernel.h>
#include <umk/string.h>
#include <umk/errno.h>
#include <umk/of.h>
#include <uapi/umk/dirent.h>
#include "internal.h"

static int prop_show(struct pbuf *m, struct proc_inode *pi)
{
	const void *val;
	int len;

	val = fdt_getprop_by_offset(of_blob, pi->idx, NULL, &len);
	if (!val)
		return -ENOENT;
	pbuf_write(m, val, len);
	return 0;
}

static const struct proc_entry prop_entry = {
	.mode = S_IFREG | 0444, .show = prop_show,
};

static const struct proc_entry node_entry = {
	.mode = S_IFDIR | 0555, .dops = &proc_devtree_dops,
};

/*
 * The first child of node at an offset >= min: a property (its name
 * into *name) or a subnode. Returns its offset, or -1.
 */
static int child_from(int node, long min, const char **name, bool *is_dir)
{
	int off;

	fdt_for_each_property_offset(off, of_blob, node) {
		if (off < min)
			continue;
		if (!fdt_getprop_by_offset(of_blob, off, name, NULL))
			return -1;
		*is_dir = false;
		return off;
	}
	fdt_for_each_subnode(off, of_blob, node) {
		if (off < min)
			continue;
		*name = fdt_get_name(of_blob, off, NULL);
		*is_dir = true;
		return *name ? off : -1;
	}
	return -1;
}

static const struct proc_entry *dt_lookup(struct proc_inode *dir,
					  const char *name,
					  struct proc_inode *child)
{
	const char *cname;
	bool is_dir;
	int off = 0;

	if (!of_blob)
		return NULL;
	while ((off = child_from(dir->idx, off, &cname, &is_dir)) >= 0) {
		if (!strcmp(cname, name)) {
			child->idx = off;
			return is_dir ? &node_entry : &prop_entry;
		}
		off++;
	}
	return NULL;
}

static bool dt_next(struct proc_inode *dir, long *idx, char *name,
		    size_t size, unsigned int *type)
{
	const char *cname;
	bool is_dir;
	int off;

	if (!of_blob)
		return false;
	off = child_from(dir->idx, *idx, &cname, &is_dir);
	if (off < 0)
		return false;
	*idx = off;
	strscpy(name, cname, size);
	*type = is_dir ? DT_DIR : DT_REG;
	return true;
}

const struct proc_dir_ops proc_devtree_dops = {
	.lookup = dt_lookup,
	.next = dt_next,
};
