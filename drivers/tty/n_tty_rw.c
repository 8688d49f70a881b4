/*
 * n_tty_rw.c - reading and writing through the line discipline:
 * canonical reads return one line (EOF at the start of a line gives 0),
 * non-canonical reads follow VMIN/VTIME; writes are output-processed
 * and wait for room (pty) or a ^S to be undone. Input arrives in
 * process context (n_tty.c), so the ring needs no locking beyond the
 * kernel being non-preemptive.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/poll.h>
#include <umk/signal.h>
#include <umk/timer.h>
#include <umk/tty.h>

#define MASK(x)		((x) & (N_TTY_BUF_SIZE - 1))

static bool canon(const struct tty_struct *tty)
{
	return tty->termios.c_lflag & ICANON;
}

/* Bytes a read may take now: whole lines, or all input when raw. */
static unsigned int readable(const struct tty_struct *tty)
{
	if (canon(tty) && !(tty->flags & TTY_INPUT_EOF))
		return tty->canon_head - tty->tail;
	return tty->head - tty->tail;
}

size_t n_tty_chars_available(struct tty_struct *tty)
{
	unsigned int i, n = 0;

	for (i = tty->tail; i != tty->tail + readable(tty); i++)
		if (!(tty->read_flags[MASK(i)] & N_TTY_NOCOPY))
			n++;
	return n;
}

static bool at_end(const struct tty_struct *tty)
{
	return tty->flags & (TTY_HUPPED | TTY_INPUT_EOF | TTY_OTHER_CLOSED);
}

/*
 * Takes up to len bytes: in canonical mode up to the end of one line
 * (an EOF character ends it and is not copied). *line_done is set when
 * a delimiter was consumed.
 */
static size_t take(struct tty_struct *tty, u8 *dst, size_t len,
		   bool *line_done)
{
	unsigned int avail = readable(tty);
	size_t n = 0;

	*line_done = false;
	while (avail && n < len) {
		u8 c = tty->read_buf[MASK(tty->tail)];
		u8 f = tty->read_flags[MASK(tty->tail)];

		tty->tail++;
		avail--;
		if (!(f & N_TTY_NOCOPY))
			dst[n++] = c;
		if (canon(tty) && (f & N_TTY_DELIM)) {
			*line_done = true;
			break;
		}
	}
	if (tty->tail == tty->head)
		tty->tail = tty->head = tty->canon_head = 0;
	return n;
}

/* Sleeps for input (or timeout jiffies, if > 0); -ERESTARTSYS. */
static int wait_input(struct tty_struct *tty, long *timeout)
{
	DEFINE_WAIT(w);
	int err = 0;

	prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
	if (!readable(tty) && !at_end(tty)) {
		if (signal_pending(current))
			err = -ERESTARTSYS;
		else if (*timeout > 0)
			*timeout = schedule_timeout(*timeout);
		else
			schedule();
	}
	finish_wait(&tty->read_wait, &w);
	return err;
}

static ssize_t read_canon(struct tty_struct *tty, struct file *file,
			  struct iov_iter *to)
{
	size_t want = iov_iter_count(to), done = 0;
	long timeout = 0;
	u8 chunk[256];
	int err;

	for (;;) {
		bool line_done = false;

		while (readable(tty) && done < want && !line_done) {
			size_t n = take(tty, chunk, min(sizeof(chunk),
						       want - done),
					&line_done);

			if (n && copy_to_iter(chunk, n, to) != n)
				return done ? (ssize_t)done : -EFAULT;
			done += n;
		}
		if (done || line_done || at_end(tty))
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_input(tty, &timeout);
		if (err)
			return err;
	}
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
	return done;
}

/* Non-canonical: VMIN bytes, VTIME tenths of a second (POSIX's cases). */
static ssize_t read_raw(struct tty_struct *tty, struct file *file,
			struct iov_iter *to)
{
	size_t vmin = tty->termios.c_cc[VMIN];
	long vtime = tty->termios.c_cc[VTIME] * HZ / 10;
	size_t want = iov_iter_count(to), done = 0;
	size_t need = min(vmin, want);
	long timeout = vtime;
	u8 chunk[256];
	int err;

	if (vtime && !timeout)
		timeout = vtime = 1;
	for (;;) {
		bool line_done;
		size_t before = done;

		while (readable(tty) && done < want) {
			size_t n = take(tty, chunk, min(sizeof(chunk),
						       want - done),
					&line_done);

			if (n && copy_to_iter(chunk, n, to) != n)
				return done ? (ssize_t)done : -EFAULT;
			done += n;
		}
		if (tty->ops->unthrottle && done != before)
			tty->ops->unthrottle(tty);
		if (done >= want || (done && done >= need) ||
		    (!vmin && (done || !vtime)))
			break;
		if (at_end(tty))
			break;
		if (file->f_flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		/* MIN=0: one timer; MIN>0: restarted after each byte. */
		if (vtime && vmin && done != before)
			timeout = vtime;
		if (vtime && (!vmin || done)) {
			if (timeout <= 0)
				break;
		} else {
			timeout = 0;
		}
		err = wait_input(tty, &timeout);
		if (err)
			return done ? (ssize_t)done : err;
		if (vtime && (!vmin || done) && timeout <= 0 &&
		    !readable(tty))
			break;
	}
	return done;
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *file,
		   struct iov_iter *to)
{
	ssize_t ret;

	if (canon(tty))
		ret = read_canon(tty, file, to);
	else
		ret = read_raw(tty, file, to);
	/* A pty master whose slave is gone: EIO, once the data is read. */
	if (!ret && (tty->flags & TTY_IS_MASTER) &&
	    (tty->flags & TTY_OTHER_CLOSED))
		ret = -EIO;
	return ret;
}

static bool write_blocked(struct tty_struct *tty)
{
	return tty->stopped || !tty->ops->write_room(tty);
}

static int wait_room(struct tty_struct *tty)
{
	DEFINE_WAIT(w);
	int err = 0;

	prepare_to_wait(&tty->write_wait, &w, TASK_INTERRUPTIBLE);
	if (write_blocked(tty) && !(tty->flags & TTY_HUPPED) &&
	    !(tty->flags & TTY_OTHER_CLOSED)) {
		if (signal_pending(current))
			err = -ERESTARTSYS;
		else
			schedule();
	}
	finish_wait(&tty->write_wait, &w);
	return err;
}

ssize_t n_tty_write(struct tty_struct *tty, struct file *file,
		    struct iov_iter *from)
{
	size_t done = 0, have = 0, at = 0;
	u8 chunk[256];
	int err = 0;

	while (at < have || iov_iter_count(from)) {
		if (at == have) {
			size_t want = min(sizeof(chunk), iov_iter_count(from));

			have = copy_from_iter(chunk, want, from);
			at = 0;
			if (!have) {
				err = -EFAULT;
				break;
			}
		}
		if (tty->flags & (TTY_HUPPED | TTY_OTHER_CLOSED)) {
			err = -EIO;
			break;
		}
		if (!tty->stopped) {
			size_t n = n_tty_process_output(tty, chunk + at,
							have - at);

			at += n;
			done += n;
			if (n)
				continue;
		}
		if (file->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		err = wait_room(tty);
		if (err)
			break;
	}
	return done ? (ssize_t)done : err;
}

unsigned int n_tty_poll(struct tty_struct *tty, struct file *file,
			struct poll_table *pt)
{
	unsigned int mask = 0;

	poll_wait(file, &tty->read_wait, pt);
	poll_wait(file, &tty->write_wait, pt);
	if (readable(tty) || (tty->flags & TTY_INPUT_EOF))
		mask |= POLLIN | POLLRDNORM;
	if (tty->flags & (TTY_HUPPED | TTY_OTHER_CLOSED))
		mask |= POLLHUP | POLLIN | POLLRDNORM;
	if (!write_blocked(tty))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}
