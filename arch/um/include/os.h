/*
 * os.h - the wall between kernel and host. arch/um/os/ implements these
 * with the host's libc; nothing else includes host headers. Functions
 * return 0 or a count on success and -errno on failure (errno values of
 * the host, which are the same numbers as include/uapi/umk/errno.h).
 */
#ifndef UMK_OS_H
#define UMK_OS_H

#include <umk/types.h>

/* Files. */
#define OS_O_RDONLY	0x1
#define OS_O_RDWR	0x2
#define OS_O_CREAT	0x4
#define OS_O_DIRECT	0x8
int os_open(const char *path, int flags, int mode);
int os_close(int fd);
ssize_t os_read(int fd, void *buf, size_t len);
ssize_t os_write(int fd, const void *buf, size_t len);
ssize_t os_write_all(int fd, const void *buf, size_t len);
ssize_t os_pread(int fd, void *buf, size_t len, u64 off);
ssize_t os_pwrite(int fd, const void *buf, size_t len, u64 off);
int os_file_size(int fd, u64 *size);
int os_fsync(int fd);
int os_isatty(int fd);

/* Memory. */
#define OS_PROT_NONE	0x0
#define OS_PROT_READ	0x1
#define OS_PROT_WRITE	0x2
#define OS_PROT_EXEC	0x4
int os_memfd_create(const char *name, u64 size);
/* Maps fd (shared) anywhere; returns the address or NULL (*err set). */
void *os_map_shared(int fd, u64 size, int prot, int *err);
int os_unmap(void *addr, u64 size);
int os_protect(void *addr, u64 size, int prot);
unsigned long os_page_size(void);

/* Time. */
s64 os_monotonic_ns(void);
s64 os_realtime_ns(void);
/* Starts a periodic host timer raising the timer signal every period_ns. */
int os_timer_start(s64 period_ns);
void os_timer_stop(void);

/*
 * Signals as interrupts. The os layer turns the host signals it owns into
 * calls of irq_from_host(irq) (kernel side, arch/um/kernel/irq.c).
 */
int os_signals_init(void);
void irq_from_host(int irq);
/* Sleeps the host process until any signal has been handled. */
void os_wait_for_interrupt(void);
/* Blocks/unblocks the host delivery of our interrupt signals. */
void os_block_signals(void);
void os_unblock_signals(void);

/* Process. */
__noreturn void os_exit(int status);
__noreturn void os_reexec(void);
void os_dump_backtrace(void);	/* to stderr, with symbol names */
int os_getrandom(void *buf, size_t len);
/* The host command line, for kernel_restart. */
void os_save_argv(int argc, char **argv);

/* Kernel entry, called by the host main() with the command line. */
__noreturn void start_kernel(const char *cmdline);

#endif
