/*
 * cpio.c - the cpio newc format, parsed as a stream: a 110-byte ASCII
 * header (magic 070701, or 070702 whose check field is the sum of the
 * data bytes, then 13 fields of 8 hex digits), the NUL-terminated name,
 * padding to 4 bytes, the data, padding to 4 bytes. "TRAILER!!!" ends
 * an archive; NUL padding and further archives may follow it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include "cpio.h"

#define TRAILER		"TRAILER!!!"

void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->ctx = ctx;
	p->state = CPIO_START;
}

void cpio_release(struct cpio_parser *p)
{
	kfree(p->name);
	p->name = NULL;
}

static int fail(struct cpio_parser *p, const char *why)
{
	p->error = why;
	return -EINVAL;
}

static bool parse_hex8(const char *s, u32 *val)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*val = v;
	return true;
}

static bool valid_magic(const char *hdr)
{
	return !memcmp(hdr, "07070", 5) && (hdr[5] == '1' || hdr[5] == '2');
}

static int parse_header(struct cpio_parser *p)
{
	u32 f[13], mtime;

	p->crc = p->hdr[5] == '2';
	for (int i = 0; i < 13; i++)
		if (!parse_hex8(p->hdr + 6 + 8 * i, &f[i]))
			return fail(p, "bad cpio header");
	p->e.ino = f[0];
	p->e.mode = f[1];
	p->e.uid = f[2];
	p->e.gid = f[3];
	p->e.nlink = f[4];
	mtime = f[5];
	p->e.mtime = mtime;
	p->e.filesize = f[6];
	p->e.devmajor = f[7];
	p->e.devminor = f[8];
	p->e.rdevmajor = f[9];
	p->e.rdevminor = f[10];
	p->e.namesize = f[11];
	p->e.check = f[12];
	if (p->e.namesize == 0 || p->e.namesize > PATH_MAX)
		return fail(p, "bad cpio name size");
	kfree(p->name);
	p->name = kmalloc(p->e.namesize, GFP_KERNEL);
	if (!p->name)
		return -ENOMEM;
	p->have = 0;
	p->state = CPIO_NAME;
	return 0;
}

static int name_done(struct cpio_parser *p)
{
	if (p->name[p->e.namesize - 1] != '\0')
		return fail(p, "cpio name not terminated");
	p->e.name = p->name;
	p->state = CPIO_NAME_PAD;
	if (!strcmp(p->name, TRAILER)) {
		p->trailer_seen = true;
		return 0;
	}
	return p->ops->begin ? p->ops->begin(p->ctx, &p->e) : 0;
}

static int entry_done(struct cpio_parser *p)
{
	int err = 0;

	if (p->crc && p->sum != p->e.check)
		return fail(p, "cpio checksum mismatch");
	if (p->ops->end)
		err = p->ops->end(p->ctx, &p->e);
	p->state = CPIO_HEADER;
	p->have = 0;
	p->entry_offset = p->offset;
	return err;
}

/* Transitions that need no input: data done, the end of padding. */
static int advance(struct cpio_parser *p)
{
	if (p->state == CPIO_DATA && p->left == 0)
		p->state = CPIO_DATA_PAD;
	if (p->offset % 4)
		return 0;
	if (p->state == CPIO_NAME_PAD) {
		if (p->trailer_seen && !strcmp(p->e.name, TRAILER)) {
			p->state = CPIO_START;
			p->e.name = NULL;
			return 0;
		}
		p->left = p->e.filesize;
		p->sum = 0;
		p->state = p->left ? CPIO_DATA : CPIO_DATA_PAD;
	}
	if (p->state == CPIO_DATA_PAD)
		return entry_done(p);
	return 0;
}

static size_t collect(struct cpio_parser *p, char *dst, size_t want,
		      const char *buf, size_t len)
{
	size_t n = min(want - p->have, len);

	memcpy(dst + p->have, buf, n);
	p->have += n;
	return n;
}

/* Consumes some of buf in the current state; returns bytes or -errno. */
static long step(struct cpio_parser *p, const char *buf, size_t len)
{
	size_t n = 1;
	int err = 0;

	switch (p->state) {
	case CPIO_START:
		if (*buf) {
			if (p->offset % 4)
				return fail(p, "broken cpio padding");
			p->state = CPIO_HEADER;
			p->have = 0;
			p->entry_offset = p->offset;
			return 0;
		}
		break;
	case CPIO_HEADER:
		n = collect(p, p->hdr, CPIO_HDR_LEN, buf, len);
		/* Say "not cpio" as soon as the magic shows it. */
		if (p->have >= 6 && !valid_magic(p->hdr))
			return fail(p, "bad cpio magic");
		if (p->have == CPIO_HDR_LEN)
			err = parse_header(p);
		break;
	case CPIO_NAME:
		n = collect(p, p->name, p->e.namesize, buf, len);
		if (p->have == p->e.namesize)
			err = name_done(p);
		break;
	case CPIO_NAME_PAD:
	case CPIO_DATA_PAD:
		break;		/* one padding byte */
	case CPIO_DATA:
		n = min((size_t)p->left, len);
		if (p->crc)
			for (size_t i = 0; i < n; i++)
				p->sum += (unsigned char)buf[i];
		if (p->ops->data)
			err = p->ops->data(p->ctx, buf, n);
		p->left -= n;
		break;
	}
	return err ? err : (long)n;
}

int cpio_feed(struct cpio_parser *p, const void *data, size_t len)
{
	const char *buf = data;
	int err = advance(p);

	while (!err && len) {
		long n = step(p, buf, len);

		if (n < 0)
			return n;
		buf += n;
		len -= n;
		p->offset += n;
		err = advance(p);
	}
	return err;
}

int cpio_finish(struct cpio_parser *p)
{
	int err = advance(p);

	if (err)
		return err;
	/* The trailer's own padding may be cut off. */
	if (p->state == CPIO_NAME_PAD && p->trailer_seen &&
	    !strcmp(p->e.name, TRAILER))
		return 0;
	if (p->state == CPIO_START && p->trailer_seen)
		return 0;
	if ((p->state == CPIO_START || p->state == CPIO_HEADER) && !p->have)
		return fail(p, "cpio archive without TRAILER!!!");
	return fail(p, "truncated cpio archive");
}
