/*
 * tty.h - terminals: a tty_struct per terminal (the console, each side
 * of a pty), its driver's operations, and the n_tty line discipline
 * that sits between the driver and the processes (termios processing,
 * echo, signal characters, canonical lines). drivers/tty/ implements
 * it; Documentation/tty.md explains the model.
 */
#ifndef UMK_TTY_H
#define UMK_TTY_H

#include <umk/types.h>
#include <umk/wait.h>
#include <umk/mutex.h>
#include <uapi/umk/termios.h>

struct file;
struct iov_iter;
struct poll_table;
struct tty_struct;

#define N_TTY_BUF_SIZE	4096	/* input buffer; a power of two */

struct tty_operations {
	/*
	 * Sends processed output to the device: returns how many bytes it
	 * took (fewer than len when full: the writer waits on write_wait
	 * until the driver calls tty_wakeup()).
	 */
	size_t (*write)(struct tty_struct *tty, const u8 *buf, size_t len);
	/* How many bytes write() would take now. */
	size_t (*write_room)(struct tty_struct *tty);
	/* Bytes written but not yet taken by the other side (TIOCOUTQ). */
	size_t (*chars_in_buffer)(struct tty_struct *tty);
	/* The reader made room in the input buffer (pty: wake the master). */
	void (*unthrottle)(struct tty_struct *tty);
	/* Driver-specific ioctls; -ENOIOCTLCMD when not one. */
	int (*ioctl)(struct tty_struct *tty, unsigned int cmd,
		     unsigned long arg);
	/* The last file of this tty closed. */
	void (*close)(struct tty_struct *tty);
	/* TCFLSH of output. */
	void (*flush_buffer)(struct tty_struct *tty);
};
#define ENOIOCTLCMD	515

/* tty->flags */
#define TTY_HUPPED	0x1	/* hung up: reads EOF, writes EIO */
#define TTY_NOT_A_TTY	0x2	/* a stream: ioctls ENOTTY, no ctty */
#define TTY_INPUT_EOF	0x4	/* the device has no more input */
#define TTY_PTY_LOCK	0x8	/* pty slave not yet unlocked */
#define TTY_OTHER_CLOSED 0x10	/* pty: the other side is gone */
#define TTY_NO_CTTY	0x20	/* never a controlling terminal (master) */
#define TTY_IS_MASTER	0x40	/* pty master: EIO once the slave is gone */
#define TTY_CONSOLE	0x80	/* /dev/console */
#define TTY_WEAK_CTTY	0x100	/* ctty by opening /dev/console: TIOCSCTTY
				 * of another session leader takes it */

struct tty_struct {
	const char *name_prefix;	/* "console", "pts/" */
	int index;
	unsigned int flags;		/* TTY_* */
	const struct tty_operations *ops;
	struct termios termios;
	struct winsize winsize;
	pid_t session;			/* whose controlling tty (0: none) */
	pid_t pgrp;			/* foreground process group */
	int count;			/* open files */
	bool stopped;			/* output stopped (^S, TCOOFF) */
	struct tty_struct *link;	/* pty: the other side */
	void *driver_data;
	struct wait_queue_head read_wait;	/* input or hangup */
	struct wait_queue_head write_wait;	/* room for output */
	struct mutex read_lock;
	struct mutex write_lock;

	/* n_tty: [tail, head) is input; [tail, canon_head) whole lines. */
	u8 read_buf[N_TTY_BUF_SIZE];
	u8 read_flags[N_TTY_BUF_SIZE];	/* N_TTY_* per byte */
	unsigned int head, tail, canon_head;
	unsigned int column;		/* output column (for tabs, erase) */
	unsigned int canon_column;	/* column where the line began */
	bool lnext;			/* the next char is literal */
	bool erasing;			/* ECHOPRT: inside \ ... / */
};
/* read_flags */
#define N_TTY_DELIM	0x1	/* ends a canonical line */
#define N_TTY_NOCOPY	0x2	/* EOF: ends the line, is not read */

/* tty_io.c */
void tty_init_termios(struct tty_struct *tty, bool raw);
void tty_struct_init(struct tty_struct *tty);
/* The file operations of a tty (private_data is the tty_struct). */
extern const struct file_operations tty_fops;
/* Sets f up as a file of tty (counts the open; ctty if it may be). */
int tty_attach_file(struct tty_struct *tty, struct file *f, bool noctty);
/* Hangs tty up: SIGHUP/SIGCONT to its session, reads give EOF. */
void tty_hangup(struct tty_struct *tty);
/*
 * The last thread of a session leader exits (kernel/exit.c): its ctty
 * is released, its foreground group gets SIGHUP.
 */
void tty_session_leader_exit(void);
/* Sends sig to the foreground process group (ISIG characters). */
void tty_signal_pgrp(struct tty_struct *tty, int sig);
/* The driver has room again: wake writers. */
void tty_wakeup(struct tty_struct *tty);
/* Does a live process belong to session sid? */
bool tty_session_alive(pid_t sid);
/* current's controlling tty, or NULL. */
struct tty_struct *get_current_tty(void);
/* Every tty is registered to find controlling ttys by session. */
void tty_register(struct tty_struct *tty);
void tty_unregister(struct tty_struct *tty);
/*
 * Job control for current on tty: 0 to go on, -ERESTARTSYS after
 * stopping the caller's group with sig, -EIO for an orphaned group.
 */
int tty_check_change(struct tty_struct *tty, int sig, bool ignored_ok);
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* n_tty.c: the line discipline. */
/* Input from the device; returns how many bytes it took. */
size_t n_tty_receive(struct tty_struct *tty, const u8 *buf, size_t len);
/* Room for input (non-canonical flow control). */
size_t n_tty_receive_room(struct tty_struct *tty);
ssize_t n_tty_read(struct tty_struct *tty, struct file *file,
		   struct iov_iter *to);
ssize_t n_tty_write(struct tty_struct *tty, struct file *file,
		    struct iov_iter *from);
unsigned int n_tty_poll(struct tty_struct *tty, struct file *file,
			struct poll_table *pt);
/* Bytes a read could return now (FIONREAD). */
size_t n_tty_chars_available(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
/* Output processing of a kernel buffer (echo, tests). */
size_t n_tty_process_output(struct tty_struct *tty, const u8 *buf,
			    size_t len);
/* termios changed: canonical <-> raw moves the pending line. */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);

/* pty.c: pairs by index, for devpts (NULL: none or unlocked). */
#define PTY_MAX		256
bool pty_index_exists(int index);
u32 pty_owner(int index);	/* the uid that opened its master */
/* fs/devpts: forget cached names of index (a pty came or went). */
void devpts_invalidate(int index);

/* console_dev.c */
/* Is the console a terminal (host stdin is one)? */
bool console_is_tty(void);

#endif
