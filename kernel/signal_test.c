/*
 * signal_test.c - KUnit tests of signal generation: the pending-set
 * rules (standard signals coalesce, real-time ones queue in order with
 * their siginfo, delivery order, masks), sending to a process (ignored
 * signals dropped, blocked ones kept, SIGCONT against stop signals) on
 * a task built for the test, and the x86_64 frame layout glibc and musl
 * rely on.
 */
#include <kunit/test.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/signal.h>
#include <umk/slab.h>
#include <arch/sigframe.h>

static siginfo_t value_info(int sig, u64 value)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.kill.si_value = value;
	return info;
}

static void signal_test_coalesce(struct kunit *test)
{
	struct sigpending p;
	siginfo_t a = value_info(SIGUSR1, 1), b = value_info(SIGUSR1, 2);
	siginfo_t out;

	init_sigpending(&p);
	KUNIT_EXPECT_EQ(test, sigqueue_add(&p, SIGUSR1, &a), 0);
	KUNIT_EXPECT_EQ(test, sigqueue_add(&p, SIGUSR1, &b), 0);
	KUNIT_EXPECT_EQ(test, p.signal, sigmask(SIGUSR1));
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), SIGUSR1);
	KUNIT_EXPECT_EQ(test, out.kill.si_value, 1ULL);	/* the first */
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), 0);
	KUNIT_EXPECT_EQ(test, p.signal, 0ULL);
}

static void signal_test_rt_queue(struct kunit *test)
{
	struct sigpending p;
	siginfo_t i1 = value_info(SIGRTMIN + 1, 1);
	siginfo_t i2 = value_info(SIGRTMIN + 1, 2);
	siginfo_t i3 = value_info(SIGRTMIN, 3), out;

	init_sigpending(&p);
	sigqueue_add(&p, SIGRTMIN + 1, &i1);
	sigqueue_add(&p, SIGRTMIN + 1, &i2);
	sigqueue_add(&p, SIGRTMIN, &i3);
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), SIGRTMIN);
	KUNIT_EXPECT_EQ(test, out.kill.si_value, 3ULL);
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), SIGRTMIN + 1);
	KUNIT_EXPECT_EQ(test, out.kill.si_value, 1ULL);
	/* One instance left: still pending. */
	KUNIT_EXPECT_EQ(test, p.signal, sigmask(SIGRTMIN + 1));
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), SIGRTMIN + 1);
	KUNIT_EXPECT_EQ(test, out.kill.si_value, 2ULL);
	KUNIT_EXPECT_EQ(test, p.signal, 0ULL);
}

static void signal_test_order_and_mask(struct kunit *test)
{
	struct sigpending p;
	siginfo_t info, out;
	int sigs[] = { SIGRTMIN, SIGTERM, SIGINT, SIGSEGV };

	init_sigpending(&p);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		info = value_info(sigs[i], i);
		sigqueue_add(&p, sigs[i], &info);
	}
	/* Masked signals stay; a synchronous fault goes first. */
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, sigmask(SIGINT), &out),
			SIGSEGV);
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, sigmask(SIGINT), &out),
			SIGTERM);
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, sigmask(SIGINT), &out),
			SIGRTMIN);
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, sigmask(SIGINT), &out), 0);
	KUNIT_EXPECT_EQ(test, p.signal, sigmask(SIGINT));
	KUNIT_EXPECT_EQ(test, sigqueue_take(&p, 0, &out), SIGINT);
	flush_sigqueue(&p);
}

/* A one-thread process that is never run: only its queues are used. */
struct fake_proc {
	struct task_struct t;
	struct signal_struct sig;
};

static struct fake_proc *fake_proc_new(struct kunit *test)
{
	struct fake_proc *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->t.sighand = alloc_sighand();
	KUNIT_ASSERT_NOT_NULL(test, f->t.sighand);
	f->t.signal = &f->sig;
	f->t.group_leader = &f->t;
	f->t.state = TASK_RUNNING;
	init_sigpending(&f->t.pending);
	init_sigpending(&f->sig.shared_pending);
	INIT_LIST_HEAD(&f->sig.thread_head);
	list_add_tail(&f->t.thread_node, &f->sig.thread_head);
	f->sig.nr_threads = 1;
	init_waitqueue_head(&f->sig.wait_chldexit);
	return f;
}

static void fake_proc_free(struct fake_proc *f)
{
	flush_sigqueue(&f->t.pending);
	flush_sigqueue(&f->sig.shared_pending);
	put_sighand(f->t.sighand);
	kfree(f);
}

static void signal_test_send(struct kunit *test)
{
	struct fake_proc *f = fake_proc_new(test);
	struct sigaction *act = f->t.sighand->action;
	siginfo_t info = value_info(SIGUSR1, 0);
	u64 *shared = &f->sig.shared_pending.signal;

	act[SIGUSR1 - 1].sa_handler = (void __user *)0x1000;
	act[SIGTSTP - 1].sa_handler = (void __user *)0x1000;
	act[SIGUSR2 - 1].sa_handler = SIG_IGN;
	/* Ignored, or ignored by default: dropped at once. */
	KUNIT_EXPECT_EQ(test, send_signal_info(SIGUSR2, &info, &f->t, true), 0);
	KUNIT_EXPECT_EQ(test, send_signal_info(SIGWINCH, &info, &f->t, true),
			0);
	KUNIT_EXPECT_EQ(test, *shared, 0ULL);
	/* Blocked and ignored: kept, it may be unblocked later. */
	f->t.blocked = sigmask(SIGUSR2);
	send_signal_info(SIGUSR2, &info, &f->t, true);
	KUNIT_EXPECT_EQ(test, *shared, sigmask(SIGUSR2));
	/* Caught: pending, and the thread is told. */
	send_signal_info(SIGUSR1, &info, &f->t, true);
	KUNIT_EXPECT_TRUE(test, *shared & sigmask(SIGUSR1));
	KUNIT_EXPECT_TRUE(test, f->t.sigpending);
	/* A thread-directed signal goes to the thread's own queue. */
	send_signal_info(SIGUSR1, &info, &f->t, false);
	KUNIT_EXPECT_EQ(test, f->t.pending.signal, sigmask(SIGUSR1));
	/* SIGCONT removes pending stop signals, a stop signal SIGCONT. */
	f->t.blocked |= sigmask(SIGTSTP) | sigmask(SIGCONT);
	send_signal_info(SIGTSTP, &info, &f->t, true);
	KUNIT_EXPECT_TRUE(test, *shared & sigmask(SIGTSTP));
	send_signal_info(SIGCONT, &info, &f->t, true);
	KUNIT_EXPECT_FALSE(test, *shared & sigmask(SIGTSTP));
	KUNIT_EXPECT_TRUE(test, *shared & sigmask(SIGCONT));
	send_signal_info(SIGTSTP, &info, &f->t, true);
	KUNIT_EXPECT_FALSE(test, *shared & sigmask(SIGCONT));
	KUNIT_EXPECT_EQ(test, send_signal_info(0, &info, &f->t, true),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, send_signal_info(65, &info, &f->t, true),
			-EINVAL);
	fake_proc_free(f);
}

/* The offsets are Linux's: glibc, musl and debuggers hard-code them. */
static void signal_test_frame_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, offsetof(struct rt_sigframe, uc), 8UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct rt_sigframe, info), 312UL);
	KUNIT_EXPECT_EQ(test, sizeof(struct rt_sigframe), 440UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct ucontext, uc_stack), 16UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct ucontext, uc_mcontext), 40UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct ucontext, uc_sigmask), 296UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, di), 64UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, sp), 120UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, ip), 128UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, flags), 136UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, cs), 144UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, err), 152UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, oldmask), 168UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, cr2), 176UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct sigcontext_64, fpstate), 184UL);
	KUNIT_EXPECT_EQ(test, sizeof(siginfo_t), 128UL);
	KUNIT_EXPECT_EQ(test, offsetof(siginfo_t, kill.si_value), 24UL);
	KUNIT_EXPECT_EQ(test, offsetof(siginfo_t, timer.si_overrun), 20UL);
	KUNIT_EXPECT_EQ(test, offsetof(siginfo_t, chld.si_status), 24UL);
}

static struct kunit_case signal_test_cases[] = {
	KUNIT_CASE(signal_test_coalesce),
	KUNIT_CASE(signal_test_rt_queue),
	KUNIT_CASE(signal_test_order_and_mask),
	KUNIT_CASE(signal_test_send),
	KUNIT_CASE(signal_test_frame_layout),
	{}
};

static struct kunit_suite signal_test_suite = {
	.name = "signal",
	.test_cases = signal_test_cases,
};
kunit_test_suite(signal_test_suite);
