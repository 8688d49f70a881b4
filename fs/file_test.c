/*
 * file_test.c - KUnit tests of descriptor tables: lowest-free numbering,
 * dup/dup2/dup3, fcntl, close-on-exec, close_range, growth past the
 * inline table, the RLIMIT_NOFILE limit and fork's copy.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/syscalls.h>
#include "vfs_test.h"

long sys_dup(unsigned int fildes);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_close_range(unsigned int fd, unsigned int max_fd,
		     unsigned int flags);

static int open_file(struct kunit *test)
{
	int fd = do_sys_open(AT_FDCWD, "/f", O_RDWR | O_CREAT, 0644);

	KUNIT_ASSERT_GE(test, fd, 0);
	return fd;
}

static void fd_lowest_free(struct kunit *test)
{
	int a = open_file(test), b = open_file(test), c = open_file(test);

	KUNIT_EXPECT_EQ(test, a, 0);
	KUNIT_EXPECT_EQ(test, b, 1);
	KUNIT_EXPECT_EQ(test, c, 2);
	KUNIT_EXPECT_EQ(test, close_fd(1), 0);
	KUNIT_EXPECT_EQ(test, close_fd(1), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_dup(0), 1);
	KUNIT_EXPECT_EQ(test, sys_dup(0), 3);
	KUNIT_EXPECT_EQ(test, sys_dup(77), -EBADF);
}

static void fd_dup2_dup3(struct kunit *test)
{
	int a = open_file(test), b = open_file(test);
	struct file *fa = fget(a), *fb;

	KUNIT_EXPECT_EQ(test, sys_dup2(a, b), b);
	fb = fget(b);
	KUNIT_EXPECT_PTR_EQ(test, fb, fa);
	fput(fb);
	KUNIT_EXPECT_EQ(test, sys_dup2(a, a), a);
	KUNIT_EXPECT_EQ(test, sys_dup2(99, a), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_dup3(a, a, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_dup3(a, 10, O_NONBLOCK), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_dup3(a, 10, O_CLOEXEC), 10);
	KUNIT_EXPECT_EQ(test, sys_fcntl(10, F_GETFD, 0), FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, sys_fcntl(b, F_GETFD, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_dup2(a, DEFAULT_NOFILE), -EBADF);
	/* Descriptors share one file description: f_pos, f_flags. */
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_SETFL, O_APPEND | O_NONBLOCK),
			0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(10, F_GETFL, 0) &
			(O_APPEND | O_NONBLOCK | O_ACCMODE),
			O_APPEND | O_NONBLOCK | O_RDWR);
	fput(fa);
}

static void fd_fcntl(struct kunit *test)
{
	int a = open_file(test);

	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_DUPFD, 5), 5);
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_DUPFD, 5), 6);
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_DUPFD_CLOEXEC, 0), 1);
	KUNIT_EXPECT_EQ(test, sys_fcntl(1, F_GETFD, 0), FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, sys_fcntl(1, F_SETFD, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(1, F_GETFD, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_DUPFD, DEFAULT_NOFILE), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, 12345, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_fcntl(42, F_GETFD, 0), -EBADF);
	/* Only O_APPEND, O_NONBLOCK... change; the access mode stays. */
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_SETFL, O_WRONLY), 0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(a, F_GETFL, 0) & O_ACCMODE, O_RDWR);
}

static void fd_cloexec_and_close_range(struct kunit *test)
{
	struct files_struct *files = current->files;
	int i;

	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, open_file(test), i);
	set_close_on_exec(2, true);
	set_close_on_exec(5, true);
	close_on_exec(files);
	KUNIT_EXPECT_EQ(test, sys_fcntl(2, F_GETFD, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_fcntl(5, F_GETFD, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_fcntl(3, F_GETFD, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_close_range(3, 4, CLOSE_RANGE_CLOEXEC), 0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(3, F_GETFD, 0), FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, sys_fcntl(4, F_GETFD, 0), FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, sys_fcntl(6, F_GETFD, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_close_range(4, 3, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_close_range(0, 1, 0x80), -EINVAL);
	KUNIT_EXPECT_EQ(test, sys_close_range(6, ~0U, 0), 0);
	KUNIT_EXPECT_EQ(test, sys_fcntl(6, F_GETFD, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_fcntl(7, F_GETFD, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, sys_fcntl(1, F_GETFD, 0), 0);
	/* The lowest free one comes back first. */
	KUNIT_EXPECT_EQ(test, sys_dup(0), 2);
}

static void fd_growth_and_limit(struct kunit *test)
{
	int a = open_file(test), fd = 0, i;

	for (i = 1; i < DEFAULT_NOFILE; i++) {
		fd = sys_dup(a);
		if (fd != i)
			break;
	}
	KUNIT_EXPECT_EQ(test, fd, DEFAULT_NOFILE - 1);
	KUNIT_EXPECT_EQ(test, sys_dup(a), -EMFILE);
	KUNIT_EXPECT_EQ(test, do_sys_open(AT_FDCWD, "/f", O_RDONLY, 0),
			-EMFILE);
	KUNIT_EXPECT_EQ(test, close_fd(700), 0);
	KUNIT_EXPECT_EQ(test, sys_dup(a), 700);
	KUNIT_EXPECT_GE(test, current->files->max_fds,
			(unsigned int)DEFAULT_NOFILE);
}

static void fd_dup_fd_for_fork(struct kunit *test)
{
	struct files_struct *copy;
	struct file *f;
	int a = open_file(test);

	KUNIT_ASSERT_EQ(test, sys_dup3(a, 100, O_CLOEXEC), 100);
	f = fget(a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	copy = dup_fd(current->files);
	KUNIT_ASSERT_FALSE(test, IS_ERR(copy));
	KUNIT_EXPECT_PTR_EQ(test, copy->fd[a], f);
	KUNIT_EXPECT_PTR_EQ(test, copy->fd[100], f);
	/* fds 0 and 100 in both tables, and our fget: five references. */
	KUNIT_EXPECT_EQ(test, f->f_count, 5);
	KUNIT_EXPECT_EQ(test, copy->next_fd, 1U);
	put_files_struct(copy);
	KUNIT_EXPECT_EQ(test, f->f_count, 3);
	fput(f);
}

static struct kunit_case fd_cases[] = {
	KUNIT_CASE(fd_lowest_free),
	KUNIT_CASE(fd_dup2_dup3),
	KUNIT_CASE(fd_fcntl),
	KUNIT_CASE(fd_cloexec_and_close_range),
	KUNIT_CASE(fd_growth_and_limit),
	KUNIT_CASE(fd_dup_fd_for_fork),
	{}
};

static struct kunit_suite fd_suite = {
	.name = "fdtable",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = fd_cases,
};
kunit_test_suite(fd_suite);
