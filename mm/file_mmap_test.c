/*
 * file_mmap_test.c - KUnit tests of file mappings on a tmpfs file:
 * shared mappings are the page cache (read() and write() see the same
 * bytes), private ones copy on write, access beyond EOF is SIGBUS,
 * truncate takes pages away from every mapping, open modes limit what
 * may be mapped, and fork and mremap keep file offsets. Each case gets a
 * private tmpfs root from the VFS tests' set-up (fs/vfs_test.h).
 */
#include <string.h>
#include <umk/fs.h>
#include <umk/pagemap.h>
#include "vm_test.h"
#include "../fs/vfs_test.h"

#define BASE		0x10000000UL
#define P		PAGE_SIZE
#define TEST_FILE	"/vm_file_test"
#define FILE_SIZE	(P + 100)	/* a full page and a bit */

/* The test file, created with 'A's then 'B's; ends the case if it can't. */
static struct file *test_file(struct kunit *test, int flags)
{
	struct file *f = filp_open(TEST_FILE, O_CREAT | O_RDWR | O_TRUNC,
				   0600);
	char *buf;
	loff_t pos = 0;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	buf = kunit_kzalloc(test, FILE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 'A', P);
	memset(buf + P, 'B', 100);
	KUNIT_ASSERT_EQ(test, kernel_write(f, buf, FILE_SIZE, &pos),
			(ssize_t)FILE_SIZE);
	if (flags == O_RDWR)
		return f;
	fput(f);
	f = filp_open(TEST_FILE, flags, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	return f;
}

static char peek(struct mm_struct *mm, unsigned long addr)
{
	char c = '?';

	return access_remote(mm, addr, &c, 1, false) ? '!' : c;
}

static char file_byte(struct file *f, loff_t pos)
{
	char c = '?';

	return kernel_read(f, &c, 1, &pos) == 1 ? c : '!';
}

static void vm_file_shared(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct file *f = test_file(test, O_RDWR);
	loff_t pos = 2;
	struct page *page;

	KUNIT_ASSERT_EQ(test, vm_mmap(mm, BASE, 3 * P, RW, MAP_SHARED |
				      MAP_FIXED, f, 0), BASE);
	KUNIT_EXPECT_FALSE(test, list_empty(&f->f_mapping->i_mmap));
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), 'A');
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + P + 99), 'B');
	/* The rest of the last page reads as zeroes... */
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + P + 100), 0);
	/* ...and the pages beyond it are SIGBUS. */
	KUNIT_EXPECT_EQ(test, handle_mm_fault(mm, BASE + 2 * P, false, false),
			-EIO);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 2);
	/* Writes through the mapping are the file's, and back. */
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE + 1, "Z", 1, true), 0);
	KUNIT_EXPECT_EQ(test, file_byte(f, 1), 'Z');
	KUNIT_ASSERT_EQ(test, kernel_write(f, "Y", 1, &pos), 1);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + 2), 'Y');
	page = find_get_page(f->f_mapping, 0);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_TRUE(test, PageDirty(page));
	KUNIT_EXPECT_EQ(test, pte_pfn(vm_test_pte(mm, BASE)),
			page_to_pfn(page));
	put_page(page);
	KUNIT_EXPECT_EQ(test, do_msync(mm, BASE, 3 * P, MS_SYNC), 0);
	KUNIT_EXPECT_EQ(test, do_msync(mm, BASE, P, MS_SYNC | MS_ASYNC),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(mm, BASE, 3 * P), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&f->f_mapping->i_mmap));
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 0);
	fput(f);
}

static void vm_file_private(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct file *f = test_file(test, O_RDWR);
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, vm_mmap(mm, BASE, 2 * P, RW, MAP_PRIVATE |
				      MAP_FIXED, f, 0), BASE);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), 'A');
	/* Mapped read-only until written... */
	KUNIT_EXPECT_FALSE(test, pte_write(vm_test_pte(mm, BASE)));
	KUNIT_ASSERT_EQ(test, access_remote(mm, BASE, "Q", 1, true), 0);
	/* ...then a private copy: the file does not change. */
	KUNIT_EXPECT_TRUE(test, vm_test_pte(mm, BASE) & _PAGE_ANON);
	KUNIT_EXPECT_EQ(test, file_byte(f, 0), 'A');
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 0);
	/* The copy keeps its bytes when the file changes. */
	KUNIT_ASSERT_EQ(test, kernel_write(f, "W", 1, &pos), 1);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), 'Q');
	/* MADV_DONTNEED drops the copy: the file shows through again. */
	KUNIT_EXPECT_EQ(test, do_madvise(mm, BASE, P, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), 'W');
	fput(f);
}

static void vm_file_truncate(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test), *child;
	struct file *f = test_file(test, O_RDWR);

	KUNIT_ASSERT_EQ(test, vm_mmap(mm, BASE, 2 * P, RW, MAP_SHARED |
				      MAP_FIXED, f, 0), BASE);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + P), 'B');
	child = vm_test_fork(test);
	KUNIT_ASSERT_NOT_NULL(test, child);
	/* Shared after fork: the child's write is the parent's. */
	KUNIT_ASSERT_EQ(test, access_remote(child, BASE + 5, "C", 1, true), 0);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + 5), 'C');
	KUNIT_EXPECT_EQ(test, get_mm_counter(child, MM_FILEPAGES), 2);
	KUNIT_ASSERT_EQ(test, vfs_truncate(&f->f_path, 100), 0);
	/* Both lost the page past the new end; it is SIGBUS now. */
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 1);
	KUNIT_EXPECT_EQ(test, get_mm_counter(child, MM_FILEPAGES), 1);
	KUNIT_EXPECT_EQ(test, handle_mm_fault(child, BASE + P, false, false),
			-EIO);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + 99), 'A');
	KUNIT_EXPECT_EQ(test, peek(mm, BASE + 100), 0);
	fput(f);
}

static void vm_file_modes(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct file *f = test_file(test, O_RDONLY), *dir;

	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, BASE, P, RW, MAP_SHARED, f, 0),
			-EACCES);
	KUNIT_ASSERT_EQ(test, vm_mmap(mm, BASE, P, PROT_READ, MAP_SHARED |
				      MAP_FIXED, f, 0), BASE);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, BASE, P, RW), -EACCES);
	/* Private: a copy may be written. */
	KUNIT_EXPECT_EQ(test, vm_mmap(mm, BASE + P, P, RW, MAP_PRIVATE |
				      MAP_FIXED, f, 0), BASE + P);
	KUNIT_EXPECT_EQ(test, access_remote(mm, BASE + P, "x", 1, true), 0);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, 0, P, PROT_READ, MAP_PRIVATE,
					    f, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, 0, P, PROT_READ,
					    MAP_SHARED_VALIDATE | MAP_SYNC,
					    f, 0), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, 0, P, PROT_READ,
					    MAP_PRIVATE | MAP_GROWSDOWN, f, 0),
			-EINVAL);
	fput(f);
	f = filp_open(TEST_FILE, O_WRONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, 0, P, PROT_READ, MAP_SHARED,
					    f, 0), -EACCES);
	fput(f);
	dir = filp_open("/", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dir));
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(mm, 0, P, PROT_READ, MAP_PRIVATE,
					    dir, 0), -ENODEV);
	fput(dir);
}

/* mremap moves a file mapping with its offsets. */
static void vm_file_mremap(struct kunit *test)
{
	struct mm_struct *mm = vm_test_mm(test);
	struct file *f = test_file(test, O_RDWR);
	unsigned long addr;

	KUNIT_ASSERT_EQ(test, vm_mmap(mm, BASE, P, PROT_READ, MAP_SHARED |
				      MAP_FIXED, f, P), BASE);
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), 'B');
	addr = do_mremap(mm, BASE, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
			 BASE + 8 * P);
	KUNIT_ASSERT_EQ(test, addr, BASE + 8 * P);
	KUNIT_EXPECT_EQ(test, find_vma(mm, addr)->vm_pgoff, 1);
	KUNIT_EXPECT_EQ(test, peek(mm, addr + 99), 'B');
	KUNIT_EXPECT_EQ(test, peek(mm, BASE), '!');
	/* old_len 0: a second mapping of the same shared pages. */
	addr = do_mremap(mm, addr, 0, P, MREMAP_MAYMOVE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	KUNIT_EXPECT_EQ(test, peek(mm, addr), 'B');
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	fput(f);
}

static struct kunit_case vm_file_cases[] = {
	KUNIT_CASE(vm_file_shared),
	KUNIT_CASE(vm_file_private),
	KUNIT_CASE(vm_file_truncate),
	KUNIT_CASE(vm_file_modes),
	KUNIT_CASE(vm_file_mremap),
	{}
};

/* A tmpfs root (test->priv: its env), then an mm (test->priv: ours). */
static int vm_file_init(struct kunit *test)
{
	void *env;
	int err = vfs_test_init(test);

	if (err)
		return err;
	env = test->priv;
	err = vm_test_init(test);
	if (err) {
		test->priv = env;
		vfs_test_exit(test);
		return err;
	}
	((struct vm_test *)test->priv)->vfs_env = env;
	return 0;
}

static void vm_file_exit(struct kunit *test)
{
	struct vm_test *t = test->priv;

	vm_test_exit(test);
	test->priv = t ? t->vfs_env : NULL;
	vfs_test_exit(test);
}

static struct kunit_suite vm_file_suite = {
	.name = "vm_file",
	.init = vm_file_init,
	.exit = vm_file_exit,
	.test_cases = vm_file_cases,
};
kunit_test_suite(vm_file_suite);
