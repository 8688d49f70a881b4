/*
 * bench-sys.c - single-process figures: the cheapest syscall, the clock,
 * memory mapping and page faults, and path lookups.
 *
 *	getppid		syscall(SYS_getppid): one trap into the kernel and back
 *	clock_gettime	libc's clock_gettime(CLOCK_MONOTONIC) (vDSO if any)
 *	mmap_munmap	mmap of one anonymous page, never touched, then munmap
 *	page_fault	first touch of one page of a fresh anonymous mapping
 *	open_close	open(O_RDONLY) + close of a file in $BENCH_DIR
 *	stat		stat() of the same file
 *
 * All in microseconds per operation. $BENCH_DIR (default /tmp) holds the
 * file; it is removed at the end.
 */
#include "bench.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define PAGE 4096L

static int do_getppid(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}

static int do_clock(void *arg, long n)
{
	struct timespec ts;
	long i;

	for (i = 0; i < n; i++)
		if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
			return -1;
	return 0;
}

static int do_mmap(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || munmap(p, PAGE) < 0)
			return -1;
	}
	return 0;
}

/*
 * Map n pages, write one byte to each, unmap. The mmap/munmap pair is
 * shared by all n faults (n is at least 256), so it hardly counts.
 */
static int do_fault(void *arg, long n)
{
	volatile char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long i;

	if (p == MAP_FAILED)
		return -1;
	for (i = 0; i < n; i++)
		p[i * PAGE] = 1;
	return munmap((void *)p, n * PAGE);
}

static int do_open(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		int fd = open(arg, O_RDONLY);

		if (fd < 0 || close(fd) < 0)
			return -1;
	}
	return 0;
}

static int do_stat(void *arg, long n)
{
	struct stat st;
	long i;

	for (i = 0; i < n; i++)
		if (stat(arg, &st) < 0)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("BENCH_DIR");
	char path[4096];
	int fd;

	bench_init(argc, argv);
	snprintf(path, sizeof(path), "%s/bench-sys.%d", dir ? dir : "/tmp",
		 (int)getpid());
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) < 0)
		bench_die(path);

	bench_per_op("getppid", do_getppid, NULL, 1000, 10000000);
	bench_per_op("clock_gettime", do_clock, NULL, 1000, 10000000);
	bench_per_op("mmap_munmap", do_mmap, NULL, 100, 1000000);
	/* at most 16384 pages: 64 MiB, within a 256M guest */
	bench_per_op("page_fault", do_fault, NULL, 256, 16384);
	bench_per_op("open_close", do_open, path, 100, 1000000);
	bench_per_op("stat", do_stat, path, 100, 1000000);

	unlink(path);
	return 0;
}
