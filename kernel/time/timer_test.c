/*
 * timer_test.c - KUnit tests for kernel timers, sleeping, the clocks and
 * the software masking of the tick interrupt.
 */
#include <kunit/test.h>
#include <umk/completion.h>
#include <umk/errno.h>
#include <umk/irqflags.h>
#include <umk/ktime.h>
#include <umk/sched.h>
#include <umk/timer.h>

#define TICK_NS	(NSEC_PER_SEC / HZ)

struct fired {
	int order[8];
	u64 at[8];
	int count;
	int in_irq;		/* fired in irq context, irqs masked */
	int expect;
	struct completion all;
};

struct test_timer {
	struct timer_list timer;
	int id;
	int rearm;		/* times the callback re-arms itself */
	struct fired *log;
};

static void record_fire(struct timer_list *t)
{
	struct test_timer *tt = container_of(t, struct test_timer, timer);
	struct fired *f = tt->log;

	if (in_interrupt() && irqs_disabled())
		f->in_irq++;
	if (f->count < (int)ARRAY_SIZE(f->order)) {
		f->order[f->count] = tt->id;
		f->at[f->count] = jiffies;
	}
	if (++f->count == f->expect)
		complete(&f->all);
	if (tt->rearm > 0) {
		tt->rearm--;
		mod_timer(t, jiffies + 1);
	}
}

static void arm(struct test_timer *tt, struct fired *f, int id, u64 when)
{
	tt->id = id;
	tt->rearm = 0;
	tt->log = f;
	timer_setup(&tt->timer, record_fire);
	mod_timer(&tt->timer, when);
}

static void init_fired(struct fired *f, int expect)
{
	f->count = 0;
	f->in_irq = 0;
	f->expect = expect;
	init_completion(&f->all);
}

static void timer_test_order(struct kunit *test)
{
	struct test_timer tt[3];
	struct fired f;
	u64 now = jiffies;

	init_fired(&f, 3);
	arm(&tt[0], &f, 1, now + 3);
	arm(&tt[1], &f, 2, now + 1);
	arm(&tt[2], &f, 3, now + 2);
	KUNIT_EXPECT_TRUE(test, timer_pending(&tt[0].timer));
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&f.all, HZ), 0L);
	for (int i = 0; i < 3; i++)
		del_timer(&tt[i].timer);
	KUNIT_ASSERT_EQ(test, f.count, 3);
	KUNIT_EXPECT_EQ(test, f.in_irq, 3);
	KUNIT_EXPECT_EQ(test, f.order[0], 2);
	KUNIT_EXPECT_EQ(test, f.order[1], 3);
	KUNIT_EXPECT_EQ(test, f.order[2], 1);
	KUNIT_EXPECT_GE(test, f.at[0], now + 1);
	KUNIT_EXPECT_GE(test, f.at[2], now + 3);
	KUNIT_EXPECT_FALSE(test, timer_pending(&tt[0].timer));
}

static void timer_test_del_before_expiry(struct kunit *test)
{
	struct test_timer tt;
	struct fired f;

	init_fired(&f, 1);
	arm(&tt, &f, 1, jiffies + 1);
	KUNIT_EXPECT_EQ(test, del_timer(&tt.timer), 1);
	KUNIT_EXPECT_FALSE(test, timer_pending(&tt.timer));
	KUNIT_EXPECT_EQ(test, del_timer(&tt.timer), 0);
	msleep(3 * 1000 / HZ);
	KUNIT_EXPECT_EQ(test, f.count, 0);
}

static void timer_test_mod_timer_rearms(struct kunit *test)
{
	struct test_timer tt;
	struct fired f;
	u64 now = jiffies;

	init_fired(&f, 1);
	arm(&tt, &f, 1, now + 1);
	KUNIT_EXPECT_EQ(test, mod_timer(&tt.timer, now + 3), 1);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&f.all, HZ), 0L);
	del_timer(&tt.timer);
	KUNIT_EXPECT_EQ(test, f.count, 1);
	KUNIT_EXPECT_GE(test, f.at[0], now + 3);
	KUNIT_EXPECT_EQ(test, mod_timer(&tt.timer, jiffies + HZ), 0);
	KUNIT_EXPECT_EQ(test, del_timer(&tt.timer), 1);
}

/* A callback that re-arms itself fires again, once per arming. */
static void timer_test_periodic(struct kunit *test)
{
	struct test_timer tt;
	struct fired f;

	init_fired(&f, 3);
	arm(&tt, &f, 1, jiffies + 1);
	tt.rearm = 2;
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&f.all, HZ), 0L);
	KUNIT_EXPECT_FALSE(test, timer_pending(&tt.timer));
	del_timer(&tt.timer);
	KUNIT_EXPECT_EQ(test, f.count, 3);
	KUNIT_EXPECT_GT(test, f.at[1], f.at[0]);
	KUNIT_EXPECT_GT(test, f.at[2], f.at[1]);
}

static void timer_test_msleep(struct kunit *test)
{
	ktime_t start = ktime_get_ns(), took;

	msleep(20);
	took = ktime_get_ns() - start;
	KUNIT_EXPECT_GE(test, took, 20 * NSEC_PER_MSEC);
	KUNIT_EXPECT_LT(test, took, NSEC_PER_SEC);
}

static void timer_test_monotonic(struct kunit *test)
{
	ktime_t prev = ktime_get_ns(), now;
	bool backwards = false;

	for (int i = 0; i < 10000; i++) {
		now = ktime_get_ns();
		if (now < prev)
			backwards = true;
		prev = now;
	}
	KUNIT_EXPECT_FALSE(test, backwards);
	KUNIT_EXPECT_GT(test, prev, 0LL);
	/* jiffies follow the same clock. */
	KUNIT_EXPECT_LE(test, jiffies, (u64)ktime_get_ns() / TICK_NS);
}

static void timer_test_realtime(struct kunit *test)
{
	const ktime_t shift = 1000 * NSEC_PER_SEC;
	ktime_t before = ktime_get_real_ns(), after;

	/* Some time after 2020: the host clock is read. */
	KUNIT_EXPECT_GT(test, before, 1577836800LL * NSEC_PER_SEC);
	ktime_set_real_ns(before + shift);
	after = ktime_get_real_ns();
	ktime_set_real_ns(after - shift);
	KUNIT_EXPECT_GE(test, after, before + shift);
	KUNIT_EXPECT_LT(test, after, before + shift + NSEC_PER_SEC);
}

/* A tick that comes while irqs are masked runs once they are enabled. */
static void timer_test_masked_tick(struct kunit *test)
{
	u64 j_before, j_masked, j_after;
	ktime_t start;

	local_irq_disable();
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	j_before = jiffies;
	start = ktime_get_ns();
	while (ktime_get_ns() - start < 3 * TICK_NS)
		barrier();
	j_masked = jiffies;
	local_irq_enable();
	j_after = jiffies;
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, j_masked, j_before);
	KUNIT_EXPECT_GE(test, j_after, j_before + 2);
}

static void dummy_irq(int irq, void *data)
{
}

static void timer_test_request_irq(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, request_irq(IRQ_TIMER, dummy_irq, NULL),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, request_irq(NR_IRQS, dummy_irq, NULL),
			-EINVAL);
	KUNIT_EXPECT_FALSE(test, in_interrupt());
}

static struct kunit_case timer_test_cases[] = {
	KUNIT_CASE(timer_test_order),
	KUNIT_CASE(timer_test_del_before_expiry),
	KUNIT_CASE(timer_test_mod_timer_rearms),
	KUNIT_CASE(timer_test_periodic),
	KUNIT_CASE(timer_test_msleep),
	KUNIT_CASE(timer_test_monotonic),
	KUNIT_CASE(timer_test_realtime),
	KUNIT_CASE(timer_test_masked_tick),
	KUNIT_CASE(timer_test_request_irq),
	{}
};

static struct kunit_suite timer_test_suite = {
	.name = "timer",
	.test_cases = timer_test_cases,
};
kunit_test_suite(timer_test_suite);
