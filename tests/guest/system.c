/*
 * system.c - the small system calls: uname, getrandom and the random
 * devices, /dev/null /dev/zero /dev/full, resource limits (get/set/
 * prlimit64, RLIMIT_NOFILE, RLIMIT_FSIZE, RLIMIT_AS enforcement), umask,
 * sched_yield, sched_getaffinity, ids, set_tid_address, arch_prctl,
 * clocks, and unknown syscall numbers. Needs root (natively too).
 */
#include "guest.h"
#include <asm/prctl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <time.h>

static void names(void)
{
	struct utsname u;

	TRY("uname", uname(&u));
	say("sysname: %s\n", u.sysname);
	say("machine: %s\n", u.machine);
	check("release starts with a digit and has a dot",
	      u.release[0] >= '0' && u.release[0] <= '9' &&
	      strchr(u.release, '.'));
	check("version and nodename are not empty",
	      u.version[0] && u.nodename[0]);
}

static void randomness(void)
{
	unsigned char a[16], b[16];
	static unsigned char big[1 << 20];
	int fd;

	say("getrandom 16: %s\n", resval(getrandom(a, 16, 0)));
	say("getrandom 16 again: %s\n", resval(getrandom(b, 16, 0)));
	check("  the two differ", memcmp(a, b, 16) != 0);
	say("getrandom GRND_NONBLOCK: %s\n",
	    resval(getrandom(a, 16, GRND_NONBLOCK)));
	say("getrandom GRND_RANDOM: %s\n",
	    resval(getrandom(a, 16, GRND_RANDOM | GRND_NONBLOCK)));
	say("getrandom 0 bytes: %s\n", resval(getrandom(a, 0, 0)));
	say("getrandom 1 MiB: %s\n", resval(getrandom(big, sizeof(big), 0)));
	say("getrandom bad flags: %s\n", resval(getrandom(a, 16, 0x100)));
	fd = open("/dev/urandom", O_RDONLY);
	say("read /dev/urandom: %s\n", resval(read(fd, a, 16)));
	close(fd);
	fd = open("/dev/random", O_RDONLY);
	say("read /dev/random: %s\n", resval(read(fd, b, 16)));
	close(fd);
	check("  the two differ", memcmp(a, b, 16) != 0);
}

static void devices(void)
{
	char buf[64];
	int fd;

	fd = open("/dev/null", O_RDWR);
	say("/dev/null read: %s\n", resval(read(fd, buf, sizeof(buf))));
	say("/dev/null write 64: %s\n", resval(write(fd, buf, sizeof(buf))));
	close(fd);
	fd = open("/dev/zero", O_RDWR);
	memset(buf, 1, sizeof(buf));
	say("/dev/zero read: %s\n", resval(read(fd, buf, sizeof(buf))));
	check("  zeros", buf[0] == 0 && buf[63] == 0);
	say("/dev/zero write 64: %s\n", resval(write(fd, buf, sizeof(buf))));
	close(fd);
	fd = open("/dev/full", O_RDWR);
	say("/dev/full write: %s\n", resval(write(fd, buf, 1)));
	say("/dev/full read: %s\n", resval(read(fd, buf, sizeof(buf))));
	close(fd);
}

static int fsize_child(void *arg)
{
	struct rlimit rl = { 10, 10 };
	int fd = open("big", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	no_core();
	setrlimit(RLIMIT_FSIZE, &rl);
	if (write(fd, "0123456789abcdef", 16) != 10)
		return 1;
	write(fd, "x", 1);
	return 2;
}

static int as_child(void *arg)
{
	struct rlimit rl = { 64 << 20, 64 << 20 };
	void *p;

	if (setrlimit(RLIMIT_AS, &rl) < 0)
		return 1;
	p = mmap(NULL, 128 << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED)
		return 2;
	return errno == ENOMEM ? 0 : 3;
}

static int unprivileged_raise(void *arg)
{
	struct rlimit rl;

	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
	    setresuid(1000, 1000, 1000))
		return 1;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_max++;
	return setrlimit(RLIMIT_NOFILE, &rl) < 0 && errno == EPERM ? 0 : 2;
}

static void limits(void)
{
	struct rlimit rl = { 8, 64 }, old;
	int n = 0, fd;

	syscall(SYS_close_range, 3, ~0U, 0);
	TRY("setrlimit NOFILE 8/64", setrlimit(RLIMIT_NOFILE, &rl));
	TRY("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &old));
	say("  %ld/%ld\n", (long)old.rlim_cur, (long)old.rlim_max);
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		n++;
	say("opened %d more files, then %s\n", n, errname(errno));
	syscall(SYS_close_range, 3, ~0U, 0);
	say("dup2 to fd 8 (over the limit): %s\n", result(dup2(0, 8)));
	rl = (struct rlimit){ 65, 64 };
	TRY("setrlimit soft above hard", setrlimit(RLIMIT_NOFILE, &rl));
	rl = (struct rlimit){ 40, 60 };
	TRY("prlimit64 self, set and get", prlimit(0, RLIMIT_NOFILE, &rl,
						   &old));
	say("  old %ld/%ld\n", (long)old.rlim_cur, (long)old.rlim_max);
	getrlimit(RLIMIT_NOFILE, &old);
	say("  now %ld/%ld\n", (long)old.rlim_cur, (long)old.rlim_max);
	say("unprivileged raise of the hard limit: %s\n",
	    wstatus(run_child(unprivileged_raise, NULL)));
	TRY("prlimit64 of a missing pid", prlimit(999999, RLIMIT_NOFILE,
						  NULL, &old));
	TRY("getrlimit resource 99", getrlimit(99, &old));
	say("write past RLIMIT_FSIZE: %s\n",
	    wstatus(run_child(fsize_child, NULL)));
	unlink("big");
	say("mmap past RLIMIT_AS is ENOMEM: %s\n",
	    wstatus(run_child(as_child, NULL)));
}

static void *tid_thread(void *arg)
{
	return (void *)(long)(syscall(SYS_gettid) != getpid());
}

static void ids_and_sched(void)
{
	cpu_set_t set;
	unsigned long fs = 0;
	pthread_t t;
	void *ret;
	long r;

	umask(022);
	say("umask(077) returns %03o\n", umask(077));
	say("umask(022) returns %03o\n", umask(022));
	say("sched_yield: %s\n", result(sched_yield()));
	CPU_ZERO(&set);
	r = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	check("sched_getaffinity: a multiple of 8 bytes", r > 0 && r % 8 == 0);
	check("  at least one CPU", CPU_COUNT(&set) > 0);
	say("sched_getaffinity into 1 byte: %s\n",
	    rawres(RAW(SYS_sched_getaffinity, 0, 1, &set)));
	check("getpid == gettid in the main thread",
	      getpid() == syscall(SYS_gettid));
	if (spawn(&t, tid_thread, NULL) == 0) {
		pthread_join(t, &ret);
		check("gettid differs in a second thread", ret != NULL);
	}
	check("set_tid_address returns our tid",
	      syscall(SYS_set_tid_address, NULL) == getpid());
	check("getuid/geteuid/getgid/getegid are 0", !getuid() &&
	      !geteuid() && !getgid() && !getegid());
	check("ARCH_GET_FS is the thread pointer",
	      syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0 &&
	      fs == (unsigned long)pthread_self());
	say("arch_prctl bad code: %s\n",
	    rawres(RAW(SYS_arch_prctl, 0x9999, 0)));
	say("unknown syscall 1000: %s\n", rawres(RAW(1000)));
	say("syscall -1: %s\n", rawres(RAW(-1)));
}

static void clocks(void)
{
	struct timespec a, b, r, d = { 0, 10000000 };

	clock_gettime(CLOCK_MONOTONIC, &a);
	say("nanosleep 10 ms: %s\n", result(nanosleep(&d, NULL)));
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("  monotonic clock advanced at least 10 ms",
	      (b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec >=
	      10000000L);
	clock_gettime(CLOCK_REALTIME, &r);
	check("realtime clock is after 2020", r.tv_sec > 1577836800L);
	d.tv_nsec = -1;
	say("nanosleep with a bad tv_nsec: %s\n", result(nanosleep(&d, NULL)));
}

int main(void)
{
	if (geteuid() != 0) {
		say("system needs root\n");
		return EXIT_SKIP;
	}
	scratch("system");
	names();
	randomness();
	devices();
	limits();
	ids_and_sched();
	clocks();
	say("done\n");
	return 0;
}
