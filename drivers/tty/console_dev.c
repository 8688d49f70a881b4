/*
 * console_dev.c - /dev/console (5,1) and /dev/tty (5,0) on the host's
 * stdin and stdout, line by line; the full TTY layer (termios, echo,
 * job control) comes later, so these are not terminals yet (TCGETS
 * gives ENOTTY). Input is gathered by the IRQ_IO handler into a ring
 * buffer without ever blocking the kernel; readers sleep until a line
 * (or end of input) is there. Output goes straight to the host stdout.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/poll.h>
#include <umk/wait.h>
#include <umk/mutex.h>
#include <umk/signal.h>
#include <umk/irqflags.h>
#include <umk/reboot.h>
#include <umk/timer.h>
#include <os.h>

#define TTYAUX_MAJOR	5
#define CON_BUF		4096	/* a power of two */
#define HOST_STDIN	0
#define HOST_STDOUT	1

static struct {
	char buf[CON_BUF];
	unsigned int head, tail;	/* ring: [tail, head) is input */
	bool eof;			/* host stdin reported end of input */
	bool setup_done;
	bool async;			/* SIGIO wakes readers */
	struct wait_queue_head wait;
	struct mutex read_lock;		/* one reader takes a line at a time */
	struct mutex write_lock;	/* writes are not interleaved */
} con;

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
	if (con.head != con.tail || con.eof)
		wake_up_all(&con.wait);
}

static void con_restore(void)
{
	os_console_input_restore(HOST_STDIN);
}

static struct shutdown_hook con_hook = { .fn = con_restore };

/* Arms SIGIO on the host stdin at the first open. */
static void con_setup(void)
{
	int err;

	if (con.setup_done)
		return;
	con.setup_done = true;
	err = request_irq(IRQ_IO, con_irq, NULL);
	if (!err) {
		err = os_console_input_setup(HOST_STDIN);
		if (err)
			free_irq(IRQ_IO);
	}
	if (err) {
		pr_warn("console: no input interrupts (%d): polling stdin\n",
			err);
		return;
	}
	register_shutdown_hook(&con_hook);
	con.async = true;
}

/* Moves up to len bytes (up to and including a newline) out of the ring. */
static size_t con_take(char *dst, size_t len)
{
	unsigned long flags;
	size_t n = 0;

	local_irq_save(flags);
	con_fill();
	while (n < len && con.tail != con.head) {
		char c = con.buf[con.tail++ % CON_BUF];

		dst[n++] = c;
		if (c == '\n')
			break;
	}
	local_irq_restore(flags);
	return n;
}

static bool con_readable(void)
{
	unsigned long flags;
	bool ready;

	local_irq_save(flags);
	con_fill();
	ready = con.head != con.tail || con.eof;
	local_irq_restore(flags);
	return ready;
}

/* Sleeps until input (or EOF) is there; -ERESTARTSYS on a signal. */
static int con_wait(void)
{
	DEFINE_WAIT(w);
	int err = 0;

	for (;;) {
		prepare_to_wait(&con.wait, &w, TASK_INTERRUPTIBLE);
		if (con_readable())
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		if (con.async)
			schedule();
		else
			schedule_timeout(msecs_to_jiffies(20));
	}
	finish_wait(&con.wait, &w);
	return err;
}

static ssize_t con_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char line[256];
	ssize_t done = 0;
	int err;

	mutex_lock(&con.read_lock);
	while (!done) {
		size_t n = con_take(line, min(sizeof(line),
					      iov_iter_count(to)));

		if (n) {
			done = copy_to_iter(line, n, to) == n ? (ssize_t)n :
			       -EFAULT;
			/* The rest of a long line comes in the same read. */
			while (done > 0 && line[n - 1] != '\n' &&
			       iov_iter_count(to)) {
				n = con_take(line, min(sizeof(line),
						       iov_iter_count(to)));
				if (!n || copy_to_iter(line, n, to) != n)
					break;
				done += n;
			}
			break;
		}
		if (con.eof) {
			con.eof = false;	/* one read sees each EOF */
			break;
		}
		if (file->f_flags & O_NONBLOCK) {
			done = -EAGAIN;
			break;
		}
		err = con_wait();
		if (err) {
			done = err;
			break;
		}
	}
	mutex_unlock(&con.read_lock);
	return done;
}

static ssize_t con_write(struct file *file, struct iov_iter *from,
			 loff_t *pos)
{
	char chunk[512];
	ssize_t done = 0;

	mutex_lock(&con.write_lock);
	while (iov_iter_count(from)) {
		size_t want = min(sizeof(chunk), iov_iter_count(from));
		size_t got = copy_from_iter(chunk, want, from);
		long n = got ? os_write_all(HOST_STDOUT, chunk, got) : 0;

		if (n < 0) {
			if (!done)
				done = -EIO;
			break;
		}
		done += got;
		if (got < want) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	mutex_unlock(&con.write_lock);
	return done;
}

static unsigned int con_poll(struct file *file, struct poll_table *pt)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(file, &con.wait, pt);
	if (con_readable())
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static int con_open(struct inode *inode, struct file *file)
{
	con_setup();
	return stream_open(inode, file);
}

static const struct file_operations console_fops = {
	.open = con_open,
	.llseek = no_llseek,
	.read_iter = con_read,
	.write_iter = con_write,
	.poll = con_poll,
};

static int console_dev_init(void)
{
	init_waitqueue_head(&con.wait);
	mutex_init(&con.read_lock);
	mutex_init(&con.write_lock);
	/* /dev/tty is the console too until there are controlling ttys. */
	return register_chrdev(TTYAUX_MAJOR, 0, 2, "console", &console_fops);
}
device_initcall(console_dev_init);
