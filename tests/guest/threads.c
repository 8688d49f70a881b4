/*
 * threads.c - threads and clone(): pthreads (mutexes and condition
 * variables are futexes; thread-local storage is CLONE_SETTLS; join is
 * CLONE_CHILD_CLEARTID), how exit and exit_group end threads and
 * processes, and what each clone flag shares (CLONE_VM, CLONE_FILES,
 * CLONE_FS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID), plus the flag combinations clone refuses.
 * Also built with musl (threads-musl), whose pthreads use clone
 * differently.
 */
#include "guest.h"
#include <sched.h>

#define NTHREADS 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int go, woke;
static __thread int tls_var = 5;
static pid_t main_pid;
static pid_t tids[NTHREADS];

static void *worker(void *arg)
{
	long i, me = (long)arg;

	tids[me] = syscall(SYS_gettid);
	if (tls_var != 5)
		return (void *)1;
	tls_var = 100 + me;
	for (i = 0; i < 20000; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 1000 == 0)
			sched_yield();
	}
	if (getpid() != main_pid || tls_var != 100 + me)
		return (void *)2;
	return (void *)(me * 10);
}

static void basics(void)
{
	pthread_t t[NTHREADS];
	long sum = 0, i, j;
	int distinct = 1, made;
	void *ret;

	main_pid = getpid();
	for (made = 0; made < NTHREADS; made++)
		if (spawn(&t[made], worker, (void *)(long)made))
			break;
	for (i = 0; i < made; i++) {
		pthread_join(t[i], &ret);
		sum += (long)ret;
	}
	say("8 threads x 20000 locked increments: %ld\n", counter);
	say("sum of the values they returned: %ld\n", sum);
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < NTHREADS; j++)
			if (tids[i] == main_pid || (i != j &&
						    tids[i] == tids[j]))
				distinct = 0;
	check("thread ids distinct from each other and from the pid",
	      distinct);
	check("main thread's TLS untouched", tls_var == 5);
}

static void *waiter(void *arg)
{
	pthread_mutex_lock(&lock);
	while (!go)
		pthread_cond_wait(&cond, &lock);
	woke++;
	pthread_mutex_unlock(&lock);
	return arg;
}

static void condvar(void)
{
	pthread_t t[4];
	int i, made;

	for (made = 0; made < 4; made++)
		if (spawn(&t[made], waiter, NULL))
			break;
	pthread_mutex_lock(&lock);
	go = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	say("condition variable broadcast woke %d of 4\n", woke);
}

static void *exit_group_thread(void *arg)
{
	exit(5);
}

static void *raw_exit_thread(void *arg)
{
	syscall(SYS_exit, 0);
	return arg;
}

static void *late_exit_thread(void *arg)
{
	struct timespec ts = { 0, 20000000 };

	nanosleep(&ts, NULL);
	exit(3);
}

static int exit_from_thread(void *arg)
{
	pthread_t t;

	if (spawn(&t, exit_group_thread, NULL))
		return 1;
	pause();
	return 1;
}

static int main_exits_first(void *arg)
{
	pthread_t t;

	if (spawn(&t, late_exit_thread, NULL))
		return 1;
	pthread_exit(NULL);
}

/* no join: musl's pthread_join does not expect a raw SYS_exit */
static int thread_exits_alone(void *arg)
{
	struct timespec ts = { 0, 50000000 };
	pthread_t t;

	if (spawn(&t, raw_exit_thread, NULL))
		return 1;
	nanosleep(&ts, NULL);
	return 7;
}

static void *wait_in_thread(void *arg)
{
	int st;

	if (waitpid((pid_t)(long)arg, &st, 0) < 0)
		return (void *)-1L;
	return (void *)(long)WEXITSTATUS(st);
}

static int fork_in_thread_child(void *arg)
{
	return syscall(SYS_gettid) == getpid() ? 11 : 12;
}

static void *fork_in_thread(void *arg)
{
	return (void *)(long)run_child(fork_in_thread_child, NULL);
}

static void exits(void)
{
	pthread_t t;
	void *ret;
	pid_t pid;

	say("exit() in a second thread: %s\n",
	    wstatus(run_child(exit_from_thread, NULL)));
	say("main thread pthread_exit, other thread exit(3) later: %s\n",
	    wstatus(run_child(main_exits_first, NULL)));
	say("SYS_exit in a thread ends only that thread: %s\n",
	    wstatus(run_child(thread_exits_alone, NULL)));
	pid = fork();
	if (pid == 0)
		_exit(9);
	if (spawn(&t, wait_in_thread, (void *)(long)pid) == 0) {
		pthread_join(t, &ret);
		say("a thread reaps a child forked by the main thread: %ld\n",
		    (long)ret);
	}
	waitpid(pid, NULL, 0);
	if (spawn(&t, fork_in_thread, NULL) == 0) {
		pthread_join(t, &ret);
		say("fork from a thread, child is single-threaded: %s\n",
		    wstatus((int)(long)ret));
	}
}

static int shared_var;
static int fd_to_close;
static pid_t child_tid, parent_tid;

static int clone_fn(void *arg)
{
	shared_var = 42;
	close(fd_to_close);
	if (chdir("/") < 0)
		return 1;
	umask(0077);
	return 0;
}

static int sleepy_fn(void *arg)
{
	struct timespec ts = { 0, 20000000 };

	nanosleep(&ts, NULL);
	return 0;
}

static char stack[65536] __attribute__((aligned(16)));

static void clone_shares(const char *name, int flags)
{
	char orig[256], cwd[256], after[256];
	mode_t old;
	pid_t pid;
	int st;

	/* Start from /tmp so the child's chdir("/") is a visible change
	 * both natively and in umk (where init starts in /). */
	if (!getcwd(orig, sizeof(orig)) || chdir("/tmp") < 0 ||
	    !getcwd(cwd, sizeof(cwd)))
		return;
	shared_var = 0;
	fd_to_close = dup(1);
	old = umask(022);
	pid = clone(clone_fn, stack + sizeof(stack), flags | SIGCHLD, NULL);
	waitpid(pid, &st, 0);
	say("%s: %s, memory %s, fds %s, cwd %s, umask %s\n", name,
	    wstatus(st), shared_var == 42 ? "shared" : "private",
	    fcntl(fd_to_close, F_GETFD) < 0 ? "shared" : "private",
	    getcwd(after, sizeof(after)) && strcmp(cwd, after) ?
	    "shared" : "private", umask(022) == 0077 ? "shared" : "private");
	close(fd_to_close);
	if (chdir(orig) < 0)
		say("chdir back failed\n");
	umask(old);
}

static void clone_tids(void)
{
	pid_t pid;
	int st;

	child_tid = parent_tid = -1;
	pid = clone(sleepy_fn, stack + sizeof(stack), CLONE_VM |
		    CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID | SIGCHLD, NULL, &parent_tid, NULL,
		    &child_tid);
	check("CLONE_PARENT_SETTID stored the child's tid", parent_tid == pid);
	while (child_tid == -1)
		sched_yield();
	check("CLONE_CHILD_SETTID stored it in the child", child_tid == pid ||
	      child_tid == 0);
	while (child_tid)
		syscall(SYS_futex, &child_tid, FUTEX_WAIT, child_tid, NULL,
			NULL, 0);
	check("CLONE_CHILD_CLEARTID cleared it and woke us", child_tid == 0);
	waitpid(pid, &st, 0);
	say("that child: %s\n", wstatus(st));
}

static void clone_rules(void)
{
	pid_t pid;
	int st;

	pid = clone(sleepy_fn, stack + sizeof(stack), CLONE_VM, NULL);
	say("wait for a child with exit signal 0, no __WCLONE: %s\n",
	    result(waitpid(pid, &st, 0)));
	say("with __WALL: %s\n", result(waitpid(pid, &st, __WALL) == pid ?
					0 : -1));
	say("CLONE_THREAD without CLONE_SIGHAND: %s\n", result(clone(
	    sleepy_fn, stack + sizeof(stack), CLONE_VM | CLONE_THREAD,
	    NULL)));
	say("CLONE_SIGHAND without CLONE_VM: %s\n", result(clone(sleepy_fn,
	    stack + sizeof(stack), CLONE_SIGHAND, NULL)));
	say("CLONE_FS with CLONE_NEWNS: %s\n", result(clone(sleepy_fn,
	    stack + sizeof(stack), CLONE_FS | CLONE_NEWNS, NULL)));
}

static void *tid_thread(void *arg)
{
	return (void *)(long)syscall(SYS_gettid);
}

static void many(void)
{
	pthread_t t[50];
	int i, made = 0;

	for (i = 0; i < 50; i++)
		if (spawn(&t[made], tid_thread, NULL) == 0)
			made++;
	for (i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	say("50 threads created and joined: %d\n", made);
}

int main(void)
{
	basics();
	condvar();
	exits();
	clone_shares("clone SIGCHLD", 0);
	clone_shares("clone CLONE_VM", CLONE_VM);
	clone_shares("clone CLONE_VM|CLONE_FILES", CLONE_VM | CLONE_FILES);
	clone_shares("clone CLONE_VM|CLONE_FS", CLONE_VM | CLONE_FS);
	clone_tids();
	clone_rules();
	many();
	say("done\n");
	return 0;
}
