/* process.c - the umk host process itself: exit, re-exec, backtraces, CPUs. */
#include <cpuid.h>
#include <errno.h>
#include <sched.h>
#include <execinfo.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <os.h>

#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE		(1 << 1)
#endif

static char **saved_argv;

void os_save_argv(int argc, char **argv)
{
	(void)argc;
	saved_argv = argv;
}

void os_exit(int status)
{
	_exit(status);
}

/*
 * Stub processes survive an exec of their tracer (they only die when it
 * exits), so a restart kills every child of ours first.
 */
static void kill_children(void)
{
	char path[64];
	FILE *f;
	int pid;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children",
		 (int)getpid());
	f = fopen(path, "r");
	if (!f)
		return;
	while (fscanf(f, "%d", &pid) == 1)
		kill(pid, SIGKILL);
	fclose(f);
}

void os_reexec(void)
{
	kill_children();
	execv("/proc/self/exe", saved_argv);
	fprintf(stderr, "umk: restart failed: re-exec: errno %d\n", errno);
	_exit(3);
}

/* Frame addresses with symbol names (the binary is linked -rdynamic). */
void os_dump_backtrace(void)
{
	void *frames[64];
	int n = backtrace(frames, 64);

	backtrace_symbols_fd(frames, n, STDERR_FILENO);
}

int os_getrandom(void *buf, size_t len)
{
	ssize_t n = getrandom(buf, len, 0);

	return n < 0 ? -errno : (int)n;
}

bool os_has_fsgsbase(void)
{
	return getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE;
}

int os_current_cpu(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}

bool os_has_rdtscp(void)
{
	unsigned int a, b, c, d;

	/* CPUID 0x80000001 EDX bit 27: RDTSCP. */
	return __get_cpuid(0x80000001, &a, &b, &c, &d) && (d & (1U << 27));
}

int os_avoid_cpu(int pid, int cpu)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return -errno;
	CPU_CLR(cpu, &set);
	if (!CPU_COUNT(&set))
		return -EINVAL;
	return sched_setaffinity(pid, sizeof(set), &set) < 0 ? -errno : 0;
}

int os_nr_cpus_allowed(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	n = CPU_COUNT(&set);
	return n > 0 ? n : 1;
}
