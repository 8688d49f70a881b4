/*
 * iov_iter.c - copying to and from the buffers of a read or write,
 * segment by segment. Guest segments go through uaccess, so a bad
 * pointer ends the copy early (the caller reports what was done, or
 * -EFAULT if nothing was); kernel segments are plain memcpy.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/uaccess.h>
#include <umk/slab.h>

void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	i->type = ITER_IOVEC;
	i->iov = iov;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

void iov_iter_kvec(struct iov_iter *i, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	i->type = ITER_KVEC;
	i->kvec = kvec;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

void iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
}

/* Base and length of the current segment from the offset on. */
static void seg(const struct iov_iter *i, char **base, size_t *len)
{
	if (i->type == ITER_IOVEC) {
		*base = (char *)i->iov->iov_base + i->iov_offset;
		*len = i->iov->iov_len - i->iov_offset;
	} else {
		*base = (char *)i->kvec->iov_base + i->iov_offset;
		*len = i->kvec->iov_len - i->iov_offset;
	}
}

static void next_seg(struct iov_iter *i)
{
	i->iov_offset = 0;
	if (i->type == ITER_IOVEC)
		i->iov++;
	else
		i->kvec++;
	i->nr_segs--;
}

/* Moves on by bytes, and past empty segments. */
void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	i->count -= bytes;
	while (i->nr_segs) {
		char *base;
		size_t len;

		seg(i, &base, &len);
		if (bytes < len) {
			i->iov_offset += bytes;
			return;
		}
		bytes -= len;
		next_seg(i);
	}
}

/*
 * One copy step of at most bytes between addr and the iterator:
 * what was copied (0 at the end or on a fault in guest memory).
 */
static size_t copy_step(void *addr, size_t bytes, struct iov_iter *i,
			bool to_iter)
{
	char *base;
	size_t len;

	iov_iter_advance(i, 0);
	if (!i->count || !i->nr_segs)
		return 0;
	seg(i, &base, &len);
	len = min(len, bytes);
	len = min(len, i->count);
	if (i->type == ITER_KVEC) {
		if (to_iter)
			memcpy(base, addr, len);
		else
			memcpy(addr, base, len);
	} else if (to_iter ? copy_to_user((void __user *)base, addr, len) :
		   copy_from_user(addr, (const void __user *)base, len)) {
		return 0;
	}
	iov_iter_advance(i, len);
	return len;
}

static size_t copy_iter(void *addr, size_t bytes, struct iov_iter *i,
			bool to_iter)
{
	size_t done = 0;

	while (done < bytes) {
		size_t n = copy_step((char *)addr + done, bytes - done, i,
				     to_iter);

		if (!n)
			break;
		done += n;
	}
	return done;
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return copy_iter((void *)addr, bytes, i, true);
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return copy_iter(addr, bytes, i, false);
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	static const char zeroes[256];
	size_t done = 0;

	while (done < bytes) {
		size_t want = min(bytes - done, sizeof(zeroes));
		size_t n = copy_to_iter(zeroes, want, i);

		done += n;
		if (n < want)
			break;
	}
	return done;
}

int import_iovec(const struct iovec __user *uvec, unsigned long nr,
		 struct iovec *fast, unsigned long fast_n,
		 struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov = fast;
	size_t total = 0;

	*iovp = NULL;
	if (nr > UIO_MAXIOV)
		return -EINVAL;
	if (nr > fast_n) {
		iov = kcalloc(nr, sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
		*iovp = iov;
	}
	if (nr && copy_from_user(iov, uvec, nr * sizeof(*iov)))
		goto fault;
	for (unsigned long k = 0; k < nr; k++) {
		if ((ssize_t)iov[k].iov_len < 0)
			goto inval;
		/* Later segments are cut off at the limit, as Linux does. */
		if (iov[k].iov_len > MAX_RW_COUNT - total)
			iov[k].iov_len = MAX_RW_COUNT - total;
		total += iov[k].iov_len;
	}
	iov_iter_init(i, iov, nr, total);
	return 0;
inval:
	kfree(*iovp);
	*iovp = NULL;
	return -EINVAL;
fault:
	kfree(*iovp);
	*iovp = NULL;
	return -EFAULT;
}
