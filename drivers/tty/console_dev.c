/*
 * console_dev.c - the console tty on the host's stdin and stdout, as
 * /dev/console (5,1), and /dev/tty (5,0), the caller's controlling tty.
 *
 * When the host stdin is a terminal, the console is a terminal: the host
 * side goes raw (arch/um/os/termios.c) and the n_tty line discipline
 * edits, echoes and sends ^C/^Z/^\ to the foreground group; the window
 * size follows the host's (SIGWINCH). Otherwise (a pipe, a file) umk is
 * a batch runner: the console is a plain stream, not a terminal (ioctls
 * give ENOTTY, no translations, no echo), and the end of the host's
 * input makes reads return 0.
 *
 * Input never blocks the kernel: the IRQ_IO handler (SIGIO on stdin)
 * reads what is there into a ring; the "console" kernel thread feeds
 * it to the line discipline (which may send signals: not in an irq).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/wait.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/irqflags.h>
#include <umk/reboot.h>
#include <umk/timer.h>
#include <umk/tty.h>
#include <os.h>

#define TTYAUX_MAJOR	5
#define CON_BUF		4096	/* a power of two */
#define HOST_STDIN	0
#define HOST_STDOUT	1

static struct {
	char buf[CON_BUF];
	unsigned int head, tail;	/* raw host input: [tail, head) */
	bool eof;			/* host stdin reported end of input */
	bool setup_done;
	bool async;			/* SIGIO wakes the thread */
	bool is_tty;			/* host stdin is a terminal */
	bool winch;			/* reread the window size */
	bool room;			/* the ldisc took input: retry */
	struct wait_queue_head wait;	/* the input thread sleeps here */
	struct tty_struct tty;
} con;

bool console_is_tty(void)
{
	return con.is_tty;
}

/* Reads what the host has, without blocking; irqs are off. */
static void con_fill(void)
{
	while (!con.eof && con.head - con.tail < CON_BUF) {
		unsigned int at = con.head % CON_BUF;
		size_t room = min(CON_BUF - at,
				  CON_BUF - (con.head - con.tail));
		long n = os_console_read(HOST_STDIN, con.buf + at, room);

		if (n == -EAGAIN)
			break;
		if (n <= 0) {
			/* End of input (or an unreadable stdin: the same). */
			con.eof = true;
			break;
		}
		con.head += n;
	}
}

static void con_irq(int irq, void *data)
{
	con_fill();
	con.winch = con.is_tty;
	wake_up_all(&con.wait);
}

static void con_restore(void)
{
	os_console_input_restore(HOST_STDIN);
	os_tty_restore();
}

static struct shutdown_hook con_hook = { .fn = con_restore };

static void update_winsize(void)
{
	struct winsize ws = con.tty.winsize;

	if (os_tty_winsize(HOST_STDIN, &ws.ws_row, &ws.ws_col) ||
	    !ws.ws_row || !ws.ws_col)
		return;
	if (ws.ws_row != con.tty.winsize.ws_row ||
	    ws.ws_col != con.tty.winsize.ws_col) {
		con.tty.winsize = ws;
		tty_signal_pgrp(&con.tty, SIGWINCH);
	}
}

static bool input_ready(void)
{
	unsigned long flags;
	bool ready;

	local_irq_save(flags);
	con_fill();
	ready = con.head != con.tail || con.winch || con.room ||
		(con.eof && !(con.tty.flags & TTY_INPUT_EOF));
	local_irq_restore(flags);
	return ready;
}

/* Hands host input to the line discipline, in order. */
static void feed_ldisc(void)
{
	u8 chunk[256];
	unsigned long flags;
	size_t n, took;

	for (;;) {
		local_irq_save(flags);
		n = 0;
		while (n < sizeof(chunk) && con.tail + n != con.head) {
			chunk[n] = con.buf[(con.tail + n) % CON_BUF];
			n++;
		}
		local_irq_restore(flags);
		if (!n)
			break;
		took = n_tty_receive(&con.tty, chunk, n);
		local_irq_save(flags);
		con.tail += took;
		local_irq_restore(flags);
		if (took < n)
			return;		/* full: the reader's unthrottle */
	}
	if (con.eof && !(con.tty.flags & TTY_INPUT_EOF)) {
		con.tty.flags |= TTY_INPUT_EOF;
		wake_up_all(&con.tty.read_wait);
	}
}

static int con_input_thread(void *arg)
{
	DEFINE_WAIT(w);

	for (;;) {
		prepare_to_wait(&con.wait, &w, TASK_INTERRUPTIBLE);
		if (!input_ready()) {
			if (con.async)
				schedule();
			else
				schedule_timeout(msecs_to_jiffies(20));
		}
		finish_wait(&con.wait, &w);
		con.room = false;
		if (con.winch) {
			con.winch = false;
			update_winsize();
		}
		feed_ldisc();
	}
	return 0;
}

static size_t con_write(struct tty_struct *tty, const u8 *buf, size_t len)
{
	/* A console has no one to report a failed write to. */
	(void)os_write_all(HOST_STDOUT, buf, len);
	return len;
}

static size_t con_write_room(struct tty_struct *tty)
{
	return CON_BUF;
}

static void con_unthrottle(struct tty_struct *tty)
{
	if (con.head != con.tail) {
		con.room = true;
		wake_up_all(&con.wait);
	}
}

static const struct tty_operations con_ops = {
	.write = con_write,
	.write_room = con_write_room,
	.unthrottle = con_unthrottle,
};

/* At the first open: raw mode, SIGIO on stdin, the input thread. */
static void con_setup(void)
{
	struct task_struct *t;
	int err;

	if (con.setup_done)
		return;
	con.setup_done = true;
	con.is_tty = os_tty_is_terminal(HOST_STDIN) == 1 &&
		     !os_tty_make_raw(HOST_STDIN);
	tty_init_termios(&con.tty, !con.is_tty);
	if (!con.is_tty)
		con.tty.flags |= TTY_NOT_A_TTY;
	else
		update_winsize();
	register_shutdown_hook(&con_hook);
	err = request_irq(IRQ_IO, con_irq, NULL);
	if (!err) {
		err = os_console_input_setup(HOST_STDIN);
		if (err)
			free_irq(IRQ_IO);
	}
	if (err)
		pr_warn("console: no input interrupts (%d): polling stdin\n",
			err);
	else
		con.async = true;
	t = kthread_run(con_input_thread, NULL, "console");
	if (IS_ERR(t))
		pr_err("console: no input thread: %ld\n", PTR_ERR(t));
}

static int con_open(struct inode *inode, struct file *file)
{
	struct tty_struct *tty;

	con_setup();
	if (MINOR(inode->i_rdev) == 1)
		return tty_attach_file(&con.tty, file, false);
	/* /dev/tty: the controlling terminal, whichever it is. */
	tty = get_current_tty();
	if (!tty)
		return -ENXIO;
	return tty_attach_file(tty, file, true);
}

static const struct file_operations console_fops = {
	.open = con_open,
};

static int console_dev_init(void)
{
	init_waitqueue_head(&con.wait);
	tty_struct_init(&con.tty);
	con.tty.ops = &con_ops;
	con.tty.name_prefix = "console";
	con.tty.flags = TTY_CONSOLE;
	tty_register(&con.tty);
	return register_chrdev(TTYAUX_MAJOR, 0, 2, "console", &console_fops);
}
device_initcall(console_dev_init);
