/* SPDX-License-Identifier: MIT */
/* RSASSA-PKCS1-v1_5 signature verification with SHA-256 (RFC 8017 §8.2.2), freestanding. */
#ifndef SS_RSA_H
#define SS_RSA_H

#include <stddef.h>
#include <stdint.h>

/* Largest modulus accepted, in bytes (4096 bits). SLIC keys are 1024 bits. */
#define SS_RSA_MAX_BYTES 512

enum ss_rsa_result {
	SS_RSA_OK = 0,          /* signature verifies */
	SS_RSA_BAD_KEY,         /* modulus zero/even/too long/too short for the padding, or exponent < 3 or even */
	SS_RSA_BAD_LENGTH,      /* signature length differs from the modulus length (see below) */
	SS_RSA_OUT_OF_RANGE,    /* signature integer >= modulus */
	SS_RSA_BAD_PADDING,     /* decrypted block is not 00 01 FF..FF 00 DigestInfo(SHA-256) */
	SS_RSA_DIGEST_MISMATCH, /* padding fine, hash differs */
};

/* Verify sig (big-endian integer, sig_len bytes) over msg with public key
 * (n = big-endian modulus of mod_len bytes, leading zero bytes allowed; e = exponent).
 * Inputs are untrusted; every failure is reported, never a crash. Constant time is
 * not a goal: only public data is processed.
 *
 * sig_len must equal either mod_len (the field width as stored, so a fixed-size table's
 * zero-padded signature is fine) or the modulus' length without leading zero bytes (RFC 8017's
 * k; OpenSSL accepts only this one). The two differ only for a modulus given with leading
 * zeros. Pointers are read only within their lengths; a NULL pointer with a non-zero length
 * is reported (BAD_KEY for the modulus, BAD_LENGTH otherwise), never dereferenced.
 * The checks run in the order of enum ss_rsa_result: the first failure is the one returned.
 * Stack use: about 4 KiB at most (gcc -fstack-usage). No globals, no allocation. */
enum ss_rsa_result ss_rsa_verify_sha256(const uint8_t *mod_be, size_t mod_len, uint32_t e,
					const uint8_t *sig_be, size_t sig_len,
					const uint8_t *msg, size_t msg_len);

/* Short human-readable text for a result ("signature valid", ...). */
const char *ss_rsa_result_str(enum ss_rsa_result r);

#endif
