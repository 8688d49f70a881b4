/*
 * blockio.c - the host side of block devices: opening, locking and
 * sizing image files, and the I/O thread. Each device has one thread;
 * it takes requests from a queue under a mutex, runs their reads,
 * writes and fdatasyncs in order, puts them on a done list and raises
 * the kernel's wake-up interrupt (SIGUSR1, OS_IRQ_WAKE) on the kernel's
 * own thread. The thread blocks every signal, so the host never delivers
 * an interrupt to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <os.h>
#include <os_block.h>

_Static_assert(sizeof(struct os_blk_iov) == sizeof(struct iovec) &&
	       offsetof(struct os_blk_iov, base) ==
	       offsetof(struct iovec, iov_base) &&
	       offsetof(struct os_blk_iov, len) ==
	       offsetof(struct iovec, iov_len),
	       "struct os_blk_iov must match struct iovec");

#define IO_THREAD_STACK	(128 * 1024)

struct os_blk_thread {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct os_blk_req *head, *tail;		/* waiting to run */
	struct os_blk_req *done_head, *done_tail;
	bool stop;
	pid_t pid, kernel_tid;			/* whom to interrupt */
	char name[16];
};

int os_blk_open(const char *path, int flags)
{
	int f = O_CLOEXEC | O_LARGEFILE;
	int fd;

	f |= (flags & OS_BLK_WRITE) ? O_RDWR : O_RDONLY;
	if (flags & OS_BLK_CREATE)
		f |= O_CREAT | O_EXCL;
	if (flags & OS_BLK_SYNC)
		f |= O_SYNC;
	fd = open(path, f, 0644);
	return fd < 0 ? -errno : fd;
}

int os_blk_lock(int fd, bool write)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = write ? F_WRLCK : F_RDLCK;
	fl.l_whence = SEEK_SET;		/* l_start = l_len = 0: all of it */
	if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	if (errno == EAGAIN || errno == EACCES)
		return -EBUSY;
	if (errno == EINVAL || errno == EOPNOTSUPP)
		return -ENOLCK;
	return -errno;
}

int os_blk_stat(int fd, uint64_t *size, int64_t *mtime)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	*mtime = st.st_mtime;
	if (S_ISBLK(st.st_mode))
		return ioctl(fd, BLKGETSIZE64, size) < 0 ? -errno : 0;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	*size = st.st_size;
	return 0;
}

int os_blk_truncate(int fd, uint64_t size)
{
	return ftruncate(fd, size) < 0 ? -errno : 0;
}

int os_blk_abspath(const char *path, char *buf, size_t len)
{
	size_t n;

	if (path[0] == '/') {
		buf[0] = '\0';
	} else {
		if (!getcwd(buf, len))
			return errno == ERANGE ? -ENAMETOOLONG : -errno;
		n = strlen(buf);
		if (n > 1 && n + 1 < len)
			strcpy(buf + n, "/");
	}
	n = strlen(buf);
	if (n + strlen(path) + 1 > len)
		return -ENAMETOOLONG;
	strcpy(buf + n, path);
	return 0;
}

int os_blk_tmpfile(char *buf, size_t len)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(buf, len, "%s/umk-blk-XXXXXX", dir) >= len)
		return -ENAMETOOLONG;
	fd = mkostemp(buf, O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int os_blk_unlink(const char *path)
{
	return unlink(path) < 0 ? -errno : 0;
}

int os_blk_set_mtime(int fd, int64_t mtime)
{
	struct timespec ts[2] = {
		{ .tv_nsec = UTIME_OMIT },
		{ .tv_sec = mtime },
	};

	return futimens(fd, ts) < 0 ? -errno : 0;
}

/* One pread/pwrite, retried on EINTR; 0 (end of file) becomes -EIO. */
static long rw_once(int type, int fd, char *p, size_t len, uint64_t off)
{
	ssize_t n;

	do {
		n = type == OS_BLK_OP_READ ? pread(fd, p, len, off) :
					     pwrite(fd, p, len, off);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n ? n : -EIO;
}

/* Finishes a transfer that stopped after done bytes, entry by entry. */
static long rw_rest(const struct os_blk_op *op, const struct iovec *iov,
		    int nr, uint64_t off, size_t done)
{
	for (int i = 0; i < nr; i++) {
		size_t skip = done < iov[i].iov_len ? done : iov[i].iov_len;

		done -= skip;
		off += skip;
		while (skip < iov[i].iov_len) {
			long n = rw_once(op->type, op->fd,
					 (char *)iov[i].iov_base + skip,
					 iov[i].iov_len - skip, off);

			if (n < 0)
				return n;
			skip += n;
			off += n;
		}
	}
	return 0;
}

/* preadv/pwritev of everything in op, IOV_MAX entries at a time. */
static long do_rw(const struct os_blk_op *op)
{
	const struct iovec *iov = (const struct iovec *)op->iov;
	uint64_t off = op->offset;
	unsigned int left = op->nr_iov;

	while (left) {
		int nr = left < IOV_MAX ? (int)left : IOV_MAX;
		size_t total = 0;
		ssize_t n;
		long err;

		for (int i = 0; i < nr; i++)
			total += iov[i].iov_len;
		do {
			n = op->type == OS_BLK_OP_READ ?
				preadv(op->fd, iov, nr, off) :
				pwritev(op->fd, iov, nr, off);
		} while (n < 0 && errno == EINTR);
		if (n < 0)
			return -errno;
		if ((size_t)n < total) {
			err = rw_rest(op, iov, nr, off, n);
			if (err)
				return err;
		}
		off += total;
		iov += nr;
		left -= nr;
	}
	return 0;
}

static long run_req(const struct os_blk_req *req)
{
	for (unsigned int i = 0; i < req->nr_ops; i++) {
		const struct os_blk_op *op = &req->ops[i];
		long err;

		if (op->type == OS_BLK_OP_SYNC)
			err = fdatasync(op->fd) < 0 ? -errno : 0;
		else
			err = do_rw(op);
		if (err)
			return err;
	}
	return 0;
}

/* SIGUSR1 is OS_IRQ_WAKE (signal.c); aim it at the kernel's thread. */
static void wake_kernel(struct os_blk_thread *t)
{
	syscall(SYS_tgkill, t->pid, t->kernel_tid, SIGUSR1);
}

static void finish(struct os_blk_thread *t, struct os_blk_req *req)
{
	bool was_empty;

	req->next = NULL;
	pthread_mutex_lock(&t->lock);
	was_empty = !t->done_head;
	if (t->done_tail)
		t->done_tail->next = req;
	else
		t->done_head = req;
	t->done_tail = req;
	pthread_mutex_unlock(&t->lock);
	/* One interrupt per batch: the handler reaps the whole list. */
	if (was_empty)
		wake_kernel(t);
}

static void *io_thread(void *arg)
{
	struct os_blk_thread *t = arg;
	struct os_blk_req *batch, *next;

	pthread_mutex_lock(&t->lock);
	for (;;) {
		while (!t->head && !t->stop)
			pthread_cond_wait(&t->cond, &t->lock);
		if (!t->head)
			break;
		batch = t->head;
		t->head = t->tail = NULL;
		pthread_mutex_unlock(&t->lock);
		for (; batch; batch = next) {
			next = batch->next;
			batch->result = run_req(batch);
			finish(t, batch);
		}
		pthread_mutex_lock(&t->lock);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

size_t os_blk_thread_size(void)
{
	return sizeof(struct os_blk_thread);
}

int os_blk_thread_start(struct os_blk_thread *t, const char *name)
{
	pthread_attr_t attr;
	sigset_t all, old;
	int err;

	memset(t, 0, sizeof(*t));
	t->pid = getpid();
	t->kernel_tid = gettid();
	snprintf(t->name, sizeof(t->name), "%s", name);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, IO_THREAD_STACK);
	/* The thread inherits this mask: it never takes an interrupt. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t->thread, &attr, io_thread, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (err)
		return -err;
	pthread_setname_np(t->thread, t->name);
	return 0;
}

void os_blk_thread_stop(struct os_blk_thread *t)
{
	pthread_mutex_lock(&t->lock);
	t->stop = true;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->cond);
	pthread_mutex_destroy(&t->lock);
}

void os_blk_submit(struct os_blk_thread *t, struct os_blk_req *req)
{
	req->next = NULL;
	pthread_mutex_lock(&t->lock);
	if (t->tail)
		t->tail->next = req;
	else
		t->head = req;
	t->tail = req;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

struct os_blk_req *os_blk_reap(struct os_blk_thread *t)
{
	struct os_blk_req *done;

	pthread_mutex_lock(&t->lock);
	done = t->done_head;
	t->done_head = t->done_tail = NULL;
	pthread_mutex_unlock(&t->lock);
	return done;
}
