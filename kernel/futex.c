/*
 * futex.c - futex(2): WAIT/WAKE (with bitsets), REQUEUE and CMP_REQUEUE,
 * timeouts, private and shared keys, the robust list at exit. Waiters
 * queue a futex_q in a hash bucket chosen by their key; a waker marks
 * the futex_q woken and takes it off the chain, so a waiter never misses
 * a wakeup even if reading the word slept (a page fault) meanwhile.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/futex.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/wait.h>
#include <umk/timer.h>
#include <umk/ktime.h>
#include <umk/mman.h>
#include <umk/fs.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <umk/init.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <uapi/umk/time.h>

#define FUTEX_HASH_BITS	8
#define FUTEX_HASH_SIZE	(1U << FUTEX_HASH_BITS)

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;
	bool woken;
};

static struct list_head futex_queues[FUTEX_HASH_SIZE];
static DEFINE_SPINLOCK(futex_lock);

static int futex_init(void)
{
	unsigned int i;

	for (i = 0; i < FUTEX_HASH_SIZE; i++)
		INIT_LIST_HEAD(&futex_queues[i]);
	return 0;
}
core_initcall(futex_init);

unsigned int futex_hash(const struct futex_key *key)
{
	u64 h = (u64)(unsigned long)key->object * 0x9e3779b97f4a7c15ULL;

	h ^= (u64)key->word * 0xc2b2ae3d27d4eb4fULL;
	return (unsigned int)(h >> (64 - FUTEX_HASH_BITS));
}

static struct list_head *futex_chain(const struct futex_key *key)
{
	return &futex_queues[futex_hash(key)];
}

/* Shared mappings are keyed by their object, so other mms find it. */
static int shared_key(struct mm_struct *mm, unsigned long addr,
		      struct futex_key *key)
{
	struct vm_area_struct *vma;
	int err = 0;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) {
		err = -EFAULT;
	} else if (!(vma->vm_flags & VM_SHARED)) {
		key->object = mm;
		key->word = addr | FUTEX_KEY_SHARED_PRIVATE;
	} else {
		key->object = vma->vm_file ? (const void *)
			file_inode(vma->vm_file) : vma->vm_private_data;
		key->word = ((vma->vm_pgoff << PAGE_SHIFT) +
			     (addr - vma->vm_start));
	}
	mutex_unlock(&mm->mmap_lock);
	return err;
}

int get_futex_key(u32 __user *uaddr, bool shared, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;

	if (addr % sizeof(u32))
		return -EINVAL;
	if (!mm || addr >= TASK_SIZE)
		return -EFAULT;
	if (shared)
		return shared_key(mm, addr, key);
	key->object = mm;
	key->word = addr;
	return 0;
}

static void queue_me(struct futex_q *q)
{
	unsigned long flags;

	spin_lock_irqsave(&futex_lock, flags);
	list_add_tail(&q->list, futex_chain(&q->key));
	spin_unlock_irqrestore(&futex_lock, flags);
}

static void unqueue_me(struct futex_q *q)
{
	unsigned long flags;

	spin_lock_irqsave(&futex_lock, flags);
	if (!list_empty(&q->list))
		list_del_init(&q->list);
	spin_unlock_irqrestore(&futex_lock, flags);
}

static int read_user_word(const void *src, u32 *val)
{
	return copy_from_user(val, (const u32 __user *)src, sizeof(*val));
}

static int read_kernel_word(const void *src, u32 *val)
{
	*val = READ_ONCE(*(const u32 *)src);
	return 0;
}

/*
 * Queue first, then read the word: a wake that comes while the read
 * sleeps marks us woken instead of being lost.
 */
static int futex_wait_key(const struct futex_key *key,
			  int (*get)(const void *, u32 *), const void *src,
			  u32 val, u32 bitset, long timeout)
{
	struct futex_q q = { .task = current, .key = *key, .bitset = bitset };
	u32 cur;
	int err;

	INIT_LIST_HEAD(&q.list);
	queue_me(&q);
	err = get(src, &cur);
	if (!err && cur != val)
		err = -EAGAIN;
	while (!err) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(q.woken))
			break;
		if (!timeout) {
			err = -ETIMEDOUT;
		} else if (signal_pending(current)) {
			err = timeout == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS :
								-EINTR;
		} else {
			timeout = schedule_timeout(timeout);
		}
	}
	set_current_state(TASK_RUNNING);
	if (READ_ONCE(q.woken))
		return 0;
	unqueue_me(&q);
	return err;
}

static int futex_wake_key(const struct futex_key *key, int nr, u32 bitset)
{
	struct list_head *chain = futex_chain(key);
	struct futex_q *q, *n;
	unsigned long flags;
	int woken = 0;

	spin_lock_irqsave(&futex_lock, flags);
	list_for_each_entry_safe(q, n, chain, list) {
		if (woken >= nr)
			break;
		if (!futex_match(&q->key, key) || !(q->bitset & bitset))
			continue;
		list_del_init(&q->list);
		WRITE_ONCE(q->woken, true);
		wake_up_process(q->task);
		woken++;
	}
	spin_unlock_irqrestore(&futex_lock, flags);
	return woken;
}

int futex_nr_waiters(const struct futex_key *key)
{
	struct futex_q *q;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&futex_lock, flags);
	list_for_each_entry(q, futex_chain(key), list)
		n += futex_match(&q->key, key);
	spin_unlock_irqrestore(&futex_lock, flags);
	return n;
}

/* Wakes nr_wake waiters of key1 and moves up to nr_requeue to key2. */
static int futex_requeue_keys(const struct futex_key *key1,
			      const struct futex_key *key2, int nr_wake,
			      int nr_requeue)
{
	struct futex_q *q, *n;
	unsigned long flags;
	int woken, moved = 0;

	woken = futex_wake_key(key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	spin_lock_irqsave(&futex_lock, flags);
	list_for_each_entry_safe(q, n, futex_chain(key1), list) {
		if (moved >= nr_requeue)
			break;
		if (!futex_match(&q->key, key1))
			continue;
		list_del(&q->list);
		q->key = *key2;
		list_add_tail(&q->list, futex_chain(key2));
		moved++;
	}
	spin_unlock_irqrestore(&futex_lock, flags);
	return woken + moved;
}

int futex_wait_kernel(u32 *word, u32 val, long timeout)
{
	struct futex_key key = { NULL, (unsigned long)word };

	return futex_wait_key(&key, read_kernel_word, word, val,
			      FUTEX_BITSET_MATCH_ANY, timeout);
}

int futex_wake_kernel(u32 *word, int nr)
{
	struct futex_key key = { NULL, (unsigned long)word };

	return futex_wake_key(&key, nr, FUTEX_BITSET_MATCH_ANY);
}

int futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &key);
	if (err)
		return err;
	return futex_wake_key(&key, nr, bitset);
}

/*
 * Ticks to sleep for a timeout in ns, never early: rounded up, plus one
 * for the part of the current tick that has already gone.
 */
static long ns_to_timeout(s64 ns)
{
	u64 tick = NSEC_PER_SEC / HZ;

	if (ns <= 0)
		return 0;
	if ((u64)ns / tick >= (u64)MAX_SCHEDULE_TIMEOUT - 2)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return (long)DIV_ROUND_UP((u64)ns, tick) + 1;
}

static long futex_timeout(const struct __kernel_timespec *ts, bool absolute,
			  bool realtime)
{
	s64 ns;

	if (!ts)
		return MAX_SCHEDULE_TIMEOUT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts->tv_sec > (s64)(INT64_MAX / NSEC_PER_SEC) - 1)
		return MAX_SCHEDULE_TIMEOUT;
	ns = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	if (absolute)
		ns -= realtime ? ktime_get_real_ns() : ktime_get_ns();
	return ns_to_timeout(ns);
}

static long futex_wait(u32 __user *uaddr, bool shared, u32 val,
		       long timeout, u32 bitset)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &key);
	if (err)
		return err;
	return futex_wait_key(&key, read_user_word, uaddr, val, bitset,
			      timeout);
}

static long futex_requeue(u32 __user *uaddr, bool shared,
			  u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  const u32 *cmpval)
{
	struct futex_key key1, key2;
	u32 cur;
	int err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &key1);
	if (!err)
		err = get_futex_key(uaddr2, shared, &key2);
	if (err)
		return err;
	if (cmpval) {
		if (get_user(cur, uaddr))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	return futex_requeue_keys(&key1, &key2, nr_wake, nr_requeue);
}

long do_futex(u32 __user *uaddr, int op, u32 val,
	      const struct __kernel_timespec *ts, u32 __user *uaddr2,
	      u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	long timeout;

	if (realtime && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	if (cmd == FUTEX_WAIT)
		val3 = FUTEX_BITSET_MATCH_ANY;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		timeout = futex_timeout(ts, cmd == FUTEX_WAIT_BITSET,
					realtime);
		if (timeout < 0)
			return timeout;
		return futex_wait(uaddr, shared, val, timeout, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, (int)val,
				  FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val,
				     (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val,
				     (int)val2, &val3);
	}
	return -ENOSYS;
}

static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime,
		u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	struct __kernel_timespec ts;

	if (futex_cmd_has_timeout(cmd) && utime) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		return do_futex(uaddr, op, val, &ts, uaddr2, 0, val3);
	}
	/* The requeue operations pass a count where the timeout would be. */
	return do_futex(uaddr, op, val, NULL, uaddr2,
			(u32)(unsigned long)utime, val3);
}

/* A robust futex whose owner died: mark it and wake one waiter. */
static void handle_futex_death(unsigned long uaddr, struct task_struct *t)
{
	u32 __user *p = (u32 __user *)uaddr;
	u32 uval, nval;

	if (uaddr % sizeof(u32) || get_user(uval, p))
		return;
	if ((uval & FUTEX_TID_MASK) != (u32)t->pid)
		return;
	nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (put_user(nval, p))
		return;
	if (uval & FUTEX_WAITERS)
		futex_wake(p, true, 1, FUTEX_BITSET_MATCH_ANY);
}

void exit_robust_list(struct task_struct *t)
{
	struct robust_list_head head;
	unsigned long entry, next, pending;
	unsigned int limit = ROBUST_LIST_LIMIT;

	if (!t->robust_list ||
	    copy_from_user(&head, (void __user *)t->robust_list, sizeof(head)))
		return;
	entry = head.list.next & ~1UL;
	pending = head.list_op_pending & ~1UL;
	while (entry && entry != t->robust_list && limit--) {
		if (get_user(next, (u64 __user *)entry))
			return;
		if (entry != pending)
			handle_futex_death(entry + head.futex_offset, t);
		entry = next & ~1UL;
	}
	if (pending)
		handle_futex_death(pending + head.futex_offset, t);
}

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head,
		size_t, len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = (unsigned long)head;
	current->robust_list_len = len;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, pid,
		struct robust_list_head __user * __user *, head_ptr,
		size_t __user *, len_ptr)
{
	struct task_struct *t = current;
	unsigned long head;

	if (pid) {
		t = find_task_by_pid(pid);
		if (!t || !is_user_task(t))
			return -ESRCH;
		if (!capable(CAP_SYS_ADMIN) &&
		    t->cred->uid != current_cred()->uid)
			return -EPERM;
	}
	head = t->robust_list;
	if (put_user(sizeof(struct robust_list_head), len_ptr) ||
	    put_user((struct robust_list_head __user *)head, head_ptr))
		return -EFAULT;
	return 0;
}
