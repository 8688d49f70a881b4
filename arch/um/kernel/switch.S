/*
 * switch.S - the context switch: save the callee-saved registers and the
 * stack pointer of one task, load another's, and return on its stack.
 * No host system call. The caller (schedule) has irqs disabled.
 *
 * void switch_context(struct thread_context *from,	%rdi
 *		       struct thread_context *to);	%rsi
 *
 * Offsets follow struct thread_context in include/umk/sched.h:
 * rsp, rbp, rbx, r12, r13, r14, r15.
 */
	.text
	.globl	switch_context
	.type	switch_context, @function
switch_context:
	.cfi_startproc
	movq	%rsp, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%rbx, 16(%rdi)
	movq	%r12, 24(%rdi)
	movq	%r13, 32(%rdi)
	movq	%r14, 40(%rdi)
	movq	%r15, 48(%rdi)

	movq	0(%rsi), %rsp
	movq	8(%rsi), %rbp
	movq	16(%rsi), %rbx
	movq	24(%rsi), %r12
	movq	32(%rsi), %r13
	movq	40(%rsi), %r14
	movq	48(%rsi), %r15
	ret
	.cfi_endproc
	.size	switch_context, .-switch_context

	.section .note.GNU-stack, "", @progbits
