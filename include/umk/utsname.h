/* utsname.h - the system's names (uname(2), /proc/sys/kernel). */
#ifndef UMK_UTSNAME_H
#define UMK_UTSNAME_H

#include <uapi/umk/utsname.h>

/* kernel/sys.c: the one set of names (no UTS namespaces). */
struct new_utsname *init_utsname(void);

#endif
