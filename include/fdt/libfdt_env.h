/*
 * libfdt_env.h - umk's port header for libfdt. <libfdt.h> includes
 * <libfdt_env.h>; the Makefile puts include/fdt/ ahead of the system
 * include path so that this file is found instead of the host's, which
 * pulls in <stdlib.h>. Only freestanding headers are used here, so kernel
 * code can include <libfdt.h> without crossing the host wall.
 *
 * The blob is big-endian; the types below match the host library's ABI
 * (plain fixed-width integers), since we link against Debian's libfdt.
 */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <limits.h>

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __fdt_swap16(x)	__builtin_bswap16(x)
#define __fdt_swap32(x)	__builtin_bswap32(x)
#define __fdt_swap64(x)	__builtin_bswap64(x)
#else
#define __fdt_swap16(x)	(x)
#define __fdt_swap32(x)	(x)
#define __fdt_swap64(x)	(x)
#endif

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
	return __fdt_swap16(x);
}

static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
	return __fdt_swap16(x);
}

static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
	return __fdt_swap32(x);
}

static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
	return __fdt_swap32(x);
}

static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
	return __fdt_swap64(x);
}

static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
	return __fdt_swap64(x);
}

#endif
