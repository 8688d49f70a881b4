/*
 * bus_test.c - KUnit tests of driver binding. Test drivers live only in
 * this file's own table and bind to a test blob, never to the machine.
 */
#include <kunit/test.h>
#include <libfdt.h>
#include <umk/device.h>
#include "base.h"

#define TEST_BUF	4096

/* What the test drivers saw, in call order. */
static const char *removed[8];
static int nr_probed, nr_removed, nr_failed;

static int ok_probe(struct device *dev)
{
	nr_probed++;
	dev->driver_data = &nr_probed;
	return 0;
}

static void ok_remove(struct device *dev)
{
	if (nr_removed < 8)
		removed[nr_removed] = dev->name;
	nr_removed++;
}

static int fail_probe(struct device *dev)
{
	nr_failed++;
	return -EIO;
}

static const char *const ok_compat[] = { "umktest,ok", "umktest,ok2", NULL };
static const char *const fail_compat[] = { "umktest,fail", NULL };

static const struct driver ok_driver = {
	.name = "test-ok",
	.compatible = ok_compat,
	.probe = ok_probe,
	.remove = ok_remove,
};

static const struct driver fail_driver = {
	.name = "test-fail",
	.compatible = fail_compat,
	.probe = fail_probe,
};

/* Also claims "umktest,ok", but comes after ok_driver: never chosen. */
static const struct driver shadow_driver = {
	.name = "test-shadow",
	.compatible = ok_compat,
	.probe = fail_probe,
};

static const struct driver *const test_drivers[] = {
	&ok_driver, &fail_driver, &shadow_driver,
};
#define TEST_DRIVERS_END (test_drivers + ARRAY_SIZE(test_drivers))

#define SW(call) KUNIT_ASSERT_EQ(test, (call), 0)

static void node(struct kunit *test, void *b, const char *name,
		 const char *compat, size_t len, const char *status)
{
	SW(fdt_begin_node(b, name));
	if (compat)
		SW(fdt_property(b, "compatible", compat, len));
	if (status)
		SW(fdt_property_string(b, "status", status));
}

#define COMPAT(s) s, sizeof(s)

/*
 * /a ok; /b second string matches ok2; /c disabled; /d disabled with an
 * ok child /d/e; /f probe fails; /g no driver; /h status "okay";
 * /i status "fail"; /j/k a matching child of a plain node.
 */
static void *bus_blob(struct kunit *test)
{
	void *b = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	SW(fdt_create(b, TEST_BUF));
	SW(fdt_finish_reservemap(b));
	node(test, b, "", COMPAT("umktest,ok"), NULL);	/* binds too */
	node(test, b, "a", COMPAT("umktest,ok"), NULL);
	SW(fdt_end_node(b));
	node(test, b, "b", COMPAT("umktest,other\0umktest,ok2"), NULL);
	SW(fdt_end_node(b));
	node(test, b, "c", COMPAT("umktest,ok"), "disabled");
	SW(fdt_end_node(b));
	node(test, b, "d", NULL, 0, "disabled");
	node(test, b, "e", COMPAT("umktest,ok"), NULL);
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	node(test, b, "f", COMPAT("umktest,fail"), NULL);
	SW(fdt_end_node(b));
	node(test, b, "g", COMPAT("umktest,none"), NULL);
	SW(fdt_end_node(b));
	node(test, b, "h", COMPAT("umktest,ok"), "okay");
	SW(fdt_end_node(b));
	node(test, b, "i", COMPAT("umktest,ok"), "fail");
	SW(fdt_end_node(b));
	node(test, b, "j", NULL, 0, NULL);
	node(test, b, "k", COMPAT("umktest,ok"), NULL);
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	SW(fdt_finish(b));
	return b;
}

static int bus_init(struct kunit *test)
{
	nr_probed = nr_removed = nr_failed = 0;
	return 0;
}

/* The nodes that bind, in tree order. */
static const char *const bound_paths[] = { "/", "/a", "/b", "/h", "/j/k" };
static const char *const bound_names[] = { "", "a", "b", "h", "k" };

static void of_bus_binds(struct kunit *test)
{
	void *blob = bus_blob(test);
	struct device *dev;
	LIST_HEAD(devices);
	int i = 0;

	KUNIT_EXPECT_EQ(test, driver_probe_blob(blob, test_drivers,
						TEST_DRIVERS_END, &devices),
			5);
	KUNIT_EXPECT_EQ(test, nr_probed, 5);
	/* /f's probe ran once and failed; the shadow driver never ran. */
	KUNIT_EXPECT_EQ(test, nr_failed, 1);
	list_for_each_entry(dev, &devices, list) {
		KUNIT_ASSERT_LT(test, i, 5);
		KUNIT_EXPECT_STREQ(test, dev->name, bound_names[i]);
		KUNIT_EXPECT_EQ(test, dev->of_node,
				fdt_path_offset(blob, bound_paths[i]));
		KUNIT_EXPECT_PTR_EQ(test, dev->driver, &ok_driver);
		KUNIT_EXPECT_PTR_EQ(test, dev->driver_data, &nr_probed);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, 5);
	device_remove_list(&devices);
}

static void of_bus_remove_order(struct kunit *test)
{
	void *blob = bus_blob(test);
	LIST_HEAD(devices);
	int i;

	KUNIT_ASSERT_EQ(test, driver_probe_blob(blob, test_drivers,
						TEST_DRIVERS_END, &devices),
			5);
	device_remove_list(&devices);
	KUNIT_EXPECT_TRUE(test, list_empty(&devices));
	KUNIT_ASSERT_EQ(test, nr_removed, 5);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_STREQ(test, removed[i], bound_names[4 - i]);
}

static void of_bus_match(struct kunit *test)
{
	void *blob = bus_blob(test);

	KUNIT_EXPECT_PTR_EQ(test, driver_match(blob,
				fdt_path_offset(blob, "/a"), test_drivers,
				TEST_DRIVERS_END), &ok_driver);
	KUNIT_EXPECT_PTR_EQ(test, driver_match(blob,
				fdt_path_offset(blob, "/b"), test_drivers,
				TEST_DRIVERS_END), &ok_driver);
	KUNIT_EXPECT_PTR_EQ(test, driver_match(blob,
				fdt_path_offset(blob, "/f"), test_drivers,
				TEST_DRIVERS_END), &fail_driver);
	KUNIT_EXPECT_NULL(test, driver_match(blob,
				fdt_path_offset(blob, "/g"), test_drivers,
				TEST_DRIVERS_END));
	KUNIT_EXPECT_NULL(test, driver_match(blob,
				fdt_path_offset(blob, "/j"), test_drivers,
				TEST_DRIVERS_END));
	/* An empty table matches nothing. */
	KUNIT_EXPECT_NULL(test, driver_match(blob,
				fdt_path_offset(blob, "/a"), test_drivers,
				test_drivers));
}

static void of_bus_status(struct kunit *test)
{
	void *blob = bus_blob(test);

	KUNIT_EXPECT_TRUE(test, of_fdt_node_enabled(blob,
				fdt_path_offset(blob, "/a")));
	KUNIT_EXPECT_FALSE(test, of_fdt_node_enabled(blob,
				fdt_path_offset(blob, "/c")));
	KUNIT_EXPECT_TRUE(test, of_fdt_node_enabled(blob,
				fdt_path_offset(blob, "/h")));
	KUNIT_EXPECT_FALSE(test, of_fdt_node_enabled(blob,
				fdt_path_offset(blob, "/i")));
	/* The child of a disabled node is enabled itself, yet not bound
	 * (of_bus_binds): its parent hides it. */
	KUNIT_EXPECT_TRUE(test, of_fdt_node_enabled(blob,
				fdt_path_offset(blob, "/d/e")));
}

/* The live driver table holds the console driver and no test driver. */
static void of_bus_live_table(struct kunit *test)
{
	void *b = kunit_kzalloc(test, TEST_BUF, GFP_KERNEL);
	const struct driver *drv;

	KUNIT_ASSERT_NOT_NULL(test, b);
	SW(fdt_create(b, TEST_BUF));
	SW(fdt_finish_reservemap(b));
	node(test, b, "", NULL, 0, NULL);
	node(test, b, "console", COMPAT("umk,host-console"), NULL);
	SW(fdt_end_node(b));
	node(test, b, "t", COMPAT("umktest,ok"), NULL);
	SW(fdt_end_node(b));
	SW(fdt_end_node(b));
	SW(fdt_finish(b));

	drv = driver_match(b, fdt_path_offset(b, "/console"), __start_drivers,
			   __stop_drivers);
	KUNIT_ASSERT_NOT_NULL(test, drv);
	KUNIT_EXPECT_STREQ(test, drv->name, "host-console");
	KUNIT_EXPECT_NULL(test, driver_match(b, fdt_path_offset(b, "/t"),
					     __start_drivers, __stop_drivers));
}

static struct kunit_case bus_cases[] = {
	KUNIT_CASE(of_bus_binds),
	KUNIT_CASE(of_bus_remove_order),
	KUNIT_CASE(of_bus_match),
	KUNIT_CASE(of_bus_status),
	KUNIT_CASE(of_bus_live_table),
	{}
};

static struct kunit_suite bus_suite = {
	.name = "of_bus",
	.init = bus_init,
	.test_cases = bus_cases,
};

kunit_test_suites(&bus_suite);
