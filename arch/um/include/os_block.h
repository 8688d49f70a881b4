/*
 * os_block.h - the host side of block devices (arch/um/os/blockio.c):
 * image files (open, lock, size), and the I/O thread that does the
 * reads, writes and syncs so that the kernel never blocks on the disk.
 * Plain C types only, like os.h. Functions return 0 (or a count) or
 * -errno.
 */
#ifndef UMK_OS_BLOCK_H
#define UMK_OS_BLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* os_blk_open() flags; without OS_BLK_WRITE the file is read-only. */
#define OS_BLK_WRITE	0x1
#define OS_BLK_CREATE	0x2	/* create it; fail if it exists */
#define OS_BLK_SYNC	0x4	/* O_SYNC: every write reaches the disk */
int os_blk_open(const char *path, int flags);
/*
 * Takes an open-file-description lock on all of fd: a write lock, or a
 * read lock (shared with other readers). -EBUSY when another open file
 * holds a conflicting one (another process using the image); -ENOLCK
 * when the host filesystem has no locks.
 */
int os_blk_lock(int fd, bool write);
/* Size in bytes and modification time (seconds since the epoch). */
int os_blk_stat(int fd, uint64_t *size, int64_t *mtime);
int os_blk_truncate(int fd, uint64_t size);
/* path made absolute against the current directory (not resolved). */
int os_blk_abspath(const char *path, char *buf, size_t len);

/* For tests: a new empty file in $TMPDIR (or /tmp); its path in buf. */
int os_blk_tmpfile(char *buf, size_t len);
int os_blk_unlink(const char *path);
int os_blk_set_mtime(int fd, int64_t mtime);

/*
 * The I/O thread. A request is a list of operations run in order; the
 * first that fails ends it, and its -errno becomes the request's
 * result. Requests run one at a time in submission order (so a sync
 * covers every write submitted before it) and come back in that order.
 * A short read or write (the file ends early) is -EIO.
 */
enum {
	OS_BLK_OP_READ,		/* preadv(fd, iov, offset) */
	OS_BLK_OP_WRITE,	/* pwritev(fd, iov, offset) */
	OS_BLK_OP_SYNC,		/* fdatasync(fd) */
};

/* The layout of the host's struct iovec (blockio.c checks it). */
struct os_blk_iov {
	void *base;
	size_t len;
};

struct os_blk_op {
	int type;
	int fd;
	uint64_t offset;
	const struct os_blk_iov *iov;
	unsigned int nr_iov;
};

struct os_blk_req {
	const struct os_blk_op *ops;
	unsigned int nr_ops;
	long result;			/* set by the thread: 0 or -errno */
	struct os_blk_req *next;	/* the os layer's while queued */
};

/*
 * The thread's state lives in memory the caller provides (kernel memory
 * of os_blk_thread_size() bytes, 16-byte aligned). It blocks every
 * signal; when requests finish it raises OS_IRQ_WAKE on the thread that
 * started it (the kernel's), whose handler calls os_blk_reap().
 */
struct os_blk_thread;
size_t os_blk_thread_size(void);
int os_blk_thread_start(struct os_blk_thread *t, const char *name);
/* Runs what is queued, then ends the thread and waits for it. */
void os_blk_thread_stop(struct os_blk_thread *t);
/*
 * Both take a host mutex that the thread holds only briefly: call them
 * with interrupts masked, so an interrupt handler that reaps never
 * finds the mutex held by the code it interrupted.
 */
void os_blk_submit(struct os_blk_thread *t, struct os_blk_req *req);
/* The finished requests, oldest first (linked by next), or NULL. */
struct os_blk_req *os_blk_reap(struct os_blk_thread *t);

#endif
