/* kernel.h - small helpers every kernel file wants, plus panic/BUG/WARN. */
#ifndef UMK_KERNEL_H
#define UMK_KERNEL_H

#include <stdarg.h>
#include <umk/types.h>
#include <umk/printk.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			   _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			   _a > _b ? _a : _b; })
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))

#define IS_ENABLED(opt)	__is_enabled(opt)
#define __is_enabled(x)	___is_enabled(__ARG_PLACEHOLDER_##x)
#define __ARG_PLACEHOLDER_1 0,
#define ___is_enabled(arg) ____is_enabled(arg 1, 0)
#define ____is_enabled(junk, val, ...) val

/* Stop the kernel: print why and a backtrace, then exit (status 3). */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)
#define WARN_ON(cond) ({ bool __w = !!(cond); \
	if (unlikely(__w)) \
		pr_warn("WARNING at %s:%d %s: %s\n", __FILE__, __LINE__, \
			__func__, #cond); \
	__w; })
#define WARN_ON_ONCE(cond) ({ static bool __warned; bool __w = !!(cond); \
	if (unlikely(__w) && !__warned) { __warned = true; \
		pr_warn("WARNING at %s:%d %s: %s\n", __FILE__, __LINE__, \
			__func__, #cond); } \
	__w; })

/* lib/vsprintf.c: the kernel's own printf family (%p, %pK... not needed). */
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt,
			     va_list ap);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

/* lib/kstrtox.c: strict number parsing; 0 or -EINVAL / -ERANGE. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtobool(const char *s, bool *res);
/* "64M", "1G", "4096", "2k": 0 or -EINVAL / -ERANGE. */
int parse_size(const char *s, u64 *res);

#endif
