/*
 * barrier.h - memory ordering between umk and the other host processes
 * that share its RAM (the stubs), and the pause of a spin-wait loop.
 */
#ifndef UMK_BARRIER_H
#define UMK_BARRIER_H

#include <umk/compiler.h>

/* Full fence: earlier loads and stores complete before later ones. */
#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
/* Stores v into *p and returns the old value, as one full fence. */
#define xchg(p, v)	__atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
/* Politeness inside a spin-wait loop (x86 "pause"). */
#define cpu_relax()	__builtin_ia32_pause()

#endif
