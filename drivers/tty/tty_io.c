/*
 * tty_io.c - the tty core: the file operations every terminal shares,
 * controlling terminals and job control. A tty remembers the session it
 * controls and its foreground process group; a process's controlling
 * tty is the tty whose session is its own, so fork, setsid and exit
 * need no tty bookkeeping (setsid makes a session no tty names).
 * Background reads and writes stop the group with SIGTTIN/SIGTTOU;
 * hangup sends SIGHUP and SIGCONT.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/signal.h>
#include <umk/pid.h>
#include <umk/tty.h>

#define MAX_TTYS	256
static struct tty_struct *ttys[MAX_TTYS];

void tty_register(struct tty_struct *tty)
{
	for (int i = 0; i < MAX_TTYS; i++) {
		if (!ttys[i]) {
			ttys[i] = tty;
			return;
		}
	}
	tty->flags |= TTY_NO_CTTY;	/* cannot be found: no ctty then */
}

void tty_unregister(struct tty_struct *tty)
{
	for (int i = 0; i < MAX_TTYS; i++)
		if (ttys[i] == tty)
			ttys[i] = NULL;
}

/* Does any live process belong to session sid? */
bool tty_session_alive(pid_t sid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (is_user_task(t) && thread_group_leader(t) &&
		    t->signal->nr_threads && t->signal->session == sid)
			return true;
	return false;
}

static struct tty_struct *tty_of_session(pid_t sid)
{
	for (int i = 0; i < MAX_TTYS; i++) {
		struct tty_struct *tty = ttys[i];

		if (!tty || tty->session != sid)
			continue;
		/* A session that died without a hangup frees its tty. */
		if (!tty_session_alive(sid)) {
			tty->session = tty->pgrp = 0;
			return NULL;
		}
		return tty;
	}
	return NULL;
}

struct tty_struct *get_current_tty(void)
{
	if (!current->signal || !current->signal->session)
		return NULL;
	return tty_of_session(current->signal->session);
}

void tty_init_termios(struct tty_struct *tty, bool raw)
{
	static const cc_t cc[NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177,
		[VKILL] = 025, [VEOF] = 004, [VTIME] = 0, [VMIN] = 1,
		[VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027,
		[VLNEXT] = 026,
	};
	struct termios *t = &tty->termios;

	memset(t, 0, sizeof(*t));
	memcpy(t->c_cc, cc, sizeof(cc));
	t->c_cflag = B38400 | CS8 | CREAD;
	if (raw)
		return;
	t->c_cflag |= HUPCL;
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		     IEXTEN;
}

void tty_struct_init(struct tty_struct *tty)
{
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	mutex_init(&tty->read_lock);
	mutex_init(&tty->write_lock);
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
}

void tty_wakeup(struct tty_struct *tty)
{
	wake_up_all(&tty->write_wait);
}

static void signal_pgrp(pid_t pgrp, int sig)
{
	siginfo_t info;

	if (pgrp <= 0)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	kill_pgrp_info(sig, &info, pgrp);
}

void tty_signal_pgrp(struct tty_struct *tty, int sig)
{
	signal_pgrp(tty->pgrp, sig);
}

void tty_hangup(struct tty_struct *tty)
{
	pid_t sid = tty->session, pgrp = tty->pgrp;

	tty->flags |= TTY_HUPPED;
	tty->session = tty->pgrp = 0;
	wake_up_all(&tty->read_wait);
	wake_up_all(&tty->write_wait);
	if (sid) {
		struct task_struct *leader = find_process_by_pid(sid);

		if (leader && leader->signal->session == sid) {
			send_sig(SIGHUP, leader, 1);
			send_sig(SIGCONT, leader, 1);
		}
		if (pgrp && pgrp != sid) {
			signal_pgrp(pgrp, SIGHUP);
			signal_pgrp(pgrp, SIGCONT);
		}
	}
}

void tty_session_leader_exit(void)
{
	struct tty_struct *tty = get_current_tty();
	pid_t pgrp;

	if (!tty || current->signal->session != current->tgid)
		return;
	/* Its foreground group loses the terminal: SIGHUP (as Linux). */
	pgrp = tty->pgrp;
	tty->session = tty->pgrp = 0;
	tty->flags &= ~TTY_WEAK_CTTY;
	signal_pgrp(pgrp, SIGHUP);
}

/* POSIX: no member has a parent in another group of the session. */
static bool pgrp_is_orphaned(pid_t pgrp, pid_t sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		struct task_struct *parent = p->parent;

		if (!is_user_task(p) || !thread_group_leader(p) ||
		    !p->signal->nr_threads || p->signal->pgrp != pgrp)
			continue;
		if (parent && parent->signal && parent->signal->pgrp != pgrp &&
		    parent->signal->session == sid)
			return false;
	}
	return true;
}

static bool sig_ignored_or_blocked(int sig)
{
	return current->sighand->action[sig - 1].sa_handler == SIG_IGN ||
	       (current->blocked & sigmask(sig));
}

int tty_check_change(struct tty_struct *tty, int sig, bool ignored_ok)
{
	struct signal_struct *s = current->signal;

	if (!s || !tty->session || tty->session != s->session ||
	    !tty->pgrp || s->pgrp == tty->pgrp)
		return 0;
	if (sig_ignored_or_blocked(sig))
		return ignored_ok ? 0 : -EIO;
	if (pgrp_is_orphaned(s->pgrp, s->session))
		return -EIO;
	signal_pgrp(s->pgrp, sig);
	return -ERESTARTSYS;
}

/* A session leader without a ctty opening a free tty acquires it. */
static void maybe_set_ctty(struct tty_struct *tty)
{
	struct signal_struct *s = current->signal;

	if (!s || s->session != current->tgid || tty->session ||
	    (tty->flags & (TTY_NOT_A_TTY | TTY_NO_CTTY | TTY_HUPPED)))
		return;
	if (get_current_tty())
		return;
	tty->session = s->session;
	tty->pgrp = s->pgrp;
	/*
	 * Unlike Linux, opening /dev/console makes it the ctty (so that
	 * init=/bin/sh has job control), but only weakly: a getty-like
	 * child of init (setsid + TIOCSCTTY, as busybox init does) takes it.
	 */
	if (tty->flags & TTY_CONSOLE)
		tty->flags |= TTY_WEAK_CTTY;
}

int tty_attach_file(struct tty_struct *tty, struct file *f, bool noctty)
{
	f->private_data = tty;
	f->f_op = &tty_fops;
	tty->count++;
	if (!noctty && !(f->f_flags & O_NOCTTY))
		maybe_set_ctty(tty);
	return stream_open(file_inode(f), f);
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	ssize_t ret;

	if (!iov_iter_count(to))
		return 0;
	ret = tty_check_change(tty, SIGTTIN, false);
	if (ret)
		return ret;
	mutex_lock(&tty->read_lock);
	ret = n_tty_read(tty, file, to);
	mutex_unlock(&tty->read_lock);
	return ret;
}

static ssize_t tty_write(struct file *file, struct iov_iter *from,
			 loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	ssize_t ret;

	if (tty->termios.c_lflag & TOSTOP) {
		ret = tty_check_change(tty, SIGTTOU, true);
		if (ret)
			return ret;
	}
	mutex_lock(&tty->write_lock);
	ret = n_tty_write(tty, file, from);
	mutex_unlock(&tty->write_lock);
	return ret;
}

static unsigned int tty_poll(struct file *file, struct poll_table *pt)
{
	return n_tty_poll(file->private_data, file, pt);
}

static int tty_release(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = file->private_data;

	if (--tty->count == 0 && tty->ops->close)
		tty->ops->close(tty);
	return 0;
}

const struct file_operations tty_fops = {
	.llseek = no_llseek,
	.read_iter = tty_read,
	.write_iter = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.release = tty_release,
};
