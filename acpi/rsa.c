/* SPDX-License-Identifier: MIT */
/* RSASSA-PKCS1-v1_5 verification with SHA-256 (RFC 8017 §8.2.2), and the little
 * multi-precision arithmetic it needs, for checking SLIC/MSDM signatures without a libc.
 *
 * Only public data passes through here (key, signature, message), so nothing tries to be
 * constant time; the aim is code that can be checked by reading. Numbers are arrays of
 * 32-bit limbs, least significant first, all of the modulus' limb count k; products are
 * formed in 64 bits, and nothing divides, so no libgcc helper is needed even on ia32.
 * Modular multiplication is Montgomery's (CIOS form), which reduces without a division.
 *
 * Stack use is bounded by SS_RSA_MAX_BYTES: no buffer exceeds 520 bytes; the deepest call
 * chain takes about 4 KiB (gcc -fstack-usage, -O0; 3.2 KiB at -O2). */
#include "rsa.h"
#include "bytes.h"
#include "sha256.h"

#define LIMBS (SS_RSA_MAX_BYTES / 4)

/* DER of DigestInfo{ AlgorithmIdentifier{ id-sha256, NULL }, OCTET STRING(32) } without the
 * digest itself: RFC 8017 §9.2, note 1. */
static const uint8_t sha256_digestinfo[19] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
	0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

/* T = DigestInfo || hash; the block is 00 01 PS 00 T with at least 8 bytes of PS. */
#define T_LEN (sizeof sha256_digestinfo + SS_SHA256_LEN) /* 51 */
#define MIN_MOD_BYTES (3 + 8 + T_LEN)                       /* 62 */

/* ---- multi-precision integers ----------------------------------------------------------- */

/* x = the big-endian integer be[0..len); requires len <= 4k. */
static void bn_from_be(uint32_t *x, size_t k, const uint8_t *be, size_t len)
{
	for (size_t i = 0; i < k; i++)
		x[i] = 0;
	for (size_t i = 0; i < len; i++) {
		size_t j = len - 1 - i; /* byte weight: 256^j */
		x[j / 4] |= (uint32_t)be[i] << (8 * (j % 4));
	}
}

/* be[0..len) = the low len bytes of x, big-endian; requires len <= 4k. */
static void bn_to_be(uint8_t *be, size_t len, const uint32_t *x)
{
	for (size_t i = 0; i < len; i++) {
		size_t j = len - 1 - i;
		be[i] = (uint8_t)(x[j / 4] >> (8 * (j % 4)));
	}
}

static int bn_cmp(const uint32_t *a, const uint32_t *b, size_t k)
{
	for (size_t i = k; i-- > 0;)
		if (a[i] != b[i])
			return a[i] > b[i] ? 1 : -1;
	return 0;
}

/* r = a - b modulo 2^(32k); returns the borrow out. r may be a. */
static uint32_t bn_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t k)
{
	uint32_t borrow = 0;

	for (size_t i = 0; i < k; i++) {
		uint64_t d = (uint64_t)a[i] - b[i] - borrow;
		r[i] = (uint32_t)d;
		borrow = (uint32_t)(d >> 32) & 1;
	}
	return borrow;
}

/* x = 2x mod n, for x < n. 2x < 2n, so one subtraction suffices; when the doubling carries
 * out of the top limb, the subtraction's borrow cancels that carry. */
static void bn_double_mod(uint32_t *x, const uint32_t *n, size_t k)
{
	uint32_t carry = 0;

	for (size_t i = 0; i < k; i++) {
		uint32_t top = x[i] >> 31;
		x[i] = (x[i] << 1) | carry;
		carry = top;
	}
	if (carry || bn_cmp(x, n, k) >= 0)
		bn_sub(x, x, n, k);
}

/* ---- Montgomery arithmetic modulo an odd n, R = 2^(32k) ---------------------------------- */

struct mont {
	uint32_t n[LIMBS];
	size_t k;       /* limbs in n; the top one is non-zero */
	uint32_t ninv;  /* -n^-1 mod 2^32 */
};

/* -n0^-1 mod 2^32 for odd n0 by Newton's iteration x <- x(2 - n0 x): an odd n0 is its own
 * inverse mod 8 (3 bits), and each step doubles the correct bits: 6, 12, 24, 48. */
static uint32_t mont_ninv(uint32_t n0)
{
	uint32_t x = n0;

	for (int i = 0; i < 4; i++)
		x *= 2 - n0 * x;
	return 0u - x;
}

/* r = a b R^-1 mod n, for a, b < n; r may be a or b. */
static void mont_mul(uint32_t *r, const uint32_t *a, const uint32_t *b, const struct mont *m)
{
	const size_t k = m->k;
	uint32_t t[LIMBS + 2];

	for (size_t j = 0; j < k + 2; j++)
		t[j] = 0;
	for (size_t i = 0; i < k; i++) {
		/* t += a b[i]. Each step fits in 64 bits: (2^32-1)^2 + 2(2^32-1) = 2^64-1. */
		uint32_t carry = 0;
		for (size_t j = 0; j < k; j++) {
			uint64_t p = (uint64_t)a[j] * b[i] + t[j] + carry;
			t[j] = (uint32_t)p;
			carry = (uint32_t)(p >> 32);
		}
		uint64_t s = (uint64_t)t[k] + carry;
		t[k] = (uint32_t)s;
		t[k + 1] = (uint32_t)(s >> 32);

		/* t = (t + q n) / 2^32, with q chosen so that the low limb of t + q n is zero. */
		uint32_t q = t[0] * m->ninv;
		uint64_t p = (uint64_t)q * m->n[0] + t[0];
		carry = (uint32_t)(p >> 32);
		for (size_t j = 1; j < k; j++) {
			p = (uint64_t)q * m->n[j] + t[j] + carry;
			t[j - 1] = (uint32_t)p;
			carry = (uint32_t)(p >> 32);
		}
		s = (uint64_t)t[k] + carry;
		t[k - 1] = (uint32_t)s;
		t[k] = t[k + 1] + (uint32_t)(s >> 32);
	}
	/* Now t < 2n (t[k] holds the bit above k limbs). */
	if (t[k] != 0 || bn_cmp(t, m->n, k) >= 0)
		bn_sub(t, t, m->n, k);
	for (size_t j = 0; j < k; j++)
		r[j] = t[j];
}

/* r = s^e mod n, for s < n and e >= 2, by left-to-right square-and-multiply. */
static void mont_exp(uint32_t *r, const uint32_t *s, uint32_t e, const struct mont *m)
{
	const size_t k = m->k;
	uint32_t base[LIMBS], one[LIMBS];
	int bit;

	/* Into Montgomery form, s R mod n, by 32k modular doublings: no division and no R^2
	 * constant needed; 1024 cheap steps for a 1024-bit key. */
	for (size_t i = 0; i < k; i++)
		base[i] = s[i];
	for (size_t i = 0; i < 32 * k; i++)
		bn_double_mod(base, m->n, k);

	for (size_t i = 0; i < k; i++)
		r[i] = base[i];
	for (bit = 31; !((e >> bit) & 1); bit--)
		;
	for (bit--; bit >= 0; bit--) {
		mont_mul(r, r, r, m);
		if ((e >> bit) & 1)
			mont_mul(r, r, base, m);
	}

	/* Out of Montgomery form: multiply by 1, i.e. by R^-1. */
	for (size_t i = 0; i < k; i++)
		one[i] = 0;
	one[0] = 1;
	mont_mul(r, r, one, m);
}

/* ---- RSASSA-PKCS1-v1_5 -------------------------------------------------------------------- */

/* The contract is in rsa.h. Why two signature lengths: RFC 8017 wants exactly k bytes (the
 * modulus without leading zeros), but a table stores the modulus and the signature in fields
 * of one fixed width, where a short integer is zero-padded. For a modulus with no leading
 * zero byte, as every real SLIC/MSDM key has, both rules are the same. A longer signature's
 * extra leading bytes must then be zero, or it is >= n. */
enum ss_rsa_result ss_rsa_verify_sha256(const uint8_t *mod_be, size_t mod_len, uint32_t e,
					const uint8_t *sig_be, size_t sig_len,
					const uint8_t *msg, size_t msg_len)
{
	struct mont m;
	uint32_t s[LIMBS], x[LIMBS];
	uint8_t em[SS_RSA_MAX_BYTES];
	uint8_t hash[SS_SHA256_LEN];
	size_t lead, nbytes, slead, sbytes, sep;
	int bad;

	if (!mod_be)
		return SS_RSA_BAD_KEY;
	for (lead = 0; lead < mod_len && mod_be[lead] == 0; lead++)
		;
	nbytes = mod_len - lead;
	if (nbytes == 0 || nbytes > SS_RSA_MAX_BYTES || nbytes < MIN_MOD_BYTES)
		return SS_RSA_BAD_KEY;
	if (!(mod_be[mod_len - 1] & 1))
		return SS_RSA_BAD_KEY; /* even: not an RSA modulus, and Montgomery needs odd n */
	if (e < 3 || !(e & 1))
		return SS_RSA_BAD_KEY;

	if (!sig_be || (sig_len != mod_len && sig_len != nbytes))
		return SS_RSA_BAD_LENGTH;
	if (!msg && msg_len != 0)
		return SS_RSA_BAD_LENGTH;

	m.k = (nbytes + 3) / 4;
	bn_from_be(m.n, m.k, mod_be + lead, nbytes);
	m.ninv = mont_ninv(m.n[0]);

	for (slead = 0; slead < sig_len && sig_be[slead] == 0; slead++)
		;
	sbytes = sig_len - slead;
	if (sbytes > nbytes)
		return SS_RSA_OUT_OF_RANGE;
	bn_from_be(s, m.k, sig_be + slead, sbytes);
	if (bn_cmp(s, m.n, m.k) >= 0)
		return SS_RSA_OUT_OF_RANGE;

	mont_exp(x, s, e, &m);
	bn_to_be(em, nbytes, x); /* x < n < 256^nbytes: nothing is cut off */

	/* With the hash's length fixed, the whole block except the hash is determined:
	 * 00 01, nbytes - 54 (>= 8) bytes FF, 00, DigestInfo. Compare all of it. */
	sep = nbytes - T_LEN - 1;
	bad = em[0] != 0x00 || em[1] != 0x01 || em[sep] != 0x00;
	for (size_t i = 2; i < sep; i++)
		bad |= em[i] != 0xff;
	if (bad || !ss_memeq(em + sep + 1, sha256_digestinfo, sizeof sha256_digestinfo))
		return SS_RSA_BAD_PADDING;

	ss_sha256(msg, msg_len, hash);
	if (!ss_memeq(em + nbytes - SS_SHA256_LEN, hash, SS_SHA256_LEN))
		return SS_RSA_DIGEST_MISMATCH;
	return SS_RSA_OK;
}

const char *ss_rsa_result_str(enum ss_rsa_result r)
{
	switch (r) {
	case SS_RSA_OK:
		return "signature valid";
	case SS_RSA_BAD_KEY:
		return "unusable public key";
	case SS_RSA_BAD_LENGTH:
		return "signature length does not match the modulus";
	case SS_RSA_OUT_OF_RANGE:
		return "signature not below the modulus";
	case SS_RSA_BAD_PADDING:
		return "bad PKCS#1 v1.5 padding";
	case SS_RSA_DIGEST_MISMATCH:
		return "SHA-256 digest mismatch";
	}
	return "unknown RSA result";
}
