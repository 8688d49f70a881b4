/*
 * context.c - the trap backends' address spaces: one stub process per
 * mm_context, started (in both modes) from a tiny executable image that
 * holds the stub code page, with a data area of guest RAM shared with
 * the kernel; and the dispatch of arch_run_user() to the context's
 * backend. See Documentation/backend.md.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mm.h>
#include <umk/slab.h>
#include <os.h>
#include <os_ptrace.h>
#include "context.h"

/* The stub image (a sealed memfd), made on first use; -1 before. */
static int stub_image_fd = -1;

unsigned long stub_code_addr(const char *sym)
{
	return STUB_CODE + (unsigned long)(sym - stub_code_start);
}

static int stub_image_init(void)
{
	size_t len = (size_t)(stub_code_end - stub_code_start);
	int fd;

	BUILD_BUG_ON(STUB_START != TASK_SIZE);
	BUILD_BUG_ON(STUB_DATA_SIZE != PAGE_SIZE << STUB_DATA_ORDER);
	if (stub_image_fd >= 0)
		return 0;
	fd = os_stub_image_create(stub_code_start, len, STUB_CODE,
				  stub_code_addr(stub_entry));
	if (fd < 0) {
		pr_err("trap backend: cannot build the stub image: %d\n",
		       fd);
		return fd;
	}
	stub_image_fd = fd;
	return 0;
}

static int stub_start(struct mm_context *ctx)
{
	struct os_stub_spawn s = {
		.image_fd = stub_image_fd,
		.ram_fd = ram_fd,
		.data_off = virt_to_phys(ctx->data),
		.syscall_ip = stub_code_addr(stub_syscall),
	};

	return os_stub_spawn(&s, &ctx->pid, &ctx->pidfd);
}

int arch_mm_context_create(struct mm_context **ctxp)
{
	struct mm_context *ctx;
	int err;

	err = stub_image_init();
	if (err)
		return err;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->ops = backend_selected();
	ctx->pidfd = -1;
	ctx->listener = -1;
	ctx->host_fpu = kmalloc(arch_fpu_state_size(), GFP_KERNEL);
	/* Zeroed: the stub setup uses the header as an empty sigset. */
	ctx->data_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO,
				      STUB_DATA_ORDER);
	err = -ENOMEM;
	if (!ctx->host_fpu || !ctx->data_pages)
		goto out_free;
	ctx->data = page_address(ctx->data_pages);
	err = stub_start(ctx);
	if (err) {
		pr_warn("%s backend: cannot start a stub: %d\n",
			ctx->ops->name, err);
		goto out_free;
	}
	if (ctx->ops->setup) {
		err = ctx->ops->setup(ctx);
		if (err) {
			pr_warn("%s backend: cannot set a stub up: %d\n",
				ctx->ops->name, err);
			arch_mm_context_destroy(ctx);
			return err;
		}
	}
	*ctxp = ctx;
	return 0;

out_free:
	if (ctx->data_pages)
		__free_pages(ctx->data_pages, STUB_DATA_ORDER);
	kfree(ctx->host_fpu);
	kfree(ctx);
	return err;
}

void stub_reaped(struct mm_context *ctx)
{
	ctx->pid = 0;
	if (ctx->pidfd >= 0)
		os_close(ctx->pidfd);
	ctx->pidfd = -1;
}

int stub_lost(struct mm_context *ctx, int err)
{
	if (!ctx->err)
		ctx->err = err;
	if (ctx->pid) {
		os_stub_kill(ctx->pid, ctx->pidfd);
		ctx->pid = 0;
		ctx->pidfd = -1;
	}
	return ctx->err;
}

void arch_mm_context_destroy(struct mm_context *ctx)
{
	if (!ctx)
		return;
	/* Reaped before its data area can go back to the allocator. */
	stub_lost(ctx, -ESRCH);
	if (ctx->ops->release)
		ctx->ops->release(ctx);
	__free_pages(ctx->data_pages, STUB_DATA_ORDER);
	kfree(ctx->host_fpu);
	kfree(ctx);
}

int arch_run_user(struct mm_context *ctx, struct pt_regs *regs,
		  struct fpu_state *fpu, struct trap_info *trap)
{
	if (ctx->err)
		return ctx->err;
	return ctx->ops->run(ctx, regs, fpu, trap);
}

const char *arch_backend_name(void)
{
	return backend_selected()->name;
}
