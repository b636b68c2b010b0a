/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4 §6.2), the hash under every SLIC marker signature, in freestanding C99.
 *
 * Written for clarity, not speed: a SLIC marker is 46 bytes. Words are assembled from bytes
 * (big-endian, as the standard specifies), so the code neither depends on host byte order
 * nor reads through a pointer cast to a wider type. The context may live anywhere; no state
 * outside it is touched. */
#include "sha256.h"

/* FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes. */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
	       (uint32_t)p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* One application of the compression function (§6.2.2) to a 64-byte block. */
static void sha256_block(uint32_t h[8], const uint8_t *blk)
{
	uint32_t w[64];
	uint32_t a, b, c, d, e, f, g, hh;

	for (unsigned t = 0; t < 16; t++)
		w[t] = load_be32(blk + 4 * t);
	for (unsigned t = 16; t < 64; t++) {
		uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}

	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (unsigned t = 0; t < 64; t++) {
		uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = hh + S1 + ch + sha256_k[t] + w[t];
		uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + maj;
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

void ss_sha256_init(struct ss_sha256 *c)
{
	/* §5.3.3: first 32 bits of the fractional parts of the square roots of the first
	 * 8 primes. */
	c->h[0] = 0x6a09e667;
	c->h[1] = 0xbb67ae85;
	c->h[2] = 0x3c6ef372;
	c->h[3] = 0xa54ff53a;
	c->h[4] = 0x510e527f;
	c->h[5] = 0x9b05688c;
	c->h[6] = 0x1f83d9ab;
	c->h[7] = 0x5be0cd19;
	c->total = 0;
	c->used = 0;
}

/* Any split of the input over calls gives the same digest; data may be NULL when len is 0. */
void ss_sha256_update(struct ss_sha256 *c, const void *data, size_t len)
{
	const uint8_t *p = data;

	c->total += len;
	/* Top up a partial block first, then hash whole blocks straight from the input. */
	while (len > 0 && c->used > 0) {
		c->block[c->used++] = *p++;
		len--;
		if (c->used == sizeof c->block) {
			sha256_block(c->h, c->block);
			c->used = 0;
		}
	}
	while (len >= sizeof c->block) {
		sha256_block(c->h, p);
		p += sizeof c->block;
		len -= sizeof c->block;
	}
	while (len > 0) {
		c->block[c->used++] = *p++;
		len--;
	}
}

/* §5.1.1 padding: 0x80, zeros, then the message length in bits as a big-endian u64, so that
 * the padded message is a whole number of blocks. The context must be re-initialised
 * before reuse. */
void ss_sha256_final(struct ss_sha256 *c, uint8_t out[SS_SHA256_LEN])
{
	uint64_t bits = c->total * 8; /* FIPS limits messages to < 2^64 bits */

	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		while (c->used < 64)
			c->block[c->used++] = 0;
		sha256_block(c->h, c->block);
		c->used = 0;
	}
	while (c->used < 56)
		c->block[c->used++] = 0;
	store_be32(c->block + 56, (uint32_t)(bits >> 32));
	store_be32(c->block + 60, (uint32_t)bits);
	sha256_block(c->h, c->block);
	c->used = 0;

	for (unsigned i = 0; i < 8; i++)
		store_be32(out + 4 * i, c->h[i]);
}

void ss_sha256(const void *data, size_t len, uint8_t out[SS_SHA256_LEN])
{
	struct ss_sha256 c;

	ss_sha256_init(&c);
	ss_sha256_update(&c, data, len);
	ss_sha256_final(&c, out);
}
