/*
 * os.h - the wall between kernel and host. arch/um/os/ implements these
 * with the host's libc; nothing else includes host headers. Functions
 * return 0 or a count on success and -errno on failure (errno values of
 * the host, which are the same numbers as include/uapi/umk/errno.h).
 */
#ifndef UMK_OS_H
#define UMK_OS_H

/* Plain C types only: host code must not see kernel headers, and the
 * kernel must not see host ones. */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Files. */
#define OS_O_RDONLY	0x1
#define OS_O_RDWR	0x2
#define OS_O_CREAT	0x4
#define OS_O_DIRECT	0x8
int os_open(const char *path, int flags, int mode);
int os_close(int fd);
long os_read(int fd, void *buf, size_t len);
long os_write(int fd, const void *buf, size_t len);
long os_write_all(int fd, const void *buf, size_t len);
long os_pread(int fd, void *buf, size_t len, uint64_t off);
long os_pwrite(int fd, const void *buf, size_t len, uint64_t off);
int os_file_size(int fd, uint64_t *size);
int os_fsync(int fd);
int os_isatty(int fd);

/*
 * Console input (console.c): readiness of fd raises OS_IRQ_IO (O_ASYNC);
 * os_console_read() reads only what is there: -EAGAIN if nothing is,
 * 0 at end of input. _restore() puts the fd's flags back.
 */
int os_console_input_setup(int fd);
void os_console_input_restore(int fd);
long os_console_read(int fd, void *buf, size_t len);

/*
 * The host terminal behind the console (termios.c): raw mode while umk
 * runs, restored by os_tty_restore() (idempotent, async-signal-safe;
 * also at exit() and on fatal host signals); the window size.
 */
int os_tty_is_terminal(int fd);
int os_tty_make_raw(int fd);
void os_tty_restore(void);
int os_tty_winsize(int fd, unsigned short *rows, unsigned short *cols);

/* Memory. */
#define OS_PROT_NONE	0x0
#define OS_PROT_READ	0x1
#define OS_PROT_WRITE	0x2
#define OS_PROT_EXEC	0x4
int os_memfd_create(const char *name, uint64_t size);
/* Maps fd (shared) anywhere; returns the address or NULL (*err set). */
void *os_map_shared(int fd, uint64_t size, int prot, int *err);
int os_unmap(void *addr, uint64_t size);
int os_protect(void *addr, uint64_t size, int prot);
unsigned long os_page_size(void);

/* Time. */
int64_t os_monotonic_ns(void);
int64_t os_realtime_ns(void);
/* rd/wr{fs,gs}base work in user mode on this host (HWCAP2_FSGSBASE). */
bool os_has_fsgsbase(void);
/* Host CPUs umk may run on (its affinity mask), at least 1. */
int os_nr_cpus_allowed(void);
/* The host CPU umk runs on now. */
int os_current_cpu(void);
/* rdtscp works, and its TSC_AUX holds the CPU number (as Linux sets). */
bool os_has_rdtscp(void);
/* Lets process pid run on umk's CPUs except cpu. */
int os_avoid_cpu(int pid, int cpu);
/* Host TSC ticks per microsecond (measured once, ~1 ms, then cached). */
uint64_t os_tsc_per_us(void);
/* Starts a periodic host timer raising the timer signal every period_ns. */
int os_timer_start(int64_t period_ns);
void os_timer_stop(void);

/*
 * Signals as interrupts. The os layer turns the host signals it owns into
 * calls of irq_from_host(irq) (kernel side, arch/um/kernel/irq.c), on an
 * alternate signal stack: SIGALRM -> OS_IRQ_TIMER, SIGIO and SIGWINCH ->
 * OS_IRQ_IO,
 * SIGTERM/SIGINT/SIGHUP -> OS_IRQ_SHUTDOWN, SIGUSR1 -> OS_IRQ_WAKE. The
 * numbers are the IRQ_* of <umk/irqflags.h> (irq.c checks that). Host
 * threads other than the kernel's must block these signals.
 */
#define OS_IRQ_TIMER	0
#define OS_IRQ_IO	1
#define OS_IRQ_SHUTDOWN	2
#define OS_IRQ_WAKE	3
int os_signals_init(void);
void irq_from_host(int irq);
/*
 * Sleeps the host process until a signal has been handled. Call it with
 * os_block_signals() in effect (it unblocks atomically while it sleeps),
 * so a signal arriving after the caller's last check is not lost.
 */
void os_wait_for_interrupt(void);
/* Blocks/unblocks the host delivery of our interrupt signals. */
void os_block_signals(void);
void os_unblock_signals(void);
/*
 * A fault in kernel code (SIGSEGV/SIGBUS): the faulting address, the
 * instruction and stack pointers. Kernel side, arch/um/kernel/trap.c;
 * does not return.
 */
__attribute__((noreturn)) void kernel_fault(unsigned long addr,
					    unsigned long ip, unsigned long sp);

/* Process. */
__attribute__((noreturn)) void os_exit(int status);
__attribute__((noreturn)) void os_reexec(void);
void os_dump_backtrace(void);	/* to stderr, with symbol names */
int os_getrandom(void *buf, size_t len);
/* The host command line, for kernel_restart. */
void os_save_argv(int argc, char **argv);

/* Kernel entry, called by the host main() with the command line. */
__attribute__((noreturn)) void start_kernel(const char *cmdline);

#endif
