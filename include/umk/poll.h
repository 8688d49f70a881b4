/*
 * poll.h - readiness of files for poll/select. A file's poll method
 * calls poll_wait() on each wait queue whose wake-ups may change its
 * answer, then returns the POLL* events true now; the caller sleeps on
 * all those queues until one wakes it (fs/select.c).
 */
#ifndef UMK_POLL_H
#define UMK_POLL_H

#include <umk/wait.h>
#include <uapi/umk/poll.h>

struct file;
struct poll_table;

typedef void (*poll_queue_proc)(struct file *file,
				struct wait_queue_head *wq,
				struct poll_table *pt);

struct poll_table {
	poll_queue_proc qproc;	/* NULL: only asking, not waiting */
};

static inline void poll_wait(struct file *file, struct wait_queue_head *wq,
			     struct poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(file, wq, pt);
}

/* What a file without a poll method is: always ready. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* fs/select.c: the events of file now, registering with pt if given. */
unsigned int vfs_poll(struct file *file, struct poll_table *pt);

#endif
