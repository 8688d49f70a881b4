/*
 * vfs_init.c - bringing the VFS up at boot: the object caches of inodes,
 * dentries, mounts and files, before any filesystem registers.
 */
#include <umk/kernel.h>
#include <umk/init.h>
#include "internal.h"

static int vfs_init(void)
{
	inode_cache_init();
	dcache_init();
	mnt_init();
	files_init();
	return 0;
}
core_initcall(vfs_init);
