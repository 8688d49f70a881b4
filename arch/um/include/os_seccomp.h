/*
 * os_seccomp.h - the host side of the seccomp backend: turning a fresh
 * (traced) stub into a seccomp stub, the user notifications that gate
 * its address-space changes, and the futex handoff with its signal
 * handler. Implemented in arch/um/os/seccomp.c; used by arch/um/seccomp/.
 * Functions return 0 (or a value) on success and -errno on failure.
 */
#ifndef UMK_OS_SECCOMP_H
#define UMK_OS_SECCOMP_H

#include <stdint.h>
#include <stdbool.h>

/* The host has everything seccomp mode needs (trap, user_notif). */
bool os_seccomp_supported(void);

/* The stub's syscall instructions, by what they may call. */
#define OS_IP_SIGRETURN	0	/* rt_sigreturn */
#define OS_IP_WAKE	1	/* futex WAKE of the trap word */
#define OS_IP_WAIT	2	/* futex WAIT on it */
#define OS_IP_SETFS	3	/* arch_prctl(ARCH_SET_FS) */
#define OS_IP_BATCH	4	/* mmap/munmap/mprotect: notified */
#define OS_IP_MARKER	5	/* the batch's end marker: notified */
#define OS_IP_SETUP	6	/* close of the listener at setup */
#define OS_IP_SETGS	7	/* arch_prctl(ARCH_SET_GS) */
#define OS_NR_IPS	8

struct os_seccomp_setup {
	int pid, pidfd;			/* a stub stopped by ptrace */
	unsigned long syscall_ip;	/* "syscall; int3" of the code page */
	unsigned long handler;		/* stub_handler */
	unsigned long restorer;		/* stub_sigreturn */
	unsigned long boot;		/* stub_boot: where it starts */
	/*
	 * The address after each syscall instruction of the stub code
	 * that the filter lets through (OS_IP_*); one 4 GiB window.
	 */
	unsigned long ip[OS_NR_IPS];
	void *scratch;			/* kernel view of ... */
	unsigned long scratch_addr;	/* ... this stub address (1 KiB) */
};

/*
 * Setting a stub up takes two steps. First the host calls that install
 * the signal handlers, the alternate signal stack and the seccomp
 * filter: written as OS_SECCOMP_SETUP_CALLS queue entries at queue (room
 * entries free), with their data in the scratch area, for the ptrace
 * backend's batch to run. Returns the number written, -ENOSPC or
 * -EINVAL.
 */
#define OS_SECCOMP_SETUP_CALLS	32
int os_seccomp_setup_calls(const struct os_seccomp_setup *s, void *queue,
			   unsigned int room);
/*
 * Then, once they ran: takes the stub's user-notification fd, has the
 * stub close its copy and detaches; the stub runs stub_boot and parks
 * in its handler. Returns the notification fd (umk's).
 */
int os_seccomp_setup_finish(const struct os_seccomp_setup *s);

/* A user notification: the stub wants to run this host syscall. */
struct os_notif {
	uint64_t id;
	long nr;
	uint64_t args[6];
};

/* Numbers of the host calls a batch makes (queue entries and marker). */
#define OS_NR_MMAP	9
#define OS_NR_MPROTECT	10
#define OS_NR_MUNMAP	11

/*
 * Waits up to timeout_ms for the next notification; -ETIMEDOUT, or
 * -ESRCH once the stub is gone.
 */
int os_seccomp_recv(int listener, struct os_notif *n, int timeout_ms);
/* 1 if a notification waits (the stub made a call out of turn). */
int os_seccomp_pending(int listener);
/* Lets the call run (cont) or fails it with -err / returns val. */
int os_seccomp_respond(int listener, uint64_t id, bool cont, int err);

/*
 * Futex on a word of shared RAM: sleeps while *word == val, at most
 * timeout_ms (-1: no limit); returns 0 when woken or the word differs,
 * -ETIMEDOUT or -EINTR (a host signal ran one of umk's handlers).
 */
int os_futex_wait(uint32_t *word, uint32_t val, int timeout_ms);
void os_futex_wake(uint32_t *word);
/* Async-signal-safe: 1 once the process behind pidfd has exited. */
int os_pidfd_exited(int pidfd);

#endif
