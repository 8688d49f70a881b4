/* errno.h - kernel view of error numbers, plus ERR_PTR helpers. */
#ifndef UMK_ERRNO_H
#define UMK_ERRNO_H

#include <uapi/umk/errno.h>
#include <umk/types.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE(ptr);
}

/* lib/errname.c: "ENOMEM" for -ENOMEM or ENOMEM, NULL if unknown. */
const char *errname(int err);

#endif
