/*
 * cpio.h - a streaming parser of cpio "newc" archives (magic 070701, and
 * 070702 with checksums), fed in chunks of any size. The caller gets
 * each entry's header and name, then its data, then its end.
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <umk/types.h>

#define CPIO_HDR_LEN	110

struct cpio_entry {
	u32 ino, mode, uid, gid, nlink;
	u64 mtime;
	u32 filesize;
	u32 devmajor, devminor, rdevmajor, rdevminor;
	u32 namesize;
	u32 check;
	const char *name;	/* NUL-terminated, valid until end() */
};

struct cpio_ops {
	int (*begin)(void *ctx, const struct cpio_entry *e);
	int (*data)(void *ctx, const void *buf, size_t len);
	int (*end)(void *ctx, const struct cpio_entry *e);
};

enum cpio_state {
	CPIO_START,	/* between archives: NUL padding or a header */
	CPIO_HEADER,
	CPIO_NAME,
	CPIO_NAME_PAD,
	CPIO_DATA,
	CPIO_DATA_PAD,
};

struct cpio_parser {
	const struct cpio_ops *ops;
	void *ctx;
	enum cpio_state state;
	u64 offset;		/* bytes consumed so far */
	u64 entry_offset;	/* where the current header began */
	char hdr[CPIO_HDR_LEN];
	size_t have;		/* bytes of hdr or name collected */
	char *name;		/* kmalloc'ed, namesize bytes */
	struct cpio_entry e;
	u32 left;		/* data bytes still to come */
	u32 sum;		/* 070702: sum of the data bytes */
	bool crc;
	bool trailer_seen;
	const char *error;	/* what went wrong, at entry_offset */
};

void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops,
	       void *ctx);
/* 0, -EINVAL (p->error says why) or the first callback error. */
int cpio_feed(struct cpio_parser *p, const void *buf, size_t len);
/* At the end of input: -EINVAL if the archive stopped short. */
int cpio_finish(struct cpio_parser *p);
void cpio_release(struct cpio_parser *p);

#endif
