/*
 * sigproc.c - signals and processes: the mask, ignored signals and
 * pending signals across fork and exec (handlers reset by exec),
 * SIGSTOP/SIGCONT with WUNTRACED/WCONTINUED and the SIGCHLD codes
 * (none for stops with SA_NOCLDSTOP), SIGCHLD ignored = auto-reap,
 * SA_NOCLDWAIT, default actions (terminate, ignore, stop), kill() to a
 * process group.
 */
#include "../guest/guest.h"
#include <sys/mman.h>

static void handler(int sig)
{
}

static volatile int chld_codes[8], nchld;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	if (nchld < 8)
		chld_codes[nchld++] = si->si_code;
}

static void show_state(const char *who)
{
	struct sigaction sa;
	sigset_t cur, pend;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	sigpending(&pend);
	say("%s: USR1 blocked %s, TERM handler %s, USR2 ignored %s, "
	    "HUP pending %s\n", who, yesno(sigismember(&cur, SIGUSR1)),
	    (sigaction(SIGTERM, NULL, &sa), sa.sa_handler == handler ?
	     "caught" : sa.sa_handler == SIG_DFL ? "default" : "other"),
	    (sigaction(SIGUSR2, NULL, &sa), yesno(sa.sa_handler == SIG_IGN)),
	    yesno(sigismember(&pend, SIGHUP)));
}

static void test_fork_exec(const char *self)
{
	sigset_t set;
	pid_t pid;
	int st;

	signal(SIGTERM, handler);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGHUP);
	show_state("parent");
	pid = fork();
	if (pid == 0) {
		show_state("child");
		raise(SIGHUP);
		execl(self, self, "after-exec", (char *)NULL);
		_exit(5);
	}
	waitpid(pid, &st, 0);
	say("child: %s\n", wstatus(st));
	sigprocmask(SIG_UNBLOCK, &set, NULL);	/* HUP: handler below */
	signal(SIGTERM, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static void catch_chld(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(SIGCHLD, &sa, NULL);
}

static const char *code(int c)
{
	switch (c) {
	case CLD_EXITED: return "EXITED";
	case CLD_KILLED: return "KILLED";
	case CLD_DUMPED: return "DUMPED";
	case CLD_STOPPED: return "STOPPED";
	case CLD_CONTINUED: return "CONTINUED";
	default: return "?";
	}
}

static void show_st(const char *what, int st)
{
	if (WIFSTOPPED(st))
		say("%s: stopped by %d\n", what, WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		say("%s: continued\n", what);
	else
		say("%s: %s\n", what, wstatus(st));
}

static void stop_cont(int flags)
{
	pid_t pid, w;
	int st, p[2];
	sigset_t chld;
	char c;

	nchld = 0;
	catch_chld(flags);
	if (pipe(p))
		exit(1);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(3);
		_exit(4);
	}
	close(p[0]);
	kill(pid, SIGSTOP);
	w = waitpid(pid, &st, WUNTRACED);
	show_st(w == pid ? "WUNTRACED" : "?", st);
	say("WNOHANG|WUNTRACED again: %d\n",
	    (int)waitpid(pid, &st, WNOHANG | WUNTRACED));
	kill(pid, SIGCONT);
	w = waitpid(pid, &st, WCONTINUED);
	show_st(w == pid ? "WCONTINUED" : "?", st);
	/* Linux sends CLD_CONTINUED when the child runs again: wait. */
	for (int i = 0; i < 100 && nchld < (flags ? 0 : 2); i++)
		usleep(10000);
	if (flags)
		usleep(50000);
	say("SIGCHLD codes for stop and continue:");
	for (int i = 0; i < nchld; i++)
		say(" %s", code(chld_codes[i]));
	say("\n");
	/* The exit's SIGCHLD may come before or after the reaping. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	if (write(p[1], "x", 1) != 1)
		exit(1);
	w = waitpid(pid, &st, 0);
	show_st(w == pid ? "exit" : "?", st);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	close(p[1]);
}

static volatile unsigned long *counter;

static void *spin(void *arg)
{
	for (;;)
		(*counter)++;
	return NULL;
}

/* A group stop stops every thread; SIGCONT resumes them all. */
static void test_group_stop(void)
{
	unsigned long before, after;
	pthread_t th;
	pid_t pid;
	int st, i;

	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		pthread_create(&th, NULL, spin, NULL);
		for (;;)
			pause();
	}
	while (!*counter)
		usleep(1000);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	show_st("threaded child", st);
	before = *counter;
	usleep(50000);
	after = *counter;
	say("no progress while stopped: %s\n", yesno(before == after));
	kill(pid, SIGCONT);
	for (i = 0; i < 1000 && *counter == after; i++)
		usleep(1000);
	say("progress after SIGCONT: %s\n", yesno(*counter != after));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	show_st("threaded child", st);
	munmap((void *)counter, 4096);
}

static void test_autoreap(void)
{
	pid_t pid;
	int st;

	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(1);
	say("SIGCHLD ignored, wait: %s\n", result(waitpid(pid, &st, 0)));
	catch_chld(SA_NOCLDWAIT);
	pid = fork();
	if (pid == 0)
		_exit(1);
	say("SA_NOCLDWAIT, wait: %s\n", result(waitpid(pid, &st, 0)));
	signal(SIGCHLD, SIG_DFL);
}

static void child_dies(int sig, const char *what)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		no_core();
		signal(SIGHUP, SIG_DFL);
		kill(getpid(), sig);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	say("%s: %s\n", what, wstatus(st));
}

static void test_pgrp(void)
{
	pid_t a, b;
	int st;

	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		pause();
		_exit(1);
	}
	setpgid(a, a);
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		pause();
		_exit(1);
	}
	setpgid(b, a);
	say("kill(-pgrp): %s\n", result(kill(-a, SIGTERM)));
	waitpid(a, &st, 0);
	say("first: %s\n", wstatus(st));
	waitpid(b, &st, 0);
	say("second: %s\n", wstatus(st));
	say("kill(-pgrp) again: %s\n", result(kill(-a, SIGTERM)));
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		show_state("after exec");
		return 0;
	}
	signal(SIGHUP, handler);
	test_fork_exec(argv[0]);
	stop_cont(0);
	stop_cont(SA_NOCLDSTOP);
	signal(SIGCHLD, SIG_DFL);
	test_group_stop();
	test_autoreap();
	child_dies(SIGTERM, "SIGTERM");
	child_dies(SIGQUIT, "SIGQUIT");
	child_dies(SIGWINCH, "SIGWINCH (ignored)");
	child_dies(SIGUSR1, "SIGUSR1");
	test_pgrp();
	return 0;
}
