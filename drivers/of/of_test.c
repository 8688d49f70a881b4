/*
 * of_test.c - KUnit tests of the device tree: the blob of_build() makes,
 * of_check_blob() on good and corrupt blobs, and the of.h lookups.
 */
#include <kunit/test.h>
#include <libfdt.h>
#include <umk/of.h>
#include <umk/timer.h>
#include "of_private.h"

#define TEST_BUF	4096
#define MiB		(1024ULL * 1024)

static void *build_blob(struct kunit *test, const struct of_machine *m)
{
	void *buf = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, of_build(buf, TEST_BUF, m), 0);
	KUNIT_ASSERT_EQ(test, fdt_check_full(buf, fdt_totalsize(buf)), 0);
	return buf;
}

static int node_at(struct kunit *test, const void *blob, const char *path)
{
	int node = fdt_path_offset(blob, path);

	KUNIT_ASSERT_TRUE_MSG(test, node >= 0, "no node %s", path);
	return node;
}

/* prop of path as a string; fails the case unless it is one. */
static const char *str_at(struct kunit *test, const void *blob,
			  const char *path, const char *prop)
{
	const char *s;
	int len;

	s = fdt_getprop(blob, node_at(test, blob, path), prop, &len);
	KUNIT_ASSERT_NOT_NULL_MSG(test, s, "no %s in %s", prop, path);
	KUNIT_ASSERT_EQ(test, (size_t)len, strlen(s) + 1);
	return s;
}

static u32 u32_at(struct kunit *test, const void *blob, const char *path,
		  const char *prop)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(blob, node_at(test, blob, path), prop, &len);
	KUNIT_ASSERT_NOT_NULL_MSG(test, p, "no %s in %s", prop, path);
	KUNIT_ASSERT_EQ(test, len, 4);
	return fdt32_ld(p);
}

static const struct of_machine test_machine = {
	.mem_size = 64 * MiB,
	.nr_cpus = 1,
	.bootargs = "mem=64M quiet",
};

static void of_build_nodes(struct kunit *test)
{
	void *blob = build_blob(test, &test_machine);
	int node, depth = 0, count = 0;
	u64 addr, size;

	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/", "compatible"),
			   "umk,umk");
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/", "model"),
			   "umk user-mode machine");
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/", "#address-cells"), 2);
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/", "#size-cells"), 2);

	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/chosen", "bootargs"),
			   "mem=64M quiet");
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/chosen", "stdout-path"),
			   "/console");

	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/cpus", "#address-cells"), 1);
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/cpus", "#size-cells"), 0);
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/cpus/cpu@0",
					"device_type"), "cpu");
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/cpus/cpu@0",
					"compatible"), "umk,vcpu");
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/cpus/cpu@0", "reg"), 0);

	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/memory@0",
					"device_type"), "memory");
	node = node_at(test, blob, "/memory@0");
	KUNIT_ASSERT_EQ(test, of_fdt_get_reg(blob, node, 0, &addr, &size), 0);
	KUNIT_EXPECT_EQ(test, addr, 0);
	KUNIT_EXPECT_EQ(test, size, 64 * MiB);
	KUNIT_EXPECT_EQ(test, of_fdt_get_reg(blob, node, 1, &addr, &size),
			-ENOENT);

	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/console", "compatible"),
			   "umk,host-console");
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/timer", "compatible"),
			   "umk,host-timer");
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/timer", "clock-frequency"),
			HZ);

	/* Exactly the nodes above: /, chosen, cpus, cpu@0, memory, console,
	 * timer. */
	for (node = 0; node >= 0 && depth >= 0;
	     node = fdt_next_node(blob, node, &depth))
		count++;
	KUNIT_EXPECT_EQ(test, depth, -1);	/* walked off the root's end */
	KUNIT_EXPECT_EQ(test, count, 7);
}

static void of_build_cpus(struct kunit *test)
{
	struct of_machine m = test_machine;
	void *blob;

	m.nr_cpus = 3;
	blob = build_blob(test, &m);
	KUNIT_EXPECT_EQ(test, u32_at(test, blob, "/cpus/cpu@2", "reg"), 2);
	KUNIT_EXPECT_LT(test, fdt_path_offset(blob, "/cpus/cpu@3"), 0);
}

static void of_build_no_bootargs(struct kunit *test)
{
	struct of_machine m = test_machine;
	void *blob;

	m.bootargs = NULL;
	blob = build_blob(test, &m);
	KUNIT_EXPECT_STREQ(test, str_at(test, blob, "/chosen", "bootargs"), "");
}

static void of_build_too_small(struct kunit *test)
{
	void *buf = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);
	size_t need;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, of_build(buf, TEST_BUF, &test_machine), 0);
	need = fdt_totalsize(buf);
	/* Exactly big enough works; one byte less does not. */
	KUNIT_EXPECT_EQ(test, of_build(buf, need, &test_machine), 0);
	KUNIT_EXPECT_EQ(test, of_build(buf, need - 1, &test_machine),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, of_build(buf, 16, &test_machine), -ENOSPC);
}

static void of_build_bad_machine(struct kunit *test)
{
	void *buf = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);
	struct of_machine m = test_machine;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	m.mem_size = 0;
	KUNIT_EXPECT_EQ(test, of_build(buf, TEST_BUF, &m), -EINVAL);
	m = test_machine;
	m.nr_cpus = 0;
	KUNIT_EXPECT_EQ(test, of_build(buf, TEST_BUF, &m), -EINVAL);
}

static struct kunit_case of_build_cases[] = {
	KUNIT_CASE(of_build_nodes),
	KUNIT_CASE(of_build_cpus),
	KUNIT_CASE(of_build_no_bootargs),
	KUNIT_CASE(of_build_too_small),
	KUNIT_CASE(of_build_bad_machine),
	{}
};

static struct kunit_suite of_build_suite = {
	.name = "of_build",
	.test_cases = of_build_cases,
};

/*
 * of_check_blob(): each case starts from a good blob (of_build() into a
 * TEST_BUF buffer, *size = its totalsize) and breaks it one way.
 */
struct corrupt_case {
	const char *name;
	void (*corrupt)(struct kunit *test, void *blob, size_t *size);
	const char *why;	/* NULL: the blob must be accepted */
};

static void set_header(void *blob, size_t field, u32 val)
{
	fdt32_st((char *)blob + field, val);
}

/* Opens blob for editing, runs edit on /memory, packs it again. */
static void edit_memory(struct kunit *test, void *blob, size_t *size,
			int (*edit)(void *blob, int node))
{
	int node;

	KUNIT_ASSERT_EQ(test, fdt_open_into(blob, blob, TEST_BUF), 0);
	node = fdt_path_offset(blob, "/memory");
	KUNIT_ASSERT_GE(test, node, 0);
	KUNIT_ASSERT_EQ(test, edit(blob, node), 0);
	KUNIT_ASSERT_EQ(test, fdt_pack(blob), 0);
	*size = fdt_totalsize(blob);
}

static void keep_good(struct kunit *test, void *blob, size_t *size)
{
}

static void trailing_bytes(struct kunit *test, void *blob, size_t *size)
{
	*size += 100;	/* a file may be longer than its blob */
}

static void bad_magic(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, offsetof(struct fdt_header, magic), 0xfeedface);
}

static void tiny_file(struct kunit *test, void *blob, size_t *size)
{
	*size = 12;
}

static void truncated(struct kunit *test, void *blob, size_t *size)
{
	*size /= 2;
}

static void totalsize_too_big(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, offsetof(struct fdt_header, totalsize), *size + 64);
}

static void strings_outside(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, offsetof(struct fdt_header, off_dt_strings),
		   *size + 8);
}

static void version_too_new(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, offsetof(struct fdt_header, last_comp_version), 99);
}

/* The root node's FDT_BEGIN_NODE tag becomes an unknown tag. */
static void bad_tag(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, fdt_off_dt_struct(blob), 0x7f7f7f7f);
}

/* An FDT_END_NODE with no node open. */
static void unbalanced(struct kunit *test, void *blob, size_t *size)
{
	set_header(blob, fdt_off_dt_struct(blob), FDT_END_NODE);
}

static int del_node(void *blob, int node)
{
	return fdt_del_node(blob, node);
}

static int zero_reg(void *blob, int node)
{
	fdt64_t reg[2] = { 0, 0 };

	return fdt_setprop(blob, node, "reg", reg, sizeof(reg));
}

static int short_reg(void *blob, int node)
{
	fdt32_t reg[3] = { 0, 0, cpu_to_fdt32(4096) };

	return fdt_setprop(blob, node, "reg", reg, sizeof(reg));
}

static int no_reg(void *blob, int node)
{
	return fdt_delprop(blob, node, "reg");
}

static void no_memory(struct kunit *test, void *blob, size_t *size)
{
	edit_memory(test, blob, size, del_node);
}

static void zero_memory(struct kunit *test, void *blob, size_t *size)
{
	edit_memory(test, blob, size, zero_reg);
}

static void short_memory(struct kunit *test, void *blob, size_t *size)
{
	edit_memory(test, blob, size, short_reg);
}

static void reg_missing(struct kunit *test, void *blob, size_t *size)
{
	edit_memory(test, blob, size, no_reg);
}

static const struct corrupt_case corrupt_cases[] = {
	{ "good", keep_good, NULL },
	{ "trailing bytes", trailing_bytes, NULL },
	{ "bad magic", bad_magic,
	  "bad magic number (not a device tree blob)" },
	{ "tiny file", tiny_file,
	  "file is too small to hold a device tree header" },
	{ "truncated", truncated, "header totalsize is larger than the file" },
	{ "totalsize beyond file", totalsize_too_big,
	  "header totalsize is larger than the file" },
	{ "strings block outside", strings_outside,
	  "header offsets point outside the blob" },
	{ "version too new", version_too_new,
	  "unsupported device tree version" },
	{ "unknown tag", bad_tag, "corrupt structure block" },
	{ "unbalanced end node", unbalanced, "corrupt structure block" },
	{ "no memory node", no_memory, "no /memory node" },
	{ "zero memory size", zero_memory, "/memory size is zero" },
	{ "short memory reg", short_memory,
	  "/memory has no valid reg property" },
	{ "memory without reg", reg_missing,
	  "/memory has no valid reg property" },
};

static void corrupt_desc(const struct corrupt_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(corrupt, corrupt_cases, corrupt_desc);

static void of_check_blob_cases(struct kunit *test)
{
	const struct corrupt_case *c = test->param_value;
	void *blob = build_blob(test, &test_machine);
	size_t size = fdt_totalsize(blob);
	const char *why = "unset";
	int err;

	c->corrupt(test, blob, &size);
	err = of_check_blob(blob, size, &why);
	if (!c->why) {
		KUNIT_EXPECT_EQ(test, err, 0);
		KUNIT_EXPECT_NULL(test, why);
		return;
	}
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_STREQ(test, why, c->why);
}

/* Random bytes must be rejected however they begin. */
static void of_check_random(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	const char *why;
	u32 x = 0x2545f491;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 512; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x;
	}
	KUNIT_EXPECT_EQ(test, of_check_blob(buf, 512, &why), -EINVAL);
	/* Random bytes behind a valid magic still fail. */
	fdt32_st(buf, FDT_MAGIC);
	KUNIT_EXPECT_EQ(test, of_check_blob(buf, 512, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
}

static struct kunit_case of_check_cases[] = {
	KUNIT_CASE_PARAM(of_check_blob_cases, corrupt_gen_params),
	KUNIT_CASE(of_check_random),
	{}
};

static struct kunit_suite of_check_suite = {
	.name = "of_check",
	.test_cases = of_check_cases,
};

/*
 * The of.h lookups read of_blob: each case points it at a test blob and
 * the exit hook puts the live one back (the runner is single-threaded and
 * nothing reads the tree from interrupts).
 */
static void *saved_blob;

#define SW(call) KUNIT_ASSERT_EQ(test, (call), 0)

static void *lookup_blob(struct kunit *test)
{
	static const char strlist[] = "a\0bb\0ccc";
	static const char compat[] = "vendor,first\0vendor,second";
	static const u8 odd[3] = { 1, 2, 3 };
	fdt64_t mem[4] = { cpu_to_fdt64(0x1000), cpu_to_fdt64(1ULL << 32),
			   cpu_to_fdt64(1ULL << 33), cpu_to_fdt64(0x2000) };
	fdt32_t dev[2] = { cpu_to_fdt32(0x10), cpu_to_fdt32(0x20) };
	void *b = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	SW(fdt_create(b, TEST_BUF));
	SW(fdt_finish_reservemap(b));
	SW(fdt_begin_node(b, ""));
	SW(fdt_property_u32(b, "#address-cells", 2));
	SW(fdt_property_u32(b, "#size-cells", 2));
	SW(fdt_begin_node(b, "test"));
	SW(fdt_property_string(b, "str", "hello"));
	SW(fdt_property(b, "strlist", strlist, sizeof(strlist)));
	SW(fdt_property(b, "compatible", compat, sizeof(compat)));
	SW(fdt_property(b, "nostr", odd, sizeof(odd)));
	SW(fdt_property_u32(b, "u32", 7));
	SW(fdt_property_u64(b, "u64", 0x100000002ULL));
	SW(fdt_end_node(b));
	SW(fdt_begin_node(b, "memory@1000"));
	SW(fdt_property(b, "reg", mem, sizeof(mem)));
	SW(fdt_end_node(b));
	SW(fdt_begin_node(b, "bus"));
	SW(fdt_property_u32(b, "#address-cells", 1));
	SW(fdt_property_u32(b, "#size-cells", 1));
	SW(fdt_begin_node(b, "dev@10"));
	SW(fdt_property(b, "reg", dev, sizeof(dev)));
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	SW(fdt_finish(b));
	return b;
}

static int of_lookup_init(struct kunit *test)
{
	saved_blob = of_blob;
	of_blob = lookup_blob(test);
	return 0;
}

static void of_lookup_exit(struct kunit *test)
{
	of_blob = saved_blob;
}

static void of_lookup_path(struct kunit *test)
{
	int node = of_path_offset("/test");

	KUNIT_ASSERT_GE(test, node, 0);
	KUNIT_EXPECT_STREQ(test, of_node_name(node), "test");
	KUNIT_EXPECT_STREQ(test, of_node_name(of_path_offset("/bus/dev@10")),
			   "dev@10");
	KUNIT_EXPECT_EQ(test, of_path_offset("/nope"), -ENOENT);
	KUNIT_EXPECT_EQ(test, of_path_offset("/bus/dev@11"), -ENOENT);
	KUNIT_EXPECT_EQ(test, of_path_offset("no-slash"), -EINVAL);
}

static void of_lookup_strings(struct kunit *test)
{
	int node = of_path_offset("/test");

	KUNIT_EXPECT_STREQ(test, of_get_string(node, "str"), "hello");
	KUNIT_EXPECT_STREQ(test, of_get_string(node, "strlist"), "a");
	KUNIT_EXPECT_NULL(test, of_get_string(node, "nostr"));
	KUNIT_EXPECT_NULL(test, of_get_string(node, "absent"));
}

static void of_lookup_ints(struct kunit *test)
{
	int node = of_path_offset("/test");
	u32 v32 = 0;
	u64 v64 = 0;

	KUNIT_EXPECT_EQ(test, of_get_u32(node, "u32", &v32), 0);
	KUNIT_EXPECT_EQ(test, v32, 7);
	KUNIT_EXPECT_EQ(test, of_get_u64(node, "u64", &v64), 0);
	KUNIT_EXPECT_EQ(test, v64, 0x100000002ULL);
	KUNIT_EXPECT_EQ(test, of_get_u32(node, "u64", &v32), -EINVAL);
	KUNIT_EXPECT_EQ(test, of_get_u64(node, "u32", &v64), -EINVAL);
	KUNIT_EXPECT_EQ(test, of_get_u32(node, "nostr", &v32), -EINVAL);
	KUNIT_EXPECT_EQ(test, of_get_u32(node, "absent", &v32), -ENOENT);
	KUNIT_EXPECT_EQ(test, v32, 7);	/* untouched on failure */
}

static void of_lookup_reg(struct kunit *test)
{
	u64 addr = 0, size = 0;

	/* Two cells each under the root ... */
	KUNIT_ASSERT_EQ(test, of_get_reg(of_path_offset("/memory"), &addr,
					 &size), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x1000);
	KUNIT_EXPECT_EQ(test, size, 1ULL << 32);
	/* ... one cell each under /bus. */
	KUNIT_ASSERT_EQ(test, of_get_reg(of_path_offset("/bus/dev@10"), &addr,
					 &size), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x10);
	KUNIT_EXPECT_EQ(test, size, 0x20);
	KUNIT_EXPECT_EQ(test, of_get_reg(of_path_offset("/test"), &addr,
					 &size), -ENOENT);
	/* All entries of /memory count. */
	KUNIT_EXPECT_EQ(test, of_memory_size(), (1ULL << 32) + 0x2000);
}

static void of_lookup_compatible(struct kunit *test)
{
	int node = of_path_offset("/test");

	KUNIT_EXPECT_TRUE(test, of_device_is_compatible(node, "vendor,first"));
	KUNIT_EXPECT_TRUE(test, of_device_is_compatible(node,
							"vendor,second"));
	KUNIT_EXPECT_FALSE(test, of_device_is_compatible(node, "vendor,fir"));
	KUNIT_EXPECT_FALSE(test, of_device_is_compatible(node, "first"));
	KUNIT_EXPECT_FALSE(test, of_device_is_compatible(node,
							 "vendor,secondx"));
	KUNIT_EXPECT_FALSE(test, of_device_is_compatible(
				of_path_offset("/bus"), "vendor,first"));
}

static void of_lookup_no_blob(struct kunit *test)
{
	u64 addr, size;
	u32 v;

	of_blob = NULL;
	KUNIT_EXPECT_EQ(test, of_path_offset("/"), -ENOENT);
	KUNIT_EXPECT_NULL(test, of_get_string(0, "compatible"));
	KUNIT_EXPECT_EQ(test, of_get_u32(0, "#size-cells", &v), -ENOENT);
	KUNIT_EXPECT_EQ(test, of_get_reg(0, &addr, &size), -ENOENT);
	KUNIT_EXPECT_FALSE(test, of_device_is_compatible(0, "umk,umk"));
	KUNIT_EXPECT_NULL(test, of_node_name(0));
	KUNIT_EXPECT_EQ(test, of_memory_size(), 0);
}

static struct kunit_case of_lookup_cases[] = {
	KUNIT_CASE(of_lookup_path),
	KUNIT_CASE(of_lookup_strings),
	KUNIT_CASE(of_lookup_ints),
	KUNIT_CASE(of_lookup_reg),
	KUNIT_CASE(of_lookup_compatible),
	KUNIT_CASE(of_lookup_no_blob),
	{}
};

static struct kunit_suite of_lookup_suite = {
	.name = "of_lookup",
	.init = of_lookup_init,
	.exit = of_lookup_exit,
	.test_cases = of_lookup_cases,
};

kunit_test_suites(&of_build_suite, &of_check_suite, &of_lookup_suite);
