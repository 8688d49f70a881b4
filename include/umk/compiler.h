/* compiler.h - attributes and builtins used throughout the kernel. */
#ifndef UMK_COMPILER_H
#define UMK_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __aligned(x)	__attribute__((aligned(x)))
#define __packed	__attribute__((packed))
#define __used		__attribute__((used))
#define __section(s)	__attribute__((section(s)))
#define __maybe_unused	__attribute__((unused))
/* glibc's <sys/cdefs.h> defines it too; either header may come first. */
#undef __always_inline
#define __always_inline	inline __attribute__((always_inline))
#define __must_check	__attribute__((warn_unused_result))

/* Marks a guest (user) pointer: only the uaccess helpers may open it. */
#define __user

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define __stringify_1(x) #x
#define __stringify(x)	__stringify_1(x)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

#endif
