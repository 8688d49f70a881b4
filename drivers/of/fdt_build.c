/*
 * fdt_build.c - builds the blob that describes this machine (RAM, vCPUs,
 * console, timer, command line) with libfdt's sequential-write API. The
 * nodes are listed in Documentation/devicetree.md; keep the two in step.
 */
#include <limits.h>
#include <libfdt.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/of.h>
#include <umk/timer.h>
#include <umk/cmdline.h>
#include <umk/ubd.h>
#include "of_private.h"

/*
 * Sequential writes with a sticky error: after the first failure every
 * call is a no-op, so the node layout below reads top to bottom and the
 * error is checked once at the end.
 */
struct fdt_writer {
	void *fdt;
	int err;
};

static void w_begin(struct fdt_writer *w, const char *name)
{
	if (!w->err)
		w->err = fdt_begin_node(w->fdt, name);
}

static void w_end(struct fdt_writer *w)
{
	if (!w->err)
		w->err = fdt_end_node(w->fdt);
}

static void w_prop(struct fdt_writer *w, const char *name, const void *val,
		   int len)
{
	if (!w->err)
		w->err = fdt_property(w->fdt, name, val, len);
}

static void w_str(struct fdt_writer *w, const char *name, const char *s)
{
	w_prop(w, name, s, strlen(s) + 1);
}

/* A string property from len bytes that are not NUL-terminated. */
static void w_strn(struct fdt_writer *w, const char *name, const char *s,
		   size_t len)
{
	void *val;

	if (!w->err && len >= INT_MAX)
		w->err = -FDT_ERR_NOSPACE;
	if (!w->err)
		w->err = fdt_property_placeholder(w->fdt, name, len + 1, &val);
	if (!w->err) {
		memcpy(val, s, len);
		((char *)val)[len] = '\0';
	}
}

static void w_flag(struct fdt_writer *w, const char *name, bool set)
{
	if (set)
		w_prop(w, name, NULL, 0);
}

static void w_u32(struct fdt_writer *w, const char *name, u32 val)
{
	fdt32_t be = cpu_to_fdt32(val);

	w_prop(w, name, &be, sizeof(be));
}

static void build_cpus(struct fdt_writer *w, int nr_cpus)
{
	char name[16];
	int i;

	w_begin(w, "cpus");
	w_u32(w, "#address-cells", 1);
	w_u32(w, "#size-cells", 0);
	for (i = 0; i < nr_cpus; i++) {
		snprintf(name, sizeof(name), "cpu@%d", i);
		w_begin(w, name);
		w_str(w, "device_type", "cpu");
		w_str(w, "compatible", "umk,vcpu");
		w_u32(w, "reg", i);
		w_end(w);
	}
	w_end(w);
}

/* Guest RAM is one region at offset 0 (#address-cells = #size-cells = 2). */
static void build_memory(struct fdt_writer *w, u64 size)
{
	fdt64_t reg[2] = { cpu_to_fdt64(0), cpu_to_fdt64(size) };

	w_begin(w, "memory@0");
	w_str(w, "device_type", "memory");
	w_prop(w, "reg", reg, sizeof(reg));
	w_end(w);
}

static void build_ubd(struct fdt_writer *w, const struct ubd_spec *d)
{
	char name[16];

	snprintf(name, sizeof(name), "ubd@%u", d->unit);
	w_begin(w, name);
	w_str(w, "compatible", "umk,ubd");
	w_u32(w, "reg", d->unit);
	w_strn(w, "file", d->file, d->file_len);
	if (d->backing)
		w_strn(w, "backing-file", d->backing, d->backing_len);
	w_flag(w, "read-only", d->read_only);
	w_flag(w, "sync", d->sync);
	w_flag(w, "no-cow", d->no_cow);
	w_flag(w, "shared", d->shared);
	w_end(w);
}

/*
 * A node under /disks for each good ubdN= word before any "--" (the
 * first of a unit wins; kernel parameter checking reports bad words).
 */
static void build_disks(struct fdt_writer *w, const char *bootargs)
{
	static char args[4096];
	static struct ubd_spec disks[UBD_MAX_DEVS];
	unsigned int i, found = 0;
	char *rest = args, *param, *val;
	const char *why;
	struct ubd_spec d;

	if (!bootargs || strscpy(args, bootargs, sizeof(args)) < 0)
		return;
	while ((rest = next_arg(rest, &param, &val))) {
		if (!strcmp(param, "--") && !val)
			break;
		if (strncmp(param, "ubd", 3) || ubd_parse(param, val, &d, &why))
			continue;
		if (!(found & (1U << d.unit)))
			disks[d.unit] = d;
		found |= 1U << d.unit;
	}
	if (!found)
		return;
	w_begin(w, "disks");
	w_u32(w, "#address-cells", 1);
	w_u32(w, "#size-cells", 0);
	for (i = 0; i < UBD_MAX_DEVS; i++)
		if (found & (1U << i))
			build_ubd(w, &disks[i]);
	w_end(w);
}

static void build_tree(struct fdt_writer *w, const struct of_machine *m)
{
	w_begin(w, "");
	w_str(w, "compatible", "umk,umk");
	w_str(w, "model", "umk user-mode machine");
	w_u32(w, "#address-cells", 2);
	w_u32(w, "#size-cells", 2);

	w_begin(w, "chosen");
	w_str(w, "bootargs", m->bootargs ? m->bootargs : "");
	w_str(w, "stdout-path", "/console");
	w_end(w);

	build_cpus(w, m->nr_cpus);
	build_memory(w, m->mem_size);

	w_begin(w, "console");
	w_str(w, "compatible", "umk,host-console");
	w_end(w);

	w_begin(w, "timer");
	w_str(w, "compatible", "umk,host-timer");
	w_u32(w, "clock-frequency", HZ);
	w_end(w);

	build_disks(w, m->bootargs);

	w_end(w);
}

int of_build(void *buf, size_t bufsize, const struct of_machine *m)
{
	struct fdt_writer w = { .fdt = buf };

	if (!m->mem_size || m->nr_cpus < 1)
		return -EINVAL;
	w.err = fdt_create(buf, (int)min(bufsize, (size_t)INT_MAX));
	if (!w.err)
		w.err = fdt_finish_reservemap(buf);
	build_tree(&w, m);
	if (!w.err)
		w.err = fdt_finish(buf);
	return of_fdt_errno(w.err);
}
