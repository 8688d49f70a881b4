/*
 * sigfds.c - waiting on files: epoll on pipes (level- and edge-
 * triggered, EPOLLONESHOT, EPOLLHUP, epoll_ctl errors, an epoll inside
 * an epoll), eventfd (counter and semaphore mode, non-blocking), timerfd
 * (expiration counts, gettime, poll), signalfd (reads with siginfo),
 * epoll_pwait with a signal mask, and ppoll's mask.
 */
#include "../guest/guest.h"
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

static int ep_show(int ep, int timeout, const char *what)
{
	struct epoll_event ev[8];
	int n = epoll_wait(ep, ev, 8, timeout);

	say("%s: %s", what, resval(n));
	for (int i = 0; i < n; i++)
		say(" [data %d events 0x%x]", (int)ev[i].data.u32,
		    ev[i].events);
	say("\n");
	return n;
}

static void add(int ep, int op, int fd, uint32_t events, uint32_t data)
{
	struct epoll_event ev = { .events = events, .data.u32 = data };

	if (epoll_ctl(ep, op, fd, &ev))
		say("epoll_ctl(%d) failed: %s\n", op, errname(errno));
}

static void test_epoll_pipe(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC), p[2], q[2];
	struct epoll_event ev = { .events = EPOLLIN };
	char buf[8];

	if (pipe(p) || pipe(q))
		exit(1);
	add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	add(ep, EPOLL_CTL_ADD, q[0], EPOLLIN | EPOLLET, 2);
	ep_show(ep, 0, "empty");
	say("ADD twice: %s\n", result(epoll_ctl(ep, EPOLL_CTL_ADD, p[0],
						 &ev)));
	say("MOD unknown: %s\n", result(epoll_ctl(ep, EPOLL_CTL_MOD, p[1],
						   &ev)));
	say("ADD itself: %s\n", result(epoll_ctl(ep, EPOLL_CTL_ADD, ep,
						  &ev)));
	say("ADD bad fd: %s\n", result(epoll_ctl(ep, EPOLL_CTL_ADD, 99,
						  &ev)));
	say("not an epoll: %s\n", result(epoll_ctl(p[0], EPOLL_CTL_ADD,
						    q[0], &ev)));
	say("maxevents 0: %s\n", result(epoll_wait(ep, &ev, 0, 0)));
	if (write(p[1], "a", 1) != 1 || write(q[1], "b", 1) != 1)
		exit(1);
	ep_show(ep, 0, "both written (LT 1, ET 2)");
	ep_show(ep, 0, "again: LT still, ET not");
	if (write(q[1], "c", 1) != 1)
		exit(1);
	ep_show(ep, 0, "ET after another write");
	if (read(p[0], buf, 8) != 1)
		exit(1);
	ep_show(ep, 0, "LT drained");
	add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 3);
	if (write(p[1], "d", 1) != 1)
		exit(1);
	ep_show(ep, 0, "oneshot");
	ep_show(ep, 0, "oneshot spent");
	add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 4);
	ep_show(ep, 0, "oneshot re-armed");
	add(ep, EPOLL_CTL_DEL, q[0], 0, 0);
	say("DEL again: %s\n", result(epoll_ctl(ep, EPOLL_CTL_DEL, q[0],
						 NULL)));
	add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 5);
	close(p[1]);
	ep_show(ep, 0, "writer closed");
	if (read(p[0], buf, 8) != 1)
		exit(1);
	ep_show(ep, 0, "drained, writer closed");
	add(ep, EPOLL_CTL_ADD, q[1], EPOLLOUT, 6);
	ep_show(ep, 0, "pipe write end");
	close(q[0]);
	ep_show(ep, 0, "reader gone");
	close(p[0]);
	close(q[1]);
	ep_show(ep, 0, "all closed");
	close(ep);
}

static void test_epoll_wait_blocks(void)
{
	int ep = epoll_create1(0), inner = epoll_create1(0), p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		exit(1);
	add(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	add(ep, EPOLL_CTL_ADD, inner, EPOLLIN, 9);
	ep_show(ep, 0, "nested, nothing");
	pid = fork();
	if (pid == 0) {
		usleep(30000);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	ep_show(ep, 5000, "nested, child wrote");
	ep_show(inner, 0, "inner");
	if (read(p[0], &c, 1) != 1)
		exit(1);
	ep_show(inner, 20, "inner drained, 20 ms timeout");
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	close(inner);
	close(ep);
}

static void test_eventfd(void)
{
	int fd = eventfd(3, EFD_NONBLOCK), ep = epoll_create1(0);
	uint64_t v = 0;

	add(ep, EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLOUT, 1);
	ep_show(ep, 0, "eventfd 3");
	say("read: %s", resval(read(fd, &v, 8)));
	say(" value %llu\n", (unsigned long long)v);
	say("read empty: %s\n", resval(read(fd, &v, 8)));
	ep_show(ep, 0, "eventfd 0");
	v = 5;
	say("write 5: %s\n", resval(write(fd, &v, 8)));
	v = ~0ULL;
	say("write ~0: %s\n", resval(write(fd, &v, 8)));
	say("short read: %s\n", resval(read(fd, &v, 4)));
	v = 0xfffffffffffffffaULL;
	say("write to overflow: %s\n", resval(write(fd, &v, 8)));
	close(fd);
	fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	for (int i = 0; i < 3; i++) {
		v = 0;
		say("semaphore read: %s", resval(read(fd, &v, 8)));
		say(" value %llu\n", (unsigned long long)v);
	}
	close(fd);
	say("bad flags: %s\n", result(eventfd(0, 0x4000)));
	close(ep);
}

static void test_timerfd(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), ep = epoll_create1(0);
	struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } }, cur;
	uint64_t n = 0, total = 0;

	add(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 7);
	ep_show(ep, 0, "timerfd disarmed");
	TRY("timerfd_settime", timerfd_settime(fd, 0, &its, NULL));
	timerfd_gettime(fd, &cur);
	say("interval 20 ms: %s, armed: %s\n",
	    yesno(cur.it_interval.tv_nsec == 20000000),
	    yesno(cur.it_value.tv_nsec > 0));
	while (total < 5) {
		if (read(fd, &n, 8) != 8 || n == 0)
			exit(1);
		total += n;
	}
	say("at least 5 expirations read\n");
	ep_show(ep, 2000, "timerfd ready");
	memset(&its, 0, sizeof(its));
	timerfd_settime(fd, 0, &its, NULL);
	ep_show(ep, 0, "disarmed again");
	its.it_value.tv_nsec = 10000000;
	timerfd_settime(fd, 0, &its, NULL);
	say("one shot read: %s", resval(read(fd, &n, 8)));
	say(" count %llu\n", (unsigned long long)n);
	close(fd);
	fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	say("nonblocking read: %s\n", resval(read(fd, &n, 8)));
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_sec -= 1;
	timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL);
	usleep(30000);
	say("ABSTIME in the past: %s", resval(read(fd, &n, 8)));
	say(" count %llu\n", (unsigned long long)n);
	say("bad clock: %s\n", result(timerfd_create(99, 0)));
	close(fd);
	close(ep);
}

static volatile int handled;

static void handler(int sig)
{
	handled++;
}

static void test_signalfd(void)
{
	struct signalfd_siginfo si;
	int fd, ep = epoll_create1(0);
	union sigval v;
	sigset_t set, pend;
	ssize_t n;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, SFD_NONBLOCK);
	add(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 8);
	ep_show(ep, 0, "signalfd, none pending");
	say("read none: %s\n", resval(read(fd, &si, sizeof(si))));
	raise(SIGUSR1);
	v.sival_int = 77;
	sigqueue(getpid(), SIGRTMIN, v);
	ep_show(ep, 0, "signalfd, two pending");
	n = read(fd, &si, sizeof(si));
	say("read: %s signo %d code %d pid ok %s\n", resval(n),
	    (int)si.ssi_signo, si.ssi_code,
	    yesno(si.ssi_pid == (unsigned int)getpid()));
	n = read(fd, &si, sizeof(si));
	say("read: %s RTMIN %s int %d code SI_QUEUE %s\n", resval(n),
	    yesno((int)si.ssi_signo == SIGRTMIN), si.ssi_int,
	    yesno(si.ssi_code == SI_QUEUE));
	sigpending(&pend);
	say("still pending: %s\n", yesno(sigismember(&pend, SIGUSR1)));
	say("short read: %s\n", resval(read(fd, &si, 10)));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	say("update mask: %s\n", yesno(signalfd(fd, &set, 0) == fd));
	close(fd);
	close(ep);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_pwait_mask(void)
{
	struct sigaction sa;
	struct epoll_event ev;
	struct pollfd pf;
	struct timespec ts = { 1, 0 };
	sigset_t block, empty, cur;
	int ep = epoll_create1(0), p[2], r;

	if (pipe(p))
		exit(1);
	add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR2);
	say("blocked, handled: %d\n", handled);
	sigemptyset(&empty);
	r = epoll_pwait(ep, &ev, 1, 1000, &empty);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	say("epoll_pwait: %s, handled %d, mask back %s\n", result(r),
	    handled, yesno(sigismember(&cur, SIGUSR2)));
	raise(SIGUSR2);
	pf.fd = p[0];
	pf.events = POLLIN;
	r = ppoll(&pf, 1, &ts, &empty);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	say("ppoll: %s, handled %d, mask back %s\n", result(r), handled,
	    yesno(sigismember(&cur, SIGUSR2)));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(void)
{
	test_epoll_pipe();
	test_epoll_wait_blocks();
	test_eventfd();
	test_timerfd();
	test_signalfd();
	test_pwait_mask();
	return 0;
}
