/*
 * forkbomb.c - a fork bomb bounded by RLIMIT_NPROC: as an unprivileged
 * user with a limit of 50 processes, a tree of processes forks until fork
 * fails with EAGAIN. Nobody exits before the tree has stopped growing, so
 * exactly 50 processes exist at the peak. Then all exit, and fork works
 * again. Needs root to switch users (natively too); skipped otherwise.
 */
#include "guest.h"
#include <grp.h>
#include <sys/mman.h>
#include <time.h>

#define LIMIT 50
#define BOMB_UID 54321

/*
 * forked: forks that worked, counted by the parents; joined: the same,
 * counted by the children as they start; settled: processes done forking
 */
struct shared {
	int forked, joined, settled, eagain, other;
};

static struct shared *sh;
static int release[2];

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* fork up to 8 children (they do the same) until a fork fails */
static void node(int depth)
{
	pid_t kids[8];
	int i, n = 0;
	char c;

	for (i = 0; depth < 3 && i < 8; i++) {
		kids[n] = fork();
		if (kids[n] == 0) {
			__atomic_add_fetch(&sh->joined, 1, __ATOMIC_SEQ_CST);
			n = 0;
			i = -1;
			depth++;
			continue;
		}
		if (kids[n] < 0) {
			__atomic_add_fetch(errno == EAGAIN ? &sh->eagain :
					   &sh->other, 1, __ATOMIC_SEQ_CST);
			break;
		}
		__atomic_add_fetch(&sh->forked, 1, __ATOMIC_SEQ_CST);
		n++;
	}
	__atomic_add_fetch(&sh->settled, 1, __ATOMIC_SEQ_CST);
	if (read(release[0], &c, 1) < 0)
		c = 0;
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
}

/* processes below the bomb's root once the tree is complete, else -1 */
static int complete(void)
{
	int s = __atomic_load_n(&sh->settled, __ATOMIC_SEQ_CST);
	int j = __atomic_load_n(&sh->joined, __ATOMIC_SEQ_CST);
	int f = __atomic_load_n(&sh->forked, __ATOMIC_SEQ_CST);

	return s == j && j == f ? f : -1;
}

static int bomb(void *arg)
{
	struct rlimit rl = { LIMIT, LIMIT };
	int i, peak = 0, last;

	if (setgroups(0, NULL) || setresgid(BOMB_UID, BOMB_UID, BOMB_UID) ||
	    setresuid(BOMB_UID, BOMB_UID, BOMB_UID) ||
	    setrlimit(RLIMIT_NPROC, &rl) || pipe(release))
		return 1;
	if (fork() == 0) {
		__atomic_add_fetch(&sh->joined, 1, __ATOMIC_SEQ_CST);
		close(release[1]);
		node(1);
		_exit(0);
	}
	__atomic_add_fetch(&sh->forked, 1, __ATOMIC_SEQ_CST);
	for (i = 0, last = -1; i < 1000; i++) {
		peak = complete();
		if (peak >= 0 && peak == last)
			break;
		last = peak;
		sleep_ms(20);
	}
	peak++;
	close(release[1]);
	while (wait(NULL) > 0)
		;
	say("processes at the peak: %d\n", peak);
	check("some fork failed with EAGAIN", sh->eagain > 0);
	say("forks that failed otherwise: %d\n", sh->other);
	return 0;
}

static int nothing(void *arg)
{
	return 0;
}

int main(void)
{
	if (geteuid() != 0) {
		say("forkbomb needs root\n");
		return EXIT_SKIP;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	say("bomb: %s\n", wstatus(run_child(bomb, NULL)));
	say("fork works again: %s\n", wstatus(run_child(nothing, NULL)));
	say("done\n");
	return 0;
}
