/*
 * seccomp.c - host side of the seccomp backend: the stub's seccomp
 * filter and signal handlers (installed through ptrace while the fresh
 * stub is still stopped), the user notifications through which the
 * kernel lets the stub's own mmap/munmap/mprotect calls run, and the
 * futex handoff. See Documentation/seccomp.md for why the filter is safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <os.h>
#include <os_ptrace.h>
#include <os_seccomp.h>
#include <stub.h>

#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002
#ifndef SA_RESTORER
#define SA_RESTORER		0x04000000
#endif
#define X32_SYSCALL_BIT		0x40000000
/* The listener fd seccomp() returns in the stub: 0 is the RAM file. */
#define STUB_LISTENER_FD	1
#define SIG_KICK		SIGVTALRM
#define FILTER_MAX		96

_Static_assert(OS_NR_MMAP == SYS_mmap && OS_NR_MUNMAP == SYS_munmap &&
	       OS_NR_MPROTECT == SYS_mprotect, "host syscall numbers");

bool os_seccomp_supported(void)
{
	char buf[256];
	ssize_t n;
	int fd;

	fd = open("/proc/sys/kernel/seccomp/actions_avail", O_RDONLY |
		  O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	if (!strstr(buf, "trap") || !strstr(buf, "user_notif"))
		return false;
	/*
	 * pidfd_getfd (Linux 5.6, after the CONTINUE flag of 5.5): EBADF
	 * for a bad pidfd where it exists, ENOSYS where it does not.
	 */
	return syscall(SYS_pidfd_getfd, -1, 0, 0) < 0 && errno == EBADF;
}

#define ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i)	(ARG_LO(i) + 4)
#define LD(off)		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, t, f)	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define RET(v)		BPF_STMT(BPF_RET | BPF_K, (v))

/*
 * The filter of the stub's (only) thread, whatever code runs in it. A
 * host call runs only if it is the one the stub code makes at that
 * instruction (s->ip[], the address after each syscall instruction):
 * - rt_sigreturn at the handler's return, futex WAKE and WAIT (not
 *   private: the kernel waits on the same RAM word) at the handler's,
 *   arch_prctl(ARCH_SET_FS), (ARCH_SET_GS) at its switches of the bases
 *   (hosts without FSGSBASE), close(listener) at the
 *   setup's syscall: run;
 * - mmap, munmap, mprotect at the batch's, mprotect at its end marker:
 *   ask the kernel (user notification), which lets through only the
 *   calls it queued itself;
 * - everything else, from anywhere, of any arch (int $0x80, sysenter)
 *   or number (x32): trap (SIGSYS to the handler, which reports it).
 */
struct bpf {
	struct sock_filter f[FILTER_MAX];
	unsigned int n;
};

static void emit(struct bpf *p, struct sock_filter insn)
{
	if (p->n < FILTER_MAX)
		p->f[p->n] = insn;
	p->n++;
}

/* A == k or return TRAP. */
static void need(struct bpf *p, uint32_t off, uint32_t k)
{
	emit(p, (struct sock_filter)LD(off));
	emit(p, (struct sock_filter)JEQ(k, 1, 0));
	emit(p, (struct sock_filter)RET(SECCOMP_RET_TRAP));
}

/* nr, with arg (if argi >= 0) equal to arg: action, else TRAP. */
static void rule(struct bpf *p, int nr, int argi, uint32_t arg,
		 uint32_t action)
{
	need(p, offsetof(struct seccomp_data, nr), nr);
	if (argi >= 0) {
		need(p, ARG_LO(argi), arg);
		need(p, ARG_HI(argi), 0);
	}
	emit(p, (struct sock_filter)RET(action));
}

static void batch_rule(struct bpf *p)
{
	emit(p, (struct sock_filter)LD(offsetof(struct seccomp_data, nr)));
	emit(p, (struct sock_filter)JEQ(SYS_mmap, 3, 0));
	emit(p, (struct sock_filter)JEQ(SYS_munmap, 2, 0));
	emit(p, (struct sock_filter)JEQ(SYS_mprotect, 1, 0));
	emit(p, (struct sock_filter)RET(SECCOMP_RET_TRAP));
	emit(p, (struct sock_filter)RET(SECCOMP_RET_USER_NOTIF));
}

static void ip_rule(struct bpf *p, int which)
{
	switch (which) {
	case OS_IP_SIGRETURN:
		rule(p, SYS_rt_sigreturn, -1, 0, SECCOMP_RET_ALLOW);
		break;
	case OS_IP_WAKE:
		rule(p, SYS_futex, 1, FUTEX_WAKE, SECCOMP_RET_ALLOW);
		break;
	case OS_IP_WAIT:
		rule(p, SYS_futex, 1, FUTEX_WAIT, SECCOMP_RET_ALLOW);
		break;
	case OS_IP_SETFS:
		rule(p, SYS_arch_prctl, 0, ARCH_SET_FS, SECCOMP_RET_ALLOW);
		break;
	case OS_IP_BATCH:
		batch_rule(p);
		break;
	case OS_IP_MARKER:
		rule(p, SYS_mprotect, -1, 0, SECCOMP_RET_USER_NOTIF);
		break;
	case OS_IP_SETUP:
		rule(p, SYS_close, 0, STUB_LISTENER_FD, SECCOMP_RET_ALLOW);
		break;
	case OS_IP_SETGS:
		rule(p, SYS_arch_prctl, 0, ARCH_SET_GS, SECCOMP_RET_ALLOW);
		break;
	}
}

#define IP_OFF	offsetof(struct seccomp_data, instruction_pointer)

/* Returns the number of instructions, or -EINVAL. */
static int build_filter(struct bpf *p, const unsigned long *ip)
{
	unsigned int start[OS_NR_IPS], pc;
	struct bpf rules = { .n = 0 };

	p->n = 0;
	need(p, offsetof(struct seccomp_data, arch), AUDIT_ARCH_X86_64);
	need(p, IP_OFF + 4, (uint32_t)(ip[0] >> 32));
	emit(p, (struct sock_filter)LD(IP_OFF));
	/* Dispatch on the low word: one JEQ each, then TRAP. */
	pc = p->n + OS_NR_IPS + 1;
	for (int i = 0; i < OS_NR_IPS; i++) {
		if (ip[i] >> 32 != ip[0] >> 32)
			return -EINVAL;
		start[i] = pc + rules.n;
		ip_rule(&rules, i);
	}
	for (int i = 0; i < OS_NR_IPS; i++)
		emit(p, (struct sock_filter)JEQ((uint32_t)ip[i],
						start[i] - (p->n + 1), 0));
	emit(p, (struct sock_filter)RET(SECCOMP_RET_TRAP));
	for (unsigned int i = 0; i < rules.n && i < FILTER_MAX; i++)
		emit(p, rules.f[i]);
	return p->n <= FILTER_MAX ? (int)p->n : -EINVAL;
}

/*
 * The signals the handler serves. Every other signal someone on the
 * host may send a stub is ignored, as ptrace mode swallows it (SIGKILL
 * and SIGSTOP cannot be; the stop signals ignored do not stop it).
 */
static const int trap_signals[] = {
	SIGSYS, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIG_KICK,
};
static const int ignored_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGUSR1, SIGUSR2, SIGPIPE,
	SIGALRM, SIGTERM, SIGSTKFLT, SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN,
	SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGPROF, SIGWINCH, SIGIO,
	SIGPWR,
};

/* The host's struct sigaction for rt_sigaction (not glibc's). */
struct host_sigaction {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

struct host_stack {
	unsigned long sp;
	int flags;
	unsigned long size;
};

/* Scratch layout in the stub's signal stack while it is set up. */
struct setup_scratch {
	struct host_stack ss;
	struct host_sigaction sa, ign;
	struct sock_fprog prog;
	struct sock_filter insns[FILTER_MAX];
};

#define SCRATCH(s, field) ((s)->scratch_addr + \
			   offsetof(struct setup_scratch, field))

static long call(const struct os_seccomp_setup *s, long nr, unsigned long a0)
{
	return os_stub_call(s->pid, s->syscall_ip, nr, a0, 0, 0, 0, 0, 0);
}

_Static_assert(sizeof(trap_signals) / sizeof(int) +
	       sizeof(ignored_signals) / sizeof(int) + 3 ==
	       OS_SECCOMP_SETUP_CALLS, "setup calls: sigaltstack, "
	       "one rt_sigaction per signal, prctl, seccomp");

/* Queue entry i: host call nr with arguments a0..a3. */
static void put_call(void *queue, unsigned int i, long nr, unsigned long a0,
		     unsigned long a1, unsigned long a2, unsigned long a3)
{
	uint64_t w[STUB_OP_SIZE / 8] = { (uint64_t)nr, a0, a1, a2, a3 };

	memcpy((char *)queue + (size_t)i * STUB_OP_SIZE, w, sizeof(w));
}

int os_seccomp_setup_calls(const struct os_seccomp_setup *s, void *queue,
			   unsigned int room)
{
	struct setup_scratch *sc = s->scratch;
	unsigned int n = 0;
	struct bpf p;
	int len;

	if (room < OS_SECCOMP_SETUP_CALLS)
		return -ENOSPC;
	len = build_filter(&p, s->ip);
	if (len < 0)
		return len;
	sc->ss = (struct host_stack){ STUB_SIGSTACK, 0, STUB_SIGSTACK_SIZE };
	/* All signals blocked in the handler: no nesting on its stack. */
	sc->sa = (struct host_sigaction){ s->handler,
		SA_SIGINFO | SA_ONSTACK | SA_RESTORER, s->restorer, ~0ULL };
	memcpy(sc->insns, p.f, (size_t)len * sizeof(p.f[0]));
	sc->prog.len = (unsigned short)len;
	sc->prog.filter = (struct sock_filter *)SCRATCH(s, insns);
	put_call(queue, n++, SYS_sigaltstack, SCRATCH(s, ss), 0, 0, 0);
	for (size_t i = 0; i < sizeof(trap_signals) / sizeof(int); i++)
		put_call(queue, n++, SYS_rt_sigaction, trap_signals[i],
			 SCRATCH(s, sa), 0, sizeof(uint64_t));
	sc->ign = (struct host_sigaction){ (unsigned long)SIG_IGN, 0, 0, 0 };
	for (size_t i = 0; i < sizeof(ignored_signals) / sizeof(int); i++)
		put_call(queue, n++, SYS_rt_sigaction, ignored_signals[i],
			 SCRATCH(s, ign), 0, sizeof(uint64_t));
	put_call(queue, n++, SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0);
	put_call(queue, n++, SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		 SECCOMP_FILTER_FLAG_NEW_LISTENER, SCRATCH(s, prog), 0);
	return (int)n;
}

/* Lets the stub go, untraced, at its boot code. */
static long start_detached(const struct os_seccomp_setup *s)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, s->pid, NULL, &r) < 0)
		return -errno;
	r.rip = s->boot;
	r.rsp = 0;
	if (ptrace(PTRACE_SETREGS, s->pid, NULL, &r) < 0 ||
	    ptrace(PTRACE_DETACH, s->pid, NULL, NULL) < 0)
		return -errno;
	return 0;
}

int os_seccomp_setup_finish(const struct os_seccomp_setup *s)
{
	int fd;
	long ret;

	memset(s->scratch, 0, sizeof(struct setup_scratch));
	fd = (int)syscall(SYS_pidfd_getfd, s->pidfd, STUB_LISTENER_FD, 0);
	if (fd < 0)
		return -errno;
	/* The stub keeps no fd but the RAM file. */
	ret = call(s, SYS_close, STUB_LISTENER_FD);
	if (!ret)
		ret = start_detached(s);
	if (ret) {
		close(fd);
		return ret < 0 ? (int)ret : -EIO;
	}
	return fd;
}

int os_seccomp_recv(int listener, struct os_notif *n, int timeout_ms)
{
	struct pollfd p = { .fd = listener, .events = POLLIN };
	struct seccomp_notif req;
	int r;

	r = poll(&p, 1, timeout_ms);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -ETIMEDOUT;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		return -ESRCH;
	memset(&req, 0, sizeof(req));
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n->id = req.id;
	n->nr = req.data.arch == AUDIT_ARCH_X86_64 ? req.data.nr : -1;
	memcpy(n->args, req.data.args, sizeof(n->args));
	return 0;
}

int os_seccomp_pending(int listener)
{
	struct pollfd p = { .fd = listener, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int os_seccomp_respond(int listener, uint64_t id, bool cont, int err)
{
	struct seccomp_notif_resp resp = { .id = id, .error = err };

	if (cont)
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	/* ENOENT: the stub died meanwhile; the next recv says so. */
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 &&
	    errno != ENOENT)
		return -errno;
	return 0;
}

int os_futex_wait(uint32_t *word, uint32_t val, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000,
			       (long)(timeout_ms % 1000) * 1000000 };

	if (syscall(SYS_futex, word, FUTEX_WAIT, val,
		    timeout_ms < 0 ? NULL : &ts, NULL, 0) == 0)
		return 0;
	return errno == EAGAIN ? 0 : -errno;
}

void os_futex_wake(uint32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

int os_pidfd_exited(int pidfd)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}
