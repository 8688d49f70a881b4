/*
 * wait_test.c - KUnit tests for wait queues, completions and mutexes:
 * wakeups between threads, exclusive wakeups, timeouts, FIFO handoff.
 */
#include <kunit/test.h>
#include <umk/completion.h>
#include <umk/errno.h>
#include <umk/mutex.h>
#include <umk/sched.h>
#include <umk/timer.h>

/* Starts n threads on fn(arg); returns how many started (joined later). */
static int start_threads(struct task_struct **t, int n, int (*fn)(void *),
			 void *arg)
{
	int i;

	for (i = 0; i < n; i++) {
		t[i] = kthread_run(fn, arg, "wait_test");
		if (IS_ERR(t[i]))
			break;
	}
	return i;
}

static void join_threads(struct kunit *test, struct task_struct **t, int n)
{
	for (int i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, kthread_join(t[i]), 0);
}

struct wq_ctx {
	struct wait_queue_head wq;
	bool go;
	int woke;
};

static int wait_for_go(void *p)
{
	struct wq_ctx *c = p;

	wait_event(c->wq, READ_ONCE(c->go));
	c->woke++;
	return 0;
}

static void wait_test_wait_event(struct kunit *test)
{
	struct wq_ctx c = { .go = false, .woke = 0 };
	struct task_struct *t;
	int n;

	init_waitqueue_head(&c.wq);
	n = start_threads(&t, 1, wait_for_go, &c);
	yield();
	KUNIT_EXPECT_EQ(test, c.woke, 0);
	KUNIT_EXPECT_TRUE(test, waitqueue_active(&c.wq));
	/* A wakeup without the condition puts it back to sleep. */
	wake_up(&c.wq);
	yield();
	KUNIT_EXPECT_EQ(test, c.woke, 0);
	c.go = true;
	wake_up(&c.wq);
	join_threads(test, &t, n);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, c.woke, 1);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&c.wq));
}

static int wait_for_go_exclusive(void *p)
{
	struct wq_ctx *c = p;
	DEFINE_WAIT(w);

	for (;;) {
		prepare_to_wait_exclusive(&c->wq, &w, TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(c->go))
			break;
		schedule();
	}
	finish_wait(&c->wq, &w);
	c->woke++;
	return 0;
}

/* wake_up() wakes every non-exclusive waiter but one exclusive one. */
static void wait_test_exclusive(struct kunit *test)
{
	struct wq_ctx c = { .go = false, .woke = 0 };
	struct task_struct *t[5];
	int n, m;

	init_waitqueue_head(&c.wq);
	n = start_threads(t, 2, wait_for_go, &c);
	m = start_threads(t + n, 3, wait_for_go_exclusive, &c);
	yield();
	KUNIT_EXPECT_EQ(test, c.woke, 0);
	c.go = true;
	wake_up(&c.wq);
	yield();
	KUNIT_EXPECT_EQ(test, c.woke, 3);
	wake_up(&c.wq);
	yield();
	KUNIT_EXPECT_EQ(test, c.woke, 4);
	wake_up_all(&c.wq);
	join_threads(test, t, n + m);
	KUNIT_ASSERT_EQ(test, n + m, 5);
	KUNIT_EXPECT_EQ(test, c.woke, 5);
}

static void wait_test_wait_event_timeout(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	u64 start = jiffies;
	long left;

	left = wait_event_timeout(wq, false, 2);
	KUNIT_EXPECT_EQ(test, left, 0L);
	KUNIT_EXPECT_GE(test, jiffies, start + 2);
	left = wait_event_timeout(wq, true, 2);
	KUNIT_EXPECT_GT(test, left, 0L);
}

static void wait_test_completion_expires(struct kunit *test)
{
	struct completion c;
	u64 start = jiffies;

	init_completion(&c);
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c, 2), 0L);
	KUNIT_EXPECT_GE(test, jiffies, start + 2);
	KUNIT_EXPECT_FALSE(test, completion_done(&c));
}

static int do_complete(void *p)
{
	complete(p);
	return 0;
}

static void wait_test_completion_in_time(struct kunit *test)
{
	struct completion c;
	struct task_struct *t;
	int n;
	long left;

	init_completion(&c);
	n = start_threads(&t, 1, do_complete, &c);
	left = wait_for_completion_timeout(&c, HZ);
	join_threads(test, &t, n);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_GT(test, left, 0L);
	/* The one complete() was consumed. */
	KUNIT_EXPECT_FALSE(test, completion_done(&c));
	complete_all(&c);
	wait_for_completion(&c);
	wait_for_completion(&c);
	KUNIT_EXPECT_TRUE(test, completion_done(&c));
}

struct mutex_ctx {
	struct mutex lock;
	int counter;
	int inside;
	int max_inside;
	char order[8];
	int len;
};

static int bump_counter(void *p)
{
	struct mutex_ctx *c = p;
	int seen;

	for (int i = 0; i < 50; i++) {
		mutex_lock(&c->lock);
		seen = c->counter;
		if (++c->inside > c->max_inside)
			c->max_inside = c->inside;
		yield();	/* others run, and must wait */
		c->counter = seen + 1;
		c->inside--;
		mutex_unlock(&c->lock);
	}
	return 0;
}

static void wait_test_mutex_contention(struct kunit *test)
{
	struct mutex_ctx c = { .counter = 0 };
	struct task_struct *t[4];
	int n;

	mutex_init(&c.lock);
	n = start_threads(t, 4, bump_counter, &c);
	join_threads(test, t, n);
	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_EXPECT_EQ(test, c.counter, 200);
	KUNIT_EXPECT_EQ(test, c.max_inside, 1);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&c.lock));
}

static int take_in_turn(void *p)
{
	struct mutex_ctx *c = p;

	mutex_lock(&c->lock);
	c->order[c->len++] = 'A' + current->pid % 26;
	mutex_unlock(&c->lock);
	return 0;
}

/* Waiters get the lock in the order they asked; trylock fails while held. */
static void wait_test_mutex_fifo(struct kunit *test)
{
	struct mutex_ctx c = { .len = 0 };
	struct task_struct *t[3];
	char want[4];
	bool barged;
	int n;

	mutex_init(&c.lock);
	mutex_lock(&c.lock);
	n = start_threads(t, 3, take_in_turn, &c);
	for (int i = 0; i < n; i++)
		want[i] = 'A' + t[i]->pid % 26;
	want[n] = '\0';
	yield();
	KUNIT_EXPECT_EQ(test, c.len, 0);
	KUNIT_EXPECT_FALSE(test, mutex_trylock(&c.lock));
	mutex_unlock(&c.lock);
	/* Handed straight to the first waiter: no barging in. */
	barged = n && mutex_trylock(&c.lock);
	if (barged)
		mutex_unlock(&c.lock);
	KUNIT_EXPECT_FALSE(test, barged);
	join_threads(test, t, n);
	KUNIT_ASSERT_EQ(test, n, 3);
	c.order[c.len] = '\0';
	KUNIT_EXPECT_STREQ(test, c.order, want);
	KUNIT_EXPECT_TRUE(test, mutex_trylock(&c.lock));
	mutex_unlock(&c.lock);
}

static struct kunit_case wait_test_cases[] = {
	KUNIT_CASE(wait_test_wait_event),
	KUNIT_CASE(wait_test_exclusive),
	KUNIT_CASE(wait_test_wait_event_timeout),
	KUNIT_CASE(wait_test_completion_expires),
	KUNIT_CASE(wait_test_completion_in_time),
	KUNIT_CASE(wait_test_mutex_contention),
	KUNIT_CASE(wait_test_mutex_fifo),
	{}
};

static struct kunit_suite wait_test_suite = {
	.name = "wait",
	.test_cases = wait_test_cases,
};
kunit_test_suite(wait_test_suite);
