/*
 * exec.c - execve of every ELF kind and of #! scripts, and its errors.
 *
 * Runs auxv-static, auxv-pie, auxv-dyn and auxv-musl (auxv.c built four
 * ways) with a known argv and environment, then scripts whose
 * interpreter is one of them, a nested script and a /bin/sh script; then
 * what exec must refuse, what it keeps (fds without O_CLOEXEC, cwd) and
 * exec from a process with more than one thread. The programs are found
 * through symlinks in a scratch directory, so no path that differs
 * between the host and umk is ever printed.
 */
#include "guest.h"
#include <limits.h>

static char testdir[PATH_MAX];
static char *env[] = { "A=1", "EMPTY=", "PATH=/bin:/usr/bin", NULL };

/* fork, execve(path, argv, env) in the child, print the wait status */
static void run(const char *title, const char *path, char **argv)
{
	pid_t pid;
	int st;

	say("== %s\n", title);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, env);
		say("execve failed: %s\n", errname(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid) {
		say("fork/wait failed: %s\n", errname(errno));
		return;
	}
	say("status: %s\n", wstatus(st));
}

/* execve that must fail: print its errno (in a child, in case it works) */
static void refuse(const char *title, const char *path, char **argv)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		say("%s: %s\n", title, result(execve(path, argv, env)));
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
		say("%s: exec unexpectedly ran (%s)\n", title, wstatus(st));
}

static int make_file(const char *name, const char *text, mode_t mode)
{
	if (put_file(name, text) < 0 || chmod(name, mode) < 0) {
		say("cannot make %s: %s\n", name, errname(errno));
		return -1;
	}
	return 0;
}

static int setup(const char *argv0)
{
	static const char *progs[] = { "auxv-static", "auxv-pie",
		"auxv-dyn", "auxv-musl", "exec" };
	char cwd[PATH_MAX], target[PATH_MAX * 2];
	const char *slash = strrchr(argv0, '/');
	size_t i;

	if (!getcwd(cwd, sizeof(cwd)))
		return -1;
	if (argv0[0] == '/')
		snprintf(testdir, sizeof(testdir), "%.*s",
			 (int)(slash - argv0), argv0);
	else if (slash)
		snprintf(testdir, sizeof(testdir), "%s/%.*s", cwd,
			 (int)(slash - argv0), argv0);
	else
		snprintf(testdir, sizeof(testdir), "%s", cwd);
	scratch("exec");
	for (i = 0; i < ARRAY_SIZE(progs); i++) {
		snprintf(target, sizeof(target), "%s/%s", testdir, progs[i]);
		if (symlink(target, progs[i]) < 0)
			return -1;
	}
	return make_file("script-interp", "#!./auxv-static -opt\n", 0755) ||
		make_file("script-spaces", "#!  ./auxv-pie  two  words  \n",
			  0755) ||
		make_file("script-nested", "#!./script-interp\n", 0755) ||
		make_file("script-sh", "#!/bin/sh\necho \"sh script: $0 [$#]"
			  " $*\"\nexit 3\n", 0755) ||
		make_file("noexec", "#!/bin/sh\necho no\n", 0644) ||
		make_file("garbage", "this is not a program\n", 0755) ||
		make_file("bad-interp", "#!/nonexistent/interp\n", 0755);
}

static void elf_kinds(void)
{
	char *av_static[] = { "static", "one", "", "three", NULL };
	char *av_pie[] = { "static-pie", "one", NULL };
	char *av_dyn[] = { "dynamic", "one", NULL };
	char *av_musl[] = { "musl", "one", NULL };
	char *av_exit[] = { "static", "exit42", NULL };

	run("static ELF", "./auxv-static", av_static);
	run("static-pie ELF", "./auxv-pie", av_pie);
	run("dynamic ELF (PT_INTERP)", "./auxv-dyn", av_dyn);
	run("musl static ELF", "./auxv-musl", av_musl);
	run("exit status from main", "./auxv-static", av_exit);
}

static void scripts(void)
{
	char *av[] = { "script-argv0", "a", "b c", NULL };

	run("#! script with an option", "./script-interp", av);
	run("#! line with spaces", "./script-spaces", av);
	run("#! script run by a #! script", "./script-nested", av);
	run("#!/bin/sh script", "./script-sh", av);
}

static void big_args(void)
{
	static char *av[1002];
	static char buf[1000][8];
	int i;

	av[0] = "many";
	for (i = 0; i < 1000; i++) {
		snprintf(buf[i], sizeof(buf[i]), "a%d", i);
		av[i + 1] = buf[i];
	}
	av[1001] = NULL;
	run("1000 arguments", "./auxv-static", av);
}

static void errors(void)
{
	char *av[] = { "x", NULL };
	char *bad_av[] = { "x", BAD_LOW, NULL };
	char *huge = malloc(200 * 1024 + 1);
	char *av_huge[] = { "x", huge, NULL };

	say("== errors\n");
	refuse("missing file", "./missing", av);
	refuse("empty path", "", av);
	refuse("not executable", "./noexec", av);
	refuse("not a program", "./garbage", av);
	refuse("directory", ".", av);
	refuse("#! interpreter missing", "./bad-interp", av);
	refuse("path through a file", "./auxv-static/x", av);
	refuse("bad path pointer", BAD_LOW, av);
	refuse("bad argv pointer", "./auxv-static", BAD_LOW);
	refuse("bad pointer in argv", "./auxv-static", bad_av);
	if (huge) {
		memset(huge, 'x', 200 * 1024);
		huge[200 * 1024] = 0;
		refuse("argument over 128 KiB", "./auxv-static", av_huge);
		free(huge);
	}
}

/* exec.c --fds: which of fds 10 and 11 survived the exec */
static int show_fds(void)
{
	char cwd[PATH_MAX];

	check("fd without O_CLOEXEC still open", fcntl(10, F_GETFD) >= 0);
	check("fd with O_CLOEXEC closed", fcntl(11, F_GETFD) < 0 &&
	      errno == EBADF);
	check("cwd kept", getcwd(cwd, sizeof(cwd)) &&
	      !strcmp(strrchr(cwd, '/'), "/sub"));
	say("umask kept: %03o\n", umask(0));
	return 0;
}

static void kept_state(void)
{
	char *av[] = { "exec", "--fds", NULL };

	if (dup2(1, 10) < 0 || fcntl(10, F_SETFD, 0) < 0 ||
	    dup3(1, 11, O_CLOEXEC) < 0 || mkdir("sub", 0755) < 0 ||
	    chdir("sub") < 0) {
		say("setup for kept state failed: %s\n", errname(errno));
		return;
	}
	umask(027);
	run("what exec keeps", "../exec", av);
	umask(022);
	close(10);
	close(11);
	if (chdir("..") < 0)
		say("chdir ..: %s\n", errname(errno));
}

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static int threaded_exec(void *arg)
{
	char *av[] = { "static", "exit42", NULL };
	pthread_t t[3];
	int i;

	for (i = 0; i < 3; i++)
		if (spawn(&t[i], sleeper, NULL))
			return 1;
	execve("./auxv-static", av, env);
	return 2;
}

static void exec_variants(void)
{
	char *av[] = { "vfork", NULL };
	pid_t pid;
	int st;

	say("== exec from a process with 4 threads\n");
	st = run_child(threaded_exec, NULL);
	say("status: %s\n", st == -1 ? "fork failed" : wstatus(st));
	say("== vfork then exec\n");
	pid = vfork();
	if (pid == 0) {
		execve("./auxv-musl", av, env);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		say("vfork/wait failed: %s\n", errname(errno));
	else
		say("status: %s\n", wstatus(st));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--fds"))
		return show_fds();
	if (setup(argv[0])) {
		say("setup failed: %s\n", errname(errno));
		return 1;
	}
	umask(022);
	elf_kinds();
	scripts();
	big_args();
	errors();
	kept_state();
	exec_variants();
	say("done\n");
	return 0;
}
