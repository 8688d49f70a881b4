/*
 * uaccess.h - the only way kernel code touches guest memory. Addresses
 * are translated through the current task's page tables (faulting pages
 * in as the guest would); a bad pointer gives -EFAULT, never a crash.
 */
#ifndef UMK_UACCESS_H
#define UMK_UACCESS_H

#include <umk/types.h>

struct mm_struct;

/* 0, or -EFAULT if any byte could not be copied. */
int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
int clear_user(void __user *dst, size_t n);
/* Copies a NUL-terminated string: its length (< n), -ENAMETOOLONG if
 * no NUL within n bytes, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, size_t n);
/* Length including the NUL, 0 on fault, > n if longer than n. */
size_t strnlen_user(const char __user *s, size_t n);

/* The same on another address space (exec, ptrace, /proc/pid/mem). */
int access_remote(struct mm_struct *mm, unsigned long addr, void *buf,
		  size_t n, bool write);

#define get_user(x, ptr) \
	copy_from_user(&(x), (ptr), sizeof(*(ptr)))
#define put_user(x, ptr) ({ \
	__typeof__(*(ptr)) __pu_val = (x); \
	copy_to_user((ptr), &__pu_val, sizeof(*(ptr))); \
})

#endif
