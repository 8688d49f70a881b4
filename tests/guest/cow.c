/*
 * cow.c - copy-on-write after fork: whatever a child writes to its
 * private memory (data, bss, heap, stack, private mappings, pages never
 * touched before the fork) stays invisible to the parent and to its
 * siblings; what it writes to a shared mapping is seen by all.
 */
#include "guest.h"
#include <sys/mman.h>

#define BIG (4 << 20)

static int data_var = 1;
static int bss_var;
static unsigned char bss_buf[8192];

struct region {
	const char *name;
	unsigned char *p;
	size_t len;
};

static void fill(struct region *r, int n, unsigned char v)
{
	int i;

	for (i = 0; i < n; i++)
		memset(r[i].p, v, r[i].len);
}

/* name of the first region not all v, or NULL */
static const char *differs(struct region *r, int n, unsigned char v)
{
	size_t j;
	int i;

	for (i = 0; i < n; i++)
		for (j = 0; j < r[i].len; j++)
			if (r[i].p[j] != v)
				return r[i].name;
	return NULL;
}

static void private_regions(void)
{
	unsigned char stack_buf[4096];
	unsigned char *heap = malloc(100000);
	unsigned char *anon = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct region r[] = {
		{ "data", (unsigned char *)&data_var, sizeof(data_var) },
		{ "bss", bss_buf, sizeof(bss_buf) },
		{ "heap", heap, 100000 },
		{ "stack", stack_buf, sizeof(stack_buf) },
		{ "private anonymous mapping", anon, BIG },
	};
	int n = ARRAY_SIZE(r), st, i;
	const char *bad;
	pid_t pid;

	if (!heap || anon == MAP_FAILED) {
		say("allocation failed\n");
		return;
	}
	fill(r, n, 0x11);
	for (i = 0; i < 3; i++) {
		pid = fork();
		if (pid == 0) {
			bad = differs(r, n, 0x11);
			fill(r, n, 0x22 + i);
			bad = bad ? bad : differs(r, n, 0x22 + i);
			if (bad)
				say("child %d: %s wrong\n", i, bad);
			_exit(bad ? 1 : 0);
		}
		waitpid(pid, &st, 0);
		say("child %d wrote everything: %s\n", i, wstatus(st));
	}
	bad = differs(r, n, 0x11);
	say("parent's memory after the children: %s\n",
	    bad ? bad : "unchanged");
	fill(r, n, 0x33);
	check("parent can still write it", !differs(r, n, 0x33));
	munmap(anon, BIG);
	free(heap);
}

/* pages that nobody touched before the fork are zero in both */
static void untouched_pages(void)
{
	unsigned char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct region r = { "untouched", p, BIG };
	pid_t pid;
	int st;

	if (p == MAP_FAILED)
		return;
	pid = fork();
	if (pid == 0) {
		fill(&r, 1, 0x44);
		_exit(differs(&r, 1, 0x44) ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	say("child filled untouched pages: %s\n", wstatus(st));
	check("parent still sees zeros", !differs(&r, 1, 0));
	munmap(p, BIG);
}

/* a child's child: three generations share one page until they write */
static void generations(void)
{
	pid_t pid;
	int st;

	bss_var = 100;
	pid = fork();
	if (pid == 0) {
		bss_var = 200;
		pid = fork();
		if (pid == 0) {
			int ok = bss_var == 200;

			bss_var = 300;
			_exit(ok ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		_exit(bss_var == 200 && WIFEXITED(st) && !WEXITSTATUS(st) ?
		      0 : 1);
	}
	waitpid(pid, &st, 0);
	say("grandchild saw the child's copy, child kept its own: %s\n",
	    wstatus(st));
	check("parent kept its own", bss_var == 100);
}

static void shared_region(void)
{
	int *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	if (p == MAP_FAILED)
		return;
	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		p[0] = 2;
		p[1500] = 3;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("child's writes to MAP_SHARED|MAP_ANONYMOUS seen by parent",
	      p[0] == 2 && p[1500] == 3);
	munmap(p, 8192);
}

/* the parent writes first, while the child still reads the old data */
static void parent_writes_first(void)
{
	int fds[2], st;
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		return;
	data_var = 5;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(2);
		_exit(data_var == 5 ? 0 : 1);
	}
	data_var = 6;
	close(fds[0]);
	if (write(fds[1], "x", 1) != 1)
		say("pipe write failed\n");
	close(fds[1]);
	waitpid(pid, &st, 0);
	say("child still sees the value from before the parent wrote: %s\n",
	    wstatus(st));
}

int main(void)
{
	private_regions();
	untouched_pages();
	generations();
	shared_region();
	parent_writes_first();
	say("done\n");
	return 0;
}
