/*
 * pty.c - pseudo-terminals: opening /dev/ptmx (5,2) makes a master and
 * a slave, /dev/pts/N (136,N in devpts) once unlocked (TIOCSPTLCK).
 * What the slave's line discipline outputs is the master's input, what
 * is written to the master is the slave's input (through the slave's
 * n_tty: echo, signals, editing). The master's own termios is raw.
 * Closing the master hangs the slave up (SIGHUP to its session);
 * reading the master once no slave is open gives EIO, as on Linux.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/cred.h>
#include <umk/uaccess.h>
#include <umk/tty.h>
#include <uapi/umk/ioctls.h>

#define TTYAUX_MAJOR		5
#define PTMX_MINOR		2
#define UNIX98_PTY_SLAVE_MAJOR	136

struct pty_pair {
	struct tty_struct master, slave;
	int index;
	uid_t owner;
};

static struct pty_pair *ptys[PTY_MAX];

bool pty_index_exists(int index)
{
	return index >= 0 && index < PTY_MAX && ptys[index];
}

u32 pty_owner(int index)
{
	return pty_index_exists(index) ? ptys[index]->owner : 0;
}

static struct pty_pair *pair_of(struct tty_struct *tty)
{
	return tty->driver_data;
}

/* One side's output is the other side's input. */
static size_t pty_write(struct tty_struct *tty, const u8 *buf, size_t len)
{
	return n_tty_receive(tty->link, buf, len);
}

static size_t pty_write_room(struct tty_struct *tty)
{
	struct tty_struct *to = tty->link;
	size_t room = n_tty_receive_room(to);

	/* A full canonical line without its end takes (drops) more. */
	if (!room && (to->termios.c_lflag & ICANON) &&
	    to->canon_head == to->tail)
		return 1;
	return room;
}

static size_t pty_chars_in_buffer(struct tty_struct *tty)
{
	return tty->link->head - tty->link->tail;
}

/* The reader of tty made room: the other side's writers go on. */
static void pty_unthrottle(struct tty_struct *tty)
{
	tty_wakeup(tty->link);
}

static void pty_flush_buffer(struct tty_struct *tty)
{
	n_tty_flush_input(tty->link);
}

static void free_pair(struct pty_pair *p)
{
	/* The index may already belong to a new pair. */
	if (ptys[p->index] == p)
		ptys[p->index] = NULL;
	tty_unregister(&p->master);
	tty_unregister(&p->slave);
	devpts_invalidate(p->index);
	kfree(p);
}

static void pty_close(struct tty_struct *tty)
{
	struct pty_pair *p = pair_of(tty);
	struct tty_struct *other = tty->link;

	other->flags |= TTY_OTHER_CLOSED;
	wake_up_all(&other->read_wait);
	wake_up_all(&other->write_wait);
	if (tty->flags & TTY_IS_MASTER) {
		tty_hangup(other);
		ptys[p->index] = NULL;	/* no new opens of the slave */
		devpts_invalidate(p->index);
	}
	if (!p->master.count && !p->slave.count)
		free_pair(p);
}

static int pty_ioctl(struct tty_struct *tty, unsigned int cmd,
		     unsigned long arg)
{
	struct pty_pair *p = pair_of(tty);
	int lock;

	if (!(tty->flags & TTY_IS_MASTER))
		return -ENOIOCTLCMD;
	switch (cmd) {
	case TIOCGPTN:
		return put_user((unsigned int)p->index,
				(unsigned int __user *)arg) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (get_user(lock, (int __user *)arg))
			return -EFAULT;
		if (lock)
			p->slave.flags |= TTY_PTY_LOCK;
		else
			p->slave.flags &= ~TTY_PTY_LOCK;
		return 0;
	case TIOCGPTLCK:
		lock = !!(p->slave.flags & TTY_PTY_LOCK);
		return put_user(lock, (int __user *)arg) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}

static const struct tty_operations pty_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.chars_in_buffer = pty_chars_in_buffer,
	.unthrottle = pty_unthrottle,
	.flush_buffer = pty_flush_buffer,
	.ioctl = pty_ioctl,
	.close = pty_close,
};

static void init_side(struct pty_pair *p, struct tty_struct *tty,
		      struct tty_struct *link, bool master)
{
	tty_struct_init(tty);
	tty->ops = &pty_ops;
	tty->link = link;
	tty->driver_data = p;
	tty->index = p->index;
	tty->name_prefix = master ? "ptm" : "pts/";
	tty_init_termios(tty, master);
	/* As Linux: 0x0 and no HUPCL on either side. */
	memset(&tty->winsize, 0, sizeof(tty->winsize));
	tty->termios.c_cflag &= ~HUPCL;
	tty->flags = master ? TTY_IS_MASTER | TTY_NO_CTTY : TTY_PTY_LOCK;
	tty_register(tty);
}

static int ptmx_open(struct inode *inode, struct file *file)
{
	struct pty_pair *p;
	int i;

	for (i = 0; i < PTY_MAX && ptys[i]; i++)
		;
	if (i == PTY_MAX)
		return -ENOSPC;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->index = i;
	p->owner = current_fsuid();
	init_side(p, &p->master, &p->slave, true);
	init_side(p, &p->slave, &p->master, false);
	ptys[i] = p;
	devpts_invalidate(i);
	return tty_attach_file(&p->master, file, true);
}

static int pts_open(struct inode *inode, struct file *file)
{
	unsigned int index = MINOR(inode->i_rdev);
	struct pty_pair *p = index < PTY_MAX ? ptys[index] : NULL;

	if (!p || (p->slave.flags & (TTY_PTY_LOCK | TTY_HUPPED)))
		return -EIO;
	p->master.flags &= ~TTY_OTHER_CLOSED;
	p->slave.flags &= ~TTY_OTHER_CLOSED;
	return tty_attach_file(&p->slave, file, false);
}

static const struct file_operations ptmx_fops = {
	.open = ptmx_open,
};

static const struct file_operations pts_fops = {
	.open = pts_open,
};

static int pty_init(void)
{
	int err = register_chrdev(TTYAUX_MAJOR, PTMX_MINOR, 1, "ptmx",
				  &ptmx_fops);

	if (err)
		return err;
	return register_chrdev(UNIX98_PTY_SLAVE_MAJOR, 0, PTY_MAX, "pts",
			       &pts_fops);
}
device_initcall(pty_init);
