/*
 * char_dev.c - character devices by number. A driver registers the
 * operations of a range of minors of a major; opening a device node
 * looks its number up and switches the file to those operations.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/slab.h>
#include <umk/mutex.h>
#include "internal.h"

struct char_device {
	struct list_head list;
	unsigned int major, baseminor, count;
	const char *name;
	const struct file_operations *fops;
};

static LIST_HEAD(chrdevs);
static DEFINE_MUTEX(chrdevs_lock);

static struct char_device *find_chrdev(unsigned int major,
				       unsigned int minor)
{
	struct char_device *cd;

	list_for_each_entry(cd, &chrdevs, list)
		if (cd->major == major && minor >= cd->baseminor &&
		    minor - cd->baseminor < cd->count)
			return cd;
	return NULL;
}

int register_chrdev(unsigned int major, unsigned int baseminor,
		    unsigned int count, const char *name,
		    const struct file_operations *fops)
{
	struct char_device *cd, *other;
	int err = 0;

	if (!count || major >= (1U << (32 - MINORBITS)) ||
	    baseminor + count - 1 > MINORMASK || baseminor + count < count)
		return -EINVAL;
	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return -ENOMEM;
	cd->major = major;
	cd->baseminor = baseminor;
	cd->count = count;
	cd->name = name;
	cd->fops = fops;
	mutex_lock(&chrdevs_lock);
	list_for_each_entry(other, &chrdevs, list) {
		if (other->major == major &&
		    baseminor < other->baseminor + other->count &&
		    other->baseminor < baseminor + count)
			err = -EBUSY;
	}
	if (!err)
		list_add_tail(&cd->list, &chrdevs);
	mutex_unlock(&chrdevs_lock);
	if (err)
		kfree(cd);
	return err;
}

void unregister_chrdev(unsigned int major, unsigned int baseminor,
		       unsigned int count)
{
	struct char_device *cd;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(cd, &chrdevs, list) {
		if (cd->major == major && cd->baseminor == baseminor &&
		    cd->count == count) {
			list_del(&cd->list);
			kfree(cd);
			break;
		}
	}
	mutex_unlock(&chrdevs_lock);
}

int chrdev_for_each(int (*fn)(unsigned int major, unsigned int baseminor,
			      unsigned int count, const char *name,
			      void *arg), void *arg)
{
	struct char_device *cd;
	int ret = 0;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(cd, &chrdevs, list) {
		ret = fn(cd->major, cd->baseminor, cd->count, cd->name, arg);
		if (ret)
			break;
	}
	mutex_unlock(&chrdevs_lock);
	return ret;
}

static int chrdev_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = NULL;
	struct char_device *cd;

	mutex_lock(&chrdevs_lock);
	cd = find_chrdev(MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
	if (cd)
		fops = cd->fops;
	mutex_unlock(&chrdevs_lock);
	if (!fops)
		return -ENXIO;
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = no_llseek,
};
