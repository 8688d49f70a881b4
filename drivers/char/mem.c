/*
 * mem.c - the memory character devices of major 1: /dev/null (3),
 * /dev/zero (5), /dev/full (7), /dev/random (8) and /dev/urandom (9).
 * Both random devices read from the kernel's ChaCha20 generator, which
 * the host seeds, so neither ever blocks; writes are mixed into it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/fs.h>
#include <umk/uio.h>
#include <umk/random.h>
#include <umk/signal.h>
#include <umk/mman.h>

#define MEM_MAJOR	1

/* The devices have no position: every seek lands at 0. */
static loff_t mem_lseek_zero(struct file *file, loff_t offset, int whence)
{
	file->f_pos = 0;
	return 0;
}

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from,
			  loff_t *pos)
{
	size_t n = iov_iter_count(from);

	iov_iter_advance(from, n);
	return n;
}

static ssize_t read_zero(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t want = iov_iter_count(to);
	size_t got = iov_iter_zero(want, to);

	return got || !want ? (ssize_t)got : -EFAULT;
}

static ssize_t write_full(struct file *file, struct iov_iter *from,
			  loff_t *pos)
{
	return -ENOSPC;
}

/* A private mapping is anonymous memory; a shared one shared memory. */
static int mmap_zero(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	vma_set_anonymous(vma);
	return 0;
}

static ssize_t read_random(struct file *file, struct iov_iter *to,
			   loff_t *pos)
{
	u8 buf[256];
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		size_t want = min(sizeof(buf), iov_iter_count(to));
		size_t got;

		/* Long reads stay interruptible, as Linux's are. */
		if (done && signal_pending(current))
			break;
		get_random_bytes(buf, want);
		got = copy_to_iter(buf, want, to);
		done += got;
		if (got < want) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	memset(buf, 0, sizeof(buf));
	return done;
}

static ssize_t write_random(struct file *file, struct iov_iter *from,
			    loff_t *pos)
{
	u8 buf[256];
	ssize_t done = 0;

	while (iov_iter_count(from)) {
		size_t want = min(sizeof(buf), iov_iter_count(from));
		size_t got = copy_from_iter(buf, want, from);

		mix_random_bytes(buf, got);
		done += got;
		if (got < want) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	return done;
}

static const struct file_operations null_fops = {
	.llseek = mem_lseek_zero,
	.read_iter = read_null,
	.write_iter = write_null,
};

static const struct file_operations zero_fops = {
	.llseek = mem_lseek_zero,
	.read_iter = read_zero,
	.write_iter = write_null,
	.mmap = mmap_zero,
};

static const struct file_operations full_fops = {
	.llseek = mem_lseek_zero,
	.read_iter = read_zero,
	.write_iter = write_full,
};

static const struct file_operations random_fops = {
	.llseek = mem_lseek_zero,
	.read_iter = read_random,
	.write_iter = write_random,
};

static const struct {
	unsigned int minor;
	const char *name;
	const struct file_operations *fops;
} mem_devices[] = {
	{ 3, "null", &null_fops },
	{ 5, "zero", &zero_fops },
	{ 7, "full", &full_fops },
	{ 8, "random", &random_fops },
	{ 9, "urandom", &random_fops },
};

static int mem_devices_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(mem_devices); i++) {
		int err = register_chrdev(MEM_MAJOR, mem_devices[i].minor, 1,
					  mem_devices[i].name,
					  mem_devices[i].fops);

		if (err)
			return err;
	}
	return 0;
}
device_initcall(mem_devices_init);
