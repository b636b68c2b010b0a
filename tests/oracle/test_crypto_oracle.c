/* SPDX-License-Identifier: MIT */
/* Differential tests of the core's SHA-256 and RSA verification against OpenSSL 3 libcrypto:
 * the same inputs go to both, and the verdicts (digest bytes; accept/reject) must agree.
 *
 * Messages, split points and corruptions come from a fixed-seed PRNG of our own, so a failure
 * repeats; the RSA keys come from OpenSSL's key generator and differ per run. OpenSSL verifies
 * through the EVP API only (EVP_DigestVerify with a public key built from n and e alone), so it
 * never sees more than our code does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h> /* EVP_PKEY_CTX_set_rsa_keygen_* */

#include "bytes.h"
#include "rsa.h"
#include "sha256.h"

/* ---- deterministic randomness (splitmix64) ------------------------------------------------ */

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
	rng_state = seed;
}

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for test purposes; n > 0. */
static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

static void rng_fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rng_next();
}

/* ---- SHA-256 ------------------------------------------------------------------------------ */

static void openssl_sha256(const uint8_t *p, size_t n, uint8_t out[SS_SHA256_LEN])
{
	unsigned int len = 0;
	assert_int_equal(EVP_Digest(p, n, out, &len, EVP_sha256(), NULL), 1);
	assert_int_equal(len, SS_SHA256_LEN);
}

/* 2000 messages of 0..3000 random bytes, one-shot. */
static void test_sha256_random_messages(void **state)
{
	enum { COUNT = 2000, MAX_LEN = 3000 };
	uint8_t *msg = malloc(MAX_LEN);
	uint8_t ours[SS_SHA256_LEN], theirs[SS_SHA256_LEN];
	(void)state;

	assert_non_null(msg);
	rng_seed(0x5eed0001);
	for (int i = 0; i < COUNT; i++) {
		/* Every 10th length is a block-boundary neighbour, where padding bugs live. */
		size_t len = i % 10 ? rng_below(MAX_LEN + 1)
				    : 64 * rng_below(MAX_LEN / 64) + 55 + rng_below(10);
		rng_fill(msg, len);
		ss_sha256(msg, len, ours);
		openssl_sha256(msg, len, theirs);
		assert_memory_equal(ours, theirs, SS_SHA256_LEN);
	}
	free(msg);
}

/* 2000 messages again, each fed to ss_sha256_update in 1..8 pieces cut at random points. */
static void test_sha256_random_splits(void **state)
{
	enum { COUNT = 2000, MAX_LEN = 3000 };
	uint8_t *msg = malloc(MAX_LEN);
	uint8_t ours[SS_SHA256_LEN], theirs[SS_SHA256_LEN];
	(void)state;

	assert_non_null(msg);
	rng_seed(0x5eed0002);
	for (int i = 0; i < COUNT; i++) {
		size_t len = rng_below(MAX_LEN + 1), done = 0;
		size_t pieces = 1 + rng_below(8);
		struct ss_sha256 c;

		rng_fill(msg, len);
		ss_sha256_init(&c);
		for (size_t p = 1; p < pieces; p++) {
			size_t n = rng_below(len - done + 1);
			/* Exact-size heap copy per piece: ASan sees any read past a piece. */
			uint8_t *piece = malloc(n ? n : 1);
			assert_non_null(piece);
			memcpy(piece, msg + done, n);
			ss_sha256_update(&c, piece, n);
			free(piece);
			done += n;
		}
		ss_sha256_update(&c, msg + done, len - done);
		ss_sha256_final(&c, ours);
		openssl_sha256(msg, len, theirs);
		assert_memory_equal(ours, theirs, SS_SHA256_LEN);
	}
	free(msg);
}

/* ---- RSA: OpenSSL side --------------------------------------------------------------------- */

struct key {
	EVP_PKEY *pkey;          /* private key, for signing */
	uint8_t n[SS_RSA_MAX_BYTES];
	size_t n_len;            /* RSA_size: minimal byte length of n */
	uint32_t e;
};

static void key_generate(struct key *k, unsigned bits, uint32_t e)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	BIGNUM *bn_e = BN_new(), *bn_n = NULL;

	assert_non_null(ctx);
	assert_non_null(bn_e);
	assert_int_equal(BN_set_word(bn_e, e), 1);
	assert_int_equal(EVP_PKEY_keygen_init(ctx), 1);
	assert_int_equal(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits), 1);
	assert_int_equal(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, bn_e), 1);
	k->pkey = NULL;
	assert_int_equal(EVP_PKEY_generate(ctx, &k->pkey), 1);

	/* Read n and e back from the key, as a verifier would receive them. */
	BN_free(bn_e);
	bn_e = NULL;
	assert_int_equal(EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_N, &bn_n), 1);
	assert_int_equal(EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_E, &bn_e), 1);
	k->n_len = (size_t)EVP_PKEY_get_size(k->pkey);
	assert_int_equal(k->n_len, bits / 8);
	assert_int_equal(BN_bn2binpad(bn_n, k->n, (int)k->n_len), (int)k->n_len);
	k->e = (uint32_t)BN_get_word(bn_e);
	assert_int_equal(k->e, e);

	BN_free(bn_n);
	BN_free(bn_e);
	EVP_PKEY_CTX_free(ctx);
}

/* PKCS#1 v1.5 with SHA-256 (the EVP default padding for RSA). */
static size_t openssl_sign(const struct key *k, const uint8_t *msg, size_t msg_len, uint8_t *sig)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t sig_len = SS_RSA_MAX_BYTES;

	assert_non_null(md);
	assert_int_equal(EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, k->pkey), 1);
	assert_int_equal(EVP_DigestSign(md, sig, &sig_len, msg, msg_len), 1);
	EVP_MD_CTX_free(md);
	assert_int_equal(sig_len, k->n_len);
	return sig_len;
}

/* OpenSSL's verdict for a public key (n, e) that may be corrupted: 1 accept, 0 reject. A key
 * OpenSSL will not even build counts as a rejection. */
static int openssl_verify(const uint8_t *n, size_t n_len, uint32_t e, const uint8_t *sig,
			  size_t sig_len, const uint8_t *msg, size_t msg_len)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	BIGNUM *bn_n = BN_bin2bn(n, (int)n_len, NULL), *bn_e = BN_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *pub = NULL;
	EVP_MD_CTX *md = NULL;
	int ok = 0;

	assert_non_null(bld);
	assert_non_null(bn_n);
	assert_non_null(bn_e);
	assert_non_null(pctx);
	assert_int_equal(BN_set_word(bn_e, e), 1);
	assert_int_equal(OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n), 1);
	assert_int_equal(OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e), 1);
	params = OSSL_PARAM_BLD_to_param(bld);
	assert_non_null(params);

	if (EVP_PKEY_fromdata_init(pctx) == 1 &&
	    EVP_PKEY_fromdata(pctx, &pub, EVP_PKEY_PUBLIC_KEY, params) == 1) {
		md = EVP_MD_CTX_new();
		assert_non_null(md);
		if (EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pub) == 1)
			ok = EVP_DigestVerify(md, sig, sig_len, msg, msg_len) == 1;
	}
	ERR_clear_error();

	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pub);
	EVP_PKEY_CTX_free(pctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn_n);
	BN_free(bn_e);
	return ok;
}

/* ---- RSA: differential runs ---------------------------------------------------------------- */

enum corruption {
	C_NONE,
	C_SIG_BIT,       /* flip one random bit of the signature */
	C_SIG_BYTE,      /* replace one random byte of the signature */
	C_SIG_SHORT,     /* drop the signature's last byte */
	C_SIG_LONG,      /* prepend a zero byte to the signature */
	C_SIG_IS_N,      /* signature = n */
	C_SIG_ZERO,      /* signature = 0 */
	C_MSG_BIT,       /* flip one random bit of the message */
	C_MSG_SHORT,     /* drop the message's last byte */
	C_MSG_LONG,      /* append a random byte to the message */
	C_MOD_BIT,       /* flip one random bit of the modulus */
	C_MOD_BYTE,      /* replace one random byte of the modulus */
	C_EXP_BIT,       /* flip one random bit of the exponent */
	C_COUNT
};

static const char *const corruption_name[C_COUNT] = {
	"none", "sig-bit", "sig-byte", "sig-short", "sig-long", "sig-is-n", "sig-zero",
	"msg-bit", "msg-short", "msg-long", "mod-bit", "mod-byte", "exp-bit",
};

/* Results our code may give for each class when it rejects: a rejection for the wrong reason
 * is a bug even when the verdict matches. */
static int result_fits(enum corruption c, enum ss_rsa_result r)
{
	switch (c) {
	case C_NONE:
		return r == SS_RSA_OK;
	case C_SIG_BIT:
	case C_SIG_BYTE:
		return r == SS_RSA_OUT_OF_RANGE || r == SS_RSA_BAD_PADDING;
	case C_SIG_SHORT:
	case C_SIG_LONG:
		return r == SS_RSA_BAD_LENGTH;
	case C_SIG_IS_N:
		return r == SS_RSA_OUT_OF_RANGE;
	case C_SIG_ZERO:
		return r == SS_RSA_BAD_PADDING;
	case C_MSG_BIT:
	case C_MSG_SHORT:
	case C_MSG_LONG:
		return r == SS_RSA_DIGEST_MISMATCH;
	case C_MOD_BIT:
	case C_MOD_BYTE:
		return r == SS_RSA_BAD_KEY || r == SS_RSA_OUT_OF_RANGE || r == SS_RSA_BAD_PADDING;
	case C_EXP_BIT:
		return r == SS_RSA_BAD_KEY || r == SS_RSA_BAD_PADDING;
	case C_COUNT:
		break;
	}
	return 0;
}

struct tally {
	unsigned cases, accepted, rejected;
};

/* One case: corrupt a copy of (n, e, sig, msg) as class c says, give it to both verifiers,
 * demand the same verdict. Buffers handed to ours are exact-size heap copies. */
static void run_case(const struct key *k, const uint8_t *sig0, const uint8_t *msg0,
		     size_t msg_len0, enum corruption c, struct tally *t)
{
	uint8_t *n = malloc(k->n_len), *sig = malloc(k->n_len + 1), *msg = malloc(msg_len0 + 1);
	size_t n_len = k->n_len, sig_len = k->n_len, msg_len = msg_len0;
	uint32_t e = k->e;

	assert_non_null(n);
	assert_non_null(sig);
	assert_non_null(msg);
	memcpy(n, k->n, n_len);
	memcpy(sig, sig0, sig_len);
	memcpy(msg, msg0, msg_len);

	switch (c) {
	case C_NONE:
		break;
	case C_SIG_BIT: {
		size_t bit = rng_below(8 * sig_len);
		sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		break;
	}
	case C_SIG_BYTE: {
		size_t i = rng_below(sig_len);
		sig[i] = (uint8_t)(sig[i] ^ (1 + rng_below(255)));
		break;
	}
	case C_SIG_SHORT:
		sig_len--;
		break;
	case C_SIG_LONG:
		memmove(sig + 1, sig, sig_len);
		sig[0] = 0;
		sig_len++;
		break;
	case C_SIG_IS_N:
		memcpy(sig, n, n_len);
		break;
	case C_SIG_ZERO:
		memset(sig, 0, sig_len);
		break;
	case C_MSG_BIT:
		if (msg_len == 0) {
			msg[0] = (uint8_t)rng_next();
			msg_len = 1;
		} else {
			size_t bit = rng_below(8 * msg_len);
			msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		break;
	case C_MSG_SHORT:
		if (msg_len == 0)
			msg[msg_len++] = 0; /* nothing to drop: grow instead */
		else
			msg_len--;
		break;
	case C_MSG_LONG:
		msg[msg_len++] = (uint8_t)rng_next();
		break;
	case C_MOD_BIT: {
		size_t bit = rng_below(8 * n_len);
		n[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		break;
	}
	case C_MOD_BYTE: {
		size_t i = rng_below(n_len);
		n[i] = (uint8_t)(n[i] ^ (1 + rng_below(255)));
		break;
	}
	case C_EXP_BIT:
		e ^= 1u << rng_below(32);
		break;
	case C_COUNT:
		fail();
	}

	uint8_t *xn = malloc(n_len), *xs = malloc(sig_len), *xm = malloc(msg_len ? msg_len : 1);
	assert_non_null(xn);
	assert_non_null(xs);
	assert_non_null(xm);
	memcpy(xn, n, n_len);
	memcpy(xs, sig, sig_len);
	memcpy(xm, msg, msg_len);
	enum ss_rsa_result ours = ss_rsa_verify_sha256(xn, n_len, e, xs, sig_len, xm, msg_len);
	int theirs = openssl_verify(n, n_len, e, sig, sig_len, msg, msg_len);

	if ((ours == SS_RSA_OK) != (theirs == 1) || !result_fits(c, ours))
		fail_msg("%zu-bit key e=%u, corruption %s: ours %s (%d), OpenSSL %s", 8 * k->n_len,
			 k->e, corruption_name[c], ss_rsa_result_str(ours), (int)ours,
			 theirs ? "accepts" : "rejects");
	t->cases++;
	if (theirs)
		t->accepted++;
	else
		t->rejected++;

	free(xn);
	free(xs);
	free(xm);
	free(n);
	free(sig);
	free(msg);
}

/* For each of `messages` random messages: sign with OpenSSL, then every corruption class
 * `rounds` times (the random ones with fresh randomness each round). */
static void differential(unsigned bits, uint32_t e, unsigned messages, unsigned rounds,
			 uint64_t seed)
{
	struct key k;
	struct tally t = {0, 0, 0};
	uint8_t sig[SS_RSA_MAX_BYTES];
	uint8_t *msg = malloc(1024);

	assert_non_null(msg);
	key_generate(&k, bits, e);
	rng_seed(seed);
	for (unsigned m = 0; m < messages; m++) {
		size_t msg_len = m == 0 ? 0 : rng_below(1024); /* includes the empty message */
		rng_fill(msg, msg_len);
		openssl_sign(&k, msg, msg_len, sig);
		for (unsigned r = 0; r < rounds; r++)
			for (int c = 0; c < C_COUNT; c++)
				run_case(&k, sig, msg, msg_len, (enum corruption)c, &t);
	}
	print_message("%u-bit e=%u: %u cases, %u accepted by both, %u rejected by both\n", bits, e,
		      t.cases, t.accepted, t.rejected);
	assert_int_equal(t.accepted, messages * rounds); /* exactly the uncorrupted ones */
	free(msg);
	EVP_PKEY_free(k.pkey);
}

static void test_rsa_1024_e65537(void **state)
{
	(void)state;
	differential(1024, 65537, 12, 2, 0x5eed1024);
}

static void test_rsa_1024_e3(void **state)
{
	(void)state;
	differential(1024, 3, 12, 2, 0x5eed0003);
}

static void test_rsa_1024_e257(void **state)
{
	(void)state;
	differential(1024, 257, 12, 2, 0x5eed0257);
}

static void test_rsa_2048_e65537(void **state)
{
	(void)state;
	differential(2048, 65537, 8, 2, 0x5eed2048);
}

/* The largest size we accept (SS_RSA_MAX_BYTES), a few cases only: keygen is slow. */
static void test_rsa_4096_e65537(void **state)
{
	(void)state;
	differential(4096, 65537, 2, 1, 0x5eed4096);
}

/* ---- the SLIC layout ------------------------------------------------------------------------
 *
 * docs/FACTS.md §2.2, §2.5: the public key subtable holds the modulus little-endian (a CryptoAPI
 * PUBLICKEYBLOB) at +28, the exponent at +24; the marker's 128-byte signature at +54 is
 * big-endian as stored, over the 46 bytes at marker +8..+53. Our RSA takes n big-endian, so
 * the SLIC code reverses the modulus; this test builds both subtables from an OpenSSL key and
 * shows that conversion verifying with ours and OpenSSL, and failing without it. */
static void test_rsa_slic_layout(void **state)
{
	struct key k;
	uint8_t pubkey[0x9c] = {0}, marker[0xb6] = {0}, n_be[128], sig[SS_RSA_MAX_BYTES];
	(void)state;

	key_generate(&k, 1024, 65537);

	/* Public key subtable: type 0, length 0x9C, PUBLICKEYBLOB header, RSA1, 1024, e, n (LE). */
	pubkey[4] = 0x9c;
	pubkey[8] = 0x06;
	pubkey[9] = 0x02;
	pubkey[13] = 0x24;
	memcpy(pubkey + 16, "RSA1", 4);
	pubkey[21] = 0x04; /* 0x400 = 1024 bits */
	pubkey[24] = 0x01, pubkey[26] = 0x01; /* 0x10001 */
	for (size_t i = 0; i < 128; i++)
		pubkey[28 + i] = k.n[127 - i];

	/* Windows marker: type 1, length 0xB6, version 0x20000, OEM IDs, WINDOWS , SLIC 2.1. */
	marker[0] = 1;
	marker[4] = 0xb6;
	marker[10] = 0x02;
	memcpy(marker + 12, "ORACLE", 6);
	memcpy(marker + 18, "TESTTBL ", 8);
	memcpy(marker + 26, "WINDOWS ", 8);
	marker[34] = 0x01, marker[36] = 0x02; /* 0x00020001 */
	assert_int_equal(openssl_sign(&k, marker + 8, 46, sig), 128);
	memcpy(marker + 54, sig, 128);

	/* What the SLIC code does: read e, reverse the modulus, pass the signature as is. */
	assert_memory_equal(pubkey + 16, "RSA1", 4);
	assert_int_equal(ss_le32(pubkey + 20), 1024);
	uint32_t e = ss_le32(pubkey + 24);
	for (size_t i = 0; i < 128; i++)
		n_be[i] = pubkey[28 + 127 - i];
	assert_int_equal(ss_rsa_verify_sha256(n_be, 128, e, marker + 54, 128, marker + 8, 46),
			 SS_RSA_OK);
	assert_int_equal(openssl_verify(n_be, 128, e, marker + 54, 128, marker + 8, 46), 1);

	/* The modulus as stored, unreversed: even or not, never a valid signature. */
	enum ss_rsa_result raw =
		ss_rsa_verify_sha256(pubkey + 28, 128, e, marker + 54, 128, marker + 8, 46);
	assert_int_not_equal(raw, SS_RSA_OK);
	assert_int_equal(openssl_verify(pubkey + 28, 128, e, marker + 54, 128, marker + 8, 46), 0);
	/* Nor is a reversed signature, nor a message that includes the marker's type/length. */
	uint8_t sig_rev[128];
	for (size_t i = 0; i < 128; i++)
		sig_rev[i] = marker[54 + 127 - i];
	assert_int_not_equal(ss_rsa_verify_sha256(n_be, 128, e, sig_rev, 128, marker + 8, 46),
			     SS_RSA_OK);
	assert_int_equal(ss_rsa_verify_sha256(n_be, 128, e, marker + 54, 128, marker, 54),
			 SS_RSA_DIGEST_MISMATCH);

	EVP_PKEY_free(k.pkey);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_random_messages),
		cmocka_unit_test(test_sha256_random_splits),
		cmocka_unit_test(test_rsa_1024_e65537),
		cmocka_unit_test(test_rsa_1024_e3),
		cmocka_unit_test(test_rsa_1024_e257),
		cmocka_unit_test(test_rsa_2048_e65537),
		cmocka_unit_test(test_rsa_4096_e65537),
		cmocka_unit_test(test_rsa_slic_layout),
	};
	return cmocka_run_group_tests_name("crypto-oracle", tests, NULL, NULL);
}
