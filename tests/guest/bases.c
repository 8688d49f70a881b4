/*
 * bases.c - the gs base register (arch_prctl ARCH_SET_GS / ARCH_GET_GS,
 * and wrgsbase where the CPU and kernel allow it) survives system calls,
 * switches to other processes and threads, and fork; each thread and
 * process keeps its own. (The fs base holds libc's TLS and is exercised
 * by every threaded test.)
 */
#include "guest.h"
#include <sys/auxv.h>

#define ARCH_SET_GS	0x1001
#define ARCH_GET_GS	0x1004
#define HWCAP2_FSGSBASE	(1 << 1)

static unsigned long mine[2] = { 0x1122334455667788UL, 42 };
static unsigned long other[2] = { 0x99aabbccddeeff00UL, 7 };

static unsigned long gs_word(int i)
{
	unsigned long v;

	if (i)
		__asm__ volatile("movq %%gs:8, %0" : "=r"(v));
	else
		__asm__ volatile("movq %%gs:0, %0" : "=r"(v));
	return v;
}

static int gs_is(const unsigned long *base)
{
	unsigned long got = 0;

	return RAW(SYS_arch_prctl, ARCH_GET_GS, &got) == 0 &&
	       got == (unsigned long)base && gs_word(0) == base[0] &&
	       gs_word(1) == base[1];
}

static void *thread_main(void *arg)
{
	int *ok = arg;

	ok[0] = gs_is(mine);		/* a new thread inherits it */
	RAW(SYS_arch_prctl, ARCH_SET_GS, other);
	for (int i = 0; i < 50; i++)
		sched_yield();
	ok[1] = gs_is(other);
	return NULL;
}

static void threads(void)
{
	int ok[2] = { 0, 0 };
	pthread_t t;

	if (spawn(&t, thread_main, ok)) {
		say("thread: cannot create\n");
		return;
	}
	for (int i = 0; i < 50; i++)
		sched_yield();
	check("main thread keeps its gs while the other sets its own",
	      gs_is(mine));
	pthread_join(t, NULL);
	check("new thread inherits gs", ok[0]);
	check("thread keeps its own gs across switches", ok[1]);
	check("main thread still has its gs", gs_is(mine));
}

static void processes(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int inherited = gs_is(mine);

		RAW(SYS_arch_prctl, ARCH_SET_GS, other);
		sched_yield();
		_exit(inherited && gs_is(other) ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	say("child inherits gs and sets its own: %s\n", wstatus(st));
	check("parent keeps its gs", gs_is(mine));
}

/* wrgsbase needs CPU and kernel support (HWCAP2_FSGSBASE). */
static void instruction(void)
{
	int ok = 1;

	if (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) {
		__asm__ volatile("wrgsbase %0" : : "r"(other) : "memory");
		getppid();
		ok = gs_is(other);
		__asm__ volatile("wrgsbase %0" : : "r"(mine) : "memory");
		ok = ok && gs_is(mine);
	}
	check("wrgsbase is what ARCH_GET_GS reports", ok);
}

int main(void)
{
	TRY("ARCH_SET_GS", RAW(SYS_arch_prctl, ARCH_SET_GS, mine));
	check("gs reads through the base", gs_is(mine));
	for (int i = 0; i < 100; i++)
		getppid();
	check("gs survives system calls", gs_is(mine));
	threads();
	processes();
	instruction();
	TRY("ARCH_SET_GS non-canonical",
	    RAW(SYS_arch_prctl, ARCH_SET_GS, 0x800000000000UL));
	check("gs unchanged after the refusal", gs_is(mine));
	TRY("ARCH_GET_GS to a bad pointer",
	    RAW(SYS_arch_prctl, ARCH_GET_GS, BAD_LOW));
	return 0;
}
