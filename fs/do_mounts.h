/* do_mounts.h - the root filesystem from a block device (fs/do_mounts.c). */
#ifndef FS_DO_MOUNTS_H
#define FS_DO_MOUNTS_H

#include <umk/types.h>

/* root= was given on the command line. */
bool root_device_given(void);
/* Mounts it and makes it the root and cwd; a failure stops the boot. */
int mount_root_device(void);

#endif
