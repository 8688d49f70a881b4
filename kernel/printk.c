/*
 * printk.c - the kernel log. Messages get a level and a timestamp, are
 * kept in a ring buffer of records (read by log_buf_read(), later dmesg)
 * and go to the consoles when their level is below console_loglevel.
 * Until the first console registers, an early console writes to stdout.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/init.h>
#include <umk/errno.h>
#include <umk/ktime.h>
#include <umk/spinlock.h>
#include <os.h>

#define LOG_BUF_LEN	(1U << CONFIG_LOG_BUF_SHIFT)
#define LINE_MAX_LEN	1024
#define REC_WRAP	0xffff

struct log_rec {
	u64 seq;
	s64 ts_ns;
	u16 len;	/* text bytes, or REC_WRAP: continue at offset 0 */
	u8 level;
	u8 pad[5];
};

static char log_buf[LOG_BUF_LEN] __aligned(8);
static u32 log_head, log_tail;	/* byte offsets: oldest, next free */
static u64 log_first_seq, log_next_seq;
static DEFINE_SPINLOCK(log_lock);

int console_loglevel = CONFIG_DEFAULT_LOGLEVEL;
static struct console *consoles;
static bool early_console = true;

/* The line being assembled across KERN_CONT pieces. */
static char cont_buf[LINE_MAX_LEN];
static size_t cont_len;
static int cont_level;
static s64 cont_ts;

static u32 rec_size(u16 len)
{
	return ALIGN(sizeof(struct log_rec) + len, 8);
}

static struct log_rec *rec_at(u32 off)
{
	return (struct log_rec *)(log_buf + off);
}

/* Offset of the record after the one at off (wrapping at the end). */
static u32 rec_next(u32 off)
{
	off += rec_size(rec_at(off)->len);
	return off + sizeof(struct log_rec) > LOG_BUF_LEN ? 0 : off;
}

/* Skips a wrap marker at off. */
static u32 rec_skip_wrap(u32 off)
{
	return rec_at(off)->len == REC_WRAP ? 0 : off;
}

static bool log_empty(void)
{
	return log_first_seq == log_next_seq;
}

static void drop_oldest(void)
{
	log_head = rec_next(rec_skip_wrap(log_head));
	log_first_seq++;
}

/* Moves log_tail / drops old records until size bytes fit at log_tail. */
static void make_room(u32 size)
{
	for (;;) {
		if (log_empty()) {
			log_head = log_tail = 0;
			return;
		}
		if (log_tail > log_head) {
			if (log_tail + size <= LOG_BUF_LEN)
				return;
			rec_at(log_tail)->len = REC_WRAP;
			log_tail = 0;
			continue;
		}
		if (log_tail != log_head && log_tail + size <= log_head)
			return;
		drop_oldest();
	}
}

static void log_store(int level, s64 ts, const char *text, size_t len)
{
	u32 size = rec_size(len);
	struct log_rec *r;

	make_room(size);
	r = rec_at(log_tail);
	r->seq = log_next_seq++;
	r->ts_ns = ts;
	r->len = len;
	r->level = level;
	memcpy(r + 1, text, len);
	log_tail = rec_next(log_tail);
}

static void console_emit(const char *s, size_t len)
{
	struct console *c;

	if (early_console) {
		os_write_all(1, s, len);
		return;
	}
	for (c = consoles; c; c = c->next)
		c->write(c, s, len);
}

static size_t format_ts(char *buf, size_t size, s64 ts)
{
	return scnprintf(buf, size, "[%5lu.%06lu] ",
			 (unsigned long)(ts / NSEC_PER_SEC),
			 (unsigned long)(ts % NSEC_PER_SEC / NSEC_PER_USEC));
}

/* Ends the line being assembled: store it in the ring buffer. */
static void cont_flush(void)
{
	if (!cont_len)
		return;
	log_store(cont_level, cont_ts, cont_buf, cont_len);
	cont_len = 0;
}

static int parse_level(const char **fmt, bool *cont)
{
	int level = LOGLEVEL_DEFAULT;

	*cont = false;
	while ((*fmt)[0] == KERN_SOH[0] && (*fmt)[1]) {
		char c = (*fmt)[1];

		if (c >= '0' && c <= '7')
			level = c - '0';
		else if (c == 'c')
			*cont = true;
		*fmt += 2;
	}
	return level;
}

/* Appends text (no newlines inside) to the line, echoing to consoles. */
static void emit_piece(const char *text, size_t len, bool line_start,
		       int level)
{
	char ts[32];

	if (line_start) {
		cont_level = level;
		cont_ts = ktime_get_ns();
		if (level < console_loglevel)
			console_emit(ts, format_ts(ts, sizeof(ts), cont_ts));
	}
	len = min(len, sizeof(cont_buf) - cont_len);
	memcpy(cont_buf + cont_len, text, len);
	cont_len += len;
	if (cont_level < console_loglevel)
		console_emit(text, len);
}

int vprintk(const char *fmt, va_list ap)
{
	static char text[LINE_MAX_LEN];
	static bool line_open;
	unsigned long flags;
	bool cont;
	int level, n;
	char *p, *end;

	spin_lock_irqsave(&log_lock, flags);
	level = parse_level(&fmt, &cont);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	end = text + min((size_t)n, sizeof(text) - 1);
	if (line_open && !cont) {
		if (cont_level < console_loglevel)
			console_emit("\n", 1);
		cont_flush();
		line_open = false;
	}
	for (p = text; p < end;) {
		char *nl = memchr(p, '\n', end - p);
		char *stop = nl ? nl : end;

		emit_piece(p, stop - p, !line_open, line_open ? cont_level : level);
		line_open = true;
		if (nl) {
			if (cont_level < console_loglevel)
				console_emit("\n", 1);
			cont_flush();
			line_open = false;
		}
		p = stop + (nl ? 1 : 0);
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void console_write_raw(const char *s, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&log_lock, flags);
	console_emit(s, len);
	spin_unlock_irqrestore(&log_lock, flags);
}

/* Formats one record as "<level>[ts] text\n" (syslog's format). */
static size_t format_rec(const struct log_rec *r, char *buf, size_t len)
{
	char line[LINE_MAX_LEN + 48];
	size_t n = scnprintf(line, sizeof(line), "<%u>", r->level);

	n += format_ts(line + n, sizeof(line) - n, r->ts_ns);
	n += scnprintf(line + n, sizeof(line) - n, "%.*s\n", (int)r->len,
		       (const char *)(r + 1));
	if (n > len)
		return 0;
	memcpy(buf, line, n);
	return n;
}

size_t log_buf_read(u64 *seq, char *buf, size_t len)
{
	unsigned long flags;
	size_t done = 0;
	u64 i;
	u32 off;

	spin_lock_irqsave(&log_lock, flags);
	if (*seq < log_first_seq)
		*seq = log_first_seq;
	off = log_head;
	for (i = log_first_seq; i < log_next_seq; i++) {
		struct log_rec *r;
		size_t n;

		off = rec_skip_wrap(off);
		r = rec_at(off);
		off = rec_next(off);
		if (r->seq < *seq)
			continue;
		n = format_rec(r, buf + done, len - done);
		if (!n)
			break;
		done += n;
		*seq = r->seq + 1;
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return done;
}

/* Formats one record as /dev/kmsg does: "prio,seq,usec,-;text\n". */
static size_t format_kmsg(const struct log_rec *r, char *buf, size_t len)
{
	char line[LINE_MAX_LEN + 64];
	size_t n;

	n = scnprintf(line, sizeof(line), "%u,%llu,%llu,-;%.*s\n", r->level,
		      (unsigned long long)r->seq,
		      (unsigned long long)(r->ts_ns / 1000), (int)r->len,
		      (const char *)(r + 1));
	if (n > len)
		return 0;
	memcpy(buf, line, n);
	return n;
}

long log_kmsg_read(u64 *seq, char *buf, size_t len)
{
	unsigned long flags;
	long ret = 0;
	u32 off;
	u64 i;

	spin_lock_irqsave(&log_lock, flags);
	if (*seq < log_first_seq)
		*seq = log_first_seq;
	off = log_head;
	for (i = log_first_seq; i < log_next_seq; i++) {
		struct log_rec *r;

		off = rec_skip_wrap(off);
		r = rec_at(off);
		off = rec_next(off);
		if (r->seq < *seq)
			continue;
		ret = format_kmsg(r, buf, len);
		if (!ret)
			ret = -EINVAL;
		else
			*seq = r->seq + 1;
		break;
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return ret;
}

u64 log_next_seq_get(void)
{
	unsigned long flags;
	u64 seq;

	spin_lock_irqsave(&log_lock, flags);
	seq = log_next_seq;
	spin_unlock_irqrestore(&log_lock, flags);
	return seq;
}

/* Replays the stored log through con (levels filtered as usual). */
static void replay_log(struct console *con)
{
	char buf[LINE_MAX_LEN + 64];
	u64 seq = 0;
	size_t n;

	while ((n = log_buf_read(&seq, buf, sizeof(buf))) > 0) {
		const char *line = strchr(buf, '>') + 1;

		if (buf[1] - '0' < console_loglevel)
			con->write(con, line, n - (line - buf));
	}
}

void register_console(struct console *con)
{
	unsigned long flags;
	bool was_early = early_console;

	if (!was_early)
		replay_log(con);
	spin_lock_irqsave(&log_lock, flags);
	con->next = consoles;
	consoles = con;
	early_console = false;
	spin_unlock_irqrestore(&log_lock, flags);
}

void unregister_console(struct console *con)
{
	unsigned long flags;
	struct console **pp;

	spin_lock_irqsave(&log_lock, flags);
	for (pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			break;
		}
	}
	spin_unlock_irqrestore(&log_lock, flags);
}

static int set_loglevel(const char *val)
{
	int level;

	if (!val || kstrtoint(val, 10, &level) || level < 0 || level > 15)
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", set_loglevel);

static int set_quiet(const char *val)
{
	if (val)
		return -EINVAL;
	console_loglevel = 4;
	return 0;
}
early_param("quiet", set_quiet);
