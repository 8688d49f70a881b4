/*
 * elf_stack_test.c - KUnit tests of the initial stack builder against a
 * fixed exec: two arguments, two environment strings, a known filename.
 * The expected addresses were worked out by hand from Linux's layout.
 */
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/kernel.h>
#include <uapi/umk/auxvec.h>
#include <arch/elf.h>

#define TOP		0x7ffffffff000UL
#define MEM_SIZE	8192

struct buf_mem {
	struct stack_mem m;
	u8 bytes[MEM_SIZE];	/* [TOP - MEM_SIZE, TOP) */
};

static u8 *at(struct stack_mem *m, unsigned long addr, size_t n)
{
	struct buf_mem *b = container_of(m, struct buf_mem, m);

	if (addr < TOP - MEM_SIZE || addr + n > TOP || addr + n < addr)
		return NULL;
	return b->bytes + (addr - (TOP - MEM_SIZE));
}

static int buf_read(struct stack_mem *m, unsigned long addr, void *buf,
		    size_t n)
{
	u8 *p = at(m, addr, n);

	if (!p)
		return -EFAULT;
	memcpy(buf, p, n);
	return 0;
}

static int buf_write(struct stack_mem *m, unsigned long addr,
		     const void *buf, size_t n)
{
	u8 *p = at(m, addr, n);

	if (!p)
		return -EFAULT;
	memcpy(p, buf, n);
	return 0;
}

static unsigned long word_at(struct buf_mem *b, unsigned long addr)
{
	unsigned long v = 0;

	buf_read(&b->m, addr, &v, sizeof(v));
	return v;
}

/* Puts the strings where exec does: filename, then env, then argv. */
static unsigned long push(struct buf_mem *b, unsigned long p, const char *s)
{
	p -= strlen(s) + 1;
	buf_write(&b->m, p, s, strlen(s) + 1);
	return p;
}

static const u8 rnd[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
			    15, 16 };

static struct buf_mem *setup(struct kunit *test,
			     struct elf_stack_params *prm)
{
	struct buf_mem *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	unsigned long p = TOP - 8;

	if (!b)
		return NULL;
	b->m.read = buf_read;
	b->m.write = buf_write;
	p = push(b, p, "/bin/prog");
	*prm = (struct elf_stack_params) {
		.execfn = p, .argc = 2, .envc = 2, .phdr = 0x400040,
		.phnum = 9, .base = 0x7ffff7fc3000, .entry = 0x401020,
		.uid = 1000, .euid = 1001, .gid = 100, .egid = 101,
		.hwcap = 0x178bfbff, .minsigstksz = 1032, .random = rnd,
	};
	p = push(b, p, "HOME=/");
	p = push(b, p, "A=1");
	p = push(b, p, "x");
	prm->p = push(b, p, "prog");
	return b;
}

static void elf_stack_test_layout(struct kunit *test)
{
	struct elf_stack_params prm;
	struct elf_stack_result res;
	struct buf_mem *b = setup(test, &prm);
	unsigned long sp;
	char plat[8];
	u8 r[16];

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, prm.execfn, 0x7fffffffefeeUL);
	KUNIT_EXPECT_EQ(test, prm.p, 0x7fffffffefdcUL);
	KUNIT_ASSERT_EQ(test, create_elf_tables(&b->m, &prm, &res), 0);
	KUNIT_EXPECT_EQ(test, res.platform, 0x7fffffffefc9UL);
	KUNIT_EXPECT_EQ(test, res.random, 0x7fffffffefb9UL);
	KUNIT_EXPECT_EQ(test, res.sp, 0x7fffffffee40UL);
	KUNIT_EXPECT_EQ(test, res.sp % 16, 0UL);
	KUNIT_EXPECT_EQ(test, res.arg_start, 0x7fffffffefdcUL);
	KUNIT_EXPECT_EQ(test, res.arg_end, 0x7fffffffefe3UL);
	KUNIT_EXPECT_EQ(test, res.env_start, 0x7fffffffefe3UL);
	KUNIT_EXPECT_EQ(test, res.env_end, 0x7fffffffefeeUL);

	sp = res.sp;
	KUNIT_EXPECT_EQ(test, word_at(b, sp), 2UL);			/* argc */
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 8), 0x7fffffffefdcUL);	/* prog */
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 16), 0x7fffffffefe1UL);	/* x */
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 24), 0UL);
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 32), 0x7fffffffefe3UL);	/* A=1 */
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 40), 0x7fffffffefe7UL);	/* HOME */
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 48), 0UL);
	KUNIT_EXPECT_EQ(test, word_at(b, sp + 56), (unsigned long)AT_MINSIGSTKSZ);

	buf_read(&b->m, res.platform, plat, sizeof(plat));
	KUNIT_EXPECT_STREQ(test, plat, "x86_64");
	buf_read(&b->m, res.random, r, sizeof(r));
	KUNIT_EXPECT_MEMEQ(test, r, rnd, sizeof(r));
}

/* Every auxv entry, in Linux's order, and where the vector ends. */
static void elf_stack_test_auxv(struct kunit *test)
{
	static const unsigned long want[][2] = {
		{ AT_MINSIGSTKSZ, 1032 }, { AT_HWCAP, 0x178bfbff },
		{ AT_PAGESZ, 4096 }, { AT_CLKTCK, 100 },
		{ AT_PHDR, 0x400040 }, { AT_PHENT, 56 }, { AT_PHNUM, 9 },
		{ AT_BASE, 0x7ffff7fc3000 }, { AT_FLAGS, 0 },
		{ AT_ENTRY, 0x401020 }, { AT_UID, 1000 }, { AT_EUID, 1001 },
		{ AT_GID, 100 }, { AT_EGID, 101 }, { AT_SECURE, 0 },
		{ AT_RANDOM, 0x7fffffffefb9 }, { AT_HWCAP2, 0 },
		{ AT_EXECFN, 0x7fffffffefee }, { AT_PLATFORM, 0x7fffffffefc9 },
		{ AT_NULL, 0 },
	};
	struct elf_stack_params prm;
	struct elf_stack_result res;
	struct buf_mem *b = setup(test, &prm);
	unsigned long auxv;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, create_elf_tables(&b->m, &prm, &res), 0);
	KUNIT_EXPECT_EQ(test, res.auxv_words, (int)(2 * ARRAY_SIZE(want)));
	auxv = res.sp + 7 * 8;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ_MSG(test, word_at(b, auxv + 16 * i), want[i][0],
				    "type of entry %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, word_at(b, auxv + 16 * i + 8),
				    want[i][1], "value of entry %zu", i);
	}
	/* The vector ends at or below the random bytes. */
	KUNIT_EXPECT_LE(test, auxv + 16 * ARRAY_SIZE(want), res.random);
}

/* Strings that do not end before execfn are refused, not overrun. */
static void elf_stack_test_bad_strings(struct kunit *test)
{
	struct elf_stack_params prm;
	struct elf_stack_result res;
	struct buf_mem *b = setup(test, &prm);

	KUNIT_ASSERT_NOT_NULL(test, b);
	prm.envc = 3;		/* one more than there are */
	KUNIT_EXPECT_EQ(test, create_elf_tables(&b->m, &prm, &res), -E2BIG);
	prm.envc = 2;
	prm.p = TOP + 64;	/* outside the memory */
	KUNIT_EXPECT_EQ(test, create_elf_tables(&b->m, &prm, &res), -EFAULT);
}

static struct kunit_case elf_stack_test_cases[] = {
	KUNIT_CASE(elf_stack_test_layout),
	KUNIT_CASE(elf_stack_test_auxv),
	KUNIT_CASE(elf_stack_test_bad_strings),
	{}
};

static struct kunit_suite elf_stack_test_suite = {
	.name = "elf_stack",
	.test_cases = elf_stack_test_cases,
};
kunit_test_suite(elf_stack_test_suite);
