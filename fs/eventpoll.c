/*
 * eventpoll.c - epoll: epoll_create/create1, epoll_ctl, epoll_wait,
 * epoll_pwait, epoll_pwait2. An epoll file keeps an item per watched
 * (fd, file). Each item hangs a callback entry on the file's wait queues
 * (found through its poll method), which puts the item at the end of
 * the epoll's ready list and wakes its waiters; so does adding or
 * modifying an item that is ready. epoll_wait takes the ready list in
 * order and asks each file for its events: a level-triggered item that
 * reported goes back to the end of the list (so it reports again while
 * ready), an edge-triggered one waits for its next wakeup. EPOLLONESHOT
 * disables an item after one report until EPOLL_CTL_MOD. An item goes
 * when its file is closed everywhere else (seen by the next epoll_wait:
 * the item holds a reference to the file).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/poll.h>
#include <umk/signal.h>
#include <umk/fdtable.h>
#include <umk/irqflags.h>
#include <umk/ktime.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <umk/anon_inodes.h>
#include <umk/syscalls.h>
#include <uapi/umk/eventpoll.h>
#include <uapi/umk/time_types.h>

#define EP_MAX_WAITS	4	/* wait queues one file may use */
#define EP_MAX_EVENTS	(INT32_MAX / sizeof(struct epoll_event))
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | \
			 EPOLLEXCLUSIVE)

struct eventpoll {
	struct list_head items;
	struct list_head rdlist;	/* ready items, irqs off to touch */
	struct wait_queue_head wq;	/* epoll_wait, and polls of the ep */
	u64 seq;			/* bumped by every item wakeup */
};

struct epitem;

struct ep_wait {
	struct wait_queue_entry w;
	struct wait_queue_head *wq;
	struct epitem *epi;
};

struct epitem {
	struct list_head link;
	struct eventpoll *ep;
	struct file *file;		/* referenced */
	int fd;
	u32 events;
	u64 data;
	struct list_head rdlink;	/* on ep->rdlist (or a scan's) */
	bool on_rdlist;
	int nwait;
	struct ep_wait waits[EP_MAX_WAITS];
};

struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
};

static const struct file_operations eventpoll_fops;

/* Irqs off (a callback may run from the tick). */
static void ep_set_ready(struct epitem *epi)
{
	unsigned long flags;

	local_irq_save(flags);
	if (!epi->on_rdlist) {
		list_add_tail(&epi->rdlink, &epi->ep->rdlist);
		epi->on_rdlist = true;
	}
	epi->ep->seq++;
	local_irq_restore(flags);
}

/* A watched file's queue woke: maybe in an irq, with its lock held. */
static void ep_callback(struct wait_queue_entry *w)
{
	struct epitem *epi = container_of(w, struct ep_wait, w)->epi;

	ep_set_ready(epi);
	if (waitqueue_active(&epi->ep->wq))
		wake_up_all(&epi->ep->wq);
}

static void ep_queue_proc(struct file *file, struct wait_queue_head *wq,
			  struct poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct ep_wait *ew;

	for (int i = 0; i < epi->nwait; i++) {
		if (epi->waits[i].wq == wq)
			return;
	}
	if (epi->nwait == EP_MAX_WAITS)
		return;
	ew = &epi->waits[epi->nwait++];
	ew->wq = wq;
	ew->epi = epi;
	ew->w.task = NULL;
	ew->w.exclusive = false;
	ew->w.func = ep_callback;
	INIT_LIST_HEAD(&ew->w.entry);
	add_wait_queue(wq, &ew->w);
}

static void ep_remove(struct epitem *epi)
{
	unsigned long flags;

	for (int i = 0; i < epi->nwait; i++)
		remove_wait_queue(epi->waits[i].wq, &epi->waits[i].w);
	local_irq_save(flags);
	if (epi->on_rdlist)
		list_del(&epi->rdlink);
	local_irq_restore(flags);
	list_del(&epi->link);
	fput(epi->file);
	kfree(epi);
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *file,
			      int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, link) {
		if (epi->file == file && epi->fd == fd)
			return epi;
	}
	return NULL;
}

/* The events epi reports now. */
static u32 ep_item_events(struct epitem *epi)
{
	u32 want = epi->events & ~EP_PRIVATE_BITS;

	if (!want)
		return 0;	/* a spent EPOLLONESHOT */
	return vfs_poll(epi->file, NULL) & (want | EPOLLERR | EPOLLHUP);
}

/* Items whose file was closed everywhere else go. */
static void ep_sweep(struct eventpoll *ep)
{
	struct epitem *epi, *next;

	list_for_each_entry_safe(epi, next, &ep->items, link) {
		if (epi->file->f_count == 1)
			ep_remove(epi);
	}
}

/* Moves all of from, in order, to the head of to. */
static void ep_splice_head(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from))
		list_move_tail(from->prev, to->next);
}

/*
 * One pass over the ready list: up to max events to the user; count or
 * -EFAULT. Items not reached stay at the head of the list.
 */
static int ep_scan(struct eventpoll *ep, struct epoll_event __user *uev,
		   int max)
{
	struct epoll_event ev;
	struct epitem *epi;
	unsigned long flags;
	LIST_HEAD(tx);
	int n = 0, err = 0;

	local_irq_save(flags);
	ep_splice_head(&ep->rdlist, &tx);
	local_irq_restore(flags);
	while (n < max && !err) {
		local_irq_save(flags);
		epi = list_first_entry_or_null(&tx, struct epitem, rdlink);
		if (epi) {
			list_del_init(&epi->rdlink);
			epi->on_rdlist = false;
		}
		local_irq_restore(flags);
		if (!epi)
			break;
		ev.events = ep_item_events(epi);
		if (!ev.events)
			continue;
		ev.data = epi->data;
		if (copy_to_user(&uev[n], &ev, sizeof(ev))) {
			ep_set_ready(epi);
			err = -EFAULT;
			break;
		}
		n++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_PRIVATE_BITS;
		else if (!(epi->events & EPOLLET))
			ep_set_ready(epi);
	}
	local_irq_save(flags);
	ep_splice_head(&tx, &ep->rdlist);
	local_irq_restore(flags);
	return n ? n : err;
}

/* deadline: absolute monotonic ns, or -1 for none. */
static long ep_wait(struct eventpoll *ep, struct epoll_event __user *uev,
		    int max, s64 deadline)
{
	DEFINE_WAIT(w);
	long ticks;
	s64 now;
	u64 seq;
	int n;

	if (max <= 0 || (size_t)max > EP_MAX_EVENTS)
		return -EINVAL;
	for (;;) {
		ep_sweep(ep);
		seq = ep->seq;
		n = ep_scan(ep, uev, max);
		if (n)
			return n;
		now = ktime_get_ns();
		if (deadline >= 0 && now >= deadline)
			return 0;
		ticks = deadline < 0 ? MAX_SCHEDULE_TIMEOUT :
			(long)DIV_ROUND_UP(deadline - now, NSEC_PER_SEC / HZ);
		prepare_to_wait(&ep->wq, &w, TASK_INTERRUPTIBLE);
		if (ep->seq == seq && !signal_pending(current))
			schedule_timeout(ticks);
		finish_wait(&ep->wq, &w);
		if (signal_pending(current))
			return -EINTR;
	}
}

static unsigned int ep_poll(struct file *file, struct poll_table *pt)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi;

	poll_wait(file, &ep->wq, pt);
	list_for_each_entry(epi, &ep->items, link) {
		if (epi->on_rdlist && ep_item_events(epi))
			return POLLIN | POLLRDNORM;
	}
	return 0;
}

static int ep_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;

	while (!list_empty(&ep->items))
		ep_remove(list_first_entry(&ep->items, struct epitem, link));
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_poll,
	.release = ep_release,
};

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	INIT_LIST_HEAD(&ep->items);
	INIT_LIST_HEAD(&ep->rdlist);
	init_waitqueue_head(&ep->wq);
	fd = anon_inode_getfd("[eventpoll]", &eventpoll_fops, ep,
			      O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0)
		kfree(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	return size <= 0 ? -EINVAL : do_epoll_create(0);
}

/* An epoll inside an epoll may not hold epolls itself: no loops. */
static bool ep_nests_too_deep(struct file *tf)
{
	struct eventpoll *inner = tf->private_data;
	struct epitem *epi;

	if (tf->f_op != &eventpoll_fops)
		return false;
	list_for_each_entry(epi, &inner->items, link) {
		if (epi->file->f_op == &eventpoll_fops)
			return true;
	}
	return false;
}

static int ep_insert(struct eventpoll *ep, struct file *tf, int fd,
		     const struct epoll_event *ev)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	struct ep_pqueue pq;

	if (!epi)
		return -ENOMEM;
	epi->ep = ep;
	epi->file = get_file(tf);
	epi->fd = fd;
	epi->events = ev->events;
	epi->data = ev->data;
	INIT_LIST_HEAD(&epi->rdlink);
	list_add_tail(&epi->link, &ep->items);
	pq.pt.qproc = ep_queue_proc;
	pq.epi = epi;
	/* Ready now counts as the first edge. */
	if (vfs_poll(tf, &pq.pt) & (ev->events | EPOLLERR | EPOLLHUP))
		ep_set_ready(epi);
	return 0;
}

static long do_epoll_ctl(int epfd, int op, int fd,
			 const struct epoll_event *ev)
{
	struct file *ef = fget(epfd), *tf = NULL;
	struct eventpoll *ep;
	struct epitem *epi;
	long err = -EBADF;

	if (!ef)
		return -EBADF;
	tf = fget(fd);
	if (!tf)
		goto out;
	err = -EINVAL;
	if (ef->f_op != &eventpoll_fops || ef == tf)
		goto out;
	err = -EPERM;
	if (!tf->f_op->poll)
		goto out;
	ep = ef->private_data;
	epi = ep_find(ep, tf, fd);
	err = -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD ||
	     (ev->events & ~(EPOLLEXCLUSIVE | EPOLLIN | EPOLLOUT | EPOLLERR |
			     EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLRDNORM |
			     EPOLLRDBAND | EPOLLWRNORM | EPOLLWRBAND))))
		goto out;
	switch (op) {
	case EPOLL_CTL_ADD:
		err = -EEXIST;
		if (epi)
			break;
		err = -ELOOP;
		if (ep_nests_too_deep(tf))
			break;
		err = ep_insert(ep, tf, fd, ev);
		break;
	case EPOLL_CTL_MOD:
		err = -ENOENT;
		if (!epi)
			break;
		epi->events = ev->events;
		epi->data = ev->data;
		if (ep_item_events(epi))
			ep_set_ready(epi);
		err = 0;
		break;
	case EPOLL_CTL_DEL:
		err = -ENOENT;
		if (!epi)
			break;
		ep_remove(epi);
		err = 0;
		break;
	default:
		err = -EINVAL;
	}
	if (!err && op != EPOLL_CTL_DEL)
		wake_up_all(&ep->wq);
out:
	if (tf)
		fput(tf);
	fput(ef);
	return err;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd,
		struct epoll_event __user *, uev)
{
	struct epoll_event ev = { 0, 0 };

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof(ev)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &ev);
}

/* The epoll of epfd, referenced in *filep, or an ERR_PTR. */
static struct eventpoll *ep_get(int epfd, struct file **filep)
{
	struct file *f = fget(epfd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &eventpoll_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*filep = f;
	return f->private_data;
}

/*
 * epoll_pwait's mask holds while we wait; interrupted, it stays until
 * the handler has been set up (the frame saves the old one), as ppoll.
 */
static long do_epoll_pwait(int epfd, struct epoll_event __user *uev,
			   int max, s64 deadline,
			   const sigset_t __user *umask, size_t size)
{
	struct eventpoll *ep;
	struct file *f;
	sigset_t set;
	long ret;

	if (umask) {
		if (size != sizeof(sigset_t))
			return -EINVAL;
		if (copy_from_user(&set, umask, sizeof(set)))
			return -EFAULT;
	}
	ep = ep_get(epfd, &f);
	if (IS_ERR(ep))
		return PTR_ERR(ep);
	if (umask) {
		current->saved_sigmask = current->blocked;
		current->restore_sigmask = true;
		set_current_blocked(set);
	}
	ret = ep_wait(ep, uev, max, deadline);
	if (umask && ret != -EINTR) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
	fput(f);
	return ret;
}

static s64 ms_deadline(int ms)
{
	return ms < 0 ? -1 : ktime_get_ns() + (s64)ms * NSEC_PER_MSEC;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event __user *, uev,
		int, max, int, timeout)
{
	return do_epoll_pwait(epfd, uev, max, ms_deadline(timeout), NULL, 0);
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event __user *, uev,
		int, max, int, timeout, const sigset_t __user *, umask,
		size_t, size)
{
	return do_epoll_pwait(epfd, uev, max, ms_deadline(timeout), umask,
			      size);
}

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event __user *, uev,
		int, max, const struct __kernel_timespec __user *, uts,
		const sigset_t __user *, umask, size_t, size)
{
	struct __kernel_timespec ts;
	s64 deadline = -1;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = ktime_get_ns() +
			   (ts.tv_sec > INT32_MAX ? (s64)INT32_MAX :
			    ts.tv_sec) * NSEC_PER_SEC + ts.tv_nsec;
	}
	return do_epoll_pwait(epfd, uev, max, deadline, umask, size);
}
