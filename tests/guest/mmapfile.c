/*
 * mmapfile.c - file mappings through the page cache: MAP_SHARED writes
 * reach the file (and read()/write() and other mappings see the same
 * pages), MAP_PRIVATE writes stay private, msync, mappings past the end
 * of the file (SIGBUS), truncation under a mapping, offsets, and the
 * errors of mmap/msync on files.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL
#define RW (PROT_READ | PROT_WRITE)
#define FSIZE (2 * PG + PG / 2)

static volatile unsigned char *target;

static int do_read(void *arg)
{
	return target[0] & 0;
}

static void touch(const char *what, void *addr)
{
	int st;

	target = addr;
	st = run_child(do_read, NULL);
	say("read %s: %s\n", what, st == 0 ? "ok" : wstatus(st));
}

static int make_test_file(void)
{
	char buf[FSIZE];
	int fd;

	memset(buf, 'a', PG);
	memset(buf + PG, 'b', PG);
	memset(buf + 2 * PG, 'c', PG / 2);
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, FSIZE) != FSIZE) {
		say("cannot make the test file: %s\n", errname(errno));
		exit(1);
	}
	return fd;
}

static char byte_at(int fd, off_t off)
{
	char c = 0;

	if (pread(fd, &c, 1, off) != 1)
		return '?';
	return c;
}

static void shared(int fd)
{
	char *p = mmap(NULL, FSIZE, RW, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, FSIZE, PROT_READ, MAP_SHARED, fd, 0);
	pid_t pid;
	int st;

	check("MAP_SHARED shows the file", p[0] == 'a' && p[PG] == 'b' &&
	      p[FSIZE - 1] == 'c');
	p[10] = 'X';
	check("write to the mapping visible to read()", byte_at(fd, 10) ==
	      'X');
	check("and to a second mapping", q[10] == 'X');
	say("msync MS_SYNC: %s\n", result(msync(p, FSIZE, MS_SYNC)));
	if (pwrite(fd, "Y", 1, PG + 5) != 1)
		say("pwrite failed\n");
	check("write() visible in the mapping", p[PG + 5] == 'Y');
	pid = fork();
	if (pid == 0) {
		p[20] = 'Z';
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("child's write seen by parent and file", p[20] == 'Z' &&
	      byte_at(fd, 20) == 'Z');
	check("bytes past EOF in the last page read zero",
	      p[FSIZE] == 0 && p[3 * PG - 1] == 0);
	munmap(p, FSIZE);
	munmap(q, FSIZE);
	check("data stays in the file after munmap", byte_at(fd, 10) == 'X');
}

static void private(int fd)
{
	char *p = mmap(NULL, FSIZE, RW, MAP_PRIVATE, fd, 0);
	char *q = mmap(NULL, FSIZE, RW, MAP_PRIVATE, fd, 0);
	pid_t pid;
	int st;

	check("MAP_PRIVATE shows the file", p[0] == 'a' && p[10] == 'X');
	p[0] = 'P';
	check("its writes stay out of the file", byte_at(fd, 0) == 'a');
	check("and out of another private mapping", q[0] == 'a');
	check("and the writer sees them", p[0] == 'P');
	pid = fork();
	if (pid == 0) {
		p[1] = 'C';
		_exit(p[0] == 'P' ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	say("child of a private mapping: %s\n", wstatus(st));
	check("child's private write not seen by parent", p[1] == 'a');
	say("MADV_DONTNEED on it: %s\n", result(madvise(p, PG,
							MADV_DONTNEED)));
	check("page reverts to the file's data", p[0] == 'a');
	munmap(p, FSIZE);
	munmap(q, FSIZE);
}

static void beyond_eof(int fd)
{
	char *p = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	char *o = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);

	check("mapping at offset 4096 starts at the second page",
	      o != MAP_FAILED && o[0] == 'b');
	touch("last partial page", p + 2 * PG);
	touch("page wholly past EOF", p + 3 * PG);
	say("ftruncate to one page: %s\n", result(ftruncate(fd, PG)));
	touch("page cut off by ftruncate", p + PG);
	say("ftruncate back: %s\n", result(ftruncate(fd, FSIZE)));
	touch("page after growing the file again", p + PG);
	check("it reads zero", p[PG] == 0);
	munmap(p, 4 * PG);
	munmap(o, PG);
}

static void lifetime(void)
{
	int fd = open("g", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *p;

	if (fd < 0 || ftruncate(fd, PG) < 0)
		return;
	p = mmap(NULL, PG, RW, MAP_SHARED, fd, 0);
	close(fd);
	unlink("g");
	p[0] = 'L';
	check("mapping works after close and unlink", p[0] == 'L');
	munmap(p, PG);
}

static void errors(int fd)
{
	int ro = open("f", O_RDONLY), wo = open("f", O_WRONLY);
	int dir = open(".", O_RDONLY | O_DIRECTORY);
	char *p;

	say("MAP_SHARED+PROT_WRITE on O_RDONLY: %s\n", result((long)mmap(NULL,
	    PG, RW, MAP_SHARED, ro, 0)));
	p = mmap(NULL, PG, RW, MAP_PRIVATE, ro, 0);
	say("MAP_PRIVATE+PROT_WRITE on O_RDONLY: %s\n", result((long)p));
	munmap(p, PG);
	say("mmap O_WRONLY: %s\n", result((long)mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, wo, 0)));
	say("mmap a directory: %s\n", result((long)mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, dir, 0)));
	say("mmap unaligned offset: %s\n", result((long)mmap(NULL, PG,
	    PROT_READ, MAP_SHARED, fd, 100)));
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	say("msync unaligned: %s\n", result(msync(p + 1, PG, MS_SYNC)));
	say("msync MS_SYNC|MS_ASYNC: %s\n", result(msync(p, PG,
	    MS_SYNC | MS_ASYNC)));
	munmap(p, PG);
	say("msync unmapped: %s\n", result(msync(p, PG, MS_SYNC)));
	close(ro);
	close(wo);
	close(dir);
}

static void dev_zero(void)
{
	int fd = open("/dev/zero", O_RDWR);
	unsigned char *p = mmap(NULL, 2 * PG, RW, MAP_PRIVATE, fd, 0);

	check("private /dev/zero mapping reads zero", p != MAP_FAILED &&
	      p[0] == 0 && p[2 * PG - 1] == 0);
	p[0] = 1;
	munmap(p, 2 * PG);
	close(fd);
}

static void big_file(void)
{
	int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	unsigned int buf[1024], sum1 = 0, sum2 = 0, *p;
	size_t i, j;

	for (i = 0; i < 256; i++) {
		for (j = 0; j < 1024; j++) {
			buf[j] = i * 1024 + j;
			sum1 += buf[j] * 7;
		}
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			return;
	}
	p = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE, fd, 0);
	for (i = 0; i < (1 << 18); i++)
		sum2 += p[i] * 7;
	check("1 MiB file: mapping matches what was written", sum1 == sum2);
	munmap(p, 1 << 20);
	close(fd);
}

int main(void)
{
	int fd;

	no_core();
	scratch("mmapfile");
	fd = make_test_file();
	shared(fd);
	private(fd);
	beyond_eof(fd);
	lifetime();
	errors(fd);
	dev_zero();
	big_file();
	close(fd);
	say("done\n");
	return 0;
}
