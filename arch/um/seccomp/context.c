/*
 * context.c - turning a fresh stub into a seccomp stub, and the batch:
 * the stub runs the queue itself, but each of its mmap/munmap/mprotect
 * calls reaches the host only after the kernel has compared it with its
 * own copy of the queue (a seccomp user notification), so guest code
 * that calls them, or rewrites the queue, gets nothing mapped. The
 * marker call at the end proves every call before it has completed.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/ktime.h>
#include <umk/slab.h>
#include <os.h>
#include <os_ptrace.h>
#include <os_seccomp.h>
#include "seccomp.h"

#define NOTIF_WAIT_MS	10
#define NOTIF_KICK_NS	(10 * NSEC_PER_MSEC)
#define NOTIF_LIMIT_NS	(30 * NSEC_PER_SEC)	/* a batch takes microseconds */

static void describe_stub(struct mm_context *ctx, struct os_seccomp_setup *s)
{
	*s = (struct os_seccomp_setup){
		.pid = ctx->pid,
		.pidfd = ctx->pidfd,
		.syscall_ip = stub_code_addr(stub_syscall),
		.handler = stub_code_addr(stub_handler),
		.restorer = stub_code_addr(stub_sigreturn),
		.boot = stub_code_addr(stub_boot),
		.ip = {
			[OS_IP_SIGRETURN] = stub_code_addr(stub_sigreturn_ip),
			[OS_IP_WAKE] = stub_code_addr(stub_wake_ip),
			[OS_IP_WAIT] = stub_code_addr(stub_wait_ip),
			[OS_IP_SETFS] = stub_code_addr(stub_setfs_ip),
			[OS_IP_BATCH] = stub_code_addr(stub_batch_ip),
			[OS_IP_MARKER] = stub_code_addr(stub_marker_ip),
			[OS_IP_SETUP] = stub_code_addr(stub_syscall) + 2,
			[OS_IP_SETGS] = stub_code_addr(stub_setgs_ip),
		},
		/* Unused until the first signal, which comes after setup. */
		.scratch = (char *)ctx->data + STUB_D_SIGSTACK,
		.scratch_addr = STUB_SIGSTACK,
	};
}

/*
 * A new stub stays stopped under ptrace until it first runs or flushes:
 * then its queue (for a forked child, every page it inherits) and the
 * calls that install the handlers and the filter run as one ptrace
 * batch, which costs one stop instead of a user notification per call.
 * No guest code has run in it yet, so nothing needs checking.
 */
static int seccomp_setup(struct mm_context *ctx)
{
	ctx->ops_copy = kmalloc(STUB_QUEUE_SIZE, GFP_KERNEL);
	if (!ctx->ops_copy)
		return -ENOMEM;
	sc_handoff_init();
	ctx->fsgsbase = os_has_fsgsbase();
	*(u32 *)trap_word(ctx, T_FLAGS) = (ctx->fsgsbase ? T_F_FSGSBASE : 0) |
					  (os_has_rdtscp() ? T_F_RDTSCP : 0);
	return 0;
}

/* The first flush or run: the batch above, then detach and park. */
int seccomp_start(struct mm_context *ctx)
{
	struct os_seccomp_setup s;
	int n, fd, err;

	describe_stub(ctx, &s);
	n = os_seccomp_setup_calls(&s, stub_op_slot(ctx, ctx->nr_ops),
				   STUB_MAX_OPS - ctx->nr_ops);
	if (n == -ENOSPC) {
		err = ptrace_flush(ctx);
		if (err)
			return err;
		n = os_seccomp_setup_calls(&s, stub_op_slot(ctx, 0),
					   STUB_MAX_OPS);
	}
	if (n < 0)
		return stub_lost(ctx, n);
	ctx->nr_ops += n;
	err = ptrace_flush(ctx);
	if (err)
		return err;
	fd = os_seccomp_setup_finish(&s);
	if (fd < 0)
		return stub_lost(ctx, fd);
	ctx->listener = fd;
	/* The exec'd image starts without TLS. */
	ctx->host_regs.fs_base = 0;
	ctx->host_regs.gs_base = 0;
	/* The stub now runs stub_boot's int3 and parks in its handler. */
	err = sc_wait_parked(ctx, true);
	return err ? stub_lost(ctx, err) : 0;
}

static void seccomp_release(struct mm_context *ctx)
{
	sc_forget(ctx);
	if (ctx->listener >= 0)
		os_close(ctx->listener);
	ctx->listener = -1;
	kfree(ctx->ops_copy);
	ctx->ops_copy = NULL;
}

/*
 * The next call of the batch. Meanwhile the trap word must stay T_GO:
 * the real handler runs the batch before it can park again, so a stub
 * that parks instead had forged the report umk answered with this
 * batch (guest code wrote the trap page and ran on). A stub slower
 * than a wait slice is kicked, which makes such a stub park (a real
 * handler has signals blocked: the kick waits and is swallowed later).
 */
static int next_notif(struct mm_context *ctx, struct os_notif *n)
{
	s64 start = os_monotonic_ns(), waited;
	bool kicked = false;
	int err;

	for (;;) {
		if (READ_ONCE(*(u32 *)trap_word(ctx, T_STATE)) != T_GO) {
			pr_warn("seccomp backend: stub %d parked without "
				"running its batch: killed\n", ctx->pid);
			return -EPERM;
		}
		err = os_seccomp_recv(ctx->listener, n, NOTIF_WAIT_MS);
		if (err != -ETIMEDOUT && err != -EINTR)
			return err;
		/* Ticks end the wait early (EINTR): count time, not waits. */
		waited = os_monotonic_ns() - start;
		if (waited >= NOTIF_LIMIT_NS)
			return -ETIMEDOUT;
		if (waited > NOTIF_KICK_NS && !kicked) {
			os_stub_kick(ctx->pidfd);
			kicked = true;
		}
	}
}

/* Is notification n the queued call i (or the marker, i == nr_ops)? */
static bool expected(struct mm_context *ctx, const struct os_notif *n,
		     unsigned int i)
{
	const u64 *op = (const u64 *)((char *)ctx->ops_copy +
				      (size_t)i * STUB_OP_SIZE);

	if (i == ctx->nr_ops)
		return n->nr == OS_NR_MPROTECT && !n->args[0] &&
		       !n->args[1] && !n->args[2];
	return (u64)n->nr == op[0] && !memcmp(n->args, op + 1,
					      sizeof(n->args));
}

/*
 * Serves the batch the stub was just told to run (T_CMD_BATCH). With
 * park, the stub waits for the kernel again afterwards: its end marker
 * tells that every call has completed and the result can be read.
 * Without, the stub goes on into guest code, which can run only once
 * its one thread has made every call; the result is read when it next
 * parks (ctx->unchecked), and there is no marker to wait for.
 */
int sc_serve_batch(struct mm_context *ctx, bool park)
{
	unsigned int calls = ctx->nr_ops + (park ? 1 : 0);
	struct os_notif n;
	int err = 0;

	for (unsigned int i = 0; i < calls && !err; i++) {
		err = next_notif(ctx, &n);
		if (err)
			break;
		if (!expected(ctx, &n, i)) {
			os_seccomp_respond(ctx->listener, n.id, false, EPERM);
			pr_warn("seccomp backend: stub %d made host call %ld "
				"out of turn: killed\n", ctx->pid, n.nr);
			err = -EPERM;
			break;
		}
		if (i == ctx->nr_ops && park)
			WRITE_ONCE(*(u32 *)trap_word(ctx, T_STATE), T_PARKED);
		err = os_seccomp_respond(ctx->listener, n.id, i < ctx->nr_ops,
					 0);
	}
	if (park || err)
		return stub_batch_done(ctx, err);
	ctx->unchecked = ctx->nr_ops;
	ctx->nr_ops = 0;
	return 0;
}

/* Copies the queue out of guest reach and hands it to the stub. */
void sc_post_batch(struct mm_context *ctx)
{
	memcpy(ctx->ops_copy, stub_op_slot(ctx, 0),
	       (size_t)ctx->nr_ops * STUB_OP_SIZE);
	*(u64 *)((char *)ctx->data + STUB_D_NR) = ctx->nr_ops;
}

static int seccomp_flush(struct mm_context *ctx)
{
	int err;

	if (ctx->listener < 0)
		return seccomp_start(ctx);
	sc_post_batch(ctx);
	err = sc_wake(ctx, T_CMD_BATCH);
	sc_forget(ctx);		/* it sleeps once the batch is done */
	return err ? stub_lost(ctx, err) : sc_serve_batch(ctx, true);
}

const struct backend_ops seccomp_backend_ops = {
	.name = "seccomp",
	.setup = seccomp_setup,
	.release = seccomp_release,
	.flush = seccomp_flush,
	.run = seccomp_run_user,
};
