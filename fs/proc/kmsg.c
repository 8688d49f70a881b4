/*
 * kmsg.c - syslog(2), what busybox dmesg and klogctl use: the kernel log
 * (kernel/printk.c's ring, read with log_buf_read) as "<level>[time]
 * text" lines, its size, clearing it, and the console log level.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include <umk/cred.h>
#include <umk/printk.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <umk/proc_fs.h>

#define LOG_SIZE	(1 << CONFIG_LOG_BUF_SHIFT)
#define READ_CHUNK	2048
#define MIN_LOGLEVEL	1

static u64 clear_seq;		/* READ_ALL starts here (CLEAR moves it) */
static int saved_loglevel;	/* before CONSOLE_OFF; 0: not off */

/*
 * The newest whole lines after clear_seq that fit in len bytes, copied
 * to ubuf. Returns the bytes copied; *end is the seq after the last.
 */
static long read_all(char __user *ubuf, size_t len, u64 *end)
{
	char *buf = kmalloc(len + READ_CHUNK, GFP_KERNEL);
	size_t have = 0, n;
	u64 seq = clear_seq;
	long ret;

	if (!buf)
		return -ENOMEM;
	while ((n = log_buf_read(&seq, buf + have, READ_CHUNK)) > 0) {
		have += n;
		/* Too much: drop the oldest lines. */
		while (have > len) {
			char *nl = memchr(buf, '\n', have);
			size_t cut = nl ? (size_t)(nl - buf) + 1 : have;

			memmove(buf, buf + cut, have - cut);
			have -= cut;
		}
	}
	*end = seq;
	ret = copy_to_user(ubuf, buf, have) ? -EFAULT : (long)have;
	kfree(buf);
	return ret;
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	u64 end;
	long ret;

	/* As with dmesg_restrict=0: anyone may read the whole log. */
	if (type != SYSLOG_ACTION_READ_ALL &&
	    type != SYSLOG_ACTION_SIZE_BUFFER && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		ret = read_all(buf, min(len, 4 * LOG_SIZE), &end);
		if (ret >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
			clear_seq = end;
		return ret;
	case SYSLOG_ACTION_CLEAR: {
		char tmp[READ_CHUNK];

		while (log_buf_read(&clear_seq, tmp, sizeof(tmp)) > 0)
			;
		return 0;
	}
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (!saved_loglevel)
			saved_loglevel = console_loglevel;
		console_loglevel = MIN_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_loglevel) {
			console_loglevel = saved_loglevel;
			saved_loglevel = 0;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = max(len, MIN_LOGLEVEL);
		saved_loglevel = 0;
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_SIZE;
	}
	/* SYSLOG_ACTION_READ (blocking) and SIZE_UNREAD: not yet. */
	return -EINVAL;
}
