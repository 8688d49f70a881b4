/* mutex.h - sleeping locks for process context. */
#ifndef UMK_MUTEX_H
#define UMK_MUTEX_H

#include <umk/wait.h>

struct mutex {
	struct task_struct *owner;
	struct wait_queue_head wait;
};

#define DEFINE_MUTEX(name) \
	struct mutex name = { NULL, __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);

#endif
