/*
 * mmu.c - address-space changes of a stub. arch_mm_map/unmap/protect
 * queue host mmap/munmap/mprotect calls in the stub's data area (merging
 * a call with the one before when the ranges continue each other); a
 * flush runs the whole queue in the stub in one stop, before the guest
 * runs again or when the queue is full. A failed call leaves the mirror
 * wrong, so it makes the context unusable.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <os.h>
#include <os_ptrace.h>
#include "context.h"

void *stub_op_slot(struct mm_context *ctx, unsigned int i)
{
	return (char *)ctx->data + STUB_D_OPS + (size_t)i * STUB_OP_SIZE;
}

static u64 *data_word(struct mm_context *ctx, unsigned int off)
{
	return (u64 *)((char *)ctx->data + off);
}

static bool extends_last(const struct mm_context *ctx,
			 const struct queued_op *op)
{
	const struct queued_op *l = &ctx->last;

	if (!ctx->nr_ops || l->kind != op->kind ||
	    l->addr + l->len != op->addr)
		return false;
	if (op->kind == OS_STUB_OP_MUNMAP)
		return true;
	if (l->prot != op->prot)
		return false;
	return op->kind != OS_STUB_OP_MMAP || l->ram_off + l->len ==
					      op->ram_off;
}

static void write_op(struct mm_context *ctx, unsigned int i,
		     const struct queued_op *op)
{
	os_stub_op(stub_op_slot(ctx, i), op->kind, op->addr, op->len, op->prot,
		   op->ram_off);
}

static int queue_op(struct mm_context *ctx, const struct queued_op *op)
{
	int err;

	if (ctx->err)
		return ctx->err;
	if (extends_last(ctx, op)) {
		ctx->last.len += op->len;
		write_op(ctx, ctx->nr_ops - 1, &ctx->last);
		return 0;
	}
	if (ctx->nr_ops == STUB_MAX_OPS) {
		err = stub_flush(ctx);
		if (err)
			return err;
	}
	write_op(ctx, ctx->nr_ops, op);
	ctx->last = *op;
	ctx->nr_ops++;
	return 0;
}

static bool range_ok(unsigned long vaddr, unsigned long len)
{
	return IS_ALIGNED(vaddr, PAGE_SIZE) && IS_ALIGNED(len, PAGE_SIZE) &&
	       vaddr < TASK_SIZE && len <= TASK_SIZE - vaddr;
}

static int os_prot(int prot)
{
	int p = OS_PROT_NONE;

	if (prot & MM_PROT_READ)
		p |= OS_PROT_READ;
	if (prot & MM_PROT_WRITE)
		p |= OS_PROT_WRITE;
	if (prot & MM_PROT_EXEC)
		p |= OS_PROT_EXEC;
	return p;
}

#define MM_PROT_ALL	(MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC)

int arch_mm_map(struct mm_context *ctx, unsigned long vaddr,
		unsigned long len, u64 ram_offset, int prot)
{
	struct queued_op op = { OS_STUB_OP_MMAP, vaddr, len, os_prot(prot),
				ram_offset };

	/* Only RAM the kernel owns, only below the stub. */
	if (!range_ok(vaddr, len) || (prot & ~MM_PROT_ALL) ||
	    !IS_ALIGNED(ram_offset, PAGE_SIZE) || ram_offset > ram_size ||
	    len > ram_size - ram_offset)
		return -EINVAL;
	return len ? queue_op(ctx, &op) : 0;
}

int arch_mm_unmap(struct mm_context *ctx, unsigned long vaddr,
		  unsigned long len)
{
	struct queued_op op = { OS_STUB_OP_MUNMAP, vaddr, len, 0, 0 };

	if (!range_ok(vaddr, len))
		return -EINVAL;
	return len ? queue_op(ctx, &op) : 0;
}

int arch_mm_protect(struct mm_context *ctx, unsigned long vaddr,
		    unsigned long len, int prot)
{
	struct queued_op op = { OS_STUB_OP_MPROTECT, vaddr, len,
				os_prot(prot), 0 };

	if (!range_ok(vaddr, len) || (prot & ~MM_PROT_ALL))
		return -EINVAL;
	return len ? queue_op(ctx, &op) : 0;
}

/* Lets the stub run its batch; swallows signals that come meanwhile. */
static int run_batch(struct mm_context *ctx)
{
	struct os_stop stop;
	int err;

	err = stub_enter_code(ctx, stub_code_addr(stub_batch));
	for (;;) {
		if (!err)
			err = os_ptrace_resume(ctx->pid, OS_RESUME_CONT);
		if (!err)
			err = os_stub_wait(ctx->pid, &stop);
		if (err)
			return err;
		if (stop.kind == OS_STOP_DEAD) {
			stub_reaped(ctx);
			return -ESRCH;
		}
		if (stop.kind == OS_STOP_FAULT && stop.signo == OS_SIGTRAP)
			return 0;	/* the int3 at the end */
		if (stop.kind != OS_STOP_KICK && stop.kind != OS_STOP_IGNORE)
			return -EFAULT;	/* the stub code itself faulted */
	}
}

int stub_batch_result(struct mm_context *ctx, unsigned int n)
{
	s64 result = (s64)*data_word(ctx, STUB_D_RESULT);

	if (result) {
		pr_warn("%s backend: host call %llu of %u in stub %d "
			"failed: %lld\n", ctx->ops->name,
			(unsigned long long)*data_word(ctx, STUB_D_FAILED), n,
			ctx->pid, (long long)result);
		/* Guest code can write the area: only -errno is believed. */
		return stub_lost(ctx, result < 0 && result >= -4095 ?
				      (int)result : -EIO);
	}
	return 0;
}

int stub_batch_done(struct mm_context *ctx, int err)
{
	unsigned int n = ctx->nr_ops;

	/* The stub cleared the entries it ran (no RAM offsets left). */
	*data_word(ctx, STUB_D_NR) = 0;
	ctx->nr_ops = 0;
	if (err)
		return stub_lost(ctx, err);
	return stub_batch_result(ctx, n);
}

int ptrace_flush(struct mm_context *ctx)
{
	*data_word(ctx, STUB_D_NR) = ctx->nr_ops;
	return stub_batch_done(ctx, run_batch(ctx));
}

int stub_flush(struct mm_context *ctx)
{
	if (ctx->err || !ctx->nr_ops)
		return ctx->err;
	return ctx->ops->flush(ctx);
}

int arch_mm_flush(struct mm_context *ctx)
{
	return stub_flush(ctx);
}
