/*
 * stub.S - the code page of every stub process. umk never runs it: the
 * ptrace backend copies these bytes into the stub's executable image,
 * where they are mapped r-x at STUB_CODE (arch/um/include/stub.h). Only
 * relative jumps and absolute stub addresses are used, so the bytes work
 * wherever they sit in umk's own image.
 *
 * Guest code may jump here too; under PTRACE_SYSEMU its syscalls stop
 * before the host runs them, like any other guest syscall. Host syscalls
 * of this code run only when the kernel itself resumes the stub here with
 * PTRACE_CONT, with registers and data it has just written.
 */
#include <stub.h>

	.section .rodata.stub, "a"
	.balign 64
	.globl stub_code_start
stub_code_start:

/* Entry point of the image: the tracer takes over at the exec stop. */
	.globl stub_entry
stub_entry:
	int3

/* One host syscall with the registers the tracer set, then a stop. */
	.globl stub_syscall
stub_syscall:
	syscall
	int3

/*
 * The batch: run the queued host calls of the data area in order, keep
 * going after a failure and record the first one. %rbx, %r12-%r14
 * survive syscalls; %rcx and %r11 do not and are not used.
 */
	.globl stub_batch
stub_batch:
	movabs	$STUB_DATA, %rbx
	movq	STUB_D_NR(%rbx), %r12
	movq	$STUB_MAX_OPS, %rax
	cmpq	%rax, %r12
	cmova	%rax, %r12		/* never read past the area */
	leaq	STUB_D_OPS(%rbx), %r13
	xorl	%r14d, %r14d
	movq	$0, STUB_D_RESULT(%rbx)
1:	cmpq	%r12, %r14
	jae	3f
	movq	0(%r13), %rax
	movq	8(%r13), %rdi
	movq	16(%r13), %rsi
	movq	24(%r13), %rdx
	movq	32(%r13), %r10
	movq	40(%r13), %r8
	movq	48(%r13), %r9
	syscall
	cmpq	$-4095, %rax		/* -4095..-1 are errors */
	jb	2f
	cmpq	$0, STUB_D_RESULT(%rbx)
	jne	2f
	movq	%rax, STUB_D_RESULT(%rbx)
	movq	%r14, STUB_D_FAILED(%rbx)
2:	addq	$STUB_OP_SIZE, %r13
	incq	%r14
	jmp	1b
3:	int3

	.globl stub_code_end
stub_code_end:
	.section .note.GNU-stack, "", @progbits
