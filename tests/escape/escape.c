/*
 * escape.c - guest code that tries to make the host do something umk
 * did not intend (Documentation/seccomp.md, "Escape tests"). Each attempt
 * runs in a child process and names the host effect it tries; the
 * script (test-escape.sh) checks from the host afterwards that none
 * happened: ESC_FILE does not exist on the host, ESC_PID (a host
 * process) is alive, and this program got to its end.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STUB_START	0x7fffff000000UL
#define STUB_SIZE	0x11000UL	/* code page + data area */
#define PROBE_VA	0x10000000UL

static const char *host_file;
static long host_pid;
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

static int run_child(const char *what, void (*fn)(const void *),
		     const void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		alarm(5);
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("%s: fork/wait failed\n", what);
		return -1;
	}
	return status;
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

static void unmap_stub(const void *arg)
{
	(void)arg;
	printf("  munmap of the stub: %s\n",
	       munmap((void *)STUB_START, STUB_SIZE) ? "refused" : "done");
	printf("  mmap over the stub: %s\n",
	       mmap((void *)STUB_START, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	       MAP_FAILED ? "refused" : "done");
	fflush(stdout);
}

static void report(const char *what, int status)
{
	if (WIFSIGNALED(status))
		printf("%s: child killed by signal %d\n", what,
		       WTERMSIG(status));
	else
		printf("%s: child exited %d\n", what, WEXITSTATUS(status));
	fflush(stdout);
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

int main(void)
{
	host_file = getenv("ESC_FILE");
	host_pid = host_file && getenv("ESC_PID") ?
		   atol(getenv("ESC_PID")) : 0;
	if (!host_file || host_pid <= 0) {
		printf("usage: ESC_FILE=/host/path ESC_PID=hostpid escape\n");
		return 2;
	}
	snprintf(path32, sizeof(path32), "%s", host_file);
	setvbuf(stdout, NULL, _IONBF, 0);
	report("raw syscall: open the host file, kill the host pid",
	       run_child("raw", raw_syscall, NULL));
	report("int $0x80: open the host file", run_child("int80", int80,
							   NULL));
	report("sysenter: open the host file",
	       run_child("sysenter", sysenter, NULL));
	stub_calls();
	report("write the stub code page",
	       run_child("w", write_stub, (void *)STUB_START));
	report("write the stub data area, then syscall",
	       run_child("w", write_stub, (void *)(STUB_START + 0x1000)));
	report("forged sigreturn frame",
	       run_child("sigreturn", forged_sigreturn, NULL));
	report("unmap or remap the stub",
	       run_child("unmap", unmap_stub, NULL));
	printf("escape: done, the kernel is still running\n");
	return 0;
}
