/*
 * random.h - the kernel's random numbers: a ChaCha20 stream generator
 * keyed from the host's getrandom() at first use and rekeyed as it goes
 * (lib/random.c). Backs /dev/urandom, /dev/random and getrandom(2).
 */
#ifndef UMK_RANDOM_H
#define UMK_RANDOM_H

#include <umk/types.h>

void get_random_bytes(void *buf, size_t n);
u32 get_random_u32(void);
u64 get_random_u64(void);
/* Stirs guest-supplied bytes (writes to /dev/random) into the key. */
void mix_random_bytes(const void *buf, size_t n);

/* The ChaCha20 block function (RFC 8439), exposed for its tests. */
void chacha20_block(const u32 key[8], u32 counter, const u32 nonce[3],
		    u8 out[64]);

#endif
