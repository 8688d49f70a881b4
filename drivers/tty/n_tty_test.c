/*
 * n_tty_test.c - KUnit tests of the line discipline on a tty whose test
 * driver records its output: canonical editing (erase, kill, werase,
 * lnext, eof), echo variants, VMIN/VTIME, signal characters and the
 * input/output translations.
 */
#include <kunit/test.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/timer.h>
#include <umk/tty.h>

struct test_tty {
	struct tty_struct tty;
	char out[1024];
	size_t out_len;
};

static size_t rec_write(struct tty_struct *tty, const u8 *buf, size_t len)
{
	struct test_tty *t = tty->driver_data;

	len = min(len, sizeof(t->out) - 1 - t->out_len);
	memcpy(t->out + t->out_len, buf, len);
	t->out_len += len;
	t->out[t->out_len] = 0;
	return len;
}

static size_t rec_room(struct tty_struct *tty)
{
	struct test_tty *t = tty->driver_data;

	return sizeof(t->out) - 1 - t->out_len;
}

static const struct tty_operations rec_ops = {
	.write = rec_write,
	.write_room = rec_room,
};

static struct test_tty *new_tty(struct kunit *test)
{
	struct test_tty *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	tty_struct_init(&t->tty);
	tty_init_termios(&t->tty, false);
	t->tty.ops = &rec_ops;
	t->tty.driver_data = t;
	return t;
}

static void in(struct test_tty *t, const char *s)
{
	n_tty_receive(&t->tty, (const u8 *)s, strlen(s));
}

/* A non-blocking read into buf (NUL-terminated); returns the count. */
static ssize_t rd(struct test_tty *t, char *buf, size_t len)
{
	struct file f = { .f_flags = O_NONBLOCK };
	struct kvec kv = { .iov_base = buf, .iov_len = len - 1 };
	struct iov_iter it;
	ssize_t n;

	iov_iter_kvec(&it, &kv, 1, len - 1);
	n = n_tty_read(&t->tty, &f, &it);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void clear_out(struct test_tty *t)
{
	t->out_len = 0;
	t->out[0] = 0;
}

static void n_tty_canon_lines(struct kunit *test)
{
	struct test_tty *t = new_tty(test);
	char buf[64];

	in(t, "ab");
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), -EAGAIN);
	in(t, "c\rxy\n");	/* ICRNL: \r ends the first line */
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), 4);
	KUNIT_EXPECT_STREQ(test, buf, "abc\n");
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "xy\n");
	/* ^D ends a line without itself; at the start it reads 0 (EOF). */
	in(t, "q\004\004");
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "q");
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), -EAGAIN);
	/* A short buffer takes the line in pieces. */
	in(t, "hello\n");
	KUNIT_EXPECT_EQ(test, rd(t, buf, 4), 3);
	KUNIT_EXPECT_STREQ(test, buf, "hel");
	KUNIT_EXPECT_EQ(test, rd(t, buf, sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "lo\n");
}

static void n_tty_canon_editing(struct kunit *test)
{
	struct test_tty *t = new_tty(test);
	char buf[64];

	in(t, "abc\177d\n");			/* erase */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "abd\n");
	in(t, "junk\025ok\n");			/* kill */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "ok\n");
	in(t, "one two  \027three\n");		/* werase */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "one three\n");
	in(t, "a\026\177\026\025b\n");		/* lnext: literal DEL, ^U */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "a\177\025b\n");
	in(t, "\177\177x\n");			/* erase at start: nothing */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "x\n");
	/* Without IEXTEN, ^W and ^V are plain characters. */
	t->tty.termios.c_lflag &= ~IEXTEN;
	in(t, "a\027\026\n");
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "a\027\026\n");
}

static void n_tty_echo(struct kunit *test)
{
	struct test_tty *t = new_tty(test);

	in(t, "hi\n");
	KUNIT_EXPECT_STREQ(test, t->out, "hi\r\n");	/* ONLCR */
	clear_out(t);
	in(t, "ab\177");			/* ECHOE: \b \b */
	KUNIT_EXPECT_STREQ(test, t->out, "ab\b \b");
	clear_out(t);
	in(t, "\001");				/* ECHOCTL: ^A */
	KUNIT_EXPECT_STREQ(test, t->out, "^A");
	clear_out(t);
	in(t, "\177");				/* a ^A takes two columns */
	KUNIT_EXPECT_STREQ(test, t->out, "\b \b\b \b");
	in(t, "\n");
	clear_out(t);
	in(t, "xy\025");			/* ECHOKE: erase each */
	KUNIT_EXPECT_STREQ(test, t->out, "xy\b \b\b \b");
	clear_out(t);
	t->tty.termios.c_lflag &= ~(ECHOKE | ECHOCTL);
	in(t, "xy\025");			/* ECHOK: kill char, newline */
	KUNIT_EXPECT_STREQ(test, t->out, "xy\025\r\n");
	clear_out(t);
	t->tty.termios.c_lflag &= ~ECHOE;
	in(t, "z\177");				/* no ECHOE: the erase char */
	KUNIT_EXPECT_STREQ(test, t->out, "z\177");
	clear_out(t);
	t->tty.termios.c_lflag &= ~ECHO;
	t->tty.termios.c_lflag |= ECHONL;
	in(t, "secret\n");			/* ECHONL: only the newline */
	KUNIT_EXPECT_STREQ(test, t->out, "\r\n");
	clear_out(t);
	/* Tabs: erasing one goes back to the previous tab stop. */
	t->tty.termios.c_lflag |= ECHO | ECHOE;
	in(t, "ab\t\177");
	KUNIT_EXPECT_STREQ(test, t->out, "ab\t\b\b\b\b\b\b");
}

static void n_tty_signal_chars(struct kunit *test)
{
	struct test_tty *t = new_tty(test);
	char buf[64];

	/* No foreground group here: the effects on the tty itself. */
	in(t, "lost\003");
	KUNIT_EXPECT_STREQ(test, t->out, "lost^C");
	in(t, "kept\n");
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "kept\n");	/* ^C flushed "lost" */
	t->tty.termios.c_lflag |= NOFLSH;
	in(t, "a\034b\n");			/* ^\\ with NOFLSH */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "ab\n");
	t->tty.termios.c_lflag &= ~ISIG;
	in(t, "\003\032\n");			/* no ISIG: plain chars */
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "\003\032\n");
	/* IXON: ^S stops output, ^Q restarts it; neither is input. */
	in(t, "\023");
	KUNIT_EXPECT_TRUE(test, t->tty.stopped);
	in(t, "\021");
	KUNIT_EXPECT_FALSE(test, t->tty.stopped);
}

static void n_tty_flags(struct kunit *test)
{
	struct test_tty *t = new_tty(test);
	struct termios *tm = &t->tty.termios;
	char buf[64];

	tm->c_iflag = IGNCR;
	in(t, "a\rb\n");
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "ab\n");
	tm->c_iflag = INLCR;
	in(t, "a\n\r");			/* \n becomes \r; \r stays */
	tm->c_lflag &= ~ICANON;
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "a\r\r");
	tm->c_iflag = ISTRIP;
	in(t, "\xc1");
	rd(t, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "A");

	clear_out(t);
	n_tty_process_output(&t->tty, (const u8 *)"x\n", 2);
	KUNIT_EXPECT_STREQ(test, t->out, "x\r\n");	/* ONLCR */
	clear_out(t);
	tm->c_oflag = OPOST | OCRNL;
	n_tty_process_output(&t->tty, (const u8 *)"a\rb", 3);
	KUNIT_EXPECT_STREQ(test, t->out, "a\nb");
	clear_out(t);
	tm->c_oflag = OPOST | ONOCR;
	t->tty.column = 0;
	n_tty_process_output(&t->tty, (const u8 *)"\rq\r", 3);
	KUNIT_EXPECT_STREQ(test, t->out, "q\r");
	clear_out(t);
	tm->c_oflag = OPOST | XTABS;
	t->tty.column = 0;
	n_tty_process_output(&t->tty, (const u8 *)"ab\tc", 4);
	KUNIT_EXPECT_STREQ(test, t->out, "ab      c");
	clear_out(t);
	tm->c_oflag = OPOST | OLCUC;
	n_tty_process_output(&t->tty, (const u8 *)"Hi\n", 3);
	KUNIT_EXPECT_STREQ(test, t->out, "HI\n");
	clear_out(t);
	tm->c_oflag = ONLCR;			/* no OPOST: nothing changes */
	n_tty_process_output(&t->tty, (const u8 *)"\n", 1);
	KUNIT_EXPECT_STREQ(test, t->out, "\n");
}

/* A blocking read (no O_NONBLOCK); returns the count and the time. */
static ssize_t rd_block(struct test_tty *t, char *buf, size_t len,
			u64 *ms)
{
	struct file f = { .f_flags = 0 };
	struct kvec kv = { .iov_base = buf, .iov_len = len - 1 };
	struct iov_iter it;
	u64 start = jiffies;
	ssize_t n;

	iov_iter_kvec(&it, &kv, 1, len - 1);
	n = n_tty_read(&t->tty, &f, &it);
	*ms = jiffies_to_msecs(jiffies - start);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void n_tty_vmin_vtime(struct kunit *test)
{
	struct test_tty *t = new_tty(test);
	struct termios *tm = &t->tty.termios;
	char buf[64];
	u64 ms;

	tm->c_lflag &= ~(ICANON | ECHO);
	/* MIN=0, TIME=0: a poll. */
	tm->c_cc[VMIN] = 0;
	tm->c_cc[VTIME] = 0;
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, sizeof(buf), &ms), 0);
	in(t, "xyz");
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, sizeof(buf), &ms), 3);
	/* MIN=0, TIME=1: 0 after a tenth of a second without input. */
	tm->c_cc[VTIME] = 1;
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, sizeof(buf), &ms), 0);
	KUNIT_EXPECT_GE(test, ms, 90);
	KUNIT_EXPECT_LT(test, ms, 1000);
	/* MIN=3, TIME=1: two bytes, then the inter-byte timer ends it. */
	tm->c_cc[VMIN] = 3;
	in(t, "ab");
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, sizeof(buf), &ms), 2);
	KUNIT_EXPECT_STREQ(test, buf, "ab");
	KUNIT_EXPECT_GE(test, ms, 90);
	/* MIN=2, TIME=0: returns as soon as two are there, all of them. */
	tm->c_cc[VMIN] = 2;
	tm->c_cc[VTIME] = 0;
	in(t, "12345");
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, 4, &ms), 3);
	KUNIT_EXPECT_STREQ(test, buf, "123");
	KUNIT_EXPECT_EQ(test, rd_block(t, buf, sizeof(buf), &ms), 2);
	/* Raw input is flow-controlled: a full buffer takes no more. */
	for (int i = 0; i < N_TTY_BUF_SIZE / 32; i++)
		in(t, "0123456789abcdef0123456789abcdef");
	KUNIT_EXPECT_EQ(test, n_tty_receive_room(&t->tty), 0);
	KUNIT_EXPECT_EQ(test, n_tty_receive(&t->tty, (const u8 *)"z", 1), 0);
	KUNIT_EXPECT_EQ(test, n_tty_chars_available(&t->tty),
			N_TTY_BUF_SIZE - 1);
}

static struct kunit_case n_tty_cases[] = {
	KUNIT_CASE(n_tty_canon_lines),
	KUNIT_CASE(n_tty_canon_editing),
	KUNIT_CASE(n_tty_echo),
	KUNIT_CASE(n_tty_signal_chars),
	KUNIT_CASE(n_tty_flags),
	KUNIT_CASE(n_tty_vmin_vtime),
	{}
};

static struct kunit_suite n_tty_suite = {
	.name = "n_tty",
	.test_cases = n_tty_cases,
};
kunit_test_suite(n_tty_suite);
