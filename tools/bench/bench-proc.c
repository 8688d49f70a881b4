/*
 * bench-proc.c - figures that involve more than one task.
 *
 *	fork_exit_wait	fork(); the child _exit(0)s; the parent waitpid()s
 *	fork_exec_wait	the same, but the child execs bench-true first (a
 *			static program that exits at once); its path is
 *			argv[0]'s directory + "/bench-true"
 *	pipe_pingpong	one byte there and back between two processes
 *			over two pipes: a round trip is two switches
 *	futex_pingpong	the same between two threads of one process with
 *			FUTEX_WAIT/FUTEX_WAKE on a shared word
 *
 * All in microseconds per operation (per round trip for the ping-pongs).
 * The ping-pongs pin the process to one CPU first so that they measure a
 * switch on one CPU, as on a one-CPU guest, and not a wake-up of another
 * core (whose cost depends on what the other core is doing).
 */
#include "bench.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char true_path[4096];

static int wait_ok(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		errno = ECHILD;
		return -1;
	}
	return 0;
}

static int do_fork(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0)
			_exit(0);
		if (wait_ok(pid) < 0)
			return -1;
	}
	return 0;
}

static int do_exec(void *arg, long n)
{
	char *const args[] = { true_path, NULL };
	char *const env[] = { NULL };
	long i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0) {
			execve(true_path, args, env);
			_exit(127);
		}
		if (wait_ok(pid) < 0)
			return -1;
	}
	return 0;
}

static int pipes[2][2];

static int do_pipe(void *arg, long n)
{
	char c = 0;
	long i;

	for (i = 0; i < n; i++)
		if (write(pipes[0][1], &c, 1) != 1 ||
		    read(pipes[1][0], &c, 1) != 1)
			return -1;
	return 0;
}

/* The echoing child: ends when the parent closes its end. */
static void pipe_child(void)
{
	char c;

	close(pipes[0][1]);
	close(pipes[1][0]);
	while (read(pipes[0][0], &c, 1) == 1)
		if (write(pipes[1][1], &c, 1) != 1)
			break;
	_exit(0);
}

static void bench_pipe(void)
{
	pid_t pid;

	if (pipe(pipes[0]) < 0 || pipe(pipes[1]) < 0)
		bench_die("pipe");
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0)
		pipe_child();
	close(pipes[0][0]);
	close(pipes[1][1]);
	bench_per_op("pipe_pingpong", do_pipe, NULL, 100, 10000000);
	close(pipes[0][1]);
	close(pipes[1][0]);
	if (wait_ok(pid) < 0)
		bench_die("pipe child");
}

/* 0: the main thread's turn, 1: the partner's, 2: partner must stop. */
static _Atomic int turn;

static void futex_wait(int val)
{
	syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(void)
{
	syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	int t;

	while ((t = atomic_load(&turn)) != 2) {
		if (t != 1) {
			futex_wait(t);
			continue;
		}
		atomic_store(&turn, 0);
		futex_wake();
	}
	return NULL;
}

static int do_futex(void *arg, long n)
{
	long i;
	int t;

	for (i = 0; i < n; i++) {
		atomic_store(&turn, 1);
		futex_wake();
		while ((t = atomic_load(&turn)) != 0)
			futex_wait(t);
	}
	return 0;
}

static void bench_futex(void)
{
	pthread_t th;
	int err = pthread_create(&th, NULL, partner, NULL);

	if (err) {
		errno = err;
		bench_die("pthread_create");
	}
	bench_per_op("futex_pingpong", do_futex, NULL, 100, 10000000);
	atomic_store(&turn, 2);
	futex_wake();
	pthread_join(th, NULL);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	cpu_set_t one;

	bench_init(argc, argv);
	snprintf(true_path, sizeof(true_path), "%.*s/bench-true",
		 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");

	bench_per_op("fork_exit_wait", do_fork, NULL, 10, 100000);
	bench_per_op("fork_exec_wait", do_exec, NULL, 10, 100000);

	CPU_ZERO(&one);
	CPU_SET(sched_getcpu() > 0 ? sched_getcpu() : 0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	bench_pipe();
	bench_futex();
	return 0;
}
