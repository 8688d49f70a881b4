/*
 * escape.c - guest code that tries to make the host do something umk
 * did not intend (Documentation/seccomp.md, "Escape tests"). Each attempt
 * runs in a child process and names the host effect it tries; the
 * script (test-escape.sh) checks from the host afterwards that none
 * happened: ESC_FILE does not exist on the host, ESC_PID (a host
 * process) is alive, no probe of PROBE_VA succeeded, nothing printed
 * "unexpected:" (a guest-visible difference from Linux), a bystander
 * process kept making progress all along, and this program got to its
 * end. The attacks on the stub's handler and trap page are a program of
 * their own (stubattack.c), run from here.
 */
#include "escape.h"

static char path32[256] __attribute__((aligned(16)));

/* Registers for a jump to a host syscall instruction. */
struct call {
	const char *what;
	long nr, a0, a1, a2, a3, a4, a5;
};

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	volatile uint64_t *p = (volatile uint64_t *)PROBE_VA;

	(void)si; (void)uc;
	/* Did a host mapping of RAM appear behind the kernel's back? */
	signal(SIGSEGV, SIG_DFL);
	if (*p || !*p)
		dprintf(1, "  probe at %#lx readable after signal %d\n",
			PROBE_VA, sig);
	_exit(3);
}

/* Guest handlers for the signals the stub's host handler serves. */
static void catch_faults(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault,
				.sa_flags = SA_SIGINFO | SA_NODEFER };

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	/* The guest's own SIGSYS handler: umk's, never the host's. */
	sigaction(SIGSYS, &sa, NULL);
}

/* Jumps to ip with the call's registers; never returns. */
static void __attribute__((noreturn)) jump(unsigned long ip,
					    const struct call *c)
{
	register long r10 __asm__("r10") = c->a3;
	register long r8 __asm__("r8") = c->a4;
	register long r9 __asm__("r9") = c->a5;

	__asm__ volatile("jmp *%[ip]" : : [ip] "r"(ip), "a"(c->nr),
			 "D"(c->a0), "S"(c->a1), "d"(c->a2), "r"(r10),
			 "r"(r8), "r"(r9) : "memory");
	__builtin_unreachable();
}

static void raw_syscall(const void *arg)
{
	(void)arg;
	syscall(SYS_open, host_file, O_CREAT | O_WRONLY, 0644);
	syscall(SYS_kill, host_pid, SIGKILL);
}

static void int80(const void *arg)
{
	(void)arg;
	/* i386 open(path, O_CREAT|O_WRONLY): the path is below 4 GiB. */
	__asm__ volatile("int $0x80" : : "a"(5), "b"(path32),
			 "c"(O_CREAT | O_WRONLY), "d"(0644) : "memory");
}

static void sysenter(const void *arg)
{
	(void)arg;
	__asm__ volatile("sysenter" : : "a"(5), "b"(path32),
			 "c"(O_CREAT | O_WRONLY), "d"(0644) : "memory");
}

static unsigned long jump_ip;
static void stub_jump(const void *arg)
{
	catch_faults();
	jump(jump_ip, arg);
}

static void write_stub(const void *arg)
{
	unsigned long a = (unsigned long)arg;

	memset((void *)a, 0x5a, a == STUB_START ? 16 : STUB_SIZE - 0x1000);
	syscall(SYS_getpid);
}

static void forged_sigreturn(const void *arg)
{
	char frame[1024];

	(void)arg;
	memset(frame, 0x41, sizeof(frame));
	__asm__ volatile("mov %0, %%rsp; mov $15, %%eax; syscall"
			 : : "r"(frame + 8) : "memory");
}

static void stub_calls(void)
{
	const struct call calls[] = {
		{ "open a host file", SYS_open, (long)host_file,
		  O_CREAT | O_WRONLY, 0644, 0, 0, 0 },
		{ "kill a host pid", SYS_kill, host_pid, SIGKILL, 0, 0, 0, 0 },
		{ "mmap the RAM file at offset 0", SYS_mmap, PROBE_VA, 4096,
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0, 0 },
		{ "mprotect the stub code writable", SYS_mprotect, STUB_START,
		  4096, PROT_READ | PROT_WRITE | PROT_EXEC, 0, 0, 0 },
		{ "execve", SYS_execve, (long)"/bin/sh", 0, 0, 0, 0, 0 },
		{ "socket", SYS_socket, 2, 1, 0, 0, 0, 0 },
		{ "ptrace", SYS_ptrace, 0 /* TRACEME */, 0, 0, 0, 0, 0 },
		{ "change its seccomp filter", SYS_seccomp, 0 /* STRICT */,
		  0, 0, 0, 0, 0 },
	};
	const uint8_t *code = (const uint8_t *)STUB_START;
	int n = 0;

	for (unsigned long off = 0; off + 1 < 4096; off++) {
		if (code[off] != 0x0f || code[off + 1] != 0x05)
			continue;
		jump_ip = STUB_START + off;
		for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
			run_child(calls[i].what, stub_jump, &calls[i]);
		n++;
	}
	printf("jumped to %s stub syscall instructions with crafted "
	       "registers (%zu calls each)\n", n ? "every" : "no",
	       sizeof(calls) / sizeof(calls[0]));
}

static volatile sig_atomic_t n_sigsys;

static void count_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)si; (void)uc;
	n_sigsys++;
}

/* Is a write to addr a SIGSEGV the guest's handler sees as on Linux? */
static void check_fault(const char *what, unsigned long addr, int code)
{
	int before = n_segv;

	if (!sigsetjmp(fault_env, 1))
		*(volatile char *)addr = 1;
	if (n_segv != before + 1 || segv_addr != addr || segv_code != code)
		unexpected("%s: %d SIGSEGV (addr %#lx code %d), Linux: 1 "
			   "(addr %#lx code %d)", what, n_segv - before,
			   segv_addr, segv_code, addr, code);
	if (raw3(SYS_getpid, 0, 0, 0) != getpid())
		unexpected("%s: getpid wrong after the fault", what);
}

/*
 * Host effects: open ESC_FILE, kill ESC_PID, with guest SIGSYS and
 * SIGSEGV handlers installed. umk emulates syscalls, so the guest's
 * SIGSYS handler runs only for a SIGSYS sent to it; its SIGSEGV handler
 * runs for real faults, as natively.
 */
static void guest_handlers(const void *arg)
{
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	(void)arg;
	handle(SIGSYS, count_sigsys);
	handle(SIGSEGV, catch_segv);
	for (int i = 0; i < 100; i++)
		if (raw3(SYS_getpid, 0, 0, 0) != getpid())
			unexpected("raw getpid wrong");
	if (raw3(1000, 0, 0, 0) != -ENOSYS)
		unexpected("syscall 1000 is not -ENOSYS");
	raw3(0x40000000 | SYS_getpid, 0, 0, 0);	/* x32 */
	close(raw3(SYS_open, (long)host_file, O_CREAT | O_WRONLY, 0644));
	raw3(SYS_kill, host_pid, SIGKILL, 0);
	if (n_sigsys)
		unexpected("guest SIGSYS handler ran %d times for syscalls",
			   (int)n_sigsys);
	raise(SIGSYS);
	if (n_sigsys != 1)
		unexpected("raise(SIGSYS) ran the handler %d times",
			   (int)n_sigsys);
	check_fault("write to NULL", 0, SEGV_MAPERR);
	check_fault("write to a read-only page", (unsigned long)ro,
		    SEGV_ACCERR);
	check_fault("write to the stub code page", STUB_START, SEGV_MAPERR);
	check_fault("write beyond the stub", STUB_START + STUB_SIZE,
		    SEGV_MAPERR);
	printf("  SIGSYS handler: %d run(s), SIGSEGV handler: %d run(s)\n",
	       (int)n_sigsys, (int)n_segv);
}

/* One address-space change of the stub area: it must be refused. */
static void refused(const char *what, long ret)
{
	if (ret != -1) {
		unexpected("%s: done (%#lx)", what, ret);
		return;
	}
	printf("  %s: refused (%s)\n", what, strerrorname_np(errno));
}

/*
 * Host effects: the stub's code or data moved, replaced, zapped or made
 * writable/inaccessible, so that umk or the host stub misbehaves.
 */
static void remap_stub(const void *arg)
{
	static uint8_t code[4096];
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long mf = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	long rw = PROT_READ | PROT_WRITE;
	void *hint;

	(void)arg;
	memcpy(code, (void *)STUB_START, sizeof(code));
	refused("munmap the stub", munmap((void *)STUB_START, STUB_SIZE));
	refused("munmap the data area",
		munmap((void *)STUB_DATA, STUB_DATA_SIZE));
	refused("mmap MAP_FIXED over the stub",
		(long)mmap((void *)STUB_START, 4096, rw, mf, -1, 0));
	refused("mmap MAP_FIXED_NOREPLACE at the data area",
		(long)mmap((void *)STUB_DATA, 4096, rw, (mf ^ MAP_FIXED) |
			   MAP_FIXED_NOREPLACE, -1, 0));
	refused("mmap MAP_FIXED across TASK_SIZE",
		(long)mmap((void *)(STUB_START - 4096), 8192, rw, mf, -1, 0));
	refused("mremap the stub code to PROBE_VA",
		(long)mremap((void *)STUB_START, 4096, 4096,
			     MREMAP_MAYMOVE | MREMAP_FIXED, PROBE_VA));
	refused("mremap the data area to PROBE_VA",
		(long)mremap((void *)STUB_DATA, STUB_DATA_SIZE, STUB_DATA_SIZE,
			     MREMAP_MAYMOVE | MREMAP_FIXED, PROBE_VA));
	refused("mremap the stub code larger",
		(long)mremap((void *)STUB_START, 4096, 8192, 0));
	refused("mremap a guest page onto the stub",
		(long)mremap(page, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED,
			     STUB_START));
	refused("madvise(MADV_DONTNEED) the stub",
		madvise((void *)STUB_START, STUB_SIZE, MADV_DONTNEED));
	refused("madvise(MADV_DONTNEED) the trap page",
		madvise((void *)STUB_TRAP, 4096, MADV_DONTNEED));
	refused("madvise(MADV_DONTFORK) the stub",
		madvise((void *)STUB_START, STUB_SIZE, MADV_DONTFORK));
	refused("mprotect the stub code rwx",
		mprotect((void *)STUB_START, 4096, rw | PROT_EXEC));
	refused("mprotect the data area PROT_NONE",
		mprotect((void *)STUB_DATA, STUB_DATA_SIZE, PROT_NONE));
	hint = mmap((void *)STUB_START, 4096, rw, (mf ^ MAP_FIXED), -1, 0);
	if ((unsigned long)hint >= STUB_START)
		unexpected("mmap hint at the stub placed it at %p", hint);
	if (syscall(SYS_brk, STUB_START + STUB_SIZE) ==
	    (long)(STUB_START + STUB_SIZE))
		unexpected("brk moved over the stub");
	if (memcmp(code, (void *)STUB_START, sizeof(code)))
		unexpected("the stub code page changed");
	if (raw3(SYS_getpid, 0, 0, 0) != getpid() ||
	    mprotect(page, 4096, PROT_READ) || *(volatile char *)page)
		unexpected("the process stopped working");
}

/*
 * The bystander: two guest processes that ping-pong a counter through
 * pipes during the whole attack run; its progress is checked after
 * every attempt and its clean exit at the end.
 */
struct progress {
	volatile long rounds;
	volatile long longest_ms;	/* the longest time for one round */
	volatile int stop;
};
static struct progress *prog;
static pid_t bystander_pid;

static void __attribute__((noreturn)) echo(int in, int out)
{
	long v;

	while (read(in, &v, sizeof(v)) == sizeof(v)) {
		v++;
		if (write(out, &v, sizeof(v)) != sizeof(v))
			_exit(1);
	}
	_exit(0);
}

static void __attribute__((noreturn)) bystander(void)
{
	int up[2], down[2], status;
	pid_t pid;

	if (pipe(up) || pipe(down))
		_exit(1);
	pid = fork();
	if (pid == 0) {
		close(up[1]);
		close(down[0]);
		echo(up[0], down[1]);
	}
	close(up[0]);
	close(down[1]);
	for (long n = 0, t = now_ms(); !prog->stop; n++) {
		long v = n, t0 = t;

		if (write(up[1], &v, sizeof(v)) != sizeof(v) ||
		    read(down[0], &v, sizeof(v)) != sizeof(v) || v != n + 1)
			_exit(2);
		prog->rounds = n + 1;
		t = now_ms();
		if (t - t0 > prog->longest_ms)
			prog->longest_ms = t - t0;
	}
	close(up[1]);
	_exit(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      !WEXITSTATUS(status) ? 0 : 3);
}

static int start_bystander(void)
{
	prog = mmap(NULL, sizeof(*prog), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (prog == MAP_FAILED)
		return -1;
	bystander_pid = fork();
	if (bystander_pid == 0)
		bystander();
	return bystander_pid < 0 ? -1 : 0;
}

/*
 * Has the bystander made a round since `since' (waits up to 5 s), and
 * none of its rounds during the attempt took STALL_MS or more (every
 * guest process stalled)?
 */
#define STALL_MS	1000
static void check_bystander(const char *after, long since)
{
	for (int i = 0; i < 500 && prog->rounds <= since; i++)
		usleep(10000);
	if (prog->rounds <= since)
		unexpected("the bystander made no progress during \"%s\"",
			   after);
	if (prog->longest_ms >= STALL_MS)
		unexpected("the bystander stalled for %ld ms during \"%s\"",
			   prog->longest_ms, after);
}

static void stop_bystander(void)
{
	int status;

	prog->stop = 1;
	if (waitpid(bystander_pid, &status, 0) != bystander_pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status))
		unexpected("the bystander did not exit cleanly (status %#x)",
			   status);
	else
		printf("bystander: %ld rounds, exited cleanly\n",
		       prog->rounds);
}

static void raw_attempts(void)
{
	in_child("raw syscall: open the host file, kill the host pid",
		 raw_syscall, NULL);
	in_child("int $0x80: open the host file", int80, NULL);
	in_child("sysenter: open the host file", sysenter, NULL);
}

static void write_attempts(void)
{
	in_child("write the stub code page", write_stub, (void *)STUB_START);
	in_child("write the stub data area, then syscall", write_stub,
		 (void *)STUB_DATA);
	in_child("forged sigreturn frame", forged_sigreturn, NULL);
}

static void handler_attempts(void)
{
	in_child("guest SIGSYS/SIGSEGV handlers, raw syscalls and faults",
		 guest_handlers, NULL);
}

/* The stub-area attacks, a program of their own. */
static void stubattack(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl("/tests/stubattack", "stubattack", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status))
		unexpected("stubattack did not run to its end");
}

static void remap_attempts(void)
{
	in_child("unmap, remap, madvise, mprotect the stub", remap_stub,
		 NULL);
}

/* The attempts, in order; each runs its children. */
static const struct {
	const char *what;
	void (*run)(void);
} attempts[] = {
	{ "raw syscall instructions", raw_attempts },
	{ "jumps to the stub's syscall instructions", stub_calls },
	{ "writes to the stub", write_attempts },
	{ "guest signal handlers", handler_attempts },
	{ "remapping the stub", remap_attempts },
	{ "the stub's handler and trap page (stubattack)", stubattack },
};

int main(void)
{
	if (get_targets("escape"))
		return 2;
	snprintf(path32, sizeof(path32), "%s", host_file);
	if (start_bystander()) {
		printf("escape: cannot start the bystander\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof(attempts) / sizeof(attempts[0]); i++) {
		long since = prog->rounds, ms = now_ms();

		printf("== %s\n", attempts[i].what);
		prog->longest_ms = 0;
		attempts[i].run();
		check_bystander(attempts[i].what, since);
		printf("== %s: %ld ms; bystander: %ld rounds, longest %ld ms\n",
		       attempts[i].what, now_ms() - ms, prog->rounds,
		       prog->longest_ms);
	}
	stop_bystander();
	printf("escape: done, the kernel is still running\n");
	return 0;
}

