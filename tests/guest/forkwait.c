/*
 * forkwait.c - fork, exit and wait: process trees, exit statuses, the
 * wait4/waitid variants, zombies, orphans and vfork.
 *
 * Orphans go to the nearest child subreaper, else to pid 1. Inside umk
 * this program is pid 1; natively it makes itself a subreaper, so in both
 * cases orphans come back to it and it can reap them.
 */
#include "guest.h"
#include <sched.h>
#include <time.h>

static int exit_code(void *arg)
{
	return (int)(long)arg;
}

static int raw_exit_group(void *arg)
{
	syscall(SYS_exit_group, (long)arg);
	return 99;
}

static int kill_self(void *arg)
{
	kill(getpid(), (int)(long)arg);
	return 99;
}

static void exit_statuses(void)
{
	static const int codes[] = { 0, 1, 42, 127, 255, 256, 257 };
	pid_t pid;
	size_t i;
	int st;

	for (i = 0; i < ARRAY_SIZE(codes); i++)
		say("_exit(%d): %s\n", codes[i],
		    wstatus(run_child(exit_code, (void *)(long)codes[i])));
	say("exit_group(300): %s\n",
	    wstatus(run_child(raw_exit_group, (void *)300L)));
	say("kill(self, SIGTERM): %s\n",
	    wstatus(run_child(kill_self, (void *)(long)SIGTERM)));
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	say("SIGKILL from the parent: %s\n", wstatus(st));
}

static void identities(void)
{
	pid_t me = getpid(), pid;
	int fds[2], st;
	pid_t seen[2];

	check("main thread: gettid() == getpid()", syscall(SYS_gettid) == me);
	if (pipe(fds) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		seen[0] = getpid();
		seen[1] = getppid();
		if (write(fds[1], seen, sizeof(seen)) != sizeof(seen))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], seen, sizeof(seen)) != sizeof(seen))
		seen[0] = seen[1] = 0;
	close(fds[0]);
	waitpid(pid, &st, 0);
	check("fork returned the child's pid to the parent", seen[0] == pid);
	check("child pid differs from parent", pid != me);
	check("child's getppid() is the parent", seen[1] == me);
}

/* a tree of depth 3 and fan-out 3; each node exits with its size */
static int tree(int depth)
{
	pid_t kids[3];
	int i, st, n = 1;

	for (i = 0; depth > 0 && i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(tree(depth - 1));
	}
	for (i = 0; depth > 0 && i < 3; i++) {
		if (kids[i] < 0 || waitpid(kids[i], &st, 0) != kids[i] ||
		    !WIFEXITED(st))
			return 0;
		n += WEXITSTATUS(st);
	}
	return n;
}

static void many_children(void)
{
	int i, st, sum = 0, reaped = 0;

	for (i = 0; i < 100; i++)
		if (fork() == 0)
			_exit(i);
	while (wait(&st) > 0) {
		reaped++;
		sum += WEXITSTATUS(st);
	}
	say("100 children: reaped %d, exit codes sum to %d, then %s\n",
	    reaped, sum, errname(errno));
	say("process tree of depth 3, fan-out 3: %d processes\n", tree(3));
}

static void wait_variants(void)
{
	siginfo_t si;
	struct rusage ru;
	pid_t pid;
	int st;

	say("wait with no children: %s\n", result(wait(&st)));
	say("waitpid(self): %s\n", result(waitpid(getpid(), &st, 0)));
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	say("WNOHANG on a running child: %s\n",
	    resval(waitpid(pid, &st, WNOHANG)));
	say("waitid WNOHANG on a running child: %s\n",
	    result(waitid(P_PID, pid, &si, WEXITED | WNOHANG)));
	say("waitid without WEXITED etc.: %s\n",
	    result(waitid(P_ALL, 0, &si, 0)));
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof(si));
	say("waitid P_PID: %s\n", result(waitid(P_PID, pid, &si, WEXITED)));
	check("  si_pid is the child", si.si_pid == pid);
	check("  si_signo SIGCHLD", si.si_signo == SIGCHLD);
	check("  si_code CLD_KILLED", si.si_code == CLD_KILLED);
	say("  si_status: %d\n", si.si_status);
	pid = fork();
	if (pid == 0)
		_exit(9);
	say("wait4 with rusage: %s\n", result(wait4(pid, &st, 0, &ru)));
	say("  status: %s\n", wstatus(st));
	pid = fork();
	if (pid == 0)
		_exit(10);
	memset(&si, 0, sizeof(si));
	say("waitid P_ALL: %s\n", result(waitid(P_ALL, 0, &si, WEXITED)));
	check("  CLD_EXITED with status 10", si.si_code == CLD_EXITED &&
	      si.si_status == 10 && si.si_pid == pid);
}

static void zombies(void)
{
	siginfo_t si;
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0)
		_exit(7);
	memset(&si, 0, sizeof(si));
	say("waitid WNOWAIT: %s\n",
	    result(waitid(P_PID, pid, &si, WEXITED | WNOWAIT)));
	check("  reports the exit", si.si_pid == pid && si.si_status == 7);
	say("kill(zombie, 0): %s\n", result(kill(pid, 0)));
	say("kill(zombie, SIGKILL): %s\n", result(kill(pid, SIGKILL)));
	say("waitpid after WNOWAIT: %s\n",
	    result(waitpid(pid, &st, 0) == pid ? 0 : -1));
	say("  status: %s\n", wstatus(st));
	say("kill(reaped pid, 0): %s\n", result(kill(pid, 0)));
	say("waitpid(reaped pid): %s\n", result(waitpid(pid, &st, 0)));
}

static int wait_reparent(pid_t old)
{
	struct timespec ts = { 0, 1000000 };
	int i;

	for (i = 0; i < 5000 && getppid() == old; i++)
		nanosleep(&ts, NULL);
	return getppid() != old;
}

/* middle process: fork a running orphan and a zombie, report, exit */
static void orphan_parent(int fd, pid_t reaper)
{
	pid_t me = getpid(), kids[2];
	char r[2];
	siginfo_t si;

	kids[0] = fork();
	if (kids[0] == 0) {
		r[0] = wait_reparent(me);
		r[1] = getppid() == reaper || getppid() == 1;
		if (write(fd, r, 2) != 2)
			_exit(1);
		_exit(6);
	}
	kids[1] = fork();
	if (kids[1] == 0)
		_exit(5);
	waitid(P_PID, kids[1], &si, WEXITED | WNOWAIT);
	if (write(fd, kids, sizeof(kids)) != sizeof(kids))
		_exit(1);
	_exit(0);
}

static void orphans(void)
{
	pid_t me = getpid(), mid, kids[2];
	int fds[2], st;
	char r[2] = { 0, 0 };

	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (pipe(fds) < 0)
		return;
	mid = fork();
	if (mid == 0)
		orphan_parent(fds[1], me);
	close(fds[1]);
	if (read(fds[0], kids, sizeof(kids)) != sizeof(kids))
		kids[0] = kids[1] = 0;
	waitpid(mid, &st, 0);
	say("parent of the orphans: %s\n", wstatus(st));
	if (read(fds[0], r, 2) != 2)
		say("no report from the orphan\n");
	close(fds[0]);
	check("orphan's getppid() changed", r[0]);
	check("orphan's new parent is init or the subreaper", r[1]);
	say("reaping the orphan: %s\n",
	    result(waitpid(kids[0], &st, 0) == kids[0] ? 0 : -1));
	say("  status: %s\n", wstatus(st));
	say("reaping the orphaned zombie: %s\n",
	    result(waitpid(kids[1], &st, 0) == kids[1] ? 0 : -1));
	say("  status: %s\n", wstatus(st));
}

static void vfork_shares(void)
{
	volatile int shared = 0;
	pid_t pid;
	int st;

	pid = vfork();
	if (pid == 0) {
		shared = 1;
		_exit(3);
	}
	waitpid(pid, &st, 0);
	check("vfork child ran first and shared our memory", shared == 1);
	say("vfork child: %s\n", wstatus(st));
}

int main(void)
{
	identities();
	exit_statuses();
	many_children();
	wait_variants();
	zombies();
	orphans();
	vfork_shares();
	say("done\n");
	return 0;
}
