/*
 * do_mounts.c - the root filesystem from a block device: root=DEV
 * (/dev/ubda or ubda; found through the block layer by name, since
 * /dev is not populated yet), rootfstype= (default ext2), ro (the
 * default, as in Linux) and rw. prepare_namespace() calls
 * mount_root_device() after the initial tmpfs is up: the disk is
 * mounted on /root of that tmpfs and becomes init's root and cwd, with
 * a tmpfs on its /dev for the basic device nodes.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/string.h>
#include <umk/fs.h>
#include <umk/fs_struct.h>
#include <umk/mount.h>
#include <umk/namei.h>
#include <umk/reboot.h>
#include <uapi/umk/mount.h>
#include "initramfs.h"
#include "do_mounts.h"

static const char *root_dev;
static const char *root_fstype = "ext2";
static unsigned long root_flags = MS_RDONLY;

static int set_root(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	root_dev = val;
	return 0;
}
kernel_param("root", set_root);

static int set_rootfstype(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	root_fstype = val;
	return 0;
}
kernel_param("rootfstype", set_rootfstype);

static int set_ro(const char *val)
{
	if (val)
		return -EINVAL;
	root_flags |= MS_RDONLY;
	return 0;
}
kernel_param("ro", set_ro);

static int set_rw(const char *val)
{
	if (val)
		return -EINVAL;
	root_flags &= ~MS_RDONLY;
	return 0;
}
kernel_param("rw", set_rw);

bool root_device_given(void)
{
	return root_dev != NULL;
}

int mount_root_device(void)
{
	char devopts[] = "mode=0755";	/* options are parsed in place */
	struct path root;
	int err;

	err = do_mkdirat(AT_FDCWD, "/root", 0700);
	if (err && err != -EEXIST)
		return err;
	err = do_mount(root_dev, "/root", root_fstype, root_flags, NULL);
	if (err)
		boot_error("root=%s: cannot mount it as %s: %s", root_dev,
			   root_fstype, errname(err) ? errname(err) : "error");
	err = kern_path("/root", LOOKUP_FOLLOW, &root);
	if (err)
		return err;
	set_fs_root(current_fs(), &root);
	set_fs_pwd(current_fs(), &root);
	path_put(&root);
	pr_info("VFS: mounted root (%s filesystem) %s on device %s\n",
		root_fstype, (root_flags & MS_RDONLY) ? "read-only" :
		"read-write", root_dev);
	/* Device nodes in memory, not on the disk: devtmpfs, as Linux's
	 * CONFIG_DEVTMPFS_MOUNT. */
	err = do_mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, devopts);
	if (err && err != -ENOENT)
		pr_warn("VFS: cannot mount devtmpfs on /dev: %d\n", err);
	return 0;
}
