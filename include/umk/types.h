/* types.h - fixed-width and kernel-wide scalar types. */
#ifndef UMK_TYPES_H
#define UMK_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <umk/compiler.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef long ssize_t;
typedef u64 phys_addr_t;	/* offset into guest RAM */
typedef unsigned int gfp_t;
typedef int pid_t;
typedef long long loff_t;
typedef s64 ktime_t;		/* nanoseconds */

#endif
