/*
 * segv.c - bad memory accesses and other CPU faults kill the process
 * with the right signal, and the parent sees it in the wait status
 * (WIFSIGNALED, WTERMSIG). Each fault happens in a child.
 */
#include "guest.h"
#include <sys/mman.h>

static volatile unsigned long sink;

static int rd(void *addr)
{
	sink = *(volatile unsigned long *)addr;
	return 0;
}

static int wr(void *addr)
{
	*(volatile unsigned long *)addr = 1;
	return 0;
}

static int jump(void *addr)
{
	((void (*)(void))addr)();
	return 0;
}

static int exec_data(void *arg)
{
	unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	p[0] = 0xc3;	/* ret */
	return jump(p);
}

static int __attribute__((noinline)) forever(int n)
{
	volatile char buf[1024];

	buf[0] = (char)n;
	if (sink == 12345)	/* never: only keeps the compiler quiet */
		return 0;
	return forever(n + 1) + buf[0];
}

static int overflow(void *arg)
{
	return forever(0);
}

static int insn_ud2(void *arg)
{
	__asm__ volatile("ud2");
	return 0;
}

static int insn_int3(void *arg)
{
	__asm__ volatile("int3");
	return 0;
}

static int insn_hlt(void *arg)
{
	__asm__ volatile("hlt");
	return 0;
}

static int divide(void *arg)
{
	unsigned int q;

	__asm__ volatile("div %2" : "=a"(q) : "a"(1), "r"(0), "d"(0));
	sink = q;
	return 0;
}

static void *thread_fault(void *arg)
{
	rd(NULL);
	return arg;
}

static int fault_in_thread(void *arg)
{
	pthread_t t;

	if (spawn(&t, thread_fault, NULL))
		return 1;
	pause();
	return 2;
}

static const char rodata[] = "read-only";

static const struct {
	const char *what;
	int (*fn)(void *);
	void *arg;
} cases[] = {
	{ "read NULL", rd, NULL },
	{ "write NULL", wr, NULL },
	{ "read address 1", rd, BAD_LOW },
	{ "read a kernel address", rd, BAD_KERNEL },
	{ "write a kernel address", wr, BAD_KERNEL },
	{ "read a non-canonical address", rd, (void *)0x0000900000000000UL },
	{ "read the top address", rd, (void *)0xfffffffffffffff0UL },
	{ "write .rodata", wr, (void *)rodata },
	{ "write our own code", wr, (void *)rd },
	{ "jump to NULL", jump, NULL },
	{ "jump to a kernel address", jump, BAD_KERNEL },
	{ "execute a data page", exec_data, NULL },
	{ "endless recursion", overflow, NULL },
	{ "fault in a second thread", fault_in_thread, NULL },
	{ "ud2", insn_ud2, NULL },
	{ "int3", insn_int3, NULL },
	{ "hlt (privileged)", insn_hlt, NULL },
	{ "divide by zero", divide, NULL },
};

int main(void)
{
	size_t i;
	int st;

	no_core();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		st = run_child(cases[i].fn, cases[i].arg);
		say("%s: %s\n", cases[i].what, wstatus(st));
	}
	st = run_child(rd, NULL);
	check("WIFSIGNALED and WTERMSIG == SIGSEGV after a NULL read",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	check("not WIFEXITED", !WIFEXITED(st));
	check("parent still fine", rd((void *)&sink) == 0);
	say("done\n");
	return 0;
}
