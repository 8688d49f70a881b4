/*
 * pbuf.c - the text buffer procfs files are printed into, and the
 * formatters of the system-wide files that take plain numbers (shared
 * with the KUnit tests).
 */
#include <umk/kernel.h>
#include <umk/string.h>
#include <umk/proc_fs.h>

void pbuf_write(struct pbuf *m, const void *data, size_t len)
{
	if (m->overflow || len > m->size - m->len) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->len, data, len);
	m->len += len;
}

void pbuf_putc(struct pbuf *m, char c)
{
	pbuf_write(m, &c, 1);
}

void pbuf_printf(struct pbuf *m, const char *fmt, ...)
{
	size_t room = m->size - m->len;
	va_list ap;
	int n;

	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->len, room, fmt, ap);
	va_end(ap);
	/* vsnprintf needs room for its NUL too. */
	if (n < 0 || (size_t)n >= room) {
		m->overflow = true;
		return;
	}
	m->len += n;
}

void pbuf_put_centisecs(struct pbuf *m, u64 ns)
{
	u64 cs = ns / 10000000;

	pbuf_printf(m, "%llu.%02llu", (unsigned long long)(cs / 100),
		    (unsigned long long)(cs % 100));
}

void proc_format_meminfo(struct pbuf *m, const struct proc_meminfo *mi)
{
	/* The fields busybox free/top read, then the usual zeroes. */
	static const char *const zero[] = {
		"Buffers", "SwapCached", "Active", "Inactive", "SwapTotal",
		"SwapFree", "Dirty", "Writeback", "AnonPages", "Mapped",
	};
	unsigned int i;

	pbuf_printf(m, "MemTotal:       %8lu kB\n", mi->total);
	pbuf_printf(m, "MemFree:        %8lu kB\n", mi->free);
	pbuf_printf(m, "MemAvailable:   %8lu kB\n", mi->available);
	pbuf_printf(m, "%-16s%8lu kB\n", "Buffers:", 0UL);
	pbuf_printf(m, "Cached:         %8lu kB\n", mi->cached);
	for (i = 1; i < ARRAY_SIZE(zero); i++) {
		char name[24];

		snprintf(name, sizeof(name), "%s:", zero[i]);
		pbuf_printf(m, "%-16s%8lu kB\n", name, 0UL);
	}
	pbuf_printf(m, "Shmem:          %8lu kB\n", mi->shmem);
}

void proc_format_uptime(struct pbuf *m, u64 up_ns, u64 idle_ns)
{
	pbuf_put_centisecs(m, up_ns);
	pbuf_putc(m, ' ');
	pbuf_put_centisecs(m, idle_ns);
	pbuf_putc(m, '\n');
}

#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)

void proc_format_loadavg(struct pbuf *m, const unsigned long load[3],
			 unsigned int running, unsigned int threads,
			 int last_pid)
{
	int i;

	for (i = 0; i < 3; i++) {
		/* Rounded to hundredths, as Linux's LOAD_INT/LOAD_FRAC. */
		unsigned long l = load[i] + FIXED_1 / 200;

		pbuf_printf(m, "%lu.%02lu ", l >> FSHIFT,
			    ((l & (FIXED_1 - 1)) * 100) >> FSHIFT);
	}
	pbuf_printf(m, "%u/%u %d\n", running, threads, last_pid);
}
