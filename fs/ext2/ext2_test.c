/*
 * ext2_test.c - KUnit tests of ext2's pure parts: superblock validation
 * on damaged superblocks built in memory, the block-tree path of a
 * logical block, directory entry checks and sizes, and the bitmap
 * search used by the allocators.
 */
#include <kunit/test.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include "ext2.h"

/* A consistent 8 MiB filesystem: 1 KiB blocks, one group. */
static void good_super(struct ext2_super_block *es)
{
	memset(es, 0, sizeof(*es));
	es->s_magic = EXT2_SUPER_MAGIC;
	es->s_rev_level = 1;
	es->s_log_block_size = 0;
	es->s_first_data_block = 1;
	es->s_blocks_count = 8192;
	es->s_blocks_per_group = 8192;
	es->s_inodes_per_group = 2048;
	es->s_inodes_count = 2048;
	es->s_free_blocks_count = 7000;
	es->s_free_inodes_count = 2000;
	es->s_inode_size = 256;
	es->s_first_ino = 11;
	es->s_feature_incompat = EXT2_FEATURE_INCOMPAT_FILETYPE;
	es->s_feature_ro_compat = EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER;
}

struct sb_case {
	const char *name;
	void (*damage)(struct ext2_super_block *es);
	u64 dev_bytes;
	int err;
	bool ro;
};

static void no_damage(struct ext2_super_block *es) { }
static void bad_magic(struct ext2_super_block *es) { es->s_magic = 0x1234; }
static void huge_blocks(struct ext2_super_block *es)
{
	es->s_log_block_size = 7;
}
static void extents(struct ext2_super_block *es)
{
	es->s_feature_incompat |= 0x40;
}
static void journal_dev(struct ext2_super_block *es)
{
	es->s_feature_incompat |= 0x8;
}
static void unknown_ro(struct ext2_super_block *es)
{
	es->s_feature_ro_compat |= 0x8;
}
static void zero_bpg(struct ext2_super_block *es)
{
	es->s_blocks_per_group = 0;
}
static void bad_icount(struct ext2_super_block *es)
{
	es->s_inodes_count = 4096;
}
static void bad_isize(struct ext2_super_block *es) { es->s_inode_size = 100; }
static void bad_first_data(struct ext2_super_block *es)
{
	es->s_first_data_block = 0;
}
static void bad_free(struct ext2_super_block *es)
{
	es->s_free_blocks_count = 9000;
}

static const struct sb_case sb_cases[] = {
	{ "good", no_damage, 8 << 20, 0, false },
	{ "bad magic", bad_magic, 8 << 20, -EINVAL, false },
	{ "block size 128 KiB", huge_blocks, 8 << 20, -EINVAL, false },
	{ "extents (incompat)", extents, 8 << 20, -EINVAL, false },
	{ "journal_dev (incompat)", journal_dev, 8 << 20, -EINVAL, false },
	{ "unknown ro_compat", unknown_ro, 8 << 20, 0, true },
	{ "zero blocks per group", zero_bpg, 8 << 20, -EINVAL, false },
	{ "inode count mismatch", bad_icount, 8 << 20, -EINVAL, false },
	{ "inode size 100", bad_isize, 8 << 20, -EINVAL, false },
	{ "first data block 0 with 1 KiB blocks", bad_first_data, 8 << 20,
	  -EINVAL, false },
	{ "free blocks above total", bad_free, 8 << 20, -EINVAL, false },
	{ "truncated device", no_damage, 4 << 20, -EINVAL, false },
};

static void sb_case_desc(const struct sb_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(sb_cases, sb_cases, sb_case_desc);

static void ext2_super_validation(struct kunit *test)
{
	const struct sb_case *c = test->param_value;
	struct ext2_super_block es;
	bool ro = !c->ro;

	good_super(&es);
	c->damage(&es);
	KUNIT_EXPECT_EQ(test, ext2_validate_super(&es, c->dev_bytes, &ro),
			c->err);
	if (!c->err)
		KUNIT_EXPECT_EQ(test, ro, c->ro);
}

static void ext2_block_path(struct kunit *test)
{
	int off[4];

	/* 1 KiB blocks: 256 addresses per block (8 bits). */
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 0, off), 1);
	KUNIT_EXPECT_EQ(test, off[0], 0);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 11, off), 1);
	KUNIT_EXPECT_EQ(test, off[0], 11);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12, off), 2);
	KUNIT_EXPECT_EQ(test, off[0], EXT2_IND_BLOCK);
	KUNIT_EXPECT_EQ(test, off[1], 0);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 255, off), 2);
	KUNIT_EXPECT_EQ(test, off[1], 255);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 256, off), 3);
	KUNIT_EXPECT_EQ(test, off[0], EXT2_DIND_BLOCK);
	KUNIT_EXPECT_EQ(test, off[1], 0);
	KUNIT_EXPECT_EQ(test, off[2], 0);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 256 + 256 * 3 + 7,
						 off), 3);
	KUNIT_EXPECT_EQ(test, off[1], 3);
	KUNIT_EXPECT_EQ(test, off[2], 7);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 256 + 65536, off),
			4);
	KUNIT_EXPECT_EQ(test, off[0], EXT2_TIND_BLOCK);
	KUNIT_EXPECT_EQ(test, off[1], 0);
	KUNIT_EXPECT_EQ(test, off[3], 0);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 256 + 65536 +
						 16777216 - 1, off), 4);
	KUNIT_EXPECT_EQ(test, off[1], 255);
	KUNIT_EXPECT_EQ(test, off[2], 255);
	KUNIT_EXPECT_EQ(test, off[3], 255);
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(8, 12 + 256 + 65536 +
						 16777216, off), 0);
	/* 4 KiB blocks: 1024 addresses (10 bits). */
	KUNIT_EXPECT_EQ(test, ext2_block_to_path(10, 12 + 1024, off), 3);
	KUNIT_EXPECT_EQ(test, off[1], 0);
}

static void ext2_dirent_rules(struct kunit *test)
{
	union {
		struct ext2_dir_entry de;
		char buf[64];
	} u;

	KUNIT_EXPECT_EQ(test, EXT2_DIR_REC_LEN(1), 12U);
	KUNIT_EXPECT_EQ(test, EXT2_DIR_REC_LEN(4), 12U);
	KUNIT_EXPECT_EQ(test, EXT2_DIR_REC_LEN(5), 16U);
	KUNIT_EXPECT_EQ(test, EXT2_DIR_REC_LEN(255), 264U);
	memset(&u, 0, sizeof(u));
	u.de.inode = 12;
	u.de.name_len = 5;
	u.de.rec_len = 16;
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 0, 1024), 0);
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 1008, 1024), 0);
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 1012, 1024), -EIO);
	u.de.rec_len = 12;	/* shorter than the name needs */
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 0, 1024), -EIO);
	u.de.rec_len = 18;	/* not a multiple of 4 */
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 0, 1024), -EIO);
	u.de.rec_len = 0;	/* would loop forever */
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 0, 1024), -EIO);
	u.de.inode = 0;		/* an unused entry may be short-named */
	u.de.rec_len = 12;
	KUNIT_EXPECT_EQ(test, ext2_check_dirent(&u.de, 0, 1024), 0);
}

static void ext2_bitmap_search(struct kunit *test)
{
	u8 map[16];

	memset(map, 0xff, sizeof(map));
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 0), -1);
	KUNIT_EXPECT_EQ(test, ext2_count_free(map, 128), 0UL);
	map[9] = 0xef;		/* bit 76 clear */
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 0), 76);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 76), 76);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 77), -1);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 76, 0), -1);
	map[0] = 0xfe;		/* bit 0 */
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 0), 0);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 1), 76);
	KUNIT_EXPECT_EQ(test, ext2_count_free(map, 128), 2UL);
	/* Bits past size do not count, even if clear. */
	map[15] = 0x7f;
	KUNIT_EXPECT_EQ(test, ext2_count_free(map, 127), 2UL);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 127, 77), -1);
	KUNIT_EXPECT_EQ(test, ext2_find_zero_bit(map, 128, 77), 127);
}

static struct kunit_case ext2_cases[] = {
	KUNIT_CASE_PARAM(ext2_super_validation, sb_cases_gen_params),
	KUNIT_CASE(ext2_block_path),
	KUNIT_CASE(ext2_dirent_rules),
	KUNIT_CASE(ext2_bitmap_search),
	{}
};

static struct kunit_suite ext2_suite = {
	.name = "ext2",
	.test_cases = ext2_cases,
};
kunit_test_suite(ext2_suite);
