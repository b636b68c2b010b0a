/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4), freestanding: the UEFI app has no crypto library. */
#ifndef SS_SHA256_H
#define SS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SS_SHA256_LEN 32

struct ss_sha256 {
	uint32_t h[8];
	uint64_t total;      /* bytes hashed so far */
	uint8_t block[64];
	size_t used;         /* bytes waiting in block */
};

void ss_sha256_init(struct ss_sha256 *c);
void ss_sha256_update(struct ss_sha256 *c, const void *data, size_t len);
void ss_sha256_final(struct ss_sha256 *c, uint8_t out[SS_SHA256_LEN]);
/* One-shot convenience. */
void ss_sha256(const void *data, size_t len, uint8_t out[SS_SHA256_LEN]);

#endif
