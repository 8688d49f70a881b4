/*
 * ubd_cow.c - User-Mode Linux's COW overlay format, version 3 (what
 * uml_mkcow writes and uml_moo reads): the header, where the bitmap and
 * the data lie, and the bitmap in memory. Pure functions of memory; the
 * file I/O is in ubd_open.c and ubd_io.c.
 *
 * The file: a header of 4128 bytes (big-endian numbers), padding to the
 * alignment, the bitmap (bit s set: sector s is in the overlay; bit 0 is
 * the least significant bit of byte 0), padding to the alignment, then
 * the data, sector s at data offset + 512 * s (sparse where unwritten).
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/slab.h>
#include "ubd.h"

#define BITS_PER_CHUNK	((u64)COW_CHUNK * 8)

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u64 get_be64(const u8 *p)
{
	return (u64)get_be32(p) << 32 | get_be32(p + 4);
}

static void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put_be64(u8 *p, u64 v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, (u32)v);
}

/* Byte offsets of the fields. */
enum {
	OFF_MAGIC = 0,
	OFF_VERSION = 4,
	OFF_MTIME = 8,
	OFF_SIZE = 12,
	OFF_SECTORSIZE = 20,
	OFF_ALIGNMENT = 24,
	OFF_FORMAT = 28,
	OFF_BACKING = 32,
};

static int check_header(const struct cow_header *h, const char **why)
{
	if (h->sectorsize != COW_SECTOR_SIZE)
		*why = "sector size is not 512";
	else if (h->alignment < COW_SECTOR_SIZE || h->alignment > (1U << 20) ||
		 !is_power_of_2(h->alignment))
		*why = "bad alignment";
	else if (h->cow_format != 0)
		*why = "unknown bitmap format";
	else if (!memchr(h->backing_file, '\0', COW_PATH_LEN))
		*why = "backing file name is not terminated";
	else if (!h->backing_file[0])
		*why = "no backing file name";
	else if (!h->size || h->size % COW_SECTOR_SIZE)
		*why = "backing file size is not a multiple of 512";
	else
		return 0;
	return -EINVAL;
}

int cow_header_decode(const void *buf, size_t len, struct cow_header *h,
		      const char **why)
{
	const u8 *p = buf;

	*why = NULL;
	if (len < OFF_MTIME) {
		*why = "truncated header";
		return -EINVAL;
	}
	if (get_be32(p + OFF_MAGIC) != COW_MAGIC) {
		*why = "bad magic (not a COW file)";
		return -EINVAL;
	}
	if (get_be32(p + OFF_VERSION) != COW_VERSION) {
		*why = "unsupported version (umk reads version 3)";
		return -EINVAL;
	}
	if (len < COW_HEADER_SIZE) {
		*why = "truncated header";
		return -EINVAL;
	}
	h->mtime = get_be32(p + OFF_MTIME);
	h->size = get_be64(p + OFF_SIZE);
	h->sectorsize = get_be32(p + OFF_SECTORSIZE);
	h->alignment = get_be32(p + OFF_ALIGNMENT);
	h->cow_format = get_be32(p + OFF_FORMAT);
	memcpy(h->backing_file, p + OFF_BACKING, COW_PATH_LEN);
	return check_header(h, why);
}

void cow_header_encode(const struct cow_header *h, void *buf)
{
	u8 *p = buf;

	memset(p, 0, COW_HEADER_SIZE);
	put_be32(p + OFF_MAGIC, COW_MAGIC);
	put_be32(p + OFF_VERSION, COW_VERSION);
	put_be32(p + OFF_MTIME, h->mtime);
	put_be64(p + OFF_SIZE, h->size);
	put_be32(p + OFF_SECTORSIZE, h->sectorsize);
	put_be32(p + OFF_ALIGNMENT, h->alignment);
	put_be32(p + OFF_FORMAT, h->cow_format);
	memcpy(p + OFF_BACKING, h->backing_file,
	       strnlen(h->backing_file, COW_PATH_LEN - 1));
}

void cow_layout(const struct cow_header *h, struct cow_layout *l)
{
	u64 sectors = DIV_ROUND_UP(h->size, h->sectorsize);

	l->bitmap_off = ALIGN((u64)COW_HEADER_SIZE, (u64)h->alignment);
	l->bitmap_len = DIV_ROUND_UP(sectors, 8);
	l->data_off = ALIGN(l->bitmap_off + l->bitmap_len, (u64)h->alignment);
}

void cow_bitmap_free(struct cow_bitmap *bm)
{
	for (unsigned long i = 0; bm->chunk && i < bm->nr_chunks; i++)
		free_page(bm->chunk[i]);
	kfree(bm->chunk);
	kfree(bm->dirty);
	bm->chunk = NULL;
	bm->dirty = NULL;
}

int cow_bitmap_alloc(struct cow_bitmap *bm, u64 nbits)
{
	unsigned long i;

	bm->nbits = nbits;
	bm->nr_chunks = DIV_ROUND_UP(nbits, BITS_PER_CHUNK);
	bm->chunk = kcalloc(bm->nr_chunks, sizeof(*bm->chunk), GFP_KERNEL);
	bm->dirty = kcalloc(bm->nr_chunks, sizeof(*bm->dirty), GFP_KERNEL);
	if (!bm->chunk || !bm->dirty)
		goto nomem;
	for (i = 0; i < bm->nr_chunks; i++) {
		bm->chunk[i] = get_zeroed_page(GFP_KERNEL);
		if (!bm->chunk[i])
			goto nomem;
	}
	return 0;
nomem:
	cow_bitmap_free(bm);
	return -ENOMEM;
}

size_t cow_chunk_bytes(const struct cow_bitmap *bm, unsigned long i)
{
	u64 bytes = DIV_ROUND_UP(bm->nbits, 8) - (u64)i * COW_CHUNK;

	return bytes < COW_CHUNK ? bytes : COW_CHUNK;
}

static u8 *byte_of(const struct cow_bitmap *bm, u64 bit)
{
	return &bm->chunk[bit / BITS_PER_CHUNK][(bit % BITS_PER_CHUNK) / 8];
}

bool cow_test(const struct cow_bitmap *bm, u64 bit)
{
	return (*byte_of(bm, bit) >> (bit % 8)) & 1;
}

bool cow_set_range(struct cow_bitmap *bm, u64 first, u64 n)
{
	bool any = false;

	while (n) {
		unsigned int off = first % 8;
		unsigned int cnt = n < 8 - off ? n : 8 - off;
		u8 mask = ((1U << cnt) - 1) << off;
		u8 *p = byte_of(bm, first);

		if ((*p & mask) != mask) {
			*p |= mask;
			bm->dirty[first / BITS_PER_CHUNK] = true;
			any = true;
		}
		first += cnt;
		n -= cnt;
	}
	return any;
}

u64 cow_run(const struct cow_bitmap *bm, u64 first, u64 n, bool *bit)
{
	bool v = cow_test(bm, first);
	u8 same = v ? 0xff : 0;
	u64 i = 0;

	*bit = v;
	while (i < n) {
		u64 b = first + i;

		if (b % 8 == 0 && n - i >= 8 && *byte_of(bm, b) == same) {
			i += 8;
			continue;
		}
		if (cow_test(bm, b) != v)
			break;
		i++;
	}
	return i;
}
