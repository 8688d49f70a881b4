/*
 * n_tty.c - the line discipline's input and output processing: input
 * flags (ISTRIP, IGNCR, ICRNL, INLCR, IXON), signal characters (ISIG),
 * canonical editing (erase, kill, werase, lnext, reprint, eof, eol) and
 * echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL); output processing
 * (OPOST, ONLCR, OCRNL, ONOCR, ONLRET, XTABS, OLCUC). Reading and
 * writing files is in n_tty_rw.c. Input is received in process context
 * only (the console's input thread, a pty master's writer), so nothing
 * here races with a reader: the kernel is not preempted.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/tty.h>
#include <uapi/umk/signal.h>

#define MASK(x)		((x) & (N_TTY_BUF_SIZE - 1))
#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))

static bool is_cc(const struct tty_struct *tty, int idx, u8 c)
{
	/* A c_cc value of 0 (_POSIX_VDISABLE) disables the function. */
	return tty->termios.c_cc[idx] && tty->termios.c_cc[idx] == c;
}

static bool is_cntrl(u8 c)
{
	return c < 0x20 || c == 0x7f;
}

/* The bytes one output character becomes; *col is updated. */
static int expand(struct tty_struct *tty, u8 c, u8 *out, unsigned int *col)
{
	int n = 0;

	if (!O(tty, OPOST)) {
		out[0] = c;
		return 1;
	}
	switch (c) {
	case '\n':
		if (O(tty, ONLCR)) {
			out[n++] = '\r';
			*col = 0;
		} else if (O(tty, ONLRET)) {
			*col = 0;
		}
		out[n++] = '\n';
		return n;
	case '\r':
		if (O(tty, ONOCR) && *col == 0)
			return 0;
		if (O(tty, OCRNL)) {
			c = '\n';
			if (O(tty, ONLRET))
				*col = 0;
		} else {
			*col = 0;
		}
		out[0] = c;
		return 1;
	case '\t':
		n = 8 - (*col & 7);
		*col += n;
		if ((tty->termios.c_oflag & TABDLY) == XTABS) {
			memset(out, ' ', n);
			return n;
		}
		out[0] = '\t';
		return 1;
	case '\b':
		if (*col)
			(*col)--;
		out[0] = c;
		return 1;
	}
	if (O(tty, OLCUC) && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	/* UTF-8 continuation bytes take no column. */
	if (!is_cntrl(c) && !(I(tty, IUTF8) && (c & 0xc0) == 0x80))
		(*col)++;
	out[0] = c;
	return 1;
}

size_t n_tty_process_output(struct tty_struct *tty, const u8 *buf,
			    size_t len)
{
	u8 out[256], one[8];
	size_t i = 0;

	while (i < len) {
		size_t room = tty->ops->write_room(tty), o = 0, start = i;

		room = min(room, sizeof(out));
		while (i < len) {
			unsigned int col = tty->column;
			int e = expand(tty, buf[i], one, &col);

			if (o + e > room)
				break;
			memcpy(out + o, one, e);
			o += e;
			tty->column = col;
			i++;
		}
		if (o)
			tty->ops->write(tty, out, o);
		if (i == start)
			break;		/* no room for the next character */
	}
	return i;
}

static void echo_byte(struct tty_struct *tty, u8 c)
{
	n_tty_process_output(tty, &c, 1);
}

/* Echoes c as the user sees it: ^X for control characters (ECHOCTL). */
static void echo_char(struct tty_struct *tty, u8 c)
{
	if (L(tty, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		echo_byte(tty, '^');
		echo_byte(tty, c == 0x7f ? '?' : c ^ 0100);
		return;
	}
	echo_byte(tty, c);
}

static void put_char(struct tty_struct *tty, u8 c, u8 flags)
{
	tty->read_buf[MASK(tty->head)] = c;
	tty->read_flags[MASK(tty->head)] = flags;
	tty->head++;
}

static void commit_line(struct tty_struct *tty)
{
	tty->canon_head = tty->head;
	tty->canon_column = tty->column;
	wake_up_all(&tty->read_wait);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	tty->head = tty->tail = tty->canon_head = 0;
	tty->lnext = false;
	tty->canon_column = tty->column;
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
}

/* The column at which the pending line's character at pos starts. */
static unsigned int column_of(struct tty_struct *tty, unsigned int pos)
{
	unsigned int col = tty->canon_column, i;

	for (i = tty->canon_head; i != pos; i++) {
		u8 c = tty->read_buf[MASK(i)];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_cntrl(c))
			col += L(tty, ECHOCTL) ? 2 : 0;
		else if (!(I(tty, IUTF8) && (c & 0xc0) == 0x80))
			col++;
	}
	return col;
}

/* Visually removes the last pending character (ECHOE). */
static void erase_one(struct tty_struct *tty)
{
	unsigned int last = tty->head - 1;
	u8 c = tty->read_buf[MASK(last)];
	unsigned int from, to, n;

	if (!L(tty, ECHO)) {
		tty->head = last;
		return;
	}
	if (!L(tty, ECHOE)) {
		tty->head = last;
		echo_char(tty, tty->termios.c_cc[VERASE]);
		return;
	}
	from = column_of(tty, last);
	to = column_of(tty, tty->head);
	tty->head = last;
	if (I(tty, IUTF8) && (c & 0xc0) == 0x80)
		return;
	for (n = to - from; n; n--) {
		if (c == '\t') {
			echo_byte(tty, '\b');
		} else {
			echo_byte(tty, '\b');
			echo_byte(tty, ' ');
			echo_byte(tty, '\b');
		}
	}
}

static bool is_word_char(u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* ERASE, KILL and WERASE on the pending (uncommitted) line. */
static void eraser(struct tty_struct *tty, u8 c)
{
	bool kill = is_cc(tty, VKILL, c);
	bool word = !kill && !is_cc(tty, VERASE, c);
	bool seen_word = false;

	if (tty->head == tty->canon_head)
		return;
	if (kill && (!L(tty, ECHO) || !L(tty, ECHOE) || !L(tty, ECHOKE))) {
		tty->head = tty->canon_head;
		if (L(tty, ECHO)) {
			echo_char(tty, c);
			if (L(tty, ECHOK))
				echo_byte(tty, '\n');
			tty->canon_column = tty->column;
		}
		return;
	}
	while (tty->head != tty->canon_head) {
		u8 prev = tty->read_buf[MASK(tty->head - 1)];

		if (word) {
			if (is_word_char(prev))
				seen_word = true;
			else if (seen_word)
				break;
		}
		/* A UTF-8 sequence goes whole. */
		if (I(tty, IUTF8) && (prev & 0xc0) == 0x80) {
			erase_one(tty);
			continue;
		}
		erase_one(tty);
		if (!kill && !word)
			break;
	}
}

static void reprint(struct tty_struct *tty)
{
	unsigned int i;

	echo_char(tty, tty->termios.c_cc[VREPRINT]);
	echo_byte(tty, '\n');
	tty->canon_column = tty->column;
	for (i = tty->canon_head; i != tty->head; i++)
		echo_char(tty, tty->read_buf[MASK(i)]);
}

static void isig(struct tty_struct *tty, int sig, u8 c)
{
	if (!L(tty, NOFLSH)) {
		n_tty_flush_input(tty);
		if (tty->ops->flush_buffer)
			tty->ops->flush_buffer(tty);
	}
	if (I(tty, IXON))
		tty->stopped = false;
	if (L(tty, ECHO))
		echo_char(tty, c);
	tty_signal_pgrp(tty, sig);
}

size_t n_tty_receive_room(struct tty_struct *tty)
{
	return N_TTY_BUF_SIZE - 1 - (tty->head - tty->tail);
}

/* A canonical line keeps room for its delimiter. */
static bool canon_fits(struct tty_struct *tty, bool delim)
{
	return n_tty_receive_room(tty) > (delim ? 0u : 1u);
}

static void receive_canon(struct tty_struct *tty, u8 c)
{
	if (is_cc(tty, VERASE, c) || is_cc(tty, VKILL, c) ||
	    (is_cc(tty, VWERASE, c) && L(tty, IEXTEN))) {
		eraser(tty, c);
		return;
	}
	if (is_cc(tty, VLNEXT, c) && L(tty, IEXTEN)) {
		tty->lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL)) {
			echo_byte(tty, '^');
			echo_byte(tty, '\b');
		}
		return;
	}
	if (is_cc(tty, VREPRINT, c) && L(tty, ECHO) && L(tty, IEXTEN)) {
		reprint(tty);
		return;
	}
	if (c == '\n' || is_cc(tty, VEOL, c) ||
	    (is_cc(tty, VEOL2, c) && L(tty, IEXTEN))) {
		if (!canon_fits(tty, true))
			return;
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		put_char(tty, c, N_TTY_DELIM);
		commit_line(tty);
		return;
	}
	if (is_cc(tty, VEOF, c)) {
		if (!canon_fits(tty, true))
			return;
		put_char(tty, c, N_TTY_DELIM | N_TTY_NOCOPY);
		commit_line(tty);
		return;
	}
	if (!canon_fits(tty, false))
		return;		/* a full line drops further characters */
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_char(tty, c, 0);
}

/* One input character; false if there is no room (raw mode). */
static bool receive_char(struct tty_struct *tty, u8 c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		tty->lnext = false;
		if (L(tty, ICANON) && !canon_fits(tty, false))
			return true;
		if (L(tty, ECHO)) {
			if (L(tty, ICANON))
				echo_byte(tty, '\b');
			echo_char(tty, c);
		}
		put_char(tty, c, 0);
		return true;
	}
	if (I(tty, IXON)) {
		if (is_cc(tty, VSTART, c)) {
			tty->stopped = false;
			tty_wakeup(tty);
			return true;
		}
		if (is_cc(tty, VSTOP, c)) {
			tty->stopped = true;
			return true;
		}
		if (I(tty, IXANY) && tty->stopped) {
			tty->stopped = false;
			tty_wakeup(tty);
		}
	}
	if (L(tty, ISIG)) {
		if (is_cc(tty, VINTR, c)) {
			isig(tty, SIGINT, c);
			return true;
		}
		if (is_cc(tty, VQUIT, c)) {
			isig(tty, SIGQUIT, c);
			return true;
		}
		if (is_cc(tty, VSUSP, c)) {
			isig(tty, SIGTSTP, c);
			return true;
		}
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			return true;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ICANON)) {
		receive_canon(tty, c);
		return true;
	}
	if (!n_tty_receive_room(tty))
		return false;
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_char(tty, c, 0);
	return true;
}

size_t n_tty_receive(struct tty_struct *tty, const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!receive_char(tty, buf[i]))
			break;
	if (!L(tty, ICANON) && tty->head != tty->tail) {
		tty->canon_head = tty->head;
		wake_up_all(&tty->read_wait);
	}
	return i;
}

void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	bool was_canon = old->c_lflag & ICANON;

	/* Leaving canonical mode: the pending line becomes readable. */
	if (was_canon && !L(tty, ICANON)) {
		tty->canon_head = tty->head;
		wake_up_all(&tty->read_wait);
	}
	if (!was_canon && L(tty, ICANON))
		tty->canon_head = tty->tail;
	if (!I(tty, IXON) && tty->stopped) {
		tty->stopped = false;
		tty_wakeup(tty);
	}
	wake_up_all(&tty->read_wait);
}
