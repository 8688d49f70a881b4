/*
 * stub.S - the code page of every stub process. umk never runs it: the
 * ptrace backend copies these bytes into the stub's executable image,
 * where they are mapped r-x at STUB_CODE (arch/um/include/stub.h). Only
 * relative jumps and absolute stub addresses are used, so the bytes work
 * wherever they sit in umk's own image.
 *
 * ptrace mode: guest code may jump here too; under PTRACE_SYSEMU its
 * syscalls stop before the host runs them, like any other guest syscall.
 * Host syscalls of this code run only when the kernel itself resumes the
 * stub here with PTRACE_CONT, with registers and data it has just
 * written. seccomp mode: see stub_handler below.
 */
#include <stub.h>

/* x86_64 host ABI numbers the handler uses. */
#define SYS_MPROTECT		10
#define SYS_RT_SIGRETURN	15
#define SYS_FUTEX		202
#define SYS_ARCH_PRCTL		158
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002

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
 * going after a failure and record the first one; clear each entry once
 * it ran. %rbx, %r12-%r14
 * survive syscalls; %rcx and %r11 do not and are not used.
 */
	.macro	BATCH ip_label
	movabs	$STUB_DATA, %rbx
	movq	STUB_D_NR(%rbx), %r12
	movq	$STUB_MAX_OPS, %rax
	cmpq	%rax, %r12
	cmova	%rax, %r12		/* never read past the queue */
	leaq	STUB_D_OPS(%rbx), %r13
	xorl	%r14d, %r14d
	movq	$0, STUB_D_RESULT(%rbx)
	movq	$0, STUB_D_NR(%rbx)
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
	.ifnb	\ip_label
	.globl	\ip_label
\ip_label:
	.endif
	cmpq	$-4095, %rax		/* -4095..-1 are errors */
	jb	2f
	cmpq	$0, STUB_D_RESULT(%rbx)
	jne	2f
	movq	%rax, STUB_D_RESULT(%rbx)
	movq	%r14, STUB_D_FAILED(%rbx)
	/* Guest code may read the area later: leave no RAM offsets. */
2:	xorl	%eax, %eax
	movq	%rax, 0(%r13)
	movq	%rax, 8(%r13)
	movq	%rax, 16(%r13)
	movq	%rax, 24(%r13)
	movq	%rax, 32(%r13)
	movq	%rax, 40(%r13)
	movq	%rax, 48(%r13)
	addq	$STUB_OP_SIZE, %r13
	incq	%r14
	jmp	1b
3:
	.endm

/*
 * seccomp mode: set the fs or gs base if the command says so, by
 * instruction where the host allows, else by arch_prctl (whose syscall
 * instruction the filter knows by the label ip).
 */
	.macro	SETBASE cmd, field, insn, code, ip
	testl	$\cmd, %r15d
	jz	2f
	movq	\field(%rbx), %rsi
	testl	$T_F_FSGSBASE, T_FLAGS(%rbx)
	jz	1f
	\insn	%rsi
	jmp	2f
1:	movl	$SYS_ARCH_PRCTL, %eax
	movl	$\code, %edi
	syscall
	.globl	\ip
\ip:
2:
	.endm

/* ptrace mode: the tracer resumes here with PTRACE_CONT. */
	.globl stub_batch
stub_batch:
	BATCH
	int3

/*
 * seccomp mode. Every signal of interest (a trapped syscall, a fault,
 * the preemption signal) runs this handler on the alternate stack in
 * the data area, with all signals blocked: %edi = signo, %rsi = siginfo,
 * %rdx = ucontext, %rsp at the frame's return address. It reports the
 * trap in the trap page, wakes the kernel and waits for its reply: the
 * kernel rewrites the frame (registers, FPU state) and may have the
 * stub run the queue first, then rt_sigreturn resumes the guest.
 *
 * Guest code may jump anywhere in here with any registers; that only
 * reports a trap with the state it chose, or returns with it. The host
 * calls this code makes are the ones the seccomp filter lets any guest
 * code make (futex, rt_sigreturn, arch_prctl(ARCH_SET_FS)) and the
 * batch's, which the kernel checks one by one against its own copy of
 * the queue (seccomp user notification) before the host runs them.
 */
	.globl stub_handler
stub_handler:
	movabs	$STUB_TRAP, %rbx
	movl	%edi, T_SIGNO(%rbx)
	movq	%rsi, T_SIGINFO(%rbx)
	movq	%rdx, T_UCTX(%rbx)
	testl	$T_F_RDTSCP, T_FLAGS(%rbx)
	jz	3f
	rdtscp				/* %ecx: the host's CPU number */
	andl	$0xfff, %ecx
	movl	%ecx, T_CPU(%rbx)
3:	testl	$T_F_FSGSBASE, T_FLAGS(%rbx)
	jz	4f
	rdfsbase %rax
	movq	%rax, T_FSBASE(%rbx)
	rdgsbase %rax
	movq	%rax, T_GSBASE(%rbx)
	/*
	 * Park, then wake the kernel only if it sleeps: the exchange is a
	 * full fence, so the kernel either sees T_PARKED before it sleeps
	 * or has set T_KSLEEP before we look (run.c does the mirror).
	 */
4:	movl	$T_PARKED, %eax
	xchgl	%eax, T_STATE(%rbx)
	cmpl	$0, T_KSLEEP(%rbx)
	je	5f
	movl	$SYS_FUTEX, %eax
	leaq	T_STATE(%rbx), %rdi
	movl	$FUTEX_WAKE, %esi
	movl	$1, %edx
	syscall
	.globl	stub_wake_ip
stub_wake_ip:
	/*
	 * Spin T_SPIN_TSC ticks for the reply (%rbp: the deadline), or
	 * until the kernel says T_NAP ...
	 */
5:	movq	T_SPIN_TSC(%rbx), %rbp
	movl	$T_SPIN_TSC_MAX, %eax
	cmpq	%rax, %rbp
	cmova	%rax, %rbp		/* guest code may have written it */
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	addq	%rax, %rbp
6:	movl	T_STATE(%rbx), %eax
	testl	%eax, %eax		/* T_GO */
	jz	7f
	cmpl	$T_NAP, %eax
	je	10f
	pause
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	cmpq	%rbp, %rax
	jb	6b
	/* ... then say so and sleep until the kernel wakes us. */
10:	movl	$1, %eax
	xchgl	%eax, T_SSLEEP(%rbx)
	movl	T_STATE(%rbx), %edx	/* T_PARKED or T_NAP: sleep on it */
	testl	%edx, %edx
	jz	11f
	movl	$SYS_FUTEX, %eax
	leaq	T_STATE(%rbx), %rdi
	movl	$FUTEX_WAIT, %esi
	xorl	%r10d, %r10d
	syscall
	.globl	stub_wait_ip
stub_wait_ip:
11:	movl	$0, T_SSLEEP(%rbx)
	jmp	6b
7:	movl	T_CMD(%rbx), %r15d
	testl	$T_CMD_BATCH, %r15d
	jz	8f
	BATCH	stub_batch_ip
	movabs	$STUB_TRAP, %rbx
	testl	$T_CMD_RUN, %r15d
	jnz	8f			/* on into guest code */
	/* The end marker: it proves that every call before it is done. */
	movl	$SYS_MPROTECT, %eax
	xorl	%edi, %edi
	xorl	%esi, %esi
	xorl	%edx, %edx
	syscall
	.globl	stub_marker_ip
stub_marker_ip:
	movabs	$STUB_TRAP, %rbx
	jmp	10b			/* parked again: sleep at once */
8:	SETBASE	T_CMD_SETFS, T_NEWFS, wrfsbase, ARCH_SET_FS, stub_setfs_ip
	SETBASE	T_CMD_SETGS, T_NEWGS, wrgsbase, ARCH_SET_GS, stub_setgs_ip
9:	addq	$8, %rsp		/* the frame's return address */
	.globl stub_sigreturn
stub_sigreturn:
	movl	$SYS_RT_SIGRETURN, %eax
	syscall
	.globl	stub_sigreturn_ip
stub_sigreturn_ip:
	ud2

/* First code of a seccomp stub after setup: park in the handler. */
	.globl stub_boot
stub_boot:
	int3

	.globl stub_code_end
stub_code_end:
	.section .note.GNU-stack, "", @progbits
