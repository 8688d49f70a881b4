/*
 * proc_fs.h - procfs (fs/proc/): the text buffer its files are printed
 * into, and the formatters of the system-wide files, which take plain
 * numbers so that tests can check their output byte for byte.
 * Documentation/proc.md describes the files.
 */
#ifndef UMK_PROC_FS_H
#define UMK_PROC_FS_H

#include <umk/types.h>
#include <umk/compiler.h>

/* A growing text: printing past size sets overflow (the file retries). */
struct pbuf {
	char *buf;
	size_t size;
	size_t len;
	bool overflow;
};

__printf(2, 3) void pbuf_printf(struct pbuf *m, const char *fmt, ...);
void pbuf_write(struct pbuf *m, const void *data, size_t len);
void pbuf_putc(struct pbuf *m, char c);
/* Text ns as "S.CC" (seconds and hundredths), as /proc/uptime prints. */
void pbuf_put_centisecs(struct pbuf *m, u64 ns);

/* What /proc/meminfo reports, in kB. */
struct proc_meminfo {
	unsigned long total, free, available, cached, shmem;
};
void proc_format_meminfo(struct pbuf *m, const struct proc_meminfo *mi);
/* /proc/uptime: "up idle\n" (ns). */
void proc_format_uptime(struct pbuf *m, u64 up_ns, u64 idle_ns);
/* /proc/loadavg from fixed-point loads (FSHIFT 11), as Linux prints. */
void proc_format_loadavg(struct pbuf *m, const unsigned long load[3],
			 unsigned int running, unsigned int threads,
			 int last_pid);

/* syslog(2) actions (kernel/printk's buffer through fs/proc/kmsg.c). */
#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#endif
