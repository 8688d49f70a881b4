/*
 * uio.h - iterators over the buffers of a read or write: guest memory
 * (an iovec array) or kernel memory (a kvec array). Filesystems and
 * drivers copy through them and never see which kind it is.
 */
#ifndef UMK_UIO_H
#define UMK_UIO_H

#include <umk/types.h>
#include <uapi/umk/uio.h>

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type { ITER_IOVEC, ITER_KVEC };

struct iov_iter {
	enum iter_type type;
	union {
		const struct iovec *iov;	/* guest buffers */
		const struct kvec *kvec;	/* kernel buffers */
	};
	unsigned long nr_segs;
	size_t iov_offset;		/* into the current segment */
	size_t count;			/* bytes left */
};

void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}
/* Cuts the iterator to at most count bytes. */
void iov_iter_truncate(struct iov_iter *i, size_t count);
/* Copies; returns bytes done, short only on a fault in guest memory. */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
void iov_iter_advance(struct iov_iter *i, size_t bytes);

/*
 * Copies a guest iovec array (at most UIO_MAXIOV) into *iovp (fast, of
 * fast_n entries, or a kmalloc'ed array: *iovp is then set and must be
 * kfree'd) and sets up i. Total length is capped at MAX_RW_COUNT.
 * 0 or -EINVAL (too many, negative length), -EFAULT, -ENOMEM.
 */
int import_iovec(const struct iovec __user *uvec, unsigned long nr,
		 struct iovec *fast, unsigned long fast_n,
		 struct iovec **iovp, struct iov_iter *i);

#endif
