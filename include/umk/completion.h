/* completion.h - one-shot (or counted) "this is done" events. */
#ifndef UMK_COMPLETION_H
#define UMK_COMPLETION_H

#include <umk/wait.h>

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

void init_completion(struct completion *c);
void complete(struct completion *c);		/* wakes one waiter */
void complete_all(struct completion *c);	/* wakes all, stays done */
void wait_for_completion(struct completion *c);
/* Returns jiffies left (>0) or 0 on timeout. */
long wait_for_completion_timeout(struct completion *c, long timeout);
bool completion_done(struct completion *c);

#endif
