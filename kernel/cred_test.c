/*
 * cred_test.c - KUnit tests of the id-changing rules in kernel/cred.c:
 * what root and ordinary users may set with setuid, setreuid,
 * setresuid, setfsuid, the gid forms and setgroups, and what happens to
 * the saved and filesystem ids.
 */
#include <kunit/test.h>
#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include <umk/kernel.h>

#define N ((u32)-1)

static struct cred mkcred(u32 r, u32 e, u32 s)
{
	struct cred c = {
		.usage = 1,
		.uid = r, .euid = e, .suid = s, .fsuid = e,
		.gid = r, .egid = e, .sgid = s, .fsgid = e,
	};
	return c;
}

enum op { SETUID, SETREUID, SETRESUID, SETGID, SETREGID, SETRESGID };

struct id_case {
	const char *desc;
	enum op op;
	u32 old_r, old_e, old_s;	/* the caller's ids */
	u32 a, b, c;			/* arguments (N = -1) */
	int err;
	u32 r, e, s;			/* the ids afterwards */
};

static const struct id_case id_cases[] = {
	{ "root setuid sets all", SETUID, 0, 0, 0, 1000, 0, 0, 0,
	  1000, 1000, 1000 },
	{ "user setuid to real", SETUID, 1000, 2000, 3000, 1000, 0, 0, 0,
	  1000, 1000, 3000 },
	{ "user setuid to saved", SETUID, 1000, 2000, 3000, 3000, 0, 0, 0,
	  1000, 3000, 3000 },
	{ "user setuid to other", SETUID, 1000, 1000, 1000, 0, 0, 0, -EPERM,
	  1000, 1000, 1000 },
	{ "setuid -1", SETUID, 0, 0, 0, N, 0, 0, -EINVAL, 0, 0, 0 },
	{ "euid 0 setuid sets all", SETUID, 1000, 0, 0, 5, 0, 0, 0,
	  5, 5, 5 },
	{ "user setreuid swap", SETREUID, 1000, 2000, 2000, 2000, 1000, 0, 0,
	  2000, 1000, 1000 },
	{ "user setreuid euid only to real", SETREUID, 1000, 2000, 2000, N,
	  1000, 0, 0, 1000, 1000, 2000 },
	{ "user setreuid euid to saved", SETREUID, 1000, 1000, 3000, N, 3000,
	  0, 0, 1000, 3000, 3000 },
	{ "user setreuid ruid to saved", SETREUID, 1000, 1000, 3000, 3000, N,
	  0, -EPERM, 1000, 1000, 3000 },
	{ "user setreuid -1 -1", SETREUID, 1000, 2000, 3000, N, N, 0, 0,
	  1000, 2000, 3000 },
	{ "root setresuid any", SETRESUID, 0, 0, 0, 1, 2, 3, 0, 1, 2, 3 },
	{ "user setresuid permute", SETRESUID, 1, 2, 3, 3, 1, 2, 0, 3, 1, 2 },
	{ "user setresuid other", SETRESUID, 1, 2, 3, N, 4, N, -EPERM,
	  1, 2, 3 },
	{ "user setresuid keep", SETRESUID, 1, 2, 3, N, N, N, 0, 1, 2, 3 },
	{ "user setgid to saved", SETGID, 10, 20, 30, 30, 0, 0, 0,
	  10, 30, 30 },
	{ "user setgid other", SETGID, 10, 20, 30, 40, 0, 0, -EPERM,
	  10, 20, 30 },
	{ "user setregid real", SETREGID, 10, 20, 30, 20, N, 0, 0,
	  20, 20, 20 },
	{ "user setresgid permute", SETRESGID, 10, 20, 30, 30, 20, 10, 0,
	  30, 20, 10 },
	{ "user setresgid other", SETRESGID, 10, 20, 30, 0, N, N, -EPERM,
	  10, 20, 30 },
};

static void id_desc(const struct id_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(id, id_cases, id_desc);

static int run_op(const struct id_case *c, struct cred *new,
		  const struct cred *old)
{
	switch (c->op) {
	case SETUID:
		return cred_setuid(new, old, c->a);
	case SETREUID:
		return cred_setreuid(new, old, c->a, c->b);
	case SETRESUID:
		return cred_setresuid(new, old, c->a, c->b, c->c);
	case SETGID:
		return cred_setgid(new, old, c->a);
	case SETREGID:
		return cred_setregid(new, old, c->a, c->b);
	case SETRESGID:
		return cred_setresgid(new, old, c->a, c->b, c->c);
	}
	return -EINVAL;
}

static void cred_test_id_rules(struct kunit *test)
{
	const struct id_case *c = test->param_value;
	bool gid = c->op >= SETGID;
	struct cred old, new;
	int err;

	/* The uid cases run with euid as given; gid ones as a user. */
	old = gid ? mkcred(1000, 1000, 1000) : mkcred(c->old_r, c->old_e,
						      c->old_s);
	if (gid) {
		old.gid = c->old_r;
		old.egid = old.fsgid = c->old_e;
		old.sgid = c->old_s;
	}
	new = old;
	err = run_op(c, &new, &old);
	KUNIT_EXPECT_EQ(test, err, c->err);
	if (err)
		return;	/* the syscall would drop new */
	if (gid) {
		KUNIT_EXPECT_EQ(test, new.gid, c->r);
		KUNIT_EXPECT_EQ(test, new.egid, c->e);
		KUNIT_EXPECT_EQ(test, new.sgid, c->s);
		KUNIT_EXPECT_EQ(test, new.fsgid, new.egid);
	} else {
		KUNIT_EXPECT_EQ(test, new.uid, c->r);
		KUNIT_EXPECT_EQ(test, new.euid, c->e);
		KUNIT_EXPECT_EQ(test, new.suid, c->s);
		KUNIT_EXPECT_EQ(test, new.fsuid, new.euid);
	}
}

static void cred_test_setfsuid(struct kunit *test)
{
	struct cred old = mkcred(1000, 2000, 3000), new = old;

	KUNIT_EXPECT_EQ(test, cred_setfsuid(&new, &old, 3000), 2000U);
	KUNIT_EXPECT_EQ(test, new.fsuid, 3000U);
	new = old;
	KUNIT_EXPECT_EQ(test, cred_setfsuid(&new, &old, 42), 2000U);
	KUNIT_EXPECT_EQ(test, new.fsuid, 2000U);	/* not allowed */
	old = mkcred(0, 0, 0);
	new = old;
	KUNIT_EXPECT_EQ(test, cred_setfsuid(&new, &old, 42), 0U);
	KUNIT_EXPECT_EQ(test, new.fsuid, 42U);
	new = old;
	KUNIT_EXPECT_EQ(test, cred_setfsgid(&new, &old, N), 0U);
	KUNIT_EXPECT_EQ(test, new.fsgid, 0U);		/* -1 only queries */
}

static void cred_test_setgroups(struct kunit *test)
{
	struct cred root = mkcred(0, 0, 0), user = mkcred(5, 5, 5), new;
	gid_t *g = kmalloc(4 * sizeof(gid_t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, g);
	g[0] = 40;
	g[1] = 10;
	g[2] = 30;
	g[3] = 20;
	new = root;
	KUNIT_ASSERT_EQ(test, cred_setgroups(&new, &root, g, 4), 0);
	KUNIT_EXPECT_EQ(test, new.ngroups, 4);
	KUNIT_EXPECT_EQ(test, new.groups[0], 10U);	/* sorted */
	KUNIT_EXPECT_EQ(test, new.groups[3], 40U);
	KUNIT_EXPECT_TRUE(test, cred_in_group(&new, 30));
	KUNIT_EXPECT_TRUE(test, cred_in_group(&new, 0));	/* fsgid */
	KUNIT_EXPECT_FALSE(test, cred_in_group(&new, 25));
	kfree(new.groups);

	g = kmalloc(sizeof(gid_t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, g);
	g[0] = 1;
	new = user;
	KUNIT_EXPECT_EQ(test, cred_setgroups(&new, &user, g, 1), -EPERM);
	KUNIT_EXPECT_EQ(test, new.ngroups, 0);
}

static struct kunit_case cred_test_cases[] = {
	KUNIT_CASE_PARAM(cred_test_id_rules, id_gen_params),
	KUNIT_CASE(cred_test_setfsuid),
	KUNIT_CASE(cred_test_setgroups),
	{}
};

static struct kunit_suite cred_test_suite = {
	.name = "cred",
	.test_cases = cred_test_cases,
};
kunit_test_suite(cred_test_suite);
