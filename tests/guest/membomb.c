/*
 * membomb.c - guest processes that allocate and touch memory until they
 * cannot: each must end by ENOMEM or by being killed (inside umk with a
 * small mem=, by the OOM killer), and the system must go on working.
 * RLIMIT_AS (512 MiB) keeps the native run from hurting the host; inside
 * umk guest RAM runs out long before that.
 */
#include "guest.h"
#include <sys/mman.h>

#define CHUNK (1 << 20)

static void touch_all(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 4096)
		p[i] = 1;
}

static void limit_as(void)
{
	struct rlimit rl = { 512UL << 20, 512UL << 20 };

	no_core();
	setrlimit(RLIMIT_AS, &rl);
}

static int mmap_bomb(void *arg)
{
	unsigned char *p;

	limit_as();
	for (;;) {
		p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return errno == ENOMEM ? 2 : 3;
		touch_all(p, CHUNK);
	}
}

static int malloc_bomb(void *arg)
{
	unsigned char *p;

	limit_as();
	for (;;) {
		p = malloc(CHUNK / 4);
		if (!p)
			return 2;
		touch_all(p, CHUNK / 4);
	}
}

static int brk_bomb(void *arg)
{
	unsigned long cur, want;

	limit_as();
	cur = syscall(SYS_brk, 0);
	for (;;) {
		want = cur + CHUNK;
		cur = syscall(SYS_brk, want);
		if (cur != want)
			return 2;
		touch_all((unsigned char *)(cur - CHUNK), CHUNK);
	}
}

/* a bomb whose memory is shared by two processes */
static int shared_bomb(void *arg)
{
	unsigned char *p;

	limit_as();
	if (fork() < 0)
		return 4;
	for (;;) {
		p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return 2;
		touch_all(p, CHUNK);
	}
}

static int ended_well(int st)
{
	return (WIFEXITED(st) && WEXITSTATUS(st) == 2) ||
		(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static int still_works(void *arg)
{
	unsigned char *p = malloc(8 << 20);

	if (!p)
		return 1;
	touch_all(p, 8 << 20);
	free(p);
	return 0;
}

int main(void)
{
	static const struct {
		const char *name;
		int (*fn)(void *);
	} bombs[] = {
		{ "mmap", mmap_bomb }, { "malloc", malloc_bomb },
		{ "brk", brk_bomb }, { "shared mapping", shared_bomb },
	};
	size_t i;
	int st;

	for (i = 0; i < ARRAY_SIZE(bombs); i++) {
		st = run_child(bombs[i].fn, NULL);
		say("%s bomb ended by ENOMEM or SIGKILL: %s\n", bombs[i].name,
		    yesno(ended_well(st)));
		if (!ended_well(st))
			say("  it %s\n", wstatus(st));
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	say("8 MiB allocated and touched afterwards: %s\n",
	    wstatus(run_child(still_works, NULL)));
	say("done\n");
	return 0;
}
