/*
 * futex_test.c - KUnit tests of kernel/futex.c on kernel words: keys and
 * their hash, wait/wake between kernel threads, the value check
 * (-EAGAIN), timeouts, and how many waiters a wake reaches.
 */
#include <kunit/test.h>
#include <umk/futex.h>
#include <umk/sched.h>
#include <umk/wait.h>
#include <umk/errno.h>
#include <umk/kernel.h>

static void futex_test_keys(struct kunit *test)
{
	int a, b;
	struct futex_key k1 = { &a, 0x1000 }, k2 = { &a, 0x1000 };
	struct futex_key k3 = { &b, 0x1000 }, k4 = { &a, 0x1004 };
	struct futex_key k5 = { &a, 0x1000 | FUTEX_KEY_SHARED_PRIVATE };

	KUNIT_EXPECT_TRUE(test, futex_match(&k1, &k2));
	KUNIT_EXPECT_EQ(test, futex_hash(&k1), futex_hash(&k2));
	KUNIT_EXPECT_FALSE(test, futex_match(&k1, &k3));
	KUNIT_EXPECT_FALSE(test, futex_match(&k1, &k4));
	/* Linux keeps private and shared waiters on one word apart too. */
	KUNIT_EXPECT_FALSE(test, futex_match(&k1, &k5));
}

/* The hash spreads consecutive words over many buckets. */
static void futex_test_hash_spread(struct kunit *test)
{
	bool seen[256] = { false };
	struct futex_key k = { test, 0 };
	int i, distinct = 0;

	for (i = 0; i < 256; i++) {
		k.word = 0x7f0000001000UL + 4 * i;
		KUNIT_ASSERT_LT(test, futex_hash(&k), 256U);
		if (!seen[futex_hash(&k)]) {
			seen[futex_hash(&k)] = true;
			distinct++;
		}
	}
	KUNIT_EXPECT_GT(test, distinct, 128);
}

struct waiter {
	u32 *word;
	u32 val;
	long timeout;
	int ret;
};

static int waiter_fn(void *arg)
{
	struct waiter *w = arg;

	w->ret = futex_wait_kernel(w->word, w->val, w->timeout);
	return 0;
}

/* Lets the waiters run until n of them sleep on word. */
static int wait_for_waiters(u32 *word, int n)
{
	struct futex_key key = { NULL, (unsigned long)word };
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		if (futex_nr_waiters(&key) >= n)
			return futex_nr_waiters(&key);
		yield();
	}
	return futex_nr_waiters(&key);
}

static void futex_test_wait_wake(struct kunit *test)
{
	static u32 word;
	struct waiter w = { &word, 0, MAX_SCHEDULE_TIMEOUT, 1 };
	struct task_struct *t;

	word = 0;
	t = kthread_run(waiter_fn, &w, "futex_waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wait_for_waiters(&word, 1), 1);
	word = 1;
	KUNIT_EXPECT_EQ(test, futex_wake_kernel(&word, 1), 1);
	kthread_join(t);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	KUNIT_EXPECT_EQ(test, futex_wake_kernel(&word, 1), 0);
}

static void futex_test_value_differs(struct kunit *test)
{
	static u32 word = 7;

	KUNIT_EXPECT_EQ(test, futex_wait_kernel(&word, 8, 100), -EAGAIN);
	KUNIT_EXPECT_EQ(test, wait_for_waiters(&word, 0), 0);
}

static void futex_test_timeout(struct kunit *test)
{
	static u32 word;

	KUNIT_EXPECT_EQ(test, futex_wait_kernel(&word, 0, 2), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, futex_wait_kernel(&word, 0, 0), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, wait_for_waiters(&word, 0), 0);
}

static void futex_test_wake_count(struct kunit *test)
{
	static u32 word;
	struct waiter w[3];
	struct task_struct *t[3];
	int i;

	word = 0;
	for (i = 0; i < 3; i++) {
		w[i] = (struct waiter) { &word, 0, MAX_SCHEDULE_TIMEOUT, 1 };
		t[i] = kthread_run(waiter_fn, &w[i], "futex_waiter");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	KUNIT_EXPECT_EQ(test, wait_for_waiters(&word, 3), 3);
	KUNIT_EXPECT_EQ(test, futex_wake_kernel(&word, 2), 2);
	KUNIT_EXPECT_EQ(test, wait_for_waiters(&word, 1), 1);
	KUNIT_EXPECT_EQ(test, futex_wake_kernel(&word, 5), 1);
	for (i = 0; i < 3; i++) {
		kthread_join(t[i]);
		KUNIT_EXPECT_EQ(test, w[i].ret, 0);
	}
}

static struct kunit_case futex_test_cases[] = {
	KUNIT_CASE(futex_test_keys),
	KUNIT_CASE(futex_test_hash_spread),
	KUNIT_CASE(futex_test_wait_wake),
	KUNIT_CASE(futex_test_value_differs),
	KUNIT_CASE(futex_test_timeout),
	KUNIT_CASE(futex_test_wake_count),
	{}
};

static struct kunit_suite futex_test_suite = {
	.name = "futex",
	.test_cases = futex_test_cases,
};
kunit_test_suite(futex_test_suite);
