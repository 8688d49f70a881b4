/*
 * main.c - start_kernel(): the boot sequence, from the command line to
 * the first kernel thread. See Documentation/boot.md.
 */
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>
#include <umk/version.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include <umk/sched.h>
#include <umk/timer.h>
#include <umk/irqflags.h>
#include <umk/of.h>
#include <umk/device.h>
#include <umk/reboot.h>
#include <umk/process.h>
#include <umk/fs.h>
#include <kunit/test.h>
#include <kunit/runner.h>
#include <os.h>

#define MIN_MEM		(16ULL << 20)
#define MAX_MEM		(64ULL << 30)

static u64 mem_size = (u64)CONFIG_DEFAULT_MEM_MB << 20;
static bool mem_given;
static const char *dtb_path;

static int set_mem(const char *val)
{
	u64 size;

	if (!val || parse_size(val, &size))
		return -EINVAL;
	if (size < MIN_MEM || size > MAX_MEM)
		boot_error("mem=%s: guest RAM must be between 16M and 64G", val);
	mem_size = ALIGN_DOWN(size, PAGE_SIZE);
	mem_given = true;
	return 0;
}
early_param("mem", set_mem);

static int set_dtb(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	dtb_path = val;
	return 0;
}
early_param("dtb", set_dtb);

#ifdef CONFIG_KUNIT
static int set_kunit_enable(const char *val)
{
	return kunit_set_enable(val);
}
kernel_param("kunit.enable", set_kunit_enable);

static int set_kunit_filter(const char *val)
{
	return kunit_set_filter_glob(val);
}
kernel_param("kunit.filter_glob", set_kunit_filter);
#endif

/* umk's exit status for how init ended (Documentation/processes.md). */
static int init_exit_status(int status)
{
	if ((status & 0x7f) == 0) {
		pr_notice("init exited with status %d\n", (status >> 8) & 0xff);
		return (status >> 8) & 0xff;
	}
	pr_notice("init was killed by signal %d%s\n", status & 0x7f,
		  (status & 0x80) ? " (core dumped)" : "");
	return 128 + (status & 0x7f);
}

/* The first kernel thread: tests, or the root filesystem and init. */
static int kernel_init(void *unused)
{
	int err;

	report_init_params();
#ifdef CONFIG_KUNIT
	if (kunit_enabled()) {
		int failed = kunit_run_all_tests();

		kernel_power_off_status(failed ? UMK_EXIT_TESTS_FAILED :
					UMK_EXIT_OK);
	}
#endif
	err = prepare_namespace();
	if (err)
		panic("cannot mount the root filesystem: %d", err);
	kernel_power_off_status(init_exit_status(run_init()));
}

static void setup_memory(void)
{
	const char *why = "error";
	int err;

	err = of_setup(dtb_path, mem_size, mem_given, boot_command_line, &why);
	if (err && dtb_path)
		boot_error("dtb=%s: %s", dtb_path, why);
	if (err)
		panic("cannot build the device tree: %s", why);
	if (of_memory_size() < MIN_MEM || of_memory_size() > MAX_MEM)
		boot_error("dtb=%s: /memory size must be between 16M and 64G",
			   dtb_path);
	err = mem_init(of_memory_size());
	if (err)
		boot_error("cannot set up %llu MiB of guest RAM: %s",
			   (unsigned long long)(of_memory_size() >> 20),
			   errname(err) ? errname(err) : "error");
	if (kmem_cache_init())
		panic("kmem_cache_init failed");
}

void start_kernel(const char *cmdline)
{
	struct task_struct *init_task;
	int bound;

	parse_early_params(cmdline);
	printk(KERN_NOTICE "%s", umk_banner);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	setup_memory();
	sched_init();
	if (init_IRQ())
		panic("cannot install interrupt handlers");
	if (time_init())
		panic("cannot start the host timer");
	parse_params();
	local_irq_enable();
	do_initcalls();
	bound = driver_probe_all();
	if (bound < 0)
		panic("cannot bind drivers: %d", bound);
	pr_info("Devices: %d bound\n", bound);

	init_task = kthread_run(kernel_init, NULL, "kernel_init");
	if (IS_ERR(init_task))
		panic("cannot start kernel_init: %ld", PTR_ERR(init_task));
	cpu_idle_loop();
}
