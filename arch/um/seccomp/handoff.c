/*
 * handoff.c - passing the CPU between umk and a parked seccomp stub
 * through the trap word (T_STATE) of its trap page. Each side spins a
 * while for the other's answer and then sleeps on the word (futex),
 * telling the other side first (T_KSLEEP, T_SSLEEP) so that a wake is
 * sent only to a sleeper. When umk and the stub run on different host
 * CPUs a syscall round trip then costs little more than the host's
 * SIGSYS delivery; when they share one, spinning only delays the side
 * that would answer, so a side whose spins keep failing rests from
 * spinning for a while, and a stub that keeps trapping on umk's CPU is
 * moved to umk's other CPUs.
 * Documentation/seccomp.md, "The handoff".
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/barrier.h>
#include <umk/ktime.h>
#include <os.h>
#include <os_ptrace.h>
#include <os_seccomp.h>
#include "seccomp.h"

#define WAIT_SLICE_MS	100
#define WAIT_LIMIT_NS	(30 * NSEC_PER_SEC)	/* bounded waits */
#define SPIN_NS		50000		/* the longest spin of either side */
#define MISS_LIMIT	8		/* failed spins in a row ... */
#define REST_WAITS	64		/* ... make a side sleep this often */
#define COLOCATED_LIMIT	4		/* parks on umk's CPU before a move */

/* Whether spinning pays for one side: failures in a row, waits left. */
struct spin_luck {
	unsigned int misses, rest;
};

/* The spin budget (ns): 0 on a one-CPU host. */
static s64 spin_max;
static struct spin_luck kernel_luck, stub_luck;
static u64 tsc_per_us;
static bool has_rdtscp;		/* stubs report their CPU (T_CPU) */
/* When the running stub parked last, as umk saw it. */
static s64 parked_at;
/* The stub that parked last and may still spin (see sc_nap). */
static struct mm_context *spinner;

void sc_handoff_init(void)
{
	if (tsc_per_us)
		return;
	tsc_per_us = os_tsc_per_us();
	has_rdtscp = os_has_rdtscp();
	/* With one host CPU the other side can never answer a spinner. */
	spin_max = os_nr_cpus_allowed() > 1 ? SPIN_NS : 0;
}

/* Should this side spin for its next wait? */
static bool spin_now(struct spin_luck *l)
{
	if (!spin_max)
		return false;
	if (!l->rest)
		return true;
	l->rest--;
	return false;
}

/* A spin paid off (or would have), or was wasted. */
static void spin_result(struct spin_luck *l, bool paid)
{
	if (paid) {
		l->misses = 0;
	} else if (++l->misses == MISS_LIMIT) {
		l->misses = 0;
		l->rest = REST_WAITS;
	}
}

static u32 *state_word(struct mm_context *ctx)
{
	return trap_word(ctx, T_STATE);
}

/*
 * Now and then while umk waits: has the stub died, or made a host call
 * out of turn (guest code jumped to the batch: it waits there forever),
 * or ignored two kicks with the kick blocked (guest code forged a
 * signal mask: the real handler, which blocks it too, parks within
 * microseconds), or taken too long (expired)?
 */
static int check_stub(struct mm_context *ctx, bool expired)
{
	if (os_pidfd_exited(ctx->pidfd))
		return -ESRCH;
	if (ctx->listener >= 0 && os_seccomp_pending(ctx->listener)) {
		pr_warn("seccomp backend: stub %d made a host call out of "
			"turn: killed\n", ctx->pid);
		return -EPERM;
	}
	if (READ_ONCE(ctx->kicks) >= 2 && os_stub_blocks_kick(ctx->pid) &&
	    READ_ONCE(*state_word(ctx)) == T_GO) {
		pr_warn("seccomp backend: stub %d blocked the preemption "
			"signal: killed\n", ctx->pid);
		return -EPERM;
	}
	return expired ? -ETIMEDOUT : 0;
}

/* Spins until deadline for the stub to park; true if it did. */
static bool spin_parked(u32 *state, s64 deadline)
{
	do {
		if (READ_ONCE(*state) != T_GO)
			return true;
		cpu_relax();
	} while (os_monotonic_ns() < deadline);
	return false;
}

/* Sleeps until the stub parks; T_KSLEEP tells it to wake us. */
static int sleep_parked(struct mm_context *ctx, bool bounded)
{
	u32 *state = state_word(ctx), *ksleep = trap_word(ctx, T_KSLEEP);
	s64 limit = os_monotonic_ns() + WAIT_LIMIT_NS;
	int err = 0;

	/* The exchange orders T_KSLEEP before our look at the state. */
	xchg(ksleep, 1);
	while (!err && READ_ONCE(*state) == T_GO) {
		err = os_futex_wait(state, T_GO, WAIT_SLICE_MS);
		/* Ticks end the wait early (EINTR): count time, not waits. */
		if (err == -ETIMEDOUT || err == -EINTR)
			err = check_stub(ctx, bounded &&
					      os_monotonic_ns() >= limit);
	}
	WRITE_ONCE(*ksleep, 0);
	return err;
}

/*
 * umk and a stub that keep trapping on the same host CPU never profit
 * from spinning, and the host rarely separates a pair that hands the
 * CPU back and forth: after a few parks in a row on umk's CPU, the stub
 * is told to run on umk's other CPUs.
 */
static void avoid_colocation(struct mm_context *ctx)
{
	int cpu;

	if (!spin_max || !has_rdtscp)
		return;
	cpu = os_current_cpu();
	if (READ_ONCE(*(u32 *)trap_word(ctx, T_CPU)) != (u32)cpu) {
		ctx->colocated = 0;
		return;
	}
	if (++ctx->colocated < COLOCATED_LIMIT)
		return;
	ctx->colocated = 0;
	os_avoid_cpu(ctx->pid, cpu);
}

/*
 * Waits until the stub parks (reports a trap): spins first unless
 * spinning keeps failing (the guest computes, or shares umk's CPU).
 */
int sc_wait_parked(struct mm_context *ctx, bool bounded)
{
	int err;

	if (spin_now(&kernel_luck)) {
		bool parked = spin_parked(state_word(ctx),
					  os_monotonic_ns() + spin_max);

		spin_result(&kernel_luck, parked);
		if (parked)
			goto parked;
	}
	err = sleep_parked(ctx, bounded);
	if (err)
		return err;
parked:
	avoid_colocation(ctx);
	parked_at = os_monotonic_ns();
	spinner = ctx;
	return 0;
}

/*
 * Learns from the stub's last wait: it did not sleep (its spin paid
 * off), or it slept although umk answered within the budget (the spin
 * only kept umk off a CPU they share). A slow answer proves nothing.
 */
static void judge_stub_spin(struct mm_context *ctx)
{
	bool slept = READ_ONCE(*(u32 *)trap_word(ctx, T_SSLEEP));

	if (!slept)
		spin_result(&stub_luck, true);
	else if (os_monotonic_ns() - parked_at < spin_max)
		spin_result(&stub_luck, false);
}

int sc_wake(struct mm_context *ctx, u32 cmd)
{
	s64 spin;

	if (ctx == spinner)
		judge_stub_spin(ctx);
	spin = spin_now(&stub_luck) ? spin_max : 0;
	*(u64 *)trap_word(ctx, T_SPIN_TSC) = (u64)spin * tsc_per_us / 1000;
	*(u32 *)trap_word(ctx, T_CMD) = cmd;
	/* The exchange orders T_GO before our look at T_SSLEEP. */
	xchg(state_word(ctx), T_GO);
	if (READ_ONCE(*(u32 *)trap_word(ctx, T_SSLEEP)))
		os_futex_wake(state_word(ctx));
	return 0;
}

/*
 * umk turns to another stub (or releases this one): the one that parked
 * last stops spinning and sleeps until its next reply.
 */
void sc_nap(struct mm_context *next)
{
	if (!spinner || spinner == next)
		return;
	if (READ_ONCE(*state_word(spinner)) == T_PARKED)
		WRITE_ONCE(*state_word(spinner), T_NAP);
	spinner = NULL;
}

/* ctx sleeps (parked by a batch) or goes away: it spins no more. */
void sc_forget(struct mm_context *ctx)
{
	if (spinner == ctx)
		spinner = NULL;
}
