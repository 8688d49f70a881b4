/*
 * pipe_test.c - KUnit tests of pipes and FIFOs: capacity (and EAGAIN
 * when full), EOF once writers are gone, EPIPE once readers are gone,
 * a reader sleeping until a writer comes, resizing, poll events, FIFO
 * opens.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/sched.h>
#include <umk/slab.h>
#include <umk/poll.h>
#include "vfs_test.h"
#include "internal.h"

static void make_pipe(struct kunit *test, struct file **f, int flags)
{
	KUNIT_ASSERT_EQ(test, create_pipe_files(f, flags), 0);
}

static ssize_t pwrite_k(struct file *f, const void *buf, size_t len)
{
	return kernel_write(f, buf, len, &f->f_pos);
}

static ssize_t pread_k(struct file *f, void *buf, size_t len)
{
	return kernel_read(f, buf, len, &f->f_pos);
}

static void pipe_capacity(struct kunit *test)
{
	char *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	char *big = kunit_kzalloc(test, 3 * PAGE_SIZE, GFP_KERNEL);
	struct file *f[2];
	char c;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, big);
	make_pipe(test, f, O_NONBLOCK);
	KUNIT_EXPECT_EQ(test, pread_k(f[0], &c, 1), -EAGAIN);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ(test, pwrite_k(f[1], page, PAGE_SIZE),
				(ssize_t)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "x", 1), -EAGAIN);
	KUNIT_EXPECT_EQ(test, pipe_fcntl(f[0], F_GETPIPE_SZ, 0), 65536);
	KUNIT_EXPECT_EQ(test, pipe_fcntl(f[0], F_SETPIPE_SZ, 4096), -EBUSY);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ(test, pread_k(f[0], page, PAGE_SIZE),
				(ssize_t)PAGE_SIZE);
	/* Small writes share a page: many fit in a one-page pipe. */
	KUNIT_EXPECT_EQ(test, pipe_fcntl(f[1], F_SETPIPE_SZ, 1), 4096);
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_EQ(test, pwrite_k(f[1], page, 100), 100);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], page, 100), -EAGAIN);
	KUNIT_EXPECT_EQ(test, pread_k(f[0], page, PAGE_SIZE), 4000);
	KUNIT_EXPECT_EQ(test, pipe_fcntl(f[1], F_SETPIPE_SZ, 8192), 8192);
	/* A non-blocking write beyond the room left is partial. */
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], big, 3 * PAGE_SIZE), 8192);
	fput(f[0]);
	fput(f[1]);
}

static void pipe_eof_and_epipe(struct kunit *test)
{
	struct file *f[2];
	char buf[8] = "";

	make_pipe(test, f, 0);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "abc", 3), 3);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "de", 2), 2);
	fput(f[1]);
	/* Data first, then EOF (the reader does not block). */
	KUNIT_EXPECT_EQ(test, pread_k(f[0], buf, sizeof(buf)), 5);
	KUNIT_EXPECT_STREQ(test, buf, "abcde");
	KUNIT_EXPECT_EQ(test, pread_k(f[0], buf, sizeof(buf)), 0);
	fput(f[0]);

	make_pipe(test, f, 0);
	fput(f[0]);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "x", 1), -EPIPE);
	/* Pipes have no positions. */
	KUNIT_EXPECT_EQ(test, vfs_llseek(f[1], 0, SEEK_SET), -ESPIPE);
	fput(f[1]);
}

struct reader {
	struct file *f;
	char buf[8];
	ssize_t got;
};

static int reader_thread(void *arg)
{
	struct reader *r = arg;

	r->got = kernel_read(r->f, r->buf, sizeof(r->buf), &r->f->f_pos);
	return 0;
}

static void pipe_blocking_reader(struct kunit *test)
{
	struct reader *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct task_struct *t;
	struct file *f[2];

	KUNIT_ASSERT_NOT_NULL(test, r);
	make_pipe(test, f, 0);
	r->f = f[0];
	r->got = -1;
	t = kthread_run(reader_thread, r, "pipe_reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* Let it run into the empty pipe and sleep there. */
	for (int i = 0; i < 5; i++)
		yield();
	KUNIT_EXPECT_EQ(test, r->got, -1);
	KUNIT_EXPECT_EQ(test, (long)t->state, (long)TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "wake", 4), 4);
	KUNIT_EXPECT_EQ(test, kthread_join(t), 0);
	KUNIT_EXPECT_EQ(test, r->got, 4);
	KUNIT_EXPECT_MEMEQ(test, r->buf, "wake", 4);
	fput(f[0]);
	fput(f[1]);
}

static void pipe_poll_events(struct kunit *test)
{
	struct file *f[2];

	make_pipe(test, f, O_NONBLOCK);
	KUNIT_EXPECT_EQ(test, vfs_poll(f[0], NULL), 0U);
	KUNIT_EXPECT_EQ(test, vfs_poll(f[1], NULL), POLLOUT | POLLWRNORM);
	KUNIT_EXPECT_EQ(test, pwrite_k(f[1], "x", 1), 1);
	KUNIT_EXPECT_EQ(test, vfs_poll(f[0], NULL), POLLIN | POLLRDNORM);
	fput(f[1]);
	KUNIT_EXPECT_EQ(test, vfs_poll(f[0], NULL),
			POLLIN | POLLRDNORM | POLLHUP);
	fput(f[0]);
	make_pipe(test, f, O_NONBLOCK);
	fput(f[0]);
	KUNIT_EXPECT_EQ(test, vfs_poll(f[1], NULL),
			POLLOUT | POLLWRNORM | POLLERR);
	fput(f[1]);
}

static void pipe_fifo(struct kunit *test)
{
	struct file *rd, *wr;
	char buf[4] = "";

	KUNIT_ASSERT_EQ(test, do_mknodat(AT_FDCWD, "/fifo", S_IFIFO | 0600,
					 0), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("/fifo", O_WRONLY |
						O_NONBLOCK, 0)), -ENXIO);
	rd = filp_open("/fifo", O_RDONLY | O_NONBLOCK, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rd);
	/* No writer yet: an empty FIFO reads as EOF. */
	KUNIT_EXPECT_EQ(test, pread_k(rd, buf, 1), 0);
	wr = filp_open("/fifo", O_WRONLY | O_NONBLOCK, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, wr);
	KUNIT_EXPECT_EQ(test, pread_k(rd, buf, 1), -EAGAIN);
	KUNIT_EXPECT_EQ(test, pwrite_k(wr, "ok", 2), 2);
	KUNIT_EXPECT_EQ(test, pread_k(rd, buf, sizeof(buf)), 2);
	KUNIT_EXPECT_MEMEQ(test, buf, "ok", 2);
	KUNIT_EXPECT_NOT_NULL(test, file_inode(rd)->i_pipe);
	fput(wr);
	fput(rd);
	KUNIT_EXPECT_NULL(test, vfs_test_inode("/fifo")->i_pipe);
}

static struct kunit_case pipe_cases[] = {
	KUNIT_CASE(pipe_capacity),
	KUNIT_CASE(pipe_eof_and_epipe),
	KUNIT_CASE(pipe_blocking_reader),
	KUNIT_CASE(pipe_poll_events),
	KUNIT_CASE(pipe_fifo),
	{}
};

static struct kunit_suite pipe_suite = {
	.name = "pipe",
	.init = vfs_test_init,
	.exit = vfs_test_exit,
	.test_cases = pipe_cases,
};
kunit_test_suite(pipe_suite);
