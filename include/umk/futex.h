/*
 * futex.h - fast user-space mutexes: tasks sleep on a guest memory word
 * and are woken by address. kernel/futex.c; the ABI is
 * <uapi/umk/futex.h>.
 */
#ifndef UMK_FUTEX_H
#define UMK_FUTEX_H

#include <umk/types.h>
#include <uapi/umk/futex.h>
#include <uapi/umk/time_types.h>

struct task_struct;

/*
 * What a futex word is known by. Private futexes (and shared ones in
 * private memory) by address space and address; futexes in shared
 * mappings by the mapped object and the byte offset in it, so that every
 * process mapping it finds the same waiters. The low bit of word marks
 * "shared flag on private memory", which Linux keeps apart as well.
 */
struct futex_key {
	const void *object;	/* mm, inode, shared memory object */
	unsigned long word;	/* address or offset */
};

#define FUTEX_KEY_SHARED_PRIVATE	1UL

static inline bool futex_match(const struct futex_key *a,
			       const struct futex_key *b)
{
	return a->object == b->object && a->word == b->word;
}
unsigned int futex_hash(const struct futex_key *key);

/* Key of a guest word of current's mm; -EINVAL unaligned, -EFAULT. */
int get_futex_key(u32 __user *uaddr, bool shared, struct futex_key *key);

/* futex(2) without the argument fetching; timeout NULL = forever. */
long do_futex(u32 __user *uaddr, int op, u32 val,
	      const struct __kernel_timespec *timeout, u32 __user *uaddr2,
	      u32 val2, u32 val3);
/* Wakes up to nr waiters whose bitset meets bitset; returns how many. */
int futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset);

/* Exit: the robust list and CLONE_CHILD_CLEARTID of current. */
void exit_robust_list(struct task_struct *t);

/*
 * The same wait/wake on a kernel word, keyed by its address (tests, and
 * kernel users). timeout in jiffies, MAX_SCHEDULE_TIMEOUT for none.
 */
int futex_wait_kernel(u32 *word, u32 val, long timeout);
int futex_wake_kernel(u32 *word, int nr);
/* How many tasks wait on key (tests). */
int futex_nr_waiters(const struct futex_key *key);

#endif
