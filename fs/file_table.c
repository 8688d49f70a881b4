/*
 * file_table.c - struct file: an open file description. Shared between
 * descriptors by dup() and fork(), so it is reference counted; the last
 * fput() releases it (the driver's release, writer count, path).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/slab.h>
#include "internal.h"

static struct kmem_cache *filp_cache;
static unsigned long nr_files;

static fmode_t open_fmode(unsigned int flags)
{
	fmode_t mode = 0;

	if (flags & O_PATH)
		return FMODE_PATH;
	if ((flags & O_ACCMODE) == O_RDONLY || (flags & O_ACCMODE) == O_RDWR)
		mode |= FMODE_READ;
	if ((flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR)
		mode |= FMODE_WRITE;
	return mode | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
}

struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kmem_cache_zalloc(filp_cache, GFP_KERNEL);
	struct inode *inode = path->dentry->d_inode;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_count = 1;
	f->f_flags = flags;
	f->f_mode = open_fmode(flags);
	mutex_init(&f->f_pos_lock);
	f->f_path = *path;
	path_get(path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_op = fop;
	/* Readers of one description must see each other's position. */
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->f_mode |= FMODE_ATOMIC_POS;
	nr_files++;
	return f;
}

struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

static void __fput(struct file *f)
{
	struct inode *inode = f->f_inode;

	if ((f->f_mode & FMODE_OPENED) && f->f_op && f->f_op->release)
		f->f_op->release(inode, f);
	if (f->f_mode & FMODE_WRITER)
		inode->i_writecount--;
	path_put(&f->f_path);
	kmem_cache_free(filp_cache, f);
	nr_files--;
}

void fput(struct file *f)
{
	if (!f || WARN_ON(f->f_count <= 0))
		return;
	if (--f->f_count == 0)
		__fput(f);
}

void files_init(void)
{
	filp_cache = kmem_cache_create("filp", sizeof(struct file), 0, 0,
				       NULL);
	if (!filp_cache)
		panic("VFS: cannot create the file cache");
}
