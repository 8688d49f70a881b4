/*
 * proc_test.c - KUnit tests of procfs: its text buffer and formatters
 * (suite procfs), and a procfs mounted in a private root and read
 * through the VFS (suite procfs_vfs).
 */
#include <kunit/test.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/sched.h>
#include <umk/mount.h>
#include <umk/proc_fs.h>
#include "../vfs_test.h"

static char *text(struct pbuf *m)
{
	m->buf[m->len] = '\0';
	return m->buf;
}

static void pbuf_printf_appends(struct kunit *test)
{
	char buf[32];
	struct pbuf m = { .buf = buf, .size = sizeof(buf) - 1 };

	pbuf_printf(&m, "%d-%s", 42, "x");
	pbuf_putc(&m, '!');
	pbuf_write(&m, "ab", 2);
	KUNIT_EXPECT_FALSE(test, m.overflow);
	KUNIT_EXPECT_STREQ(test, text(&m), "42-x!ab");
}

static void pbuf_overflow_sticks(struct kunit *test)
{
	char buf[8];
	struct pbuf m = { .buf = buf, .size = 6 };

	pbuf_printf(&m, "12345");
	KUNIT_EXPECT_FALSE(test, m.overflow);
	/* "67" does not fit in the one byte left (vsnprintf's NUL). */
	pbuf_printf(&m, "67");
	KUNIT_EXPECT_TRUE(test, m.overflow);
	KUNIT_EXPECT_EQ(test, m.len, 5);
	/* Nothing more goes in once the text is incomplete. */
	pbuf_putc(&m, 'x');
	KUNIT_EXPECT_EQ(test, m.len, 5);
}

static void uptime_format(struct kunit *test)
{
	char buf[64];
	struct pbuf m = { .buf = buf, .size = sizeof(buf) - 1 };

	proc_format_uptime(&m, 12345678901ULL, 5009999999ULL);
	KUNIT_EXPECT_STREQ(test, text(&m), "12.34 5.00\n");
}

static void loadavg_format(struct kunit *test)
{
	char buf[64];
	struct pbuf m = { .buf = buf, .size = sizeof(buf) - 1 };
	/* 1.00, 0.50 and 2.75 in 11-bit fixed point. */
	const unsigned long load[3] = { 2048, 1024, 5632 };

	proc_format_loadavg(&m, load, 1, 7, 123);
	KUNIT_EXPECT_STREQ(test, text(&m), "1.00 0.50 2.75 1/7 123\n");
}

static void meminfo_format(struct kunit *test)
{
	char buf[1024];
	struct pbuf m = { .buf = buf, .size = sizeof(buf) - 1 };
	struct proc_meminfo mi = {
		.total = 131072, .free = 100000, .available = 100000,
		.cached = 12, .shmem = 3,
	};

	proc_format_meminfo(&m, &mi);
	text(&m);
	/* The exact column layout busybox free and top parse. */
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"MemTotal:         131072 kB\nMemFree:          100000 kB\n"
		"MemAvailable:     100000 kB\nBuffers:               0 kB\n"
		"Cached:               12 kB\nSwapCached:            0 kB\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"SwapTotal:             0 kB\nSwapFree:              0 kB\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"Shmem:                 3 kB\n"));
}

static struct kunit_case proc_test_cases[] = {
	KUNIT_CASE(pbuf_printf_appends),
	KUNIT_CASE(pbuf_overflow_sticks),
	KUNIT_CASE(uptime_format),
	KUNIT_CASE(loadavg_format),
	KUNIT_CASE(meminfo_format),
	{}
};

static struct kunit_suite proc_test_suite = {
	.name = "procfs",
	.test_cases = proc_test_cases,
};
kunit_test_suite(proc_test_suite);

/* Mounts procfs on /proc of the case's private root. */
static int procfs_vfs_init(struct kunit *test)
{
	int err = vfs_test_init(test);

	if (!err)
		err = do_mkdirat(AT_FDCWD, "/proc", 0555);
	if (!err)
		err = do_mount("proc", "/proc", "proc", 0, NULL);
	return err;
}

static void procfs_vfs_exit(struct kunit *test)
{
	do_umount_path("/proc", 0);
	vfs_test_exit(test);
}

static void read_system_files(struct kunit *test)
{
	char buf[256];
	ssize_t n;

	n = vfs_test_read("/proc/meminfo", buf, sizeof(buf) - 1);
	KUNIT_ASSERT_GT(test, n, 0);
	buf[n] = '\0';
	KUNIT_EXPECT_EQ(test, strncmp(buf, "MemTotal: ", 10), 0);
	n = vfs_test_read("/proc/sys/kernel/ostype", buf, sizeof(buf) - 1);
	KUNIT_ASSERT_EQ(test, n, 6);
	KUNIT_EXPECT_MEMEQ(test, buf, "Linux\n", 6);
	KUNIT_EXPECT_EQ(test, vfs_test_read("/proc/nosuchfile", buf, 1),
			-ENOENT);
}

static void pid_directories(struct kunit *test)
{
	char name[64], want[TASK_COMM_LEN + 1], buf[64];
	ssize_t n;

	/* The running test is a kernel thread: it has a directory. */
	snprintf(name, sizeof(name), "/proc/%d/comm", current->pid);
	snprintf(want, sizeof(want), "%s\n", current->comm);
	n = vfs_test_read(name, buf, sizeof(buf));
	KUNIT_ASSERT_EQ(test, n, (ssize_t)strlen(want));
	KUNIT_EXPECT_MEMEQ(test, buf, want, n);
	/* No such process, and names that are not pids. */
	KUNIT_EXPECT_EQ(test, vfs_test_read("/proc/32767/comm", buf, 1),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, vfs_test_read("/proc/01/comm", buf, 1),
			-ENOENT);
	KUNIT_EXPECT_NULL(test, vfs_test_inode("/proc/0"));
}

static void symlinks(struct kunit *test)
{
	struct path path;
	struct inode *inode;

	/* Held through the path: procfs inodes go with their last user. */
	KUNIT_ASSERT_EQ(test, kern_path("/proc/mounts", 0, &path), 0);
	inode = path.dentry->d_inode;
	KUNIT_EXPECT_TRUE(test, S_ISLNK(inode->i_mode));
	/* i_size is the target's length: "self/mounts". */
	KUNIT_EXPECT_EQ(test, inode->i_size, 11);
	path_put(&path);
}

static struct kunit_case procfs_vfs_cases[] = {
	KUNIT_CASE(read_system_files),
	KUNIT_CASE(pid_directories),
	KUNIT_CASE(symlinks),
	{}
};

static struct kunit_suite procfs_vfs_suite = {
	.name = "procfs_vfs",
	.init = procfs_vfs_init,
	.exit = procfs_vfs_exit,
	.test_cases = procfs_vfs_cases,
};
kunit_test_suite(procfs_vfs_suite);
