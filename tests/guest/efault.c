/*
 * efault.c - a bad pointer given to a system call is -EFAULT, never a
 * crash. A table of syscalls (raw syscall(2), no libc wrapper in between)
 * times bad pointers: address 1, a kernel address, a page that was just
 * unmapped, and a pointer to the last 4 bytes of a mapped page (a string
 * without its NUL, or a struct cut off by the end of the mapping).
 * Needs root (setgroups), natively too; skipped otherwise.
 */
#include "guest.h"
#include <sched.h>
#include <grp.h>
#include <sys/mman.h>
#include <time.h>
#include <asm/prctl.h>

#define PG 4096UL

static int fd_file, fd_dir;
static unsigned char *edge;	/* last 4 bytes of a mapped page */

/* a zombie child, for the wait rows */
static pid_t zombie(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	return pid;
}

static long reap(pid_t pid, long ret)
{
	waitpid(pid, NULL, 0);
	return ret;
}

struct row {
	const char *name;
	long (*fn)(void *p);
	int edge;
};

static long rd(void *p)
{
	lseek(fd_file, 0, SEEK_SET);
	return RAW(SYS_read, fd_file, p, 5);
}

static long iov_base(int nr, void *p)
{
	struct iovec iov = { p, 5 };

	lseek(fd_file, 0, SEEK_SET);
	return RAW(nr, fd_file, &iov, 1);
}

static long bad_wait4_status(void *p)
{
	pid_t pid = zombie();

	return reap(pid, RAW(SYS_wait4, pid, p, 0, NULL));
}

static long bad_wait4_rusage(void *p)
{
	pid_t pid = zombie();
	int st;

	return reap(pid, RAW(SYS_wait4, pid, &st, 0, p));
}

static long bad_waitid_info(void *p)
{
	pid_t pid = zombie();

	return reap(pid, RAW(SYS_waitid, P_PID, pid, p, WEXITED, NULL));
}

static long bad_exec_path(void *p)
{
	char *av[] = { "x", NULL };
	int fds[2];
	long r = -1;
	pid_t pid;

	if (pipe(fds) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		r = RAW(SYS_execve, p, av, NULL);
		if (write(fds[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &r, sizeof(r)) != sizeof(r))
		r = 1;
	close(fds[0]);
	return reap(pid, r);
}

static int futex_word;

/* X(function, row name, test the page edge?, call with bad pointer p) */
#define ROWS(X) \
	X(read_buf, "read buf", 0, rd(p)) \
	X(pread64_buf, "pread64 buf", 0, RAW(SYS_pread64, fd_file, p, 5, 0)) \
	X(write_buf, "write buf", 0, RAW(SYS_write, fd_file, p, 5)) \
	X(pwrite64_buf, "pwrite64 buf", 0, \
	  RAW(SYS_pwrite64, fd_file, p, 5, 100)) \
	X(readv_iov, "readv iov", 1, RAW(SYS_readv, fd_file, p, 1)) \
	X(readv_iov_base, "readv iov_base", 0, iov_base(SYS_readv, p)) \
	X(writev_iov, "writev iov", 1, RAW(SYS_writev, fd_file, p, 1)) \
	X(writev_iov_base, "writev iov_base", 0, iov_base(SYS_writev, p)) \
	X(open_path, "open path", 1, RAW(SYS_open, p, O_RDONLY)) \
	X(openat_path, "openat path", 1, \
	  RAW(SYS_openat, AT_FDCWD, p, O_RDONLY)) \
	X(creat_path, "creat path", 1, RAW(SYS_creat, p, 0644)) \
	X(stat_path, "stat path", 1, RAW(SYS_stat, p, edge - 200)) \
	X(stat_buf, "stat buf", 1, RAW(SYS_stat, "f", p)) \
	X(lstat_buf, "lstat buf", 1, RAW(SYS_lstat, "l", p)) \
	X(fstat_buf, "fstat buf", 1, RAW(SYS_fstat, fd_file, p)) \
	X(newfstatat_path, "newfstatat path", 1, \
	  RAW(SYS_newfstatat, AT_FDCWD, p, edge - 200, 0)) \
	X(newfstatat_buf, "newfstatat buf", 1, \
	  RAW(SYS_newfstatat, AT_FDCWD, "f", p, 0)) \
	X(statx_path, "statx path", 1, \
	  RAW(SYS_statx, AT_FDCWD, p, 0, 0x7ff, edge - 300)) \
	X(statx_buf, "statx buf", 1, \
	  RAW(SYS_statx, AT_FDCWD, "f", 0, 0x7ff, p)) \
	X(getdents64_buf, "getdents64 buf", 0, \
	  RAW(SYS_getdents64, fd_dir, p, 4096)) \
	X(mkdir_path, "mkdir path", 1, RAW(SYS_mkdir, p, 0755)) \
	X(mkdirat_path, "mkdirat path", 1, \
	  RAW(SYS_mkdirat, AT_FDCWD, p, 0755)) \
	X(rmdir_path, "rmdir path", 1, RAW(SYS_rmdir, p)) \
	X(unlink_path, "unlink path", 1, RAW(SYS_unlink, p)) \
	X(unlinkat_path, "unlinkat path", 1, \
	  RAW(SYS_unlinkat, AT_FDCWD, p, 0)) \
	X(rename_old, "rename old", 1, RAW(SYS_rename, p, "x")) \
	X(rename_new, "rename new", 1, RAW(SYS_rename, "f", p)) \
	X(renameat2_new, "renameat2 new", 1, \
	  RAW(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, p, 0)) \
	X(link_old, "link old", 1, RAW(SYS_link, p, "x")) \
	X(link_new, "link new", 1, RAW(SYS_link, "f", p)) \
	X(linkat_new, "linkat new", 1, \
	  RAW(SYS_linkat, AT_FDCWD, "f", AT_FDCWD, p, 0)) \
	X(symlink_target, "symlink target", 1, RAW(SYS_symlink, p, "x")) \
	X(symlink_path, "symlink path", 1, RAW(SYS_symlink, "f", p)) \
	X(symlinkat_path, "symlinkat path", 1, \
	  RAW(SYS_symlinkat, "f", AT_FDCWD, p)) \
	X(readlink_path, "readlink path", 1, \
	  RAW(SYS_readlink, p, edge - 200, 100)) \
	X(readlink_buf, "readlink buf", 1, RAW(SYS_readlink, "l", p, 100)) \
	X(readlinkat_buf, "readlinkat buf", 1, \
	  RAW(SYS_readlinkat, AT_FDCWD, "l", p, 100)) \
	X(chmod_path, "chmod path", 1, RAW(SYS_chmod, p, 0644)) \
	X(fchmodat_path, "fchmodat path", 1, \
	  RAW(SYS_fchmodat, AT_FDCWD, p, 0644)) \
	X(chown_path, "chown path", 1, RAW(SYS_chown, p, 0, 0)) \
	X(lchown_path, "lchown path", 1, RAW(SYS_lchown, p, 0, 0)) \
	X(fchownat_path, "fchownat path", 1, \
	  RAW(SYS_fchownat, AT_FDCWD, p, 0, 0, 0)) \
	X(utimensat_path, "utimensat path", 1, \
	  RAW(SYS_utimensat, AT_FDCWD, p, NULL, 0)) \
	X(utimensat_times, "utimensat times", 1, \
	  RAW(SYS_utimensat, AT_FDCWD, "f", p, 0)) \
	X(access_path, "access path", 1, RAW(SYS_access, p, R_OK)) \
	X(faccessat_path, "faccessat path", 1, \
	  RAW(SYS_faccessat, AT_FDCWD, p, R_OK)) \
	X(chdir_path, "chdir path", 1, RAW(SYS_chdir, p)) \
	X(getcwd_buf, "getcwd buf", 1, RAW(SYS_getcwd, p, 4096)) \
	X(truncate_path, "truncate path", 1, RAW(SYS_truncate, p, 0)) \
	X(mknod_path, "mknod path", 1, RAW(SYS_mknod, p, S_IFIFO | 0644, 0)) \
	X(pipe_fds, "pipe fds", 1, RAW(SYS_pipe, p)) \
	X(pipe2_fds, "pipe2 fds", 1, RAW(SYS_pipe2, p, 0)) \
	X(uname_buf, "uname buf", 1, RAW(SYS_uname, p)) \
	X(getrandom_buf, "getrandom buf", 0, RAW(SYS_getrandom, p, 16, 0)) \
	X(getrlimit_buf, "getrlimit buf", 1, \
	  RAW(SYS_getrlimit, RLIMIT_NOFILE, p)) \
	X(setrlimit_buf, "setrlimit buf", 1, \
	  RAW(SYS_setrlimit, RLIMIT_NOFILE, p)) \
	X(prlimit64_old, "prlimit64 old", 1, \
	  RAW(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p)) \
	X(prlimit64_new, "prlimit64 new", 1, \
	  RAW(SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL)) \
	X(getaffinity_mask, "sched_getaffinity mask", 1, \
	  RAW(SYS_sched_getaffinity, 0, 128, p)) \
	X(getresuid_ruid, "getresuid ruid", 1, \
	  RAW(SYS_getresuid, p, edge - 8, edge - 12)) \
	X(getresgid_sgid, "getresgid sgid", 1, \
	  RAW(SYS_getresgid, edge - 8, edge - 12, p)) \
	X(getgroups_list, "getgroups list", 1, RAW(SYS_getgroups, 16, p)) \
	X(setgroups_list, "setgroups list", 1, RAW(SYS_setgroups, 2, p)) \
	X(wait4_status, "wait4 status", 0, bad_wait4_status(p)) \
	X(wait4_rusage, "wait4 rusage", 1, bad_wait4_rusage(p)) \
	X(waitid_info, "waitid info", 1, bad_waitid_info(p)) \
	X(futex_uaddr, "futex uaddr", 1, \
	  RAW(SYS_futex, p, FUTEX_WAIT, 0, NULL)) \
	X(futex_timeout, "futex timeout", 1, \
	  RAW(SYS_futex, &futex_word, FUTEX_WAIT, 0, p)) \
	X(arch_prctl_get_fs, "arch_prctl ARCH_GET_FS", 1, \
	  RAW(SYS_arch_prctl, ARCH_GET_FS, p)) \
	X(execve_path, "execve path", 1, bad_exec_path(p)) \
	X(clock_gettime_buf, "clock_gettime buf", 1, \
	  RAW(SYS_clock_gettime, CLOCK_MONOTONIC, p)) \
	X(gettimeofday_buf, "gettimeofday buf", 1, \
	  RAW(SYS_gettimeofday, p, NULL)) \
	X(nanosleep_req, "nanosleep req", 1, RAW(SYS_nanosleep, p, NULL))

#define DEFINE_ROW(fn, name, edge, ...) \
	static long fn(void *p) { return (__VA_ARGS__); }
ROWS(DEFINE_ROW)

#define ROW_ENTRY(fn, name, edge, ...) { name, fn, edge },
static const struct row rows[] = { ROWS(ROW_ENTRY) };

static void setup(void)
{
	gid_t groups[] = { 0, 1 };
	unsigned char *p;

	scratch("efault");
	if (put_file("f", "hello") < 0 || symlink("f", "l") < 0 ||
	    setgroups(2, groups) < 0) {
		say("setup failed: %s\n", errname(errno));
		exit(1);
	}
	fd_file = open("f", O_RDWR);
	fd_dir = open(".", O_RDONLY | O_DIRECTORY);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p + PG, PG);
	edge = p + PG - 4;
}

int main(void)
{
	void *gone;
	size_t i;

	if (geteuid() != 0) {
		say("efault needs root (setgroups)\n");
		return EXIT_SKIP;
	}
	setup();
	gone = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, PG);
	say("%-24s %-8s %-8s %-8s %s\n", "syscall argument", "addr 1",
	    "kernel", "unmapped", "page edge");
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		char a[16], b[16], c[16];

		snprintf(a, sizeof(a), "%s", rawres(rows[i].fn(BAD_LOW)));
		snprintf(b, sizeof(b), "%s", rawres(rows[i].fn(BAD_KERNEL)));
		snprintf(c, sizeof(c), "%s", rawres(rows[i].fn(gone)));
		memcpy(edge, "aaaa", 4);
		say("%-24s %-8s %-8s %-8s %s\n", rows[i].name, a, b, c,
		    rows[i].edge ? rawres(rows[i].fn(edge)) : "-");
	}
	say("done\n");
	return 0;
}
