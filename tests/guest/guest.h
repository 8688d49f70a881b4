/*
 * guest.h - helpers shared by the guest test programs.
 *
 * The programs run twice, natively and inside umk, and their outputs must
 * match byte for byte. So they print facts that do not depend on the
 * machine: relations ("child pid differs from parent: yes"), errno names,
 * wait statuses. Output goes through say(): one write(2) per line, no
 * stdio buffer, so nothing is printed twice after fork() and lines from
 * different processes never mix.
 *
 * Builds with glibc and musl (gcc -static, musl-gcc -static).
 */
#ifndef GUEST_H
#define GUEST_H

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* futex(2) operations (musl-gcc has no <linux/futex.h>) */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit status that the test runner reads as "skipped". */
#define EXIT_SKIP 77

/* A user-space address that is never mapped, and one in the kernel half. */
#define BAD_LOW		((void *)1UL)
#define BAD_KERNEL	((void *)0xffff880000000000UL)

static inline void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	while (n > 0) {
		ssize_t w = write(1, buf, n);

		if (w <= 0)
			return;
		memmove(buf, buf + w, n - w);
		n -= w;
	}
}

static inline const char *yesno(int cond)
{
	return cond ? "yes" : "no";
}

/* check("what", cond): "what: yes" or "what: no" */
static inline void check(const char *what, int cond)
{
	say("%s: %s\n", what, yesno(cond));
}

static const struct { int e; const char *name; } guest_errnos[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
	{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
	{ ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
	{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
	{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
	{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
	{ ESPIPE, "ESPIPE" }, { EROFS, "EROFS" }, { EMLINK, "EMLINK" },
	{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENAMETOOLONG,
	"ENAMETOOLONG" }, { ENOSYS, "ENOSYS" }, { ENOTEMPTY, "ENOTEMPTY" },
	{ ELOOP, "ELOOP" }, { EOVERFLOW, "EOVERFLOW" }, { ETIMEDOUT,
	"ETIMEDOUT" }, { EOPNOTSUPP, "EOPNOTSUPP" }, { EDEADLK, "EDEADLK" },
};

/* errname(EFAULT) -> "EFAULT"; unknown ones as "errno 123" */
static inline const char *errname(int e)
{
	static char other[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(guest_errnos); i++)
		if (guest_errnos[i].e == e)
			return guest_errnos[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/*
 * result(ret): for a libc call returning -1 and errno on failure, "ok"
 * (any other value) or the errno name. Use resval() to see the value.
 */
static inline const char *result(long ret)
{
	return ret == -1 ? errname(errno) : "ok";
}

static inline const char *resval(long ret)
{
	static char buf[32];

	if (ret == -1)
		return errname(errno);
	snprintf(buf, sizeof(buf), "%ld", ret);
	return buf;
}

/* Print "what: ok" / "what: EFAULT" for a libc-style call. */
#define TRY(what, expr) say("%s: %s\n", (what), result((long)(expr)))
/* The same for a call returning a new fd, which is then closed. */
#define TRY_FD(what, expr) do {						\
		long fd_ = (expr);					\
		say("%s: %s\n", (what), result(fd_));			\
		if (fd_ >= 0)						\
			close(fd_);					\
	} while (0)
/* The same, showing the returned value on success. */
#define TRYV(what, expr) say("%s: %s\n", (what), resval((long)(expr)))

static inline const char *signame(int sig)
{
	switch (sig) {
	case SIGHUP: return "SIGHUP";
	case SIGINT: return "SIGINT";
	case SIGQUIT: return "SIGQUIT";
	case SIGILL: return "SIGILL";
	case SIGTRAP: return "SIGTRAP";
	case SIGABRT: return "SIGABRT";
	case SIGBUS: return "SIGBUS";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGSEGV: return "SIGSEGV";
	case SIGPIPE: return "SIGPIPE";
	case SIGALRM: return "SIGALRM";
	case SIGTERM: return "SIGTERM";
	case SIGCHLD: return "SIGCHLD";
	case SIGXFSZ: return "SIGXFSZ";
	case SIGSYS: return "SIGSYS";
	default: return "signal ?";
	}
}

/* "exited 3", "killed by SIGSEGV (11)" */
static inline const char *wstatus(int st)
{
	static char buf[64];

	if (WIFEXITED(st))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "killed by %s (%d)",
			 signame(WTERMSIG(st)), WTERMSIG(st));
	else
		snprintf(buf, sizeof(buf), "status 0x%x", st);
	return buf;
}

/*
 * A child that is about to crash on purpose must not leave a core file
 * behind on the host: no core size and not dumpable. Inside umk these
 * may fail; that does not matter.
 */
static inline void no_core(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/*
 * run_child(fn, arg): fork, run fn(arg) in the child and _exit with its
 * return value; returns the wait status (or -1 if fork/wait failed).
 */
static inline int
run_child(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* pthread_create that says why it failed; 0 or -1 */
static inline int spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	int err = pthread_create(t, NULL, fn, arg);

	if (err)
		say("pthread_create failed: %s\n", errname(err));
	return err ? -1 : 0;
}

/* Raw syscall returning -errno on failure, like the kernel does. */
#define RAW(...) ({ long r_ = syscall(__VA_ARGS__); r_ == -1 ? -errno : r_; })

/* "EFAULT" for a negative errno from RAW(), else the value. */
static inline const char *rawres(long ret)
{
	static char buf[32];

	if (ret < 0 && ret > -4096)
		return errname((int)-ret);
	snprintf(buf, sizeof(buf), "%ld", ret);
	return buf;
}

/* Remove a directory tree (for the scratch directories). */
static inline int rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (lstat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	chmod(path, 0700);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		rm_rf(sub);
	}
	closedir(d);
	return rmdir(path);
}

static char guest_scratch[4096];
static pid_t guest_scratch_owner;

static void guest_scratch_cleanup(void)
{
	if (getpid() == guest_scratch_owner && chdir("/") == 0)
		rm_rf(guest_scratch);
}

/*
 * scratch(): make a fresh directory under $GUEST_TMP (the runner points
 * it at a tmpfs natively; inside umk it is unset and /tmp is used), chdir
 * into it and remove it when the process that called scratch() exits
 * (children that exit() leave it alone).
 * Tests print only relative names, so the outputs match.
 */
static inline void scratch(const char *name)
{
	const char *base = getenv("GUEST_TMP");

	if (!base || !*base)
		base = "/tmp";
	snprintf(guest_scratch, sizeof(guest_scratch), "%s/%s.XXXXXX",
		 base, name);
	if (!mkdtemp(guest_scratch) || chdir(guest_scratch) < 0) {
		say("cannot make a scratch directory under %s: %s\n", base,
		    errname(errno));
		exit(1);
	}
	guest_scratch_owner = getpid();
	atexit(guest_scratch_cleanup);
}

/* write a whole string to a new file (mode 0644); 0 or -1 */
static inline int
put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

#endif /* GUEST_H */
