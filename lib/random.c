/*
 * random.c - the kernel's random number generator: ChaCha20 (RFC 8439)
 * with "fast key erasure". Each request derives a one-time key from the
 * secret key and replaces the secret key at the same time, so output
 * already given cannot be recomputed from a later state. The key is
 * seeded from the host's getrandom() at first use and mixed with fresh
 * host entropy every minute.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/random.h>
#include <umk/spinlock.h>
#include <umk/ktime.h>
#include <os.h>

#define RESEED_INTERVAL	(60 * NSEC_PER_SEC)

static u32 crng_key[8];
static u64 crng_generation;
static ktime_t crng_seeded_at;
static bool crng_ready;
static DEFINE_SPINLOCK(crng_lock);

static u32 rotl32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QUARTERROUND(x, a, b, c, d) do { \
	x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 16); \
	x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 12); \
	x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 8); \
	x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 7); \
} while (0)

void chacha20_block(const u32 key[8], u32 counter, const u32 nonce[3],
		    u8 out[64])
{
	u32 s[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	u32 x[16];

	memcpy(&s[4], key, 32);
	s[12] = counter;
	memcpy(&s[13], nonce, 12);
	memcpy(x, s, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QUARTERROUND(x, 0, 4, 8, 12);
		QUARTERROUND(x, 1, 5, 9, 13);
		QUARTERROUND(x, 2, 6, 10, 14);
		QUARTERROUND(x, 3, 7, 11, 15);
		QUARTERROUND(x, 0, 5, 10, 15);
		QUARTERROUND(x, 1, 6, 11, 12);
		QUARTERROUND(x, 2, 7, 8, 13);
		QUARTERROUND(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++) {
		u32 v = x[i] + s[i];

		out[4 * i] = v;
		out[4 * i + 1] = v >> 8;
		out[4 * i + 2] = v >> 16;
		out[4 * i + 3] = v >> 24;
	}
	memset(x, 0, sizeof(x));
	memset(s, 0, sizeof(s));
}

/* Mixes fresh host entropy into the key (crng_lock held). */
static void crng_reseed(void)
{
	u32 fresh[8];
	int n = os_getrandom(fresh, sizeof(fresh));

	if (n != (int)sizeof(fresh)) {
		if (!crng_ready)
			panic("random: the host's getrandom() failed: %d", n);
		pr_warn("random: reseed from the host failed: %d\n", n);
		return;
	}
	for (int i = 0; i < 8; i++)
		crng_key[i] ^= fresh[i];
	memset(fresh, 0, sizeof(fresh));
	crng_seeded_at = ktime_get_ns();
	crng_ready = true;
}

/* A one-time key for this request; the secret key moves on. */
static void crng_next_key(u32 once[8])
{
	u32 nonce[3] = { 0 };
	unsigned long flags;
	u8 block[64];

	spin_lock_irqsave(&crng_lock, flags);
	if (!crng_ready || ktime_get_ns() - crng_seeded_at > RESEED_INTERVAL)
		crng_reseed();
	nonce[0] = (u32)crng_generation;
	nonce[1] = (u32)(crng_generation >> 32);
	crng_generation++;
	chacha20_block(crng_key, 0, nonce, block);
	memcpy(crng_key, block, 32);
	memcpy(once, block + 32, 32);
	spin_unlock_irqrestore(&crng_lock, flags);
	memset(block, 0, sizeof(block));
}

void mix_random_bytes(const void *buf, size_t n)
{
	static const u32 zero_nonce[3];
	const u8 *in = buf;
	unsigned long flags;
	u8 block[64];

	spin_lock_irqsave(&crng_lock, flags);
	while (n) {
		size_t k = min(n, sizeof(crng_key));

		for (size_t i = 0; i < k; i++)
			((u8 *)crng_key)[i] ^= in[i];
		/* Stir, so the key is not a plain function of the input. */
		chacha20_block(crng_key, 0, zero_nonce, block);
		memcpy(crng_key, block, sizeof(crng_key));
		in += k;
		n -= k;
	}
	spin_unlock_irqrestore(&crng_lock, flags);
	memset(block, 0, sizeof(block));
}

void get_random_bytes(void *buf, size_t n)
{
	static const u32 zero_nonce[3];
	u8 *out = buf, block[64];
	u32 once[8], counter = 0;

	crng_next_key(once);
	while (n) {
		size_t k = min(n, sizeof(block));

		chacha20_block(once, counter++, zero_nonce, block);
		memcpy(out, block, k);
		out += k;
		n -= k;
	}
	memset(block, 0, sizeof(block));
	memset(once, 0, sizeof(once));
}

u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

u64 get_random_u64(void)
{
	u64 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}
