/*
 * sigbasic.c - signal generation and delivery: delivery order (standard
 * signals lowest first, then real-time ones in order, each queued rt
 * instance with its value), coalescing of standard signals, sigpending,
 * sigqueue values, SA_RESETHAND, SA_NODEFER, sa_mask, sigaltstack,
 * SA_RESTART against EINTR on a pipe read, sigsuspend, sigtimedwait
 * (with and without a timeout), tgkill, and rt_tgsigqueueinfo.
 */
#include "../guest/guest.h"
#include <sys/time.h>
#include <time.h>

static volatile int order[32], norder;
static volatile int values[32];

static void record(int sig, siginfo_t *si, void *uc)
{
	if (norder < 32) {
		values[norder] = si->si_code == SI_QUEUE ?
				 si->si_value.sival_int : -1;
		order[norder++] = sig;
	}
}

static void catch(int sig, int flags, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static const char *name(int sig)
{
	static char buf[16];

	if (sig >= SIGRTMIN)
		snprintf(buf, sizeof(buf), "RTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof(buf), "%d", sig);
	return buf;
}

static void test_order(void)
{
	int sigs[] = { SIGUSR2, SIGUSR1, SIGINT, SIGRTMIN, SIGRTMIN + 1 };
	union sigval v;
	sigset_t all, pend;

	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		catch(sigs[i], 0, record);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	v.sival_int = 7;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	raise(SIGUSR2);
	raise(SIGUSR1);
	raise(SIGUSR1);		/* coalesces with the first */
	v.sival_int = 8;
	sigqueue(getpid(), SIGRTMIN + 1, v);	/* queues */
	v.sival_int = 5;
	sigqueue(getpid(), SIGRTMIN, v);
	raise(SIGINT);
	sigpending(&pend);
	say("pending: INT %d USR1 %d USR2 %d RTMIN %d TERM %d\n",
	    sigismember(&pend, SIGINT), sigismember(&pend, SIGUSR1),
	    sigismember(&pend, SIGUSR2), sigismember(&pend, SIGRTMIN),
	    sigismember(&pend, SIGTERM));
	norder = 0;
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	say("delivered %d:", norder);
	for (int i = 0; i < norder; i++)
		say(" %s(%d)", name(order[i]), values[i]);
	say("\n");
}

static volatile int depth, maxdepth, masked_inside, calls;

static void nodefer(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	masked_inside = sigismember(&cur, SIGUSR1) * 10 +
			sigismember(&cur, SIGUSR2);
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (++calls < 3)
		raise(sig);
	depth--;
}

static void test_flags(void)
{
	struct sigaction sa, old;

	catch(SIGUSR1, SA_NODEFER, nodefer);
	raise(SIGUSR1);
	say("SA_NODEFER: nesting depth %d, USR1/USR2 masked inside %02d\n",
	    maxdepth, masked_inside);
	maxdepth = calls = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = nodefer;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	say("default: nesting depth %d, calls %d, USR1/USR2 masked inside "
	    "%02d\n", maxdepth, calls, masked_inside);
	norder = 0;
	catch(SIGUSR2, SA_RESETHAND, record);
	raise(SIGUSR2);
	sigaction(SIGUSR2, NULL, &old);
	say("SA_RESETHAND: ran %d, handler now %s\n", norder,
	    old.sa_handler == SIG_DFL ? "SIG_DFL" : "other");
}

static char *alt;
static volatile int on_alt, ss_flags_inside;

static void altcheck(int sig, siginfo_t *si, void *uc)
{
	char here;
	stack_t cur;

	on_alt = &here >= alt && &here < alt + 65536;
	sigaltstack(NULL, &cur);
	ss_flags_inside = cur.ss_flags;
}

static void test_altstack(void)
{
	stack_t ss, old;
	char here;

	alt = malloc(65536);
	ss.ss_sp = alt;
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	TRY("sigaltstack", sigaltstack(&ss, &old));
	say("old stack disabled: %s\n", yesno(old.ss_flags == SS_DISABLE));
	catch(SIGUSR1, SA_ONSTACK, altcheck);
	raise(SIGUSR1);
	say("SA_ONSTACK handler on the alternate stack: %s (SS_ONSTACK %s)\n",
	    yesno(on_alt), yesno(ss_flags_inside == SS_ONSTACK));
	catch(SIGUSR1, 0, altcheck);
	raise(SIGUSR1);
	say("without SA_ONSTACK on it: %s\n", yesno(on_alt));
	ss.ss_size = 1;
	say("tiny stack: %s\n", result(sigaltstack(&ss, NULL)));
	ss.ss_flags = SS_DISABLE;
	TRY("disable", sigaltstack(&ss, NULL));
	(void)here;
}

static int pfd[2];

static void writer(int sig, siginfo_t *si, void *uc)
{
	if (write(pfd[1], "x", 1) != 1)
		_exit(9);
}

static void read_with(int flags, const char *what)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	char c;
	ssize_t n;

	catch(SIGALRM, flags, writer);
	setitimer(ITIMER_REAL, &it, NULL);
	n = read(pfd[0], &c, 1);
	say("%s: read %s\n", what, resval(n));
	if (n < 0)
		n = read(pfd[0], &c, 1);	/* the handler's byte */
}

static void test_restart(void)
{
	if (pipe(pfd))
		exit(1);
	read_with(0, "no SA_RESTART");
	read_with(SA_RESTART, "SA_RESTART");
	close(pfd[0]);
	close(pfd[1]);
}

static void test_wait(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	siginfo_t si;
	sigset_t set, old;
	union sigval v;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 2);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	say("sigtimedwait, nothing pending: %s\n",
	    resval(sigtimedwait(&set, &si, &ts)));
	v.sival_int = 1234;
	sigqueue(getpid(), SIGRTMIN + 2, v);
	sig = sigtimedwait(&set, &si, &ts);
	say("sigtimedwait: RTMIN+%d value %d code SI_QUEUE %s\n",
	    sig - SIGRTMIN, si.si_value.sival_int,
	    yesno(si.si_code == SI_QUEUE));
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	sig = sigwaitinfo(&set, &si);
	say("sigwaitinfo after tgkill: %d code %d pid ok %s\n",
	    sig, si.si_code, yesno(si.si_pid == getpid()));
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 99;
	si.si_pid = getpid();
	si.si_uid = getuid();
	say("rt_tgsigqueueinfo: %s\n",
	    result(syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(),
			   SIGRTMIN + 2, &si)));
	memset(&si, 0, sizeof(si));
	sigwaitinfo(&set, &si);
	say("its value: %d\n", si.si_value.sival_int);
	ts.tv_nsec = -1;
	say("bad timeout: %s\n", resval(sigtimedwait(&set, &si, &ts)));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_suspend(void)
{
	sigset_t set, old, wait;

	norder = 0;
	catch(SIGUSR1, 0, record);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	say("blocked, delivered: %d\n", norder);
	sigemptyset(&wait);
	say("sigsuspend: %s\n", result(sigsuspend(&wait)));
	sigprocmask(SIG_BLOCK, NULL, &set);
	say("delivered: %d, mask restored: %s\n", norder,
	    yesno(sigismember(&set, SIGUSR1)));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
	test_order();
	test_flags();
	test_altstack();
	test_restart();
	test_wait();
	test_suspend();
	return 0;
}
