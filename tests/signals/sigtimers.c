/*
 * sigtimers.c - timers that send signals, and sleeps: alarm, setitimer
 * and getitimer (ITIMER_REAL periodic, ITIMER_PROF while spinning),
 * timer_create with SIGEV_SIGNAL / SIGEV_THREAD_ID / SIGEV_NONE,
 * timer_settime absolute and relative, timer_gettime, timer_delete,
 * nanosleep interrupted (EINTR, time left) and clock_nanosleep with
 * TIMER_ABSTIME. Counts and relations are printed, never times.
 */
#include "../guest/guest.h"
#include <sys/time.h>
#include <time.h>

static volatile int alarms;

static void on_alarm(int sig)
{
	alarms++;
}

static void catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void test_alarm(void)
{
	struct itimerval it, old;

	catch(SIGALRM, on_alarm);
	say("alarm(0) with none: %u\n", alarm(0));
	alarm(5);
	say("alarm(0) after alarm(5): %u\n", alarm(0));
	alarm(1);
	pause();
	say("alarm fired: %d\n", alarms);
	alarms = 0;
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 20000;
	it.it_value = it.it_interval;
	TRY("setitimer REAL 20 ms", setitimer(ITIMER_REAL, &it, NULL));
	while (alarms < 5)
		pause();
	getitimer(ITIMER_REAL, &old);
	say("5 SIGALRMs; interval kept %s, armed %s\n",
	    yesno(old.it_interval.tv_usec == 20000),
	    yesno(old.it_value.tv_sec || old.it_value.tv_usec));
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &old);
	getitimer(ITIMER_REAL, &old);
	say("disarmed: %s\n", yesno(!old.it_value.tv_sec &&
				    !old.it_value.tv_usec));
	say("bad which: %s\n", result(getitimer(7, &old)));
}

static volatile int profs;

static void on_prof(int sig)
{
	profs++;
}

static void test_prof(void)
{
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	volatile unsigned long spin = 0;

	catch(SIGPROF, on_prof);
	setitimer(ITIMER_PROF, &it, NULL);
	while (profs < 3)
		spin++;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	say("ITIMER_PROF while spinning: at least 3 SIGPROF\n");
}

static void test_posix_timers(void)
{
	struct sigevent ev;
	struct itimerspec its, cur;
	timer_t t;
	siginfo_t si;
	sigset_t set;
	int got = 0, sig;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN;
	ev.sigev_value.sival_int = 42;
	TRY("timer_create MONOTONIC", timer_create(CLOCK_MONOTONIC, &ev, &t));
	its.it_interval.tv_sec = 0;
	its.it_interval.tv_nsec = 20 * 1000 * 1000;
	its.it_value = its.it_interval;
	TRY("timer_settime", timer_settime(t, 0, &its, NULL));
	for (int i = 0; i < 3; i++) {
		sig = sigwaitinfo(&set, &si);
		if (sig == SIGRTMIN && si.si_code == SI_TIMER &&
		    si.si_value.sival_int == 42)
			got++;
	}
	say("SI_TIMER signals with value 42: %d\n", got);
	timer_gettime(t, &cur);
	say("gettime interval 20 ms: %s\n",
	    yesno(cur.it_interval.tv_nsec == 20 * 1000 * 1000));
	say("overrun: %s\n", timer_getoverrun(t) >= 0 ? "ok" : "bad");
	TRY("timer_delete", timer_delete(t));
	say("delete again: %s\n", result(timer_delete(t)));

	/* One shot at an absolute time, to this thread. */
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev._sigev_un._tid = gettid();
	ev.sigev_value.sival_int = 7;
	TRY("timer_create THREAD_ID", timer_create(CLOCK_REALTIME, &ev, &t));
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_nsec += 30 * 1000 * 1000;
	if (its.it_value.tv_nsec >= 1000000000) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000;
	}
	its.it_interval.tv_sec = its.it_interval.tv_nsec = 0;
	TRY("settime ABSTIME", timer_settime(t, TIMER_ABSTIME, &its, NULL));
	sig = sigwaitinfo(&set, &si);
	say("one-shot: RTMIN %s value %d\n", yesno(sig == SIGRTMIN),
	    si.si_value.sival_int);
	timer_gettime(t, &cur);
	say("disarmed after: %s\n", yesno(!cur.it_value.tv_sec &&
					  !cur.it_value.tv_nsec));
	timer_delete(t);

	ev.sigev_notify = SIGEV_NONE;
	TRY("timer_create NONE", timer_create(CLOCK_MONOTONIC, &ev, &t));
	its.it_value.tv_sec = 100;
	its.it_value.tv_nsec = 0;
	timer_settime(t, 0, &its, NULL);
	timer_gettime(t, &cur);
	say("SIGEV_NONE armed, left > 99 s: %s\n",
	    yesno(cur.it_value.tv_sec >= 99));
	timer_delete(t);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0x100;
	say("bad signal: %s\n", result(timer_create(CLOCK_MONOTONIC, &ev,
						    &t)));
	say("bad clock: %s\n", result(timer_create(99, NULL, &t)));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_sleep(void)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 }, now;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int r;

	catch(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
	r = nanosleep(&req, &rem);
	say("nanosleep interrupted: %s, time left between 4 and 5 s: %s\n",
	    result(r), yesno(rem.tv_sec == 4 || (rem.tv_sec == 5 &&
						  rem.tv_nsec == 0)));
	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_sec -= 1;
	say("clock_nanosleep ABSTIME in the past: %d\n",
	    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL));
	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_nsec += 20 * 1000 * 1000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
	clock_gettime(CLOCK_MONOTONIC, &req);
	say("clock_nanosleep ABSTIME: %d, woke after the deadline: %s\n", r,
	    yesno(req.tv_sec > now.tv_sec || (req.tv_sec == now.tv_sec &&
					      req.tv_nsec >= now.tv_nsec)));
	req.tv_nsec = 1000000000;
	say("bad timespec: %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &req,
						  NULL));
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * A stop and continue (no handler) interrupt a 500 ms sleep for 300 ms:
 * restarted with the time left it ends at ~500 ms, not ~900 ms.
 */
static void test_sleep_restart(void)
{
	struct timespec t0, req = { 0, 500 * 1000 * 1000 };
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (nanosleep(&req, NULL))
			_exit(2);
		_exit(ms_since(&t0) < 750 ? 0 : 1);
	}
	usleep(100000);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	usleep(300000);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	say("stopped sleep resumes with the time left: %s\n", wstatus(st));
}

int main(void)
{
	test_alarm();
	test_prof();
	test_posix_timers();
	test_sleep();
	test_sleep_restart();
	return 0;
}
