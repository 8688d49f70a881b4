/*
 * misc.c - the fixed files at the top of /proc: memory, CPU and time
 * (meminfo, cpuinfo, stat, uptime, loadavg), the kernel (version,
 * cmdline, filesystems, devices, partitions), allocator views
 * (buddyinfo, slabinfo) and the empty swaps and diskstats, plus the
 * root directory's table itself.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/pid.h>
#include <umk/process.h>
#include <umk/blkdev.h>
#include <umk/utsname.h>
#include <uapi/umk/time.h>
#include "internal.h"

#define KB_PER_PAGE	(PAGE_SIZE / 1024)

static int meminfo_show(struct pbuf *m, struct proc_inode *pi)
{
	struct proc_meminfo mi = {
		.total = totalram_pages() * KB_PER_PAGE,
		.free = nr_free_pages() * KB_PER_PAGE,
	};

	mi.available = mi.free;
	proc_format_meminfo(m, &mi);
	return 0;
}

static void cpuid(u32 leaf, u32 r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]),
			 "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* One CPU, described by what the host's CPUID says. */
static int cpuinfo_show(struct pbuf *m, struct proc_inode *pi)
{
	u32 r[4], vendor[4] = { 0 }, brand[13] = { 0 };
	unsigned int family, model, i;

	cpuid(0, r);
	vendor[0] = r[1];
	vendor[1] = r[3];
	vendor[2] = r[2];
	cpuid(1, r);
	family = (r[0] >> 8) & 0xf;
	model = (r[0] >> 4) & 0xf;
	if (family == 0xf)
		family += (r[0] >> 20) & 0xff;
	if (family >= 6)
		model |= ((r[0] >> 16) & 0xf) << 4;
	cpuid(0x80000000, r);
	if (r[0] >= 0x80000004)
		for (i = 0; i < 3; i++)
			cpuid(0x80000002 + i, &brand[4 * i]);
	pbuf_printf(m, "processor\t: 0\nvendor_id\t: %s\n", (char *)vendor);
	pbuf_printf(m, "cpu family\t: %u\nmodel\t\t: %u\n", family, model);
	pbuf_printf(m, "model name\t: %s\n", (char *)brand);
	pbuf_printf(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
		    "cpu cores\t: 1\nfpu\t\t: yes\nfpu_exception\t: yes\n"
		    "wp\t\t: yes\nflags\t\t: fpu tsc cx8 cmov mmx fxsr sse "
		    "sse2 syscall nx lm\naddress sizes\t: 48 bits virtual\n\n");
	return 0;
}

static unsigned long ticks_to_clock_t(u64 ticks)
{
	return ticks * USER_HZ / HZ;
}

/* Time spent by tasks other than the idle task, and by it. */
static void cpu_times(u64 *busy, u64 *idle)
{
	struct task_struct *t;

	*busy = *idle = 0;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0)
			*idle += t->ticks;
		else
			*busy += t->ticks;
	}
}

static int stat_show(struct pbuf *m, struct proc_inode *pi)
{
	u64 busy, idle, switches = 0;
	u64 up = ktime_get_ns();
	struct task_struct *t;
	unsigned int tasks = 0;
	int i;

	cpu_times(&busy, &idle);
	list_for_each_entry(t, &task_list, tasks) {
		switches += t->switches;
		tasks++;
	}
	for (i = 0; i < 2; i++)
		pbuf_printf(m, "cpu%s %lu 0 0 %lu 0 0 0 0 0 0\n",
			    i ? "0" : " ", ticks_to_clock_t(busy),
			    ticks_to_clock_t(idle));
	pbuf_printf(m, "intr 0\nctxt %llu\nbtime %llu\nprocesses %u\n"
		    "procs_running %lu\nprocs_blocked 0\nsoftirq 0\n",
		    (unsigned long long)switches,
		    (unsigned long long)((ktime_get_real_ns() - up) /
					 NSEC_PER_SEC),
		    tasks, nr_running());
	return 0;
}

static int uptime_show(struct pbuf *m, struct proc_inode *pi)
{
	u64 busy, idle;

	cpu_times(&busy, &idle);
	proc_format_uptime(m, ktime_get_ns(), idle * (NSEC_PER_SEC / HZ));
	return 0;
}

static int loadavg_show(struct pbuf *m, struct proc_inode *pi)
{
	/* The scheduler keeps no load average yet (proc.md). */
	static const unsigned long load[3];
	struct task_struct *t;
	int last = 0;

	list_for_each_entry(t, &task_list, tasks)
		last = max(last, (int)t->pid);
	proc_format_loadavg(m, load, nr_running(), nr_threads, last);
	return 0;
}

static int version_show(struct pbuf *m, struct proc_inode *pi)
{
	const struct new_utsname *u = init_utsname();

	pbuf_printf(m, "%s version %s (umk@umk) (gcc " __VERSION__ ") %s\n",
		    u->sysname, u->release, u->version);
	return 0;
}

static int cmdline_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", boot_command_line);
	return 0;
}

static void show_fs(struct file_system_type *fs, void *arg)
{
	pbuf_printf(arg, "%s\t%s\n",
		    fs->fs_flags & FS_REQUIRES_DEV ? "" : "nodev", fs->name);
}

static int filesystems_show(struct pbuf *m, struct proc_inode *pi)
{
	for_each_filesystem(show_fs, m);
	return 0;
}

static int show_chrdev(unsigned int major, unsigned int baseminor,
		       unsigned int count, const char *name, void *arg)
{
	pbuf_printf(arg, "%3u %s\n", major, name);
	return 0;
}

static int show_blkdev(struct block_device *bdev, void *arg)
{
	pbuf_printf(arg, "%3u %s\n", MAJOR(bdev->bd_dev),
		    bdev->bd_disk->disk_name);
	return 0;
}

static int devices_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "Character devices:\n");
	chrdev_for_each(show_chrdev, m);
	pbuf_printf(m, "\nBlock devices:\n");
	blkdev_for_each(show_blkdev, m);
	return 0;
}

static int show_partition(struct block_device *bdev, void *arg)
{
	pbuf_printf(arg, "%4u  %7u %10llu %s\n", MAJOR(bdev->bd_dev),
		    MINOR(bdev->bd_dev),
		    (unsigned long long)(bdev_size_bytes(bdev) >> 10),
		    bdev->bd_disk->disk_name);
	return 0;
}

static int partitions_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "major minor  #blocks  name\n\n");
	blkdev_for_each(show_partition, m);
	return 0;
}

static int buddyinfo_show(struct pbuf *m, struct proc_inode *pi)
{
	unsigned int order;

	pbuf_printf(m, "Node 0, zone   Normal ");
	for (order = 0; order <= 10; order++)
		pbuf_printf(m, "%6lu ", nr_free_blocks(order));
	pbuf_putc(m, '\n');
	return 0;
}

static void show_cache(struct kmem_cache_stats *s, void *arg)
{
	unsigned long per = s->slabs ? s->total_objs / s->slabs : 0;

	pbuf_printf(arg, "%-17s %6lu %6lu %6zu %4lu %4u : tunables %4u %4u "
		    "%4u : slabdata %6lu %6lu %6u\n", s->name, s->active_objs,
		    s->total_objs, s->object_size, per, 1, 0, 0, 0, s->slabs,
		    s->slabs, 0);
}

static int slabinfo_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "slabinfo - version: 2.1\n# name            "
		    "<active_objs> <num_objs> <objsize> <objperslab> "
		    "<pagesperslab> : tunables <limit> <batchcount> "
		    "<sharedfactor> : slabdata <active_slabs> <num_slabs> "
		    "<sharedavail>\n");
	kmem_cache_for_each(show_cache, m);
	return 0;
}

static int swaps_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\t"
		    "Priority\n");
	return 0;
}

/* No I/O statistics are kept yet: the file exists and is empty. */
static int empty_show(struct pbuf *m, struct proc_inode *pi)
{
	return 0;
}

static int self_link(struct proc_inode *pi, char *buf, int size)
{
	if (!is_user_task(current))
		return -ENOENT;
	return scnprintf(buf, size, "%d", current->tgid);
}

static int thread_self_link(struct proc_inode *pi, char *buf, int size)
{
	if (!is_user_task(current))
		return -ENOENT;
	return scnprintf(buf, size, "%d/task/%d", current->tgid,
			 current->pid);
}

static int mounts_link(struct proc_inode *pi, char *buf, int size)
{
	return scnprintf(buf, size, "self/mounts");
}

#define REG(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }
#define LNK(n, fn)	{ .name = n, .mode = S_IFLNK | 0777, .link = fn }

static const struct proc_entry proc_top_ents[] = {
	LNK("self", self_link),
	LNK("thread-self", thread_self_link),
	LNK("mounts", mounts_link),
	REG("meminfo", meminfo_show),
	REG("cpuinfo", cpuinfo_show),
	REG("stat", stat_show),
	REG("uptime", uptime_show),
	REG("loadavg", loadavg_show),
	REG("version", version_show),
	REG("cmdline", cmdline_show),
	REG("filesystems", filesystems_show),
	REG("devices", devices_show),
	REG("partitions", partitions_show),
	REG("buddyinfo", buddyinfo_show),
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = slabinfo_show },
	REG("swaps", swaps_show),
	REG("diskstats", empty_show),
	{ .name = "sys", .mode = S_IFDIR | 0555, .ents = proc_sys_ents },
	{ .name = "device-tree", .mode = S_IFDIR | 0555,
	  .dops = &proc_devtree_dops },
	{ }
};

const struct proc_entry proc_root_entry = {
	.mode = S_IFDIR | 0555, .ents = proc_top_ents, .dops = &proc_root_dops,
};
