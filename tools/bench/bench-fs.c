/*
 * bench-fs.c - file system figures, on the file system of $BENCH_DIR
 * (default /tmp, which is the root file system in umk's and UML's bench
 * images). Its type is printed first as "BENCH-INFO fs DIR TYPE".
 *
 *	seq_write	write a 32 MiB file (4 MiB with QUICK) in 64 KiB
 *			writes, fsync, close: MB/s (10^6 bytes per second)
 *	seq_read	read it back in 64 KiB reads: MB/s. The file was just
 *			written, so this reads the page cache, not the disk
 *	small_files	create+write(100 bytes)+close 10,000 files (1,000
 *			with QUICK) in a fresh directory, then unlink them
 *			all: microseconds per file
 */
#include "bench.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#define CHUNK (64 * 1024)

static char buf[CHUNK];

static const char *fs_name(long type)
{
	switch (type) {
	case 0x01021994: return "tmpfs";
	case 0x858458f6: return "ramfs";
	case 0xef53: return "ext2/3/4";
	case 0x794c7630: return "overlayfs";
	case 0x9123683e: return "btrfs";
	case 0x58465342: return "xfs";
	default: return "unknown";
	}
}

static void say_fs(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) < 0)
		bench_say("BENCH-INFO fs %s unknown (statfs: %s)\n", dir,
			  strerror(errno));
	else
		bench_say("BENCH-INFO fs %s %s (0x%lx)\n", dir,
			  fs_name(sf.f_type), (long)sf.f_type);
}

/* Returns seconds taken to write size bytes to path and fsync them. */
static double write_file(const char *path, long size)
{
	double t0 = now_ns();
	long done;
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0)
		bench_die(path);
	for (done = 0; done < size; done += CHUNK)
		if (write(fd, buf, CHUNK) != CHUNK)
			bench_die("write");
	if (fsync(fd) < 0)
		bench_die("fsync");
	if (close(fd) < 0)
		bench_die("close");
	return (now_ns() - t0) / 1e9;
}

static double read_file(const char *path, long size)
{
	double t0 = now_ns();
	long done = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		bench_die(path);
	while ((r = read(fd, buf, CHUNK)) > 0)
		done += r;
	if (r < 0 || done != size)
		bench_die("read");
	close(fd);
	return (now_ns() - t0) / 1e9;
}

static void bench_seq(const char *dir)
{
	long size = (bench_quick ? 4L : 32L) << 20;
	double w[16], r[16];
	char path[4096];
	int i;

	memset(buf, 0x5a, sizeof(buf));
	snprintf(path, sizeof(path), "%s/bench-seq.%d", dir, (int)getpid());
	for (i = 0; i < reps(); i++) {
		w[i] = size / write_file(path, size) / 1e6;
		r[i] = size / read_file(path, size) / 1e6;
		if (unlink(path) < 0)
			bench_die("unlink");
	}
	bench_report("seq_write", w, reps(), "MB/s");
	bench_report("seq_read", r, reps(), "MB/s");
}

static double small_files(const char *sub, int n)
{
	char path[4200];
	double t0 = now_ns();
	int i, fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%05d", sub, i);
		fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd < 0)
			bench_die(path);
		if (write(fd, buf, 100) != 100 || close(fd) < 0)
			bench_die("write");
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%05d", sub, i);
		if (unlink(path) < 0)
			bench_die(path);
	}
	return (now_ns() - t0) / n / 1e3;
}

static void bench_small(const char *dir)
{
	int n = bench_quick ? 1000 : 10000;
	int i, nreps = bench_quick ? 3 : 5;
	char sub[4096];
	double t[16];

	snprintf(sub, sizeof(sub), "%s/bench-small.%d", dir, (int)getpid());
	if (mkdir(sub, 0755) < 0)
		bench_die(sub);
	for (i = 0; i < nreps; i++)
		t[i] = small_files(sub, n);
	rmdir(sub);
	bench_report("small_files", t, nreps, "us");
}

int main(int argc, char **argv)
{
	const char *dir = getenv("BENCH_DIR");

	bench_init(argc, argv);
	if (!dir)
		dir = "/tmp";
	say_fs(dir);
	bench_seq(dir);
	bench_small(dir);
	return 0;
}
