/*
 * oom.h - the OOM killer: when guest RAM is exhausted where no caller can
 * return -ENOMEM (a page fault), the guest process with the largest RSS
 * is killed with SIGKILL and the kernel goes on. mm/oom_kill.c.
 */
#ifndef UMK_OOM_H
#define UMK_OOM_H

#include <umk/types.h>

/*
 * Picks a victim and sends it SIGKILL, logging "Out of memory: Killed
 * process ...". Returns true if a victim was killed now or an earlier
 * one is still dying (memory will come back), false if there is nobody
 * to kill. pid 1 is chosen only when it is the only guest process.
 */
bool out_of_memory(void);

/* Kills and victims so far (for /proc/vmstat's oom_kill). */
extern unsigned long oom_kill_count;

#endif
