/*
 * tty_ioctl.c - the terminal ioctls: termios (TCGETS, TCSETS[WF]),
 * window size, controlling terminal and foreground group (TIOCSCTTY,
 * TIOCNOTTY, TIOC[GS]PGRP, TIOCGSID), queues (FIONREAD, TIOCOUTQ,
 * TCFLSH), flow (TCXONC), TCSBRK (tcdrain), TIOCSTI; the rest goes to
 * the driver (pty: TIOCGPTN, TIOCSPTLCK).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/uaccess.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <umk/tty.h>
#include <uapi/umk/ioctls.h>

static int set_termios(struct tty_struct *tty, unsigned int cmd,
		       const void __user *arg)
{
	struct termios t, old;
	int err = tty_check_change(tty, SIGTTOU, true);

	if (err)
		return err;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	/* TCSETSW waits for output to drain: ours is written at once. */
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	old = tty->termios;
	tty->termios = t;
	n_tty_set_termios(tty, &old);
	return 0;
}

/* 0 if process group pgrp is in session sid, -ESRCH/-EPERM if not. */
static int pgrp_in_session(pid_t pgrp, pid_t sid)
{
	struct task_struct *t;
	int err = -ESRCH;

	list_for_each_entry(t, &task_list, tasks) {
		if (!is_user_task(t) || !thread_group_leader(t) ||
		    !t->signal->nr_threads || t->signal->pgrp != pgrp)
			continue;
		if (t->signal->session == sid)
			return 0;
		err = -EPERM;
	}
	return err;
}

static bool is_my_ctty(struct tty_struct *tty)
{
	return current->signal && tty->session &&
	       tty->session == current->signal->session;
}

static int set_pgrp(struct tty_struct *tty, const pid_t __user *arg)
{
	pid_t pgrp;
	int err;

	if (!is_my_ctty(tty))
		return -ENOTTY;
	err = tty_check_change(tty, SIGTTOU, true);
	if (err)
		return err;
	if (get_user(pgrp, arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	err = pgrp_in_session(pgrp, tty->session);
	if (err)
		return err;
	tty->pgrp = pgrp;
	return 0;
}

/* TIOCSCTTY: make tty the caller's (a session leader's) ctty. */
static int set_ctty(struct tty_struct *tty, unsigned long steal)
{
	struct signal_struct *s = current->signal;

	if (tty->flags & TTY_NO_CTTY)
		return -EINVAL;
	if (tty->session == s->session)
		return 0;
	if (s->session != current->tgid || get_current_tty())
		return -EPERM;
	if (tty->session && tty_session_alive(tty->session) &&
	    !(tty->flags & TTY_WEAK_CTTY)) {
		if (steal != 1 || !capable(CAP_SYS_ADMIN))
			return -EPERM;
	}
	tty->session = s->session;
	tty->pgrp = s->pgrp;
	tty->flags &= ~TTY_WEAK_CTTY;
	return 0;
}

/* TIOCNOTTY: give up the ctty; a session leader hangs it up. */
static int drop_ctty(struct tty_struct *tty)
{
	pid_t pgrp = tty->pgrp;

	if (!is_my_ctty(tty))
		return -ENOTTY;
	if (current->signal->session != current->tgid)
		return 0;
	tty->session = tty->pgrp = 0;
	if (pgrp) {
		siginfo_t info = { .si_signo = SIGHUP, .si_code = SI_KERNEL };

		kill_pgrp_info(SIGHUP, &info, pgrp);
		info.si_signo = SIGCONT;
		kill_pgrp_info(SIGCONT, &info, pgrp);
	}
	return 0;
}

static int flush(struct tty_struct *tty, unsigned long arg)
{
	int err = tty_check_change(tty, SIGTTOU, true);

	if (err)
		return err;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_flush_input(tty);
		if (arg == TCIFLUSH)
			break;
		/* fall through */
	case TCOFLUSH:
		if (tty->ops->flush_buffer)
			tty->ops->flush_buffer(tty);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static int flow(struct tty_struct *tty, unsigned long arg)
{
	int err = tty_check_change(tty, SIGTTOU, true);
	u8 c;

	if (err)
		return err;
	switch (arg) {
	case TCOOFF:
		tty->stopped = true;
		return 0;
	case TCOON:
		tty->stopped = false;
		tty_wakeup(tty);
		return 0;
	case TCIOFF:
	case TCION:
		c = tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		if (c)
			n_tty_process_output(tty, &c, 1);
		return 0;
	}
	return -EINVAL;
}

static int put_int(unsigned long arg, int v)
{
	return put_user(v, (int __user *)arg) ? -EFAULT : 0;
}

/* A pty's size is the slave's, set from either side. */
static struct tty_struct *size_tty(struct tty_struct *tty)
{
	return (tty->flags & TTY_IS_MASTER) ? tty->link : tty;
}

long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	struct winsize ws;
	int err;
	u8 c;

	if (tty->flags & TTY_NOT_A_TTY)
		return -ENOTTY;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(tty->termios)) ?
		       -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return copy_to_user(p, &size_tty(tty)->winsize, sizeof(ws)) ?
		       -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, p, sizeof(ws)))
			return -EFAULT;
		if (memcmp(&ws, &size_tty(tty)->winsize, sizeof(ws))) {
			size_tty(tty)->winsize = ws;
			tty_signal_pgrp(size_tty(tty), SIGWINCH);
		}
		return 0;
	case TIOCSCTTY:
		return set_ctty(tty, arg);
	case TIOCNOTTY:
		return drop_ctty(tty);
	case TIOCGPGRP:
		if (!is_my_ctty(tty))
			return -ENOTTY;
		return put_int(arg, tty->pgrp);
	case TIOCSPGRP:
		return set_pgrp(tty, p);
	case TIOCGSID:
		if (!is_my_ctty(tty))
			return -ENOTTY;
		return put_int(arg, tty->session);
	case FIONREAD:
		return put_int(arg, n_tty_chars_available(tty));
	case TIOCOUTQ:
		return put_int(arg, tty->ops->chars_in_buffer ?
				    tty->ops->chars_in_buffer(tty) : 0);
	case TCFLSH:
		return flush(tty, arg);
	case TCXONC:
		return flow(tty, arg);
	case TCSBRK:
	case TCSBRKP:
		return 0;	/* output is never queued in the kernel */
	case TIOCSTI:
		if (!is_my_ctty(tty) && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(c, (u8 __user *)p))
			return -EFAULT;
		n_tty_receive(tty, &c, 1);
		return 0;
	}
	if (tty->ops->ioctl) {
		err = tty->ops->ioctl(tty, cmd, arg);
		if (err != -ENOIOCTLCMD)
			return err;
	}
	return -ENOTTY;
}
