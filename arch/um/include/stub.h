/*
 * stub.h - where the stub lives in every guest address space and the
 * layout of its data area. Shared by the stub code (arch/um/stub/), the
 * kernel side of the ptrace backend (arch/um/ptrace/) and the host side
 * (arch/um/os/), so it holds only constants usable from C and assembly.
 *
 * The stub area sits just above TASK_SIZE (asm/backend.h), where a guest
 * can never map anything:
 *
 *   STUB_CODE   one page, r-x: the code in arch/um/stub/stub.S
 *   STUB_DATA   STUB_DATA_SIZE bytes, rw-, shared with the kernel: the
 *               queue of host mmap/munmap/mprotect calls (a RAM block)
 */
#ifndef UMK_STUB_H
#define UMK_STUB_H

#define STUB_START		0x7fffff000000
#define STUB_CODE		STUB_START
#define STUB_CODE_SIZE		0x1000
#define STUB_DATA		(STUB_CODE + STUB_CODE_SIZE)
#define STUB_DATA_ORDER		2	/* pages of the data area, as order */
#define STUB_DATA_SIZE		(0x1000 << STUB_DATA_ORDER)
#define STUB_END		(STUB_DATA + STUB_DATA_SIZE)

/* The one host fd a stub holds: the guest RAM file. */
#define STUB_RAM_FD		0

/*
 * Data area: a header, then an array of host syscalls (number and six
 * arguments). The stub runs nr of them, all of them even after a
 * failure, and records the first failure.
 */
#define STUB_D_NR		0	/* number of queued calls */
#define STUB_D_RESULT		8	/* first error (-errno) or 0 */
#define STUB_D_FAILED		16	/* index of that call */
#define STUB_D_OPS		64
#define STUB_OP_SIZE		56	/* nr, then args 0..5 */
#define STUB_MAX_OPS		((STUB_DATA_SIZE - STUB_D_OPS) / STUB_OP_SIZE)

#endif
