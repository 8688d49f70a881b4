/*
 * run-all.c - runs the guest microbenchmarks one after the other:
 * bench-sys, bench-proc and bench-fs from its own directory, with its
 * arguments and environment (QUICK=1, BENCH_DIR). It is init in umk and
 * UML (init=/bench/run-all) and a plain program natively.
 *
 * As pid 1 it makes sure it has a console (a disk root may have an empty
 * /dev: then it mounts devtmpfs there), and powers off at the end (sync
 * + reboot), because in Linux (UML) init must not exit.
 * Output: the BENCH lines of the programs, framed by "BENCH-INFO start"
 * and "BENCH-INFO done"; a program that fails gives a BENCH-ERROR line.
 */
#include "bench.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static const char *const progs[] = { "bench-sys", "bench-proc", "bench-fs" };

static void get_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void run(const char *dir, const char *prog, char **argv)
{
	char path[4096];
	pid_t pid;
	int st;

	snprintf(path, sizeof(path), "%s/%s", dir, prog);
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0) {
		argv[0] = path;
		execv(path, argv);
		bench_say("BENCH-ERROR exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid)
		bench_die("waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		bench_say("BENCH-ERROR %s: wait status 0x%x\n", prog, st);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	struct utsname u;
	char dir[4096];
	size_t i;

	if (getpid() == 1)
		get_console();
	bench_init(argc, argv);
	snprintf(dir, sizeof(dir), "%.*s",
		 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	uname(&u);
	bench_say("BENCH-INFO start %s %s quick=%d\n", u.sysname, u.release,
		  bench_quick);
	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++)
		run(dir, progs[i], argv);
	bench_say("BENCH-INFO done\n");
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
