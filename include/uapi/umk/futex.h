/* uapi/umk/futex.h - futex(2) operations and the robust-list ABI. */
#ifndef UAPI_UMK_FUTEX_H
#define UAPI_UMK_FUTEX_H

#include <umk/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

/* Bits of a robust futex word. */
#define FUTEX_WAITERS		0x80000000U
#define FUTEX_OWNER_DIED	0x40000000U
#define FUTEX_TID_MASK		0x3fffffffU

struct robust_list {
	u64 next;		/* struct robust_list __user * */
};

struct robust_list_head {
	struct robust_list list;
	s64 futex_offset;	/* from a list entry to its futex word */
	u64 list_op_pending;	/* entry being locked/unlocked, or 0 */
};

/* Most entries walked at exit (a guest could make the list circular). */
#define ROBUST_LIST_LIMIT	2048

#endif
