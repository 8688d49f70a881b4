/* printk.h - kernel log: levels, the ring buffer and console drivers. */
#ifndef UMK_PRINTK_H
#define UMK_PRINTK_H

#include <stdarg.h>
#include <umk/types.h>

/* A message may start with KERN_SOH and a level digit, as in Linux. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"
#define LOGLEVEL_DEFAULT 4	/* level of a message without a prefix */

__printf(1, 2) int printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list ap);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...)  printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)  printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)   printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)    printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)   printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)   printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)  printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)   printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Console output goes to every registered console. */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	struct console *next;
};
/* Registers con and replays the log buffer through it. */
void register_console(struct console *con);
void unregister_console(struct console *con);

/* Messages with level < console_loglevel reach the consoles. */
extern int console_loglevel;

/*
 * Raw text to the consoles without a level or timestamp and without the
 * loglevel filter (KTAP output of the test runner uses it).
 */
void console_write_raw(const char *s, size_t len);

/* The ring buffer, for dmesg: copies up to len bytes of the formatted log
 * starting at record sequence *seq; returns bytes copied, advances *seq. */
size_t log_buf_read(u64 *seq, char *buf, size_t len);
/* For /dev/kmsg: the first record at or after *seq as "prio,seq,usec,-;
 * text\n" (Linux's format); returns its length and advances *seq, 0 if
 * there is none yet, -EINVAL if it does not fit in len. */
long log_kmsg_read(u64 *seq, char *buf, size_t len);
/* The sequence number the next message will get. */
u64 log_next_seq_get(void);

#endif
