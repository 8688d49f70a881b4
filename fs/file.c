/*
 * file.c - descriptor tables. A files_struct maps fd numbers to struct
 * file with two bitmaps: slots in use (an fd is reserved by
 * get_unused_fd_flags() before its file is installed) and close-on-exec.
 * The lowest free number is always the one handed out; the arrays start
 * inline and are reallocated in powers of two, up to RLIMIT_NOFILE.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fdtable.h>
#include <umk/signal.h>
#include <umk/slab.h>
#include "internal.h"

#define BITS_PER_LONG	64
#define BITS_TO_LONGS(n) DIV_ROUND_UP(n, BITS_PER_LONG)

static bool fd_test(const unsigned long *map, unsigned int fd)
{
	return map[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void fd_set_bit(unsigned long *map, unsigned int fd, bool on)
{
	if (on)
		map[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
	else
		map[fd / BITS_PER_LONG] &= ~(1UL << (fd % BITS_PER_LONG));
}

/* First clear bit at or after from, or size. */
static unsigned int next_zero(const unsigned long *map, unsigned int size,
			      unsigned int from)
{
	while (from < size) {
		unsigned long word = ~map[from / BITS_PER_LONG] >>
				     (from % BITS_PER_LONG);

		if (word) {
			from += __builtin_ctzl(word);
			return min(size, from);
		}
		from = ALIGN_DOWN(from, BITS_PER_LONG) + BITS_PER_LONG;
	}
	return size;
}

unsigned long nofile_limit(void)
{
	if (!current->signal)
		return DEFAULT_NOFILE;
	return min(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN_MAX);
}

static void files_init_struct(struct files_struct *f)
{
	f->count = 1;
	spin_lock_init(&f->lock);
	f->max_fds = NR_OPEN_DEFAULT;
	f->next_fd = 0;
	f->fd = f->fd_array;
	f->open_fds = f->open_fds_init;
	f->close_on_exec = f->close_on_exec_init;
}

/* Makes room for fd nr. */
static int expand_files(struct files_struct *f, unsigned int nr)
{
	unsigned int size = NR_OPEN_DEFAULT;
	struct file **fd;
	unsigned long *open, *cloexec;

	if (nr < f->max_fds)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (size <= nr)
		size *= 2;
	fd = kcalloc(size, sizeof(*fd), GFP_KERNEL);
	open = kcalloc(BITS_TO_LONGS(size), sizeof(long), GFP_KERNEL);
	cloexec = kcalloc(BITS_TO_LONGS(size), sizeof(long), GFP_KERNEL);
	if (!fd || !open || !cloexec) {
		kfree(fd);
		kfree(open);
		kfree(cloexec);
		return -ENOMEM;
	}
	memcpy(fd, f->fd, f->max_fds * sizeof(*fd));
	memcpy(open, f->open_fds, BITS_TO_LONGS(f->max_fds) * sizeof(long));
	memcpy(cloexec, f->close_on_exec,
	       BITS_TO_LONGS(f->max_fds) * sizeof(long));
	if (f->fd != f->fd_array) {
		kfree(f->fd);
		kfree(f->open_fds);
		kfree(f->close_on_exec);
	}
	f->fd = fd;
	f->open_fds = open;
	f->close_on_exec = cloexec;
	f->max_fds = size;
	return 0;
}

/* Reserves the lowest free fd in [start, end). */
static int alloc_fd(unsigned int start, unsigned int end, unsigned int flags)
{
	struct files_struct *f = current->files;
	unsigned int fd;
	int err;

	if (!f)
		return -EMFILE;
	end = min((unsigned long)end, nofile_limit());
	spin_lock(&f->lock);
	fd = max(start, f->next_fd);
	fd = next_zero(f->open_fds, f->max_fds, fd);
	err = -EMFILE;
	if (fd >= end)
		goto out;
	err = expand_files(f, fd);
	if (err)
		goto out;
	fd_set_bit(f->open_fds, fd, true);
	fd_set_bit(f->close_on_exec, fd, flags & O_CLOEXEC);
	if (start <= f->next_fd)
		f->next_fd = fd + 1;
	err = fd;
out:
	spin_unlock(&f->lock);
	return err;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, NR_OPEN_MAX, flags);
}

static void __put_unused_fd(struct files_struct *f, unsigned int fd)
{
	fd_set_bit(f->open_fds, fd, false);
	fd_set_bit(f->close_on_exec, fd, false);
	if (fd < f->next_fd)
		f->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *f = current->files;

	spin_lock(&f->lock);
	__put_unused_fd(f, fd);
	spin_unlock(&f->lock);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *f = current->files;

	spin_lock(&f->lock);
	WARN_ON(f->fd[fd]);
	f->fd[fd] = file;
	spin_unlock(&f->lock);
}

/* Takes fd out of f; returns its file (the caller's reference) or NULL. */
static struct file *pick_file(struct files_struct *f, unsigned int fd)
{
	struct file *file = NULL;

	spin_lock(&f->lock);
	if (fd < f->max_fds && f->fd[fd]) {
		file = f->fd[fd];
		f->fd[fd] = NULL;
		__put_unused_fd(f, fd);
	}
	spin_unlock(&f->lock);
	return file;
}

int close_fd(unsigned int fd)
{
	struct file *file;

	if (!current->files)
		return -EBADF;
	file = pick_file(current->files, fd);
	if (!file)
		return -EBADF;
	return filp_close(file);
}

struct file *fget_raw(unsigned int fd)
{
	struct files_struct *f = current->files;
	struct file *file = NULL;

	if (!f)
		return NULL;
	spin_lock(&f->lock);
	if (fd < f->max_fds && f->fd[fd])
		file = get_file(f->fd[fd]);
	spin_unlock(&f->lock);
	return file;
}

struct file *fget(unsigned int fd)
{
	struct file *file = fget_raw(fd);

	if (file && (file->f_mode & FMODE_PATH)) {
		fput(file);
		return NULL;
	}
	return file;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *f = current->files;
	bool res;

	spin_lock(&f->lock);
	res = fd < f->max_fds && fd_test(f->close_on_exec, fd);
	spin_unlock(&f->lock);
	return res;
}

void set_close_on_exec(unsigned int fd, bool flag)
{
	struct files_struct *f = current->files;

	spin_lock(&f->lock);
	if (fd < f->max_fds)
		fd_set_bit(f->close_on_exec, fd, flag);
	spin_unlock(&f->lock);
}

int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= nofile_limit())
		return -EINVAL;
	fd = alloc_fd(from, NR_OPEN_MAX, flags);
	if (fd >= 0)
		fd_install(fd, get_file(file));
	return fd;
}

/* dup2/dup3: newfd gets oldfd's file, closing what it had. */
int do_dup2(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct files_struct *f = current->files;
	struct file *file, *tofree;
	int err;

	if (newfd >= nofile_limit())
		return -EBADF;
	file = fget_raw(oldfd);
	if (!file)
		return -EBADF;
	spin_lock(&f->lock);
	err = expand_files(f, newfd);
	if (err)
		goto out_unlock;
	tofree = f->fd[newfd];
	/* Reserved by an open still in progress (another thread). */
	err = -EBUSY;
	if (!tofree && fd_test(f->open_fds, newfd))
		goto out_unlock;
	f->fd[newfd] = file;
	fd_set_bit(f->open_fds, newfd, true);
	fd_set_bit(f->close_on_exec, newfd, flags & O_CLOEXEC);
	spin_unlock(&f->lock);
	if (tofree)
		filp_close(tofree);
	return newfd;
out_unlock:
	spin_unlock(&f->lock);
	fput(file);
	return err;
}

/* Gives current a private copy of a shared table. */
static int unshare_files(void)
{
	struct files_struct *old = current->files, *copy;

	if (!old || old->count == 1)
		return 0;
	copy = dup_fd(old);
	if (IS_ERR(copy))
		return PTR_ERR(copy);
	current->files = copy;
	put_files_struct(old);
	return 0;
}

int close_range_fds(unsigned int fd, unsigned int max_fd, unsigned int flags)
{
	struct files_struct *f;
	int err;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		err = unshare_files();
		if (err)
			return err;
	}
	f = current->files;
	if (!f)
		return 0;
	for (; fd <= max_fd && fd < f->max_fds; fd++) {
		if (flags & CLOSE_RANGE_CLOEXEC) {
			spin_lock(&f->lock);
			if (f->fd[fd])
				fd_set_bit(f->close_on_exec, fd, true);
			spin_unlock(&f->lock);
		} else {
			struct file *file = pick_file(f, fd);

			if (file)
				filp_close(file);
		}
	}
	return 0;
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *f = kzalloc(sizeof(*f), GFP_KERNEL);
	unsigned int n = 0, i;
	int err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	files_init_struct(f);
	if (!old)
		return f;
	spin_lock(&old->lock);
	for (i = 0; i < old->max_fds; i++)
		if (old->fd[i])
			n = i + 1;
	err = n ? expand_files(f, n - 1) : 0;
	if (err) {
		spin_unlock(&old->lock);
		kfree(f);
		return ERR_PTR(err);
	}
	for (i = 0; i < n; i++) {
		if (!old->fd[i])
			continue;	/* reserved slots are not inherited */
		f->fd[i] = get_file(old->fd[i]);
		fd_set_bit(f->open_fds, i, true);
		fd_set_bit(f->close_on_exec, i,
			   fd_test(old->close_on_exec, i));
	}
	f->next_fd = next_zero(f->open_fds, f->max_fds, 0);
	spin_unlock(&old->lock);
	return f;
}

void get_files_struct(struct files_struct *files)
{
	files->count++;
}

void put_files_struct(struct files_struct *f)
{
	if (!f || WARN_ON(f->count <= 0) || --f->count > 0)
		return;
	for (unsigned int fd = 0; fd < f->max_fds; fd++) {
		struct file *file = f->fd[fd];

		if (file) {
			f->fd[fd] = NULL;
			filp_close(file);
		}
	}
	if (f->fd != f->fd_array) {
		kfree(f->fd);
		kfree(f->open_fds);
		kfree(f->close_on_exec);
	}
	kfree(f);
}

void close_on_exec(struct files_struct *f)
{
	for (unsigned int fd = 0; fd < f->max_fds; fd++) {
		struct file *file = NULL;

		spin_lock(&f->lock);
		if (f->fd[fd] && fd_test(f->close_on_exec, fd)) {
			file = f->fd[fd];
			f->fd[fd] = NULL;
			__put_unused_fd(f, fd);
		}
		spin_unlock(&f->lock);
		if (file)
			filp_close(file);
	}
}
