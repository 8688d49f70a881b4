/*
 * mem_test.c - KUnit tests of the memory devices (null, zero, full,
 * random, urandom) opened through device nodes, of unknown device
 * numbers, and of the ChaCha20 block behind the random devices (the
 * RFC 8439 section 2.3.2 test vector).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/random.h>
#include "../../fs/vfs_test.h"

static struct file *open_dev(struct kunit *test, const char *name,
			     unsigned int major, unsigned int minor)
{
	struct file *f;

	KUNIT_ASSERT_EQ(test, do_mknodat(AT_FDCWD, name, S_IFCHR | 0666,
				new_encode_dev(MKDEV(major, minor))), 0);
	f = filp_open(name, O_RDWR, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	return f;
}

static void mem_null_zero_full(struct kunit *test)
{
	struct file *null = open_dev(test, "/null", 1, 3);
	struct file *zero = open_dev(test, "/zero", 1, 5);
	struct file *full = open_dev(test, "/full", 1, 7);
	char buf[64];
	loff_t pos = 0;

	KUNIT_EXPECT_EQ(test, kernel_read(null, buf, sizeof(buf), &pos), 0);
	KUNIT_EXPECT_EQ(test, kernel_write(null, buf, sizeof(buf), &pos), 64);
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, kernel_read(zero, buf, sizeof(buf), &pos), 64);
	KUNIT_EXPECT_TRUE(test, all_zero(buf, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, kernel_write(zero, buf, 10, &pos), 10);
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, kernel_read(full, buf, sizeof(buf), &pos), 64);
	KUNIT_EXPECT_TRUE(test, all_zero(buf, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, kernel_write(full, buf, 1, &pos), -ENOSPC);
	KUNIT_EXPECT_EQ(test, vfs_llseek(null, 100, SEEK_SET), 0);
	fput(null);
	fput(zero);
	fput(full);
}

static void mem_random(struct kunit *test)
{
	struct file *ur = open_dev(test, "/urandom", 1, 9);
	struct file *r = open_dev(test, "/random", 1, 8);
	char a[32], b[32];
	loff_t pos = 0;

	KUNIT_EXPECT_EQ(test, kernel_read(ur, a, sizeof(a), &pos), 32);
	KUNIT_EXPECT_EQ(test, kernel_read(r, b, sizeof(b), &pos), 32);
	KUNIT_EXPECT_MEMNEQ(test, a, b, sizeof(a));
	KUNIT_EXPECT_FALSE(test, all_zero(a, sizeof(a)));
	/* Writing mixes in; the output stays unpredictable. */
	KUNIT_EXPECT_EQ(test, kernel_write(r, a, sizeof(a), &pos), 32);
	get_random_bytes(b, sizeof(b));
	KUNIT_EXPECT_MEMNEQ(test, a, b, sizeof(a));
	KUNIT_EXPECT_NE(test, get_random_u64(), get_random_u64());
	fput(ur);
	fput(r);
}

static void mem_unknown_device(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, do_mknodat(AT_FDCWD, "/nodev", S_IFCHR | 0666,
				new_encode_dev(MKDEV(42, 42))), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("/nodev", O_RDONLY, 0)),
			-ENXIO);
	KUNIT_ASSERT_EQ(test, do_mknodat(AT_FDCWD, "/blk", S_IFBLK | 0666,
				new_encode_dev(MKDEV(98, 0))), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("/blk", O_RDONLY, 0)),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, register_chrdev(1, 5, 1, "dup", NULL), -EBUSY);
}

static void chacha20_rfc8439(struct kunit *test)
{
	static const u8 expect[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	static const u32 nonce[3] = { 0x09000000, 0x4a000000, 0 };
	u32 key[8];
	u8 out[64];

	for (int i = 0; i < 8; i++)
		key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 |
			 (u32)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	KUNIT_EXPECT_MEMEQ(test, out, expect, sizeof(out));
}

static struct kunit_case mem_cases[] = {
	KUNIT_CASE(mem_null_zero_full),
	KUNIT_CASE(mem_random),
	KUNIT_CASE(mem_unknown_device),
	KUNIT_CASE(chacha20_rfc8439),
	{}
};

static struct kunit_suite mem_suite = {
	.name = "mem_devices",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = mem_cases,
};
kunit_test_suite(mem_suite);
