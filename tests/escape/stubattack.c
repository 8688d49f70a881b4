/*
 * stubattack.c - guest code that attacks the seccomp stub's own
 * machinery (Documentation/seccomp.md, "Escape tests"), run by escape.c
 * while its bystander runs: jumps into the stub's signal handler with
 * forged trap reports, and writes to the trap page words and the queue.
 * Each attempt runs in a child; the host effects it tries are named
 * above each one and checked by test-escape.sh. In ptrace mode the
 * stub code is inert guest code (its host calls are emulated).
 */
#include "escape.h"

/* A signal frame as the host writes it, forged by guest code. */
struct forged {
	siginfo_t si;
	ucontext_t uc;
	uint8_t fp[4096] __attribute__((aligned(64)));
};

#define FX_MXCSR	24
#define FX_SW_BYTES	464	/* software bytes of the FXSAVE image */
#define USER_CS		0x33
#define USER_SS		0x2b

static uint8_t resume_stack[4096] __attribute__((aligned(16)));

static bool sweeping;	/* quiet: the sweep counts the resumed ones */

/* Where a forged SIGSYS frame resumes once umk has emulated its call. */
static void __attribute__((noreturn)) resumed(void)
{
	if (!sweeping)
		printf("  the forged frame was resumed (a guest-level "
		       "syscall)\n");
	_exit(0);
}

/*
 * Fills f, which will live at address at, with a trap report: SIGSYS
 * for open(ESC_FILE), whose registers resume in resumed(), or a page
 * fault at PROBE_VA whose FPU area claims a huge XSAVE size.
 */
static void forge(struct forged *f, unsigned long at, int sig)
{
	greg_t *g = f->uc.uc_mcontext.gregs;
	uint32_t v = FP_XSTATE_MAGIC1, mxcsr = 0x1f80;

	memset(f, 0, sizeof(*f));
	f->si.si_signo = sig;
	if (sig == SIGSYS) {
		f->si.si_code = 1;	/* SYS_SECCOMP */
		f->si.si_syscall = SYS_open;
		f->si.si_arch = AUDIT_ARCH_X86_64;
	} else {
		f->si.si_code = SEGV_MAPERR;
		f->si.si_addr = (void *)PROBE_VA;
	}
	g[REG_RAX] = SYS_open;
	g[REG_RDI] = (long)host_file;
	g[REG_RSI] = O_CREAT | O_WRONLY;
	g[REG_RDX] = 0644;
	g[REG_RIP] = (long)resumed;
	g[REG_RSP] = (long)(resume_stack + sizeof(resume_stack) - 8);
	g[REG_CSGSFS] = USER_CS | (long)USER_SS << 48;
	f->uc.uc_mcontext.fpregs = (void *)(at + offsetof(struct forged, fp));
	memcpy(f->fp + FX_MXCSR, &mxcsr, 4);
	if (sig == SIGSYS)
		return;
	memcpy(f->fp + FX_SW_BYTES, &v, 4);
	v = ~0U;
	memcpy(f->fp + FX_SW_BYTES + 16, &v, 4);	/* xstate_size */
}

/* Queues mmap(PROBE_VA, RAM file fd 0 at offset 0) in the data area. */
static void forge_queue(uint64_t nr)
{
	uint64_t *q = (uint64_t *)STUB_DATA;
	const uint64_t op[7] = { SYS_mmap, PROBE_VA, 4096,
				 PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_FIXED, 0, 0 };

	q[STUB_D_NR / 8] = nr;
	memcpy(q + STUB_D_OPS / 8, op, sizeof(op));
}

/* Registers for a jump into the stub's signal handler. */
struct regs {
	const char *what;
	long sig, si, uc, sp;
};

/* Jumps to ip with the handler's argument registers and sp. */
static void __attribute__((noreturn)) jump_sp(unsigned long ip,
					      const struct regs *r)
{
	__asm__ volatile("mov %[sp], %%rsp; jmp *%[ip]" : :
			 [ip] "r"(ip), [sp] "r"(r->sp), "D"(r->sig),
			 "S"(r->si), "d"(r->uc), "a"(0) : "memory");
	__builtin_unreachable();
}

static struct forged guest_frame;
#define SS_FRAME	(STUB_SIGSTACK + 0x2000)

/* Puts forged frames in guest memory and the signal stack, and a queue. */
static void forge_all(int sig)
{
	forge(&guest_frame, (unsigned long)&guest_frame, sig);
	forge((struct forged *)SS_FRAME, SS_FRAME, sig);
	forge_queue(1);
}

static unsigned long handler_ip;
static void handler_jump(const void *arg)
{
	const struct regs *r = arg;

	close(0);	/* the guest's fd 0: any mmap of fd 0 is the host's */
	forge_all((int)r->sig == SIGSEGV ? SIGSEGV : SIGSYS);
	jump_sp(handler_ip, r);
}

/*
 * The stub's handler starts with movabs $STUB_TRAP, %rbx (the address
 * 0x7fffff005000 as 8 bytes); mov %edi, T_SIGNO(%rbx).
 */
static unsigned long find_handler(unsigned long *code_end)
{
	static const uint8_t insn[] = { 0x48, 0xbb, 0x00, 0x50, 0x00, 0xff,
					0xff, 0x7f, 0x00, 0x00, 0x89, 0x7b };
	const uint8_t *code = (const uint8_t *)STUB_START;
	unsigned long found = 0;

	*code_end = 0;
	for (unsigned long off = 0; off + sizeof(insn) <= 4096; off++) {
		if (!found && !memcmp(code + off, insn, sizeof(insn)))
			found = STUB_START + off;
		if (code[off])
			*code_end = off + 1;
	}
	return found;
}

/*
 * Host effects: open ESC_FILE or map RAM at PROBE_VA through a forged
 * trap report, or make umk read a frame outside the signal stack.
 * Only this guest process may die.
 */
static void handler_jumps(void)
{
	const struct regs regs[] = {
		{ "SIGSYS, frame in guest memory, guest stack", SIGSYS,
		  (long)&guest_frame.si, (long)&guest_frame.uc,
		  (long)(resume_stack + 2048) },
		{ "SIGSYS, frame in the signal stack", SIGSYS,
		  SS_FRAME + offsetof(struct forged, si),
		  SS_FRAME + offsetof(struct forged, uc),
		  SS_FRAME + offsetof(struct forged, uc) - 8 },
		{ "SIGSEGV at PROBE_VA, frame in the signal stack, sp 0",
		  SIGSEGV, SS_FRAME + offsetof(struct forged, si),
		  SS_FRAME + offsetof(struct forged, uc), 0 },
		{ "SIGVTALRM, NULL frame, sp in the code page", SIGVTALRM,
		  0, 0, STUB_START + 0x100 },
		{ "SIGSYS, frame at the end of the signal stack", SIGSYS,
		  STUB_SIGSTACK + STUB_SIGSTACK_SIZE - 8,
		  STUB_SIGSTACK + STUB_SIGSTACK_SIZE - 8, -8 },
	};
	unsigned long end, entry = find_handler(&end);
	int resumed_ok = 0, n = 0;

	if (!entry) {
		unexpected("stub_handler not found in the stub code page");
		return;
	}
	/* In ptrace mode the handler loops on guest futex calls: stop it. */
	child_timeout_ms = 50;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		handler_ip = entry;
		report(regs[i].what, run_child("jump", handler_jump, &regs[i]));
	}
	/* Every byte of the code, with the most plausible forgery. */
	sweeping = true;
	for (unsigned long off = 0; off < end; off++, n++) {
		int status;

		handler_ip = STUB_START + off;
		status = run_child("jump", handler_jump, &regs[1]);
		resumed_ok += WIFEXITED(status) && !WEXITSTATUS(status);
	}
	sweeping = false;
	child_timeout_ms = 5000;
	printf("jumped to all %d bytes of the stub code (handler at +%#lx)"
	       " with a forged frame: %d resumed, %d died\n", n,
	       entry - STUB_START, resumed_ok, n - resumed_ok);
}

/* A guest write to a trap page word. */
struct poke {
	const char *what;
	unsigned int off, size;
	uint64_t val;
};

static void do_poke(const struct poke *p)
{
	void *w = (void *)(STUB_TRAP + p->off);

	if (p->size == 8)
		*(volatile uint64_t *)w = p->val;
	else
		*(volatile uint32_t *)w = (uint32_t)p->val;
	forge_queue(p->off == T_CMD ? 1 : ~0UL);
}

/*
 * Host effects: a host mmap of the RAM file (queue forged), umk stuck
 * spinning or sleeping forever, or umk trusting a pointer or base it
 * reads from the trap page. Pokes before every syscall and page fault,
 * since umk rewrites some words with each reply.
 */
static void trap_poke(const void *arg)
{
	const struct poke *p = arg;
	char *mem = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	close(0);
	for (int i = 0; i < 64; i++) {
		do_poke(p);
		raw3(SYS_getpid, 0, 0, 0);
		do_poke(p);
		mem[i * 4096] = 1;	/* a page fault: a batch */
		do_poke(p);
		for (volatile int spin = 0; spin < 100000; spin++)
			;		/* let umk look at the words */
	}
	probe();
}

static void trap_pokes(void)
{
	const struct poke pokes[] = {
		{ "T_STATE garbage", T_STATE, 4, 0xdeadbeef },
		{ "T_STATE parked while running", T_STATE, 4, 1 },
		{ "T_STATE nap while running", T_STATE, 4, 2 },
		{ "T_CMD batch+run+setfs+setgs, forged queue", T_CMD, 4,
		  T_CMD_ALL },
		{ "T_SIGNO SIGSEGV", T_SIGNO, 4, SIGSEGV },
		{ "T_FLAGS all set", T_FLAGS, 4, ~0U },
		{ "T_FLAGS clear", T_FLAGS, 4, 0 },
		{ "T_SIGINFO at PROBE_VA", T_SIGINFO, 8, PROBE_VA },
		{ "T_UCTX at the stub code", T_UCTX, 8, STUB_START },
		{ "T_UCTX at the end of the signal stack", T_UCTX, 8,
		  STUB_SIGSTACK + STUB_SIGSTACK_SIZE - 8 },
		{ "T_NEWFS non-canonical", T_NEWFS, 8, 1UL << 63 },
		{ "T_NEWGS non-canonical", T_NEWGS, 8, 1UL << 63 },
		{ "T_KSLEEP set", T_KSLEEP, 4, 1 },
		{ "T_SSLEEP set", T_SSLEEP, 4, ~0U },
		{ "T_SPIN_TSC huge", T_SPIN_TSC, 8, ~0UL },
		{ "T_CPU garbage", T_CPU, 4, ~0U },
	};

	for (size_t i = 0; i < sizeof(pokes) / sizeof(pokes[0]); i++)
		report(pokes[i].what, run_child("poke", trap_poke, &pokes[i]));
}

/* Busy for about ticks TSC ticks, without a trap. */
static void spin_tsc(uint64_t ticks)
{
	uint64_t end = __builtin_ia32_rdtsc() + ticks;

	while (__builtin_ia32_rdtsc() < end)
		;
}

/*
 * Host effect: umk waiting for a batch nobody runs, with every guest
 * stalled. Guest code reports a page fault at a fresh page while it
 * really keeps running: the last frame's siginfo rewritten, the trap
 * word set to parked.
 */
static void fake_fault(const void *arg)
{
	char *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *trap = (volatile uint32_t *)STUB_TRAP;
	uint64_t si;

	(void)arg;
	raw3(SYS_getpid, 0, 0, 0);	/* a trap: T_SIGINFO is its frame's */
	si = *(volatile uint64_t *)(STUB_TRAP + T_SIGINFO);
	if (si >= STUB_SIGSTACK && si < STUB_SIGSTACK + STUB_SIGSTACK_SIZE) {
		*(int *)(si + 8) = SEGV_MAPERR;
		*(char **)(si + 16) = mem;
		trap[T_SIGNO / 4] = SIGSEGV;
		trap[T_STATE / 4] = 1;
	}
	spin_tsc(1UL << 32);
	mem[0] = 1;
	raw3(SYS_getpid, 0, 0, 0);
}

/*
 * Host effect: the same stall through a flush. Guest code with more
 * separate writable pages than one batch holds reports a fork while it
 * keeps running: making the pages copy-on-write fills the queue, and
 * umk flushes it to a stub that is not in its handler.
 */
#define FORK_PAGES	400
static void fake_fork(const void *arg)
{
	uint64_t uc;

	(void)arg;
	for (int i = 0; i < FORK_PAGES; i++) {
		/* Every other page left out: no two mappings merge. */
		char *p = mmap((char *)0x20000000UL + (size_t)i * 8192, 4096,
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		if (p == MAP_FAILED)
			return;
		p[0] = 1;
	}
	raw3(SYS_getpid, 0, 0, 0);	/* a trap: T_UCTX is its frame's */
	uc = *(volatile uint64_t *)(STUB_TRAP + T_UCTX);
	if (uc >= STUB_SIGSTACK && uc < STUB_SIGSTACK + STUB_SIGSTACK_SIZE) {
		((ucontext_t *)uc)->uc_mcontext.gregs[REG_RAX] = SYS_fork;
		((volatile uint32_t *)STUB_TRAP)[T_STATE / 4] = 1;
	}
	spin_tsc(1UL << 32);
	raw3(SYS_getpid, 0, 0, 0);
}

/* "mov $15, %eax; syscall": the stub's own rt_sigreturn. */
static unsigned long find_sigreturn(void)
{
	static const uint8_t insn[] = { 0xb8, 0x0f, 0, 0, 0, 0x0f, 0x05 };
	const uint8_t *code = (const uint8_t *)STUB_START;

	for (unsigned long off = 0; off + sizeof(insn) <= 4096; off++)
		if (!memcmp(code + off, insn, sizeof(insn)))
			return STUB_START + off + 5;
	return 0;
}

static void __attribute__((noreturn)) spin_then_exit(void)
{
	spin_tsc(1UL << 32);
	raw3(SYS_exit, 0, 0, 0);
	__builtin_unreachable();
}

/*
 * Host effect: a guest process that cannot be preempted, with every
 * other guest stalled. Guest code takes the frame of its last trap,
 * blocks the preemption signal (SIGVTALRM) in its signal mask, points
 * it at a loop, and makes the stub's own rt_sigreturn load it.
 */
static void blocked_kick(const void *arg)
{
	unsigned long sys = find_sigreturn();
	ucontext_t *uc;

	(void)arg;
	raw3(SYS_getpid, 0, 0, 0);	/* a trap: T_UCTX is its frame's */
	uc = (ucontext_t *)*(volatile uint64_t *)(STUB_TRAP + T_UCTX);
	if (!sys || (unsigned long)uc < STUB_SIGSTACK ||
	    (unsigned long)uc >= STUB_SIGSTACK + STUB_SIGSTACK_SIZE)
		return;
	memset(&uc->uc_sigmask, 0, sizeof(uc->uc_sigmask));
	*(uint64_t *)&uc->uc_sigmask = 1ULL << (SIGVTALRM - 1);
	uc->uc_mcontext.gregs[REG_RIP] = (long)spin_then_exit;
	uc->uc_mcontext.gregs[REG_RSP] =
		(long)(resume_stack + sizeof(resume_stack) - 8);
	__asm__ volatile("mov %0, %%rsp; mov $15, %%eax; jmp *%1"
			 : : "r"(uc), "r"(sys) : "memory");
}

int main(void)
{
	if (get_targets("stubattack"))
		return 2;
	handler_jumps();
	trap_pokes();
	in_child("fake page fault report while running", fake_fault, NULL);
	in_child("fake fork report while running", fake_fork, NULL);
	in_child("preemption signal blocked by the host's rt_sigreturn",
		 blocked_kick, NULL);
	return 0;
}
