/*
 * stub.c - host side of stub processes: the stub's executable image, the
 * start of a stub with a clean address space, its end, the preemption
 * signal and the encoding of queued host calls. See
 * Documentation/backend.md for why the stub can reach nothing of umk's.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <os.h>
#include <os_ptrace.h>
#include <stub.h>

#define HOST_PAGE	4096UL
/* End of the host's default (47-bit) user address space. */
#define HOST_USER_TOP	0x7ffffffff000UL
/* Signal that stops a running stub for preemption (see os_stub_wait). */
#define SIG_KICK	SIGVTALRM

int os_stub_image_create(const void *code, size_t len,
			 unsigned long code_addr, unsigned long entry)
{
	struct {
		Elf64_Ehdr eh;
		Elf64_Phdr ph[2];
	} img;
	int fd, err;

	if (len > HOST_PAGE)
		return -EINVAL;
	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, SELFMAG);
	img.eh.e_ident[EI_CLASS] = ELFCLASS64;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_X86_64;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = entry;
	img.eh.e_phoff = offsetof(__typeof__(img), ph);
	img.eh.e_ehsize = sizeof(img.eh);
	img.eh.e_phentsize = sizeof(img.ph[0]);
	img.eh.e_phnum = 2;
	/* The code page: file page 1 at code_addr, read and execute. */
	img.ph[0].p_type = PT_LOAD;
	img.ph[0].p_flags = PF_R | PF_X;
	img.ph[0].p_offset = HOST_PAGE;
	img.ph[0].p_vaddr = code_addr;
	img.ph[0].p_paddr = code_addr;
	img.ph[0].p_filesz = len;
	img.ph[0].p_memsz = HOST_PAGE;
	img.ph[0].p_align = HOST_PAGE;
	/* No executable stack (it is unmapped at once anyway). */
	img.ph[1].p_type = PT_GNU_STACK;
	img.ph[1].p_flags = PF_R | PF_W;

	fd = memfd_create("umk-stub", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	if (pwrite(fd, &img, sizeof(img), 0) != (ssize_t)sizeof(img) ||
	    pwrite(fd, code, len, HOST_PAGE) != (ssize_t)len ||
	    ftruncate(fd, 2 * HOST_PAGE) < 0)
		goto fail;
	/* Nobody may change what every stub runs. */
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		goto fail;
	return fd;
fail:
	err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

struct child_args {
	int image_fd;
	int ram_fd;
	pid_t parent;
};

/*
 * Stack of the vfork-style child below. The parent is suspended while
 * the child uses it and the kernel starts one stub at a time.
 */
static char child_stack[16384] __attribute__((aligned(16)));

static int close_fds(unsigned int lo, unsigned int hi)
{
	if (lo > hi)
		return 0;
	if (syscall(SYS_close_range, lo, hi, 0) == 0)
		return 0;
	if (errno != ENOSYS)
		return -1;
	for (long fd = lo, max = sysconf(_SC_OPEN_MAX); fd < max &&
	     fd <= (long)hi; fd++)
		close((int)fd);
	return 0;
}

/*
 * The child shares umk's memory until execveat() (CLONE_VM|CLONE_VFORK),
 * so it only makes system calls. All signals stay blocked here: a signal
 * would otherwise run one of umk's handlers on umk's own memory. The
 * blocked mask survives exec; the stub's setup clears it. Returns errno
 * as the exit status if anything fails.
 */
static int stub_child(void *arg)
{
	const struct child_args *a = arg;
	char *argv[] = { "umk-stub", NULL }, *envp[] = { NULL };
	int persona, img;

	/* Own session: terminal signals for umk do not reach stubs. */
	if (setsid() < 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		return errno;
	if (getppid() != a->parent)
		return ESRCH;	/* umk died already */
	/* A fixed layout, so the stack never lands on the stub area. */
	persona = personality(0xffffffff);
	if (persona < 0 || personality(persona | ADDR_NO_RANDOMIZE) < 0)
		return errno;
	/* The RAM file becomes STUB_RAM_FD; every other fd goes. */
	img = fcntl(a->image_fd, F_DUPFD_CLOEXEC, STUB_RAM_FD + 1);
	if (img < 0)
		return errno;
	if (a->ram_fd == STUB_RAM_FD) {
		if (fcntl(STUB_RAM_FD, F_SETFD, 0) < 0)
			return errno;
	} else if (dup2(a->ram_fd, STUB_RAM_FD) < 0) {
		return errno;
	}
	if (close_fds(STUB_RAM_FD + 1, (unsigned int)img - 1) < 0 ||
	    close_fds((unsigned int)img + 1, ~0U) < 0)
		return errno;
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		return errno;
	syscall(SYS_execveat, img, "", argv, envp, AT_EMPTY_PATH);
	return errno;
}

static int wait_stopped(int pid, int *status)
{
	while (waitpid(pid, status, __WALL) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

/* Waits until the (killed) stub is gone; stops still queued are passed. */
static void reap(int pid)
{
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, __WALL);
		if (r < 0 && errno != EINTR)
			return;		/* ECHILD: reaped already */
		if (r == pid && (WIFEXITED(status) || WIFSIGNALED(status)))
			return;
	}
}

/* Resumes stub code until its int3; swallows signals from outside. */
static int run_to_trap(int pid)
{
	int status;

	for (;;) {
		if (ptrace(PTRACE_CONT, pid, NULL, NULL) < 0)
			return -errno;
		if (wait_stopped(pid, &status) < 0 || !WIFSTOPPED(status))
			return -ECHILD;
		switch (WSTOPSIG(status)) {
		case SIGTRAP:
			return 0;
		case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE:
			return -EFAULT;	/* resuming would fault again */
		}
	}
}

/*
 * Runs one host syscall in the stopped stub at the "syscall; int3" of
 * its code page; returns its result or -errno of the ptrace traffic.
 */
long os_stub_call(int pid, unsigned long ip, long nr, unsigned long a0,
		  unsigned long a1, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5)
{
	struct user_regs_struct r;
	int err;

	if (ptrace(PTRACE_GETREGS, pid, NULL, &r) < 0)
		return -errno;
	r.rip = ip;
	r.rax = (unsigned long)nr;
	r.orig_rax = -1UL;
	r.rdi = a0;
	r.rsi = a1;
	r.rdx = a2;
	r.r10 = a3;
	r.r8 = a4;
	r.r9 = a5;
	if (ptrace(PTRACE_SETREGS, pid, NULL, &r) < 0)
		return -errno;
	err = run_to_trap(pid);
	if (err)
		return err;
	if (ptrace(PTRACE_GETREGS, pid, NULL, &r) < 0)
		return -errno;
	return (long)r.rax;
}

/* Leaves the stub with its code page, its data area and nothing else. */
static int stub_setup(int pid, const struct os_stub_spawn *s)
{
	unsigned long ip = s->syscall_ip;
	long ret;

	ret = os_stub_call(pid, ip, SYS_munmap, 0, STUB_START, 0, 0, 0, 0);
	if (!ret)
		ret = os_stub_call(pid, ip, SYS_munmap, STUB_END,
				HOST_USER_TOP - STUB_END, 0, 0, 0, 0);
	if (ret)
		return ret < 0 ? (int)ret : -EIO;
	ret = os_stub_call(pid, ip, SYS_mmap, STUB_DATA, STUB_DATA_SIZE,
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
			STUB_RAM_FD, s->data_off);
	if (ret != (long)STUB_DATA)
		return ret < 0 ? (int)ret : -EIO;
	/* The data area starts zeroed: use its header as an empty set. */
	ret = os_stub_call(pid, ip, SYS_rt_sigprocmask, SIG_SETMASK,
			STUB_DATA + STUB_D_NR, 0, sizeof(uint64_t), 0, 0);
	return ret < 0 ? (int)ret : 0;
}

/* Clones the vfork-style child with all signals blocked around it. */
static int start_child(const struct os_stub_spawn *s)
{
	struct child_args args = {
		.image_fd = s->image_fd,
		.ram_fd = s->ram_fd,
		.parent = getpid(),
	};
	sigset_t all, old;
	int pid, err;

	sigfillset(&all);
	if (sigprocmask(SIG_BLOCK, &all, &old) < 0)
		return -errno;
	pid = clone(stub_child, child_stack + sizeof(child_stack),
		    CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
	err = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid < 0 ? -err : pid;
}

int os_stub_spawn(const struct os_stub_spawn *s, int *pidp, int *pidfdp)
{
	int pid, pidfd = -1, status, err;

	pid = start_child(s);
	if (pid < 0)
		return pid;
	err = wait_stopped(pid, &status);
	if (err)
		return err;
	/* Exited (exec failed: errno as status) or killed: reaped. */
	if (WIFEXITED(status))
		return WEXITSTATUS(status) ? -WEXITSTATUS(status) : -EIO;
	if (!WIFSTOPPED(status))
		return -EIO;
	if (WSTOPSIG(status) != SIGTRAP) {
		err = -EIO;
		goto fail;
	}
	/* If umk dies, its stubs die with it. */
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) < 0)
		goto fail_errno;
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		goto fail_errno;
	err = stub_setup(pid, s);
	if (err)
		goto fail;
	*pidp = pid;
	*pidfdp = pidfd;
	return 0;

fail_errno:
	err = -errno;
fail:
	if (pidfd >= 0) {
		os_stub_kill(pid, pidfd);
	} else {
		kill(pid, SIGKILL);	/* a stopped child: not reaped */
		reap(pid);
	}
	return err;
}

void os_stub_kill(int pid, int pidfd)
{
	/* Through the pidfd: never a stranger that reuses the pid. */
	syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
	reap(pid);
	close(pidfd);
}

int os_stub_kick(int pidfd)
{
	return syscall(SYS_pidfd_send_signal, pidfd, SIG_KICK, NULL, 0) < 0 ?
		-errno : 0;
}

bool os_stub_blocks_kick(int pid)
{
	char path[64], line[128];
	unsigned long long blocked = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "SigBlk: %llx", &blocked) == 1;
	fclose(f);
	return found && (blocked & (1ULL << (SIG_KICK - 1)));
}

int os_stub_terminate(int pidfd)
{
	return syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) < 0 ?
		-errno : 0;
}

static unsigned long host_prot(int prot)
{
	unsigned long p = PROT_NONE;

	if (prot & OS_PROT_READ)
		p |= PROT_READ;
	if (prot & OS_PROT_WRITE)
		p |= PROT_WRITE;
	if (prot & OS_PROT_EXEC)
		p |= PROT_EXEC;
	return p;
}

void os_stub_op(void *op, int kind, unsigned long addr, unsigned long len,
		int prot, uint64_t ram_off)
{
	uint64_t w[STUB_OP_SIZE / 8] = { 0, addr, len };

	switch (kind) {
	case OS_STUB_OP_MMAP:
		w[0] = SYS_mmap;
		w[3] = host_prot(prot);
		w[4] = MAP_SHARED | MAP_FIXED;
		w[5] = STUB_RAM_FD;
		w[6] = ram_off;
		break;
	case OS_STUB_OP_MUNMAP:
		w[0] = SYS_munmap;
		break;
	default:
		w[0] = SYS_mprotect;
		w[3] = host_prot(prot);
		break;
	}
	memcpy(op, w, sizeof(w));
}

static int count_fds(int pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

int os_stub_audit(int pid, unsigned long lo, unsigned long hi,
		  int *foreign_maps, int *fds)
{
	unsigned long start, end;
	char path[64], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	*foreign_maps = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &start, &end) != 2)
			continue;
		/* Not a mapping: the host kernel emulates this page. */
		if (strstr(line, "[vsyscall]"))
			continue;
		if (start < lo || end > hi)
			(*foreign_maps)++;
	}
	fclose(f);
	*fds = count_fds(pid);
	return *fds < 0 ? *fds : 0;
}

bool os_child_gone(int pid)
{
	int status;

	return waitpid(pid, &status, WNOHANG | __WALL) < 0 && errno == ECHILD;
}
