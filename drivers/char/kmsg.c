/*
 * kmsg.c - /dev/kmsg (char 1,11): the kernel log one record per read in
 * Linux's "prio,seq,usec,-;text" format (klogd, busybox dmesg -r style
 * readers, systemd), and writes that inject a message ("<N>text" picks
 * the level). The file position is the next record's sequence number,
 * so SEEK_SET 0 rewinds to the oldest record and SEEK_END skips to new
 * ones. A blocking read with nothing new sleeps in 10 ms steps until a
 * record arrives or a signal does (printk cannot wake sleepers: it may
 * run with any lock held).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <uapi/umk/fcntl.h>
#include <umk/printk.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include <umk/timer.h>
#include <umk/wait.h>

#define MEM_MAJOR	1
#define KMSG_MINOR	11
#define KMSG_LINE	(1024 + 64)
#define KMSG_POLL	(HZ / 100 ? HZ / 100 : 1)

static ssize_t kmsg_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char buf[KMSG_LINE];
	u64 seq = *pos;
	long n;

	for (;;) {
		n = log_kmsg_read(&seq, buf, min(sizeof(buf),
						 iov_iter_count(to)));
		if (n)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(KMSG_POLL);
	}
	if (n < 0)
		return n;
	if (copy_to_iter(buf, n, to) != (size_t)n)
		return -EFAULT;
	*pos = seq;
	return n;
}

/* "<N>" at the start sets the level (N's low 3 bits, as in Linux). */
static ssize_t kmsg_write(struct file *file, struct iov_iter *from,
			  loff_t *pos)
{
	size_t len = iov_iter_count(from);
	char buf[1024], fmt[] = KERN_SOH "4%.*s\n";
	const char *text = buf;
	size_t n = min(len, sizeof(buf));

	if (copy_from_iter(buf, n, from) != n)
		return -EFAULT;
	iov_iter_advance(from, len - n);
	if (n >= 3 && buf[0] == '<') {
		unsigned int prio = 0;
		size_t i = 1;

		while (i < n && buf[i] >= '0' && buf[i] <= '9')
			prio = prio * 10 + (buf[i++] - '0');
		if (i > 1 && i < n && buf[i] == '>') {
			fmt[1] = '0' + (prio & 7);
			text = buf + i + 1;
		}
	}
	n -= text - buf;
	if (n && text[n - 1] == '\n')
		n--;
	printk(fmt, (int)n, text);
	return len;
}

static loff_t kmsg_llseek(struct file *file, loff_t offset, int whence)
{
	if (offset)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		file->f_pos = 0;
		return 0;
	case SEEK_END:
		file->f_pos = log_next_seq_get();
		return 0;
	}
	return -EINVAL;
}

static const struct file_operations kmsg_fops = {
	.llseek = kmsg_llseek,
	.read_iter = kmsg_read,
	.write_iter = kmsg_write,
};

static int kmsg_init(void)
{
	return register_chrdev(MEM_MAJOR, KMSG_MINOR, 1, "kmsg", &kmsg_fops);
}
device_initcall(kmsg_init);
