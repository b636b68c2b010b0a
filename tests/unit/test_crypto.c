/* SPDX-License-Identifier: MIT */
/* Unit tests of the core's crypto: SHA-256 known answers (FIPS 180-4 examples, hashlib for the
 * padding boundaries) and RSASSA-PKCS1-v1_5/SHA-256 verification against a fixed vector made
 * with the openssl CLI, with one named corruption per result code.
 *
 * Every buffer handed to the code under test is a heap copy of exactly the stated length, so
 * ASan reports any read past an end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rsa.h"
#include "sha256.h"

/* ---- fixtures -------------------------------------------------------------------------------
 *
 * vec_*: a throwaway RSA-1024 key (e = 65537), made once with
 *   openssl genrsa -out key.pem 1024
 *   openssl dgst -sha256 -sign key.pem -out sig.bin msg.bin
 * and checked with `openssl dgst -sha256 -verify`. vec_sig_<name> are raw private-key
 * operations (openssl pkeyutl -decrypt -pkeyopt rsa_padding_mode:none) on hand-made blocks
 * that are each wrong in one place; OpenSSL rejects every one of them:
 *   bt2     00 02 FF.. 00 DigestInfo H           block type 2 instead of 1
 *   psbad   00 01 FF..FE 00 DigestInfo H         last padding byte FE
 *   sepbad  00 01 FF.. 01 DigestInfo H           separator 01 instead of 00
 *   dibad   00 01 FF.. 00 DigestInfo' H          DigestInfo's last byte 21 instead of 20
 *   sha1    00 01 FF.. 00 DigestInfo(SHA-1) H1   a valid SHA-1 signature of the same message
 *   hlast   00 01 FF.. 00 DigestInfo H'          H with its last bit flipped
 *   hfirst  00 01 FF.. 00 DigestInfo H'          H with its first bit flipped
 * small_*: a 496-bit key (62 bytes, the least that holds the padding), made with Python
 * (Miller-Rabin, pow(e, -1, phi)): its signature has exactly 8 bytes of FF. */
static const char vec_msg[] =
	"slicscan test vector: SLIC 2.1 marker, signed with a throwaway RSA-1024 key";
#define VEC_E 65537u

static const uint8_t vec_n[128] = {
	0xce, 0x55, 0x64, 0x74, 0x3c, 0x50, 0x60, 0x8b, 0x4f, 0x8b, 0x16, 0xb9,
	0xad, 0xc2, 0xd2, 0x36, 0x40, 0xed, 0x2a, 0x30, 0x5c, 0x2f, 0xe4, 0xae,
	0xb1, 0x7b, 0x9a, 0x88, 0x0a, 0xd2, 0x2f, 0xf3, 0x34, 0xb2, 0xff, 0xc9,
	0x4e, 0x20, 0x7e, 0x6b, 0xdb, 0x79, 0x3e, 0x78, 0x7d, 0xec, 0xaf, 0x36,
	0x29, 0xbb, 0x63, 0x04, 0x0f, 0x60, 0x11, 0x16, 0xb8, 0x2b, 0xcd, 0x99,
	0xf1, 0xc8, 0x88, 0x52, 0x54, 0x4e, 0xb0, 0xde, 0x05, 0x49, 0x4f, 0x31,
	0x9b, 0x7d, 0x15, 0x17, 0xd8, 0x68, 0x35, 0x4c, 0x77, 0x59, 0x08, 0xdf,
	0xfc, 0xcf, 0xfb, 0x05, 0x0f, 0xc1, 0x35, 0xaf, 0xa2, 0x78, 0xba, 0x79,
	0x99, 0x46, 0x5a, 0x44, 0x03, 0x0f, 0x8b, 0x5e, 0x4b, 0x05, 0xc5, 0xc5,
	0x77, 0x21, 0x44, 0x8c, 0xa8, 0xdf, 0xb2, 0xaa, 0xcf, 0x5c, 0x76, 0x4c,
	0xe9, 0x85, 0xbd, 0x12, 0x76, 0x70, 0xf1, 0xb9,
};

static const uint8_t vec_sig[128] = {
	0x93, 0x77, 0xbc, 0x21, 0xd3, 0x08, 0x73, 0xb1, 0x7f, 0xa3, 0x2a, 0x5a,
	0xe4, 0x96, 0xca, 0x4d, 0x89, 0x34, 0x0f, 0x11, 0x90, 0x8a, 0xa7, 0xbf,
	0x68, 0x77, 0xcd, 0x77, 0x8e, 0x1f, 0x5a, 0xea, 0x11, 0xcc, 0xde, 0x2d,
	0x6d, 0x20, 0xb7, 0x8d, 0x6e, 0x1f, 0x23, 0xc9, 0x51, 0xb4, 0x7b, 0x78,
	0x39, 0xad, 0xd0, 0xfa, 0x20, 0xc6, 0xc8, 0xe8, 0xc9, 0xf7, 0xad, 0x6d,
	0x30, 0x0b, 0x58, 0x70, 0x24, 0xd1, 0x27, 0xff, 0xf3, 0x61, 0xe4, 0x50,
	0x3c, 0xc1, 0xe8, 0xbb, 0x1f, 0x48, 0x0b, 0x9e, 0xa6, 0xb5, 0xc2, 0xcf,
	0xa4, 0x51, 0xf9, 0xd2, 0x0a, 0x47, 0xf9, 0xa7, 0x2c, 0x82, 0xbf, 0xfb,
	0x61, 0xe7, 0xbe, 0x61, 0xb1, 0x52, 0x96, 0x55, 0x28, 0x6c, 0xba, 0x4d,
	0xad, 0x1f, 0x7a, 0xed, 0xb9, 0x33, 0xb9, 0xba, 0x78, 0x4b, 0xb0, 0xcf,
	0xdd, 0xcb, 0x24, 0x20, 0xf3, 0xb8, 0x83, 0x02,
};

static const uint8_t vec_sig_bt2[128] = {
	0x07, 0x80, 0xa3, 0xe4, 0xb2, 0x0d, 0xc4, 0x97, 0xf5, 0x10, 0x43, 0x92,
	0x84, 0xef, 0x77, 0x49, 0xc1, 0x16, 0xb5, 0xe3, 0xda, 0x4a, 0x58, 0x39,
	0x18, 0x8d, 0xa6, 0xba, 0x40, 0x75, 0xc6, 0xf7, 0xd9, 0x37, 0xb6, 0xef,
	0x68, 0x78, 0x76, 0x0f, 0x58, 0x28, 0xaa, 0xab, 0x81, 0x59, 0xe4, 0x74,
	0x2e, 0xaa, 0x71, 0xb4, 0xa6, 0x55, 0x2b, 0x01, 0x2b, 0x51, 0x8c, 0x52,
	0xfb, 0x98, 0x64, 0x05, 0x95, 0xef, 0x92, 0x03, 0x92, 0x65, 0xde, 0x0f,
	0xd1, 0xed, 0x18, 0x50, 0x07, 0x10, 0xf3, 0x53, 0x78, 0x7a, 0xdb, 0x91,
	0xd1, 0xb3, 0x0b, 0x99, 0x19, 0x2f, 0xc7, 0x95, 0xcb, 0xa0, 0x3b, 0x2a,
	0xf3, 0x47, 0xa4, 0x13, 0x9b, 0xba, 0xca, 0x7d, 0xbf, 0x17, 0xe8, 0xce,
	0x0f, 0x5f, 0x51, 0x93, 0x54, 0x93, 0xa9, 0x21, 0xb8, 0xdf, 0x9d, 0x90,
	0x58, 0x47, 0xc7, 0x5c, 0x33, 0xbb, 0x88, 0x24,
};

static const uint8_t vec_sig_psbad[128] = {
	0x03, 0xe5, 0xcf, 0x68, 0xbf, 0xe5, 0x72, 0x84, 0x30, 0xa7, 0x17, 0x97,
	0xe3, 0x1e, 0x43, 0x7f, 0x00, 0x91, 0x08, 0x47, 0x2a, 0x4e, 0x6f, 0x37,
	0x0b, 0xf9, 0x04, 0x3b, 0x29, 0x69, 0x9f, 0x47, 0x8d, 0x5d, 0x88, 0x56,
	0x55, 0xe9, 0x77, 0xf5, 0xe1, 0x71, 0xda, 0xda, 0x69, 0x22, 0x5c, 0x47,
	0x02, 0xdf, 0x7c, 0x6a, 0xac, 0x46, 0x02, 0x9c, 0x2f, 0xb9, 0xe8, 0xa7,
	0xf6, 0x75, 0x82, 0xb1, 0x58, 0xfb, 0x29, 0xcb, 0x6a, 0xef, 0x06, 0x8e,
	0xa0, 0x99, 0xb2, 0xfd, 0xb3, 0xeb, 0xe6, 0x88, 0x82, 0x1e, 0x93, 0x61,
	0xed, 0x91, 0xc3, 0x3d, 0xe4, 0x66, 0x02, 0xb9, 0x89, 0xb0, 0xc9, 0x34,
	0x79, 0x51, 0xdb, 0x39, 0xa7, 0x11, 0xa0, 0x69, 0xac, 0x67, 0xe2, 0xd4,
	0x2f, 0xb2, 0x6f, 0x96, 0xa1, 0x42, 0x12, 0x2d, 0x2f, 0x9c, 0x23, 0xbb,
	0xc6, 0x46, 0x3a, 0x77, 0xf1, 0x87, 0x1a, 0xce,
};

static const uint8_t vec_sig_dibad[128] = {
	0x44, 0x78, 0x43, 0x12, 0x0a, 0xb8, 0x70, 0xd3, 0xb5, 0xdd, 0x11, 0xb4,
	0xb3, 0x65, 0x87, 0x8b, 0x52, 0xc1, 0xf1, 0xa1, 0x04, 0xc7, 0x18, 0x95,
	0x54, 0x24, 0x70, 0x22, 0xab, 0x26, 0x39, 0x86, 0xf3, 0x36, 0x03, 0x78,
	0x67, 0x08, 0x8c, 0x7a, 0xe7, 0x68, 0x99, 0x12, 0xaa, 0xb4, 0x24, 0x86,
	0x5f, 0xd4, 0x53, 0x24, 0x4e, 0xa1, 0x69, 0x6f, 0xe9, 0xef, 0xbb, 0x3a,
	0xe8, 0xa1, 0x2d, 0x78, 0x33, 0x8b, 0x21, 0xa7, 0x2c, 0xea, 0x6d, 0x07,
	0xdc, 0x7b, 0x5f, 0xdb, 0xb3, 0xd8, 0x75, 0x38, 0x84, 0x4a, 0x90, 0x6a,
	0x8a, 0x17, 0xc5, 0x87, 0x8a, 0x59, 0xdd, 0x2e, 0x78, 0x7b, 0xbc, 0xca,
	0x12, 0xe2, 0x7f, 0x0b, 0xdd, 0x4f, 0x8c, 0x4e, 0x36, 0xb2, 0x29, 0xf9,
	0x41, 0xb1, 0x8d, 0x23, 0x71, 0x17, 0x23, 0x16, 0x02, 0x3f, 0x68, 0x96,
	0xe1, 0x91, 0xe6, 0xf1, 0xdd, 0xa1, 0x29, 0x8b,
};

static const uint8_t vec_sig_sha1[128] = {
	0x2b, 0xbe, 0xae, 0x77, 0xd3, 0x47, 0xb8, 0x8e, 0x77, 0x66, 0x32, 0xa1,
	0x31, 0xad, 0x48, 0xff, 0xb0, 0xe8, 0x6f, 0x89, 0x4b, 0x9a, 0x0b, 0x9e,
	0x82, 0xf8, 0x86, 0x94, 0x91, 0x8b, 0x88, 0x92, 0xae, 0x97, 0x82, 0x14,
	0xf2, 0xf6, 0x3c, 0x34, 0x0a, 0xf3, 0x65, 0xaf, 0xb4, 0x39, 0xb5, 0x73,
	0xcc, 0x81, 0x62, 0xc4, 0x62, 0xcd, 0x24, 0xae, 0x33, 0xc4, 0xf2, 0x4d,
	0x1b, 0x34, 0x54, 0x44, 0x05, 0xad, 0x08, 0xac, 0xf7, 0xa3, 0x10, 0x8d,
	0xaf, 0x78, 0x47, 0x71, 0x48, 0x3d, 0xb7, 0xd9, 0x53, 0xc7, 0xe4, 0x7f,
	0x31, 0x6b, 0xd1, 0xcd, 0x2e, 0xa1, 0x7e, 0xf4, 0xec, 0x04, 0x25, 0x50,
	0xf6, 0x09, 0x15, 0x3e, 0x81, 0x97, 0x95, 0x9e, 0x85, 0x6c, 0xad, 0xa5,
	0xb5, 0x1a, 0x0c, 0xd1, 0xd3, 0xc1, 0x92, 0x43, 0x0a, 0xea, 0x08, 0xe8,
	0x62, 0x4a, 0xff, 0x4b, 0xd0, 0x8a, 0x59, 0xbb,
};

static const uint8_t vec_sig_sepbad[128] = {
	0xaf, 0xe5, 0x88, 0x43, 0xc8, 0x7f, 0x7d, 0x8c, 0x8c, 0x61, 0xb3, 0x52,
	0x10, 0x49, 0x86, 0x3f, 0x07, 0xd2, 0xe3, 0x01, 0x1c, 0x9e, 0x68, 0xa7,
	0x46, 0x5a, 0xac, 0x3f, 0x36, 0xb0, 0x43, 0x50, 0xd3, 0x62, 0x0a, 0x15,
	0xe6, 0x68, 0x69, 0x59, 0x78, 0x1d, 0xc7, 0xec, 0x05, 0x4f, 0xb1, 0x60,
	0x1e, 0xc7, 0xf1, 0xc0, 0xdf, 0x21, 0x1d, 0xd5, 0x6c, 0x58, 0xf8, 0xd5,
	0x92, 0xca, 0xee, 0x72, 0xc0, 0x29, 0x80, 0x03, 0x41, 0xd1, 0x05, 0x6f,
	0xcb, 0xbd, 0xa5, 0xb5, 0x80, 0x3c, 0x77, 0x49, 0x14, 0x0d, 0xa5, 0xc9,
	0xed, 0x07, 0x80, 0xe5, 0xe3, 0x84, 0xce, 0x92, 0x2c, 0x92, 0x60, 0x51,
	0xf6, 0x5f, 0x33, 0xf4, 0xa1, 0xfb, 0x14, 0x77, 0xd2, 0x31, 0x3f, 0xd0,
	0x55, 0xb5, 0x7a, 0x76, 0x02, 0xd7, 0xa8, 0x49, 0x76, 0xe3, 0x19, 0x65,
	0x70, 0x06, 0xf0, 0x7f, 0x17, 0xf5, 0xdd, 0xd7,
};

static const uint8_t vec_sig_hlast[128] = {
	0x6e, 0xa7, 0x19, 0xe1, 0x2e, 0xb2, 0x0e, 0x0a, 0xdc, 0xde, 0xce, 0x0f,
	0xb3, 0x3b, 0x80, 0xcd, 0x08, 0xff, 0x53, 0xc8, 0x45, 0x9b, 0xcb, 0xfd,
	0x08, 0xa3, 0xce, 0xb8, 0x98, 0xac, 0x6c, 0xdd, 0xd7, 0xf0, 0x39, 0x66,
	0x2d, 0x5f, 0x27, 0x0e, 0xa9, 0xe9, 0x7e, 0x9c, 0x14, 0x54, 0x97, 0x87,
	0x86, 0x99, 0xb6, 0x0e, 0x51, 0x3d, 0x80, 0xeb, 0xf1, 0x4e, 0x8c, 0xf9,
	0xc6, 0x2b, 0xe8, 0x64, 0xc4, 0xd2, 0x75, 0xd0, 0x0c, 0x21, 0xfa, 0xfa,
	0xdb, 0x58, 0xd6, 0x1c, 0x42, 0x7e, 0xf6, 0x74, 0x2d, 0x1c, 0xb6, 0x54,
	0x4f, 0x50, 0x9a, 0x22, 0xbb, 0xf6, 0x50, 0x67, 0x10, 0x0a, 0x29, 0xab,
	0x8f, 0x98, 0xa4, 0x8d, 0xed, 0x65, 0xdd, 0x92, 0x90, 0x0a, 0x2f, 0xd2,
	0x8a, 0x6f, 0x7b, 0x42, 0x82, 0xe2, 0x57, 0xb6, 0x4e, 0xd5, 0xdc, 0xcb,
	0x89, 0x1a, 0x28, 0xdc, 0x4f, 0xf8, 0xdd, 0x22,
};

static const uint8_t vec_sig_hfirst[128] = {
	0xa6, 0xe8, 0x41, 0xf1, 0x25, 0x81, 0xaa, 0x62, 0x58, 0x20, 0x5a, 0xc6,
	0x0c, 0x73, 0xa0, 0x5a, 0xc0, 0x61, 0x63, 0x40, 0xa2, 0x06, 0x50, 0x15,
	0x61, 0x28, 0xe8, 0x0d, 0x7e, 0x1f, 0x5b, 0xe2, 0x2e, 0x93, 0xae, 0xbb,
	0xf0, 0xb6, 0x3c, 0x90, 0x7f, 0xae, 0x43, 0x84, 0x87, 0x93, 0xa7, 0x3c,
	0x87, 0xbd, 0xad, 0x31, 0xfa, 0xe3, 0x2e, 0x88, 0xf1, 0xef, 0x94, 0xf7,
	0x3d, 0x6a, 0xd4, 0x97, 0x37, 0xed, 0x91, 0xb3, 0x59, 0xf7, 0x88, 0x85,
	0xc1, 0x56, 0x2d, 0xe9, 0x9a, 0x01, 0x0d, 0xd2, 0x37, 0x6a, 0x3d, 0x4f,
	0xdb, 0x44, 0xf2, 0xac, 0x96, 0x4d, 0x6c, 0xea, 0x0c, 0x52, 0xda, 0x5e,
	0x4f, 0x59, 0xb1, 0xe5, 0xe0, 0xa5, 0xe5, 0xf7, 0xba, 0x20, 0xa8, 0x0c,
	0xb8, 0xfd, 0x31, 0xb0, 0x80, 0xdb, 0x8a, 0x92, 0x73, 0x9e, 0x64, 0xcb,
	0x52, 0x0a, 0x92, 0xd0, 0x19, 0x40, 0xde, 0xb1,
};

/* "minimum modulus: 62 bytes, 8 bytes of FF" */
static const uint8_t small_n[62] = {
	0xda, 0x5f, 0x89, 0x2b, 0x31, 0xa3, 0x39, 0x92, 0xa0, 0xbc, 0xca, 0x16,
	0xd0, 0x43, 0xf3, 0xdd, 0x1d, 0x8f, 0x79, 0xc0, 0x15, 0xc2, 0xb2, 0x21,
	0x03, 0xca, 0x47, 0xd7, 0x9d, 0x39, 0xd6, 0x28, 0x12, 0x7a, 0xa9, 0x41,
	0x83, 0x6f, 0xc3, 0x0f, 0xad, 0xc1, 0x33, 0x89, 0x1d, 0xf3, 0xde, 0xfa,
	0x36, 0x26, 0x3f, 0x78, 0x27, 0xb9, 0x73, 0xab, 0xe1, 0x8e, 0x96, 0x72,
	0xed, 0x43,
};

static const uint8_t small_sig[62] = {
	0xce, 0x10, 0x00, 0x0f, 0x86, 0xa3, 0x22, 0x52, 0x68, 0x75, 0x8a, 0xf6,
	0x75, 0x25, 0x73, 0x1a, 0x9f, 0xd3, 0xa5, 0x69, 0x42, 0xef, 0x65, 0x11,
	0xc5, 0x46, 0xb6, 0x56, 0x4a, 0x87, 0x95, 0x77, 0x08, 0x2a, 0x97, 0xa9,
	0xfa, 0x6b, 0xdf, 0x92, 0x62, 0xba, 0x2f, 0x69, 0xce, 0x2f, 0x43, 0xa4,
	0x66, 0xfc, 0xa9, 0xe7, 0x97, 0x48, 0x8d, 0x63, 0x64, 0x63, 0xc6, 0x1a,
	0xa5, 0x0d,
};

/* ---- helpers ------------------------------------------------------------------------------- */

static void hex2bin(const char *hex, uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned v;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

static void assert_digest(const uint8_t got[SS_SHA256_LEN], const char *hex)
{
	uint8_t want[SS_SHA256_LEN];

	assert_int_equal(strlen(hex), 2 * SS_SHA256_LEN);
	hex2bin(hex, want, sizeof want);
	assert_memory_equal(got, want, SS_SHA256_LEN);
}

/* A heap copy of exactly len bytes (malloc(0) for len 0: still not NULL on glibc). */
static uint8_t *dup_exact(const void *p, size_t len)
{
	uint8_t *d = malloc(len ? len : 1);
	assert_non_null(d);
	if (len)
		memcpy(d, p, len);
	return d;
}

/* ss_rsa_verify_sha256 on exact-size heap copies of its three buffers. */
static enum ss_rsa_result verify(const uint8_t *n, size_t n_len, uint32_t e, const uint8_t *sig,
				 size_t sig_len, const void *msg, size_t msg_len)
{
	uint8_t *dn = dup_exact(n, n_len), *ds = dup_exact(sig, sig_len),
		*dm = dup_exact(msg, msg_len);
	enum ss_rsa_result r = ss_rsa_verify_sha256(dn, n_len, e, ds, sig_len, dm, msg_len);

	free(dn);
	free(ds);
	free(dm);
	return r;
}

static enum ss_rsa_result verify_vec_sig(const uint8_t *sig, size_t sig_len)
{
	return verify(vec_n, sizeof vec_n, VEC_E, sig, sig_len, vec_msg, strlen(vec_msg));
}

/* Big-endian a >= b for equal lengths. */
static int be_geq(const uint8_t *a, const uint8_t *b, size_t len)
{
	return memcmp(a, b, len) >= 0;
}

/* ---- SHA-256 -------------------------------------------------------------------------------- */

static void test_sha256_empty(void **state)
{
	uint8_t d[SS_SHA256_LEN];
	struct ss_sha256 c;
	(void)state;

	ss_sha256("", 0, d);
	assert_digest(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ss_sha256(NULL, 0, d);
	assert_digest(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ss_sha256_init(&c);
	ss_sha256_update(&c, NULL, 0);
	ss_sha256_update(&c, NULL, 0);
	ss_sha256_final(&c, d);
	assert_digest(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_fips_vectors(void **state)
{
	uint8_t d[SS_SHA256_LEN];
	(void)state;

	ss_sha256("abc", 3, d);
	assert_digest(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 448 bits: two blocks, the padding spills into the second. */
	ss_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, d);
	assert_digest(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* 896 bits. */
	ss_sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		  "klmnopqrlmnopqrsmnopqrstnopqrstu",
		  112, d);
	assert_digest(d, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_sha256_million_a(void **state)
{
	static const size_t chunks[] = {1, 63, 64, 65, 127, 1000, 7, 4096};
	uint8_t buf[4096], d[SS_SHA256_LEN];
	struct ss_sha256 c;
	size_t left = 1000000, i = 0;
	(void)state;

	memset(buf, 'a', sizeof buf);
	ss_sha256_init(&c);
	while (left > 0) {
		size_t n = chunks[i++ % (sizeof chunks / sizeof chunks[0])];
		if (n > left)
			n = left;
		ss_sha256_update(&c, buf, n);
		left -= n;
	}
	assert_int_equal(c.total, 1000000);
	ss_sha256_final(&c, d);
	assert_digest(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundaries (55/56 bytes: length field fits or not; 64: whole
 * block), digests from Python's hashlib. */
static void test_sha256_padding_boundaries(void **state)
{
	static const struct {
		size_t len;
		const char *hex;
	} kat[] = {
		{55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
		{63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
		{64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
		{65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
		{119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
		{120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
		{127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"},
		{128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
		{129, "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae"},
	};
	uint8_t d[SS_SHA256_LEN];
	(void)state;

	for (size_t i = 0; i < sizeof kat / sizeof kat[0]; i++) {
		uint8_t *m = malloc(kat[i].len);
		assert_non_null(m);
		memset(m, 'a', kat[i].len);
		ss_sha256(m, kat[i].len, d);
		assert_digest(d, kat[i].hex);
		free(m);
	}
}

/* Any split of the input into two or three updates, and byte-at-a-time, equals one shot. */
static void test_sha256_split_updates(void **state)
{
	enum { LEN = 200 };
	uint8_t msg[LEN], want[SS_SHA256_LEN], got[SS_SHA256_LEN];
	struct ss_sha256 c;
	(void)state;

	for (size_t i = 0; i < LEN; i++)
		msg[i] = (uint8_t)(i * 37 + 11);
	ss_sha256(msg, LEN, want);

	for (size_t a = 0; a <= LEN; a++) {
		for (size_t b = a; b <= LEN; b += (a % 7) + 1) {
			ss_sha256_init(&c);
			ss_sha256_update(&c, msg, a);
			ss_sha256_update(&c, msg + a, b - a);
			ss_sha256_update(&c, msg + b, LEN - b);
			ss_sha256_final(&c, got);
			assert_memory_equal(got, want, SS_SHA256_LEN);
		}
	}
	ss_sha256_init(&c);
	for (size_t i = 0; i < LEN; i++)
		ss_sha256_update(&c, msg + i, 1);
	ss_sha256_final(&c, got);
	assert_memory_equal(got, want, SS_SHA256_LEN);

	/* A re-initialised context forgets everything. */
	ss_sha256_init(&c);
	ss_sha256_update(&c, "garbage", 7);
	ss_sha256_init(&c);
	ss_sha256_update(&c, msg, LEN);
	ss_sha256_final(&c, got);
	assert_memory_equal(got, want, SS_SHA256_LEN);
}

/* ---- RSA: the good cases ------------------------------------------------------------------ */

static void test_rsa_vector_ok(void **state)
{
	(void)state;
	assert_int_equal(verify_vec_sig(vec_sig, sizeof vec_sig), SS_RSA_OK);
	/* Same call without the heap copies: the API takes const data in place. */
	assert_int_equal(ss_rsa_verify_sha256(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig,
					      (const uint8_t *)vec_msg, strlen(vec_msg)),
			 SS_RSA_OK);
}

/* The smallest modulus that holds the padding, with exactly 8 bytes of FF. */
static void test_rsa_minimum_modulus_ok(void **state)
{
	static const char msg[] = "minimum modulus: 62 bytes, 8 bytes of FF";
	(void)state;

	assert_int_equal(sizeof small_n, 62);
	assert_int_equal(verify(small_n, sizeof small_n, 65537, small_sig, sizeof small_sig, msg,
				strlen(msg)),
			 SS_RSA_OK);
	assert_int_equal(verify(small_n, sizeof small_n, 65537, small_sig, sizeof small_sig, msg,
				strlen(msg) - 1),
			 SS_RSA_DIGEST_MISMATCH);
}

/* Leading zero bytes on the modulus are allowed; the signature may be as long as the modulus
 * as given or as its stripped length (the documented rule), nothing else. */
static void test_rsa_leading_zeros(void **state)
{
	uint8_t n0[sizeof vec_n + 3] = {0}, s0[sizeof vec_sig + 3] = {0};
	const size_t nl = sizeof vec_n, sl = sizeof vec_sig;
	const size_t ml = strlen(vec_msg);
	(void)state;

	memcpy(n0 + 3, vec_n, nl);
	memcpy(s0 + 3, vec_sig, sl);
	/* modulus 00 00 00 n (131 bytes): sig of 128 (stripped) or 131 (as given) bytes. */
	assert_int_equal(verify(n0, nl + 3, VEC_E, vec_sig, sl, vec_msg, ml), SS_RSA_OK);
	assert_int_equal(verify(n0, nl + 3, VEC_E, s0, sl + 3, vec_msg, ml), SS_RSA_OK);
	assert_int_equal(verify(n0, nl + 3, VEC_E, s0 + 1, sl + 2, vec_msg, ml), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify(n0, nl + 3, VEC_E, s0 + 2, sl + 1, vec_msg, ml), SS_RSA_BAD_LENGTH);
	/* With no zero bytes on the modulus, a zero-padded signature is a length error. */
	assert_int_equal(verify(vec_n, nl, VEC_E, s0 + 2, sl + 1, vec_msg, ml), SS_RSA_BAD_LENGTH);
	/* A non-zero byte in the extra leading room makes the signature >= n. */
	s0[0] = 1;
	assert_int_equal(verify(n0, nl + 3, VEC_E, s0, sl + 3, vec_msg, ml), SS_RSA_OUT_OF_RANGE);
}

/* ---- RSA: one corruption class per result code -------------------------------------------- */

/* Every single-bit flip of the signature: >= n is OUT_OF_RANGE, anything else decrypts to
 * noise, which is BAD_PADDING. */
static void test_rsa_signature_bit_flips(void **state)
{
	uint8_t s[sizeof vec_sig];
	size_t out_of_range = 0;
	(void)state;

	for (size_t bit = 0; bit < 8 * sizeof s; bit++) {
		memcpy(s, vec_sig, sizeof s);
		s[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
		enum ss_rsa_result want = be_geq(s, vec_n, sizeof s) ? SS_RSA_OUT_OF_RANGE
								  : SS_RSA_BAD_PADDING;
		out_of_range += want == SS_RSA_OUT_OF_RANGE;
		assert_int_equal(verify_vec_sig(s, sizeof s), want);
	}
	/* n starts with 0xCE, s with 0x93: setting s's 0x40 bit makes it >= n. */
	assert_true(out_of_range >= 1);
}

static void test_rsa_message_bit_flips(void **state)
{
	const size_t ml = strlen(vec_msg);
	uint8_t m[sizeof vec_msg];
	(void)state;

	for (size_t bit = 0; bit < 8 * ml; bit++) {
		memcpy(m, vec_msg, sizeof m);
		m[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, m, ml),
				 SS_RSA_DIGEST_MISMATCH);
	}
	/* Shorter, longer, empty and NULL-with-length-0 messages. */
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, vec_msg,
				ml - 1),
			 SS_RSA_DIGEST_MISMATCH);
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, vec_msg,
				ml + 1),
			 SS_RSA_DIGEST_MISMATCH);
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, vec_msg, 0),
			 SS_RSA_DIGEST_MISMATCH);
	assert_int_equal(ss_rsa_verify_sha256(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig,
					      NULL, 0),
			 SS_RSA_DIGEST_MISMATCH);
}

/* Blocks that are wrong in one place each (see the fixture comment). */
static void test_rsa_bad_padding_blocks(void **state)
{
	(void)state;
	assert_int_equal(verify_vec_sig(vec_sig_bt2, sizeof vec_sig_bt2), SS_RSA_BAD_PADDING);
	assert_int_equal(verify_vec_sig(vec_sig_psbad, sizeof vec_sig_psbad), SS_RSA_BAD_PADDING);
	assert_int_equal(verify_vec_sig(vec_sig_sepbad, sizeof vec_sig_sepbad), SS_RSA_BAD_PADDING);
	assert_int_equal(verify_vec_sig(vec_sig_dibad, sizeof vec_sig_dibad), SS_RSA_BAD_PADDING);
	assert_int_equal(verify_vec_sig(vec_sig_sha1, sizeof vec_sig_sha1), SS_RSA_BAD_PADDING);
}

/* Perfect padding around a digest that differs from the message's in one bit. */
static void test_rsa_digest_one_bit_off(void **state)
{
	(void)state;
	assert_int_equal(verify_vec_sig(vec_sig_hlast, sizeof vec_sig_hlast),
			 SS_RSA_DIGEST_MISMATCH);
	assert_int_equal(verify_vec_sig(vec_sig_hfirst, sizeof vec_sig_hfirst),
			 SS_RSA_DIGEST_MISMATCH);
}

/* Signature integers at and around the edges of [0, n). */
static void test_rsa_signature_range(void **state)
{
	uint8_t s[sizeof vec_n];
	(void)state;

	memcpy(s, vec_n, sizeof s); /* s = n */
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_OUT_OF_RANGE);
	s[sizeof s - 1] ^= 2; /* n is odd: this is n + 2 */
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_OUT_OF_RANGE);
	memset(s, 0xff, sizeof s);
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_OUT_OF_RANGE);

	memcpy(s, vec_n, sizeof s);
	s[sizeof s - 1] ^= 1; /* n - 1: (-1)^e = n - 1, a block starting CE.. */
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_BAD_PADDING);
	memset(s, 0, sizeof s); /* 0 */
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_BAD_PADDING);
	s[sizeof s - 1] = 1; /* 1 */
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_BAD_PADDING);
}

static void test_rsa_signature_lengths(void **state)
{
	uint8_t s[sizeof vec_sig + 1] = {0};
	(void)state;

	memcpy(s + 1, vec_sig, sizeof vec_sig);
	assert_int_equal(verify_vec_sig(vec_sig, 0), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify_vec_sig(vec_sig, 1), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify_vec_sig(vec_sig, sizeof vec_sig - 1), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify_vec_sig(vec_sig + 1, sizeof vec_sig - 1), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify_vec_sig(s, sizeof s), SS_RSA_BAD_LENGTH);
	assert_int_equal(ss_rsa_verify_sha256(vec_n, sizeof vec_n, VEC_E, NULL, 0,
					      (const uint8_t *)vec_msg, strlen(vec_msg)),
			 SS_RSA_BAD_LENGTH);
	/* NULL buffers with a length are reported, not read. */
	assert_int_equal(ss_rsa_verify_sha256(vec_n, sizeof vec_n, VEC_E, NULL, sizeof vec_sig,
					      (const uint8_t *)vec_msg, strlen(vec_msg)),
			 SS_RSA_BAD_LENGTH);
	assert_int_equal(ss_rsa_verify_sha256(vec_n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig,
					      NULL, 5),
			 SS_RSA_BAD_LENGTH);
}

static void test_rsa_bad_modulus(void **state)
{
	uint8_t n[SS_RSA_MAX_BYTES + 1];
	const size_t ml = strlen(vec_msg);
	(void)state;

	/* Zero, in several widths, and empty. */
	memset(n, 0, sizeof n);
	assert_int_equal(verify(n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, vec_msg, ml),
			 SS_RSA_BAD_KEY);
	assert_int_equal(verify(n, 1, VEC_E, vec_sig, sizeof vec_sig, vec_msg, ml), SS_RSA_BAD_KEY);
	assert_int_equal(verify(n, 0, VEC_E, vec_sig, sizeof vec_sig, vec_msg, ml), SS_RSA_BAD_KEY);
	assert_int_equal(verify(n, 0, VEC_E, vec_sig, 0, vec_msg, ml), SS_RSA_BAD_KEY);
	assert_int_equal(ss_rsa_verify_sha256(NULL, 0, VEC_E, vec_sig, sizeof vec_sig,
					      (const uint8_t *)vec_msg, ml),
			 SS_RSA_BAD_KEY);
	assert_int_equal(ss_rsa_verify_sha256(NULL, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig,
					      (const uint8_t *)vec_msg, ml),
			 SS_RSA_BAD_KEY);

	/* Even. */
	memcpy(n, vec_n, sizeof vec_n);
	n[sizeof vec_n - 1] &= 0xfe;
	assert_int_equal(verify(n, sizeof vec_n, VEC_E, vec_sig, sizeof vec_sig, vec_msg, ml),
			 SS_RSA_BAD_KEY);

	/* 61 bytes (odd, top byte non-zero) cannot hold the padding; 62 can (see
	 * test_rsa_minimum_modulus_ok). 00 80 .. 01 is 62 bytes as given, 61 stripped. */
	assert_int_equal(verify(small_n + 1, 61, 65537, small_sig + 1, 61, "x", 1), SS_RSA_BAD_KEY);
	uint8_t z[62] = {0};
	z[1] = 0x80;
	z[61] = 1;
	assert_int_equal(verify(z, 62, 65537, small_sig, 62, "x", 1), SS_RSA_BAD_KEY);
	assert_int_equal(verify(z + 1, 61, 65537, small_sig + 1, 61, "x", 1), SS_RSA_BAD_KEY);

	/* Longest accepted modulus (512 bytes) reaches the arithmetic; 513 is a key error. */
	memset(n, 0xff, sizeof n);
	uint8_t s[SS_RSA_MAX_BYTES + 1];
	memset(s, 0, sizeof s);
	s[sizeof s - 1] = 2;
	assert_int_equal(verify(n, SS_RSA_MAX_BYTES, 3, s, SS_RSA_MAX_BYTES, "x", 1),
			 SS_RSA_BAD_PADDING);
	assert_int_equal(verify(n, sizeof n, 3, s, sizeof s, "x", 1), SS_RSA_BAD_KEY);
	/* ... unless the extra byte is a leading zero. */
	n[0] = 0;
	assert_int_equal(verify(n, sizeof n, 3, s, sizeof s, "x", 1), SS_RSA_BAD_PADDING);
}

static void test_rsa_bad_exponent(void **state)
{
	static const uint32_t bad[] = {0, 1, 2, 4, 65536, 65538, 0x80000000u, 0xfffffffeu};
	const size_t ml = strlen(vec_msg);
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(verify(vec_n, sizeof vec_n, bad[i], vec_sig, sizeof vec_sig,
					vec_msg, ml),
				 SS_RSA_BAD_KEY);
	/* Acceptable exponents that are not the key's: the block is noise. */
	assert_int_equal(verify(vec_n, sizeof vec_n, 3, vec_sig, sizeof vec_sig, vec_msg, ml),
			 SS_RSA_BAD_PADDING);
	assert_int_equal(verify(vec_n, sizeof vec_n, 65539, vec_sig, sizeof vec_sig, vec_msg, ml),
			 SS_RSA_BAD_PADDING);
	assert_int_equal(verify(vec_n, sizeof vec_n, 0xffffffffu, vec_sig, sizeof vec_sig, vec_msg,
				ml),
			 SS_RSA_BAD_PADDING);
}

/* Checks apply in the order of the result codes: a bad key wins over a bad length, a bad
 * length over a range error, and so on. */
static void test_rsa_check_order(void **state)
{
	uint8_t big[sizeof vec_n];
	(void)state;

	memset(big, 0xff, sizeof big);
	assert_int_equal(verify(vec_n, sizeof vec_n, 2, vec_sig, 3, vec_msg, 1), SS_RSA_BAD_KEY);
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, big, 3, vec_msg, 1), SS_RSA_BAD_LENGTH);
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, big, sizeof big, vec_msg, 1),
			 SS_RSA_OUT_OF_RANGE);
	assert_int_equal(verify(vec_n, sizeof vec_n, VEC_E, vec_sig_bt2, sizeof vec_sig_bt2, "", 0),
			 SS_RSA_BAD_PADDING);
}

static void test_rsa_result_str(void **state)
{
	const enum ss_rsa_result all[] = {SS_RSA_OK, SS_RSA_BAD_KEY, SS_RSA_BAD_LENGTH,
					  SS_RSA_OUT_OF_RANGE, SS_RSA_BAD_PADDING,
					  SS_RSA_DIGEST_MISMATCH};
	const size_t count = sizeof all / sizeof all[0];
	(void)state;

	assert_string_equal(ss_rsa_result_str(SS_RSA_OK), "signature valid");
	for (size_t i = 0; i < count; i++) {
		const char *s = ss_rsa_result_str(all[i]);
		assert_non_null(s);
		assert_true(strlen(s) > 0 && strlen(s) < 60);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(s, ss_rsa_result_str(all[j]));
	}
	assert_string_equal(ss_rsa_result_str((enum ss_rsa_result)99), "unknown RSA result");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_empty),
		cmocka_unit_test(test_sha256_fips_vectors),
		cmocka_unit_test(test_sha256_million_a),
		cmocka_unit_test(test_sha256_padding_boundaries),
		cmocka_unit_test(test_sha256_split_updates),
		cmocka_unit_test(test_rsa_vector_ok),
		cmocka_unit_test(test_rsa_minimum_modulus_ok),
		cmocka_unit_test(test_rsa_leading_zeros),
		cmocka_unit_test(test_rsa_signature_bit_flips),
		cmocka_unit_test(test_rsa_message_bit_flips),
		cmocka_unit_test(test_rsa_bad_padding_blocks),
		cmocka_unit_test(test_rsa_digest_one_bit_off),
		cmocka_unit_test(test_rsa_signature_range),
		cmocka_unit_test(test_rsa_signature_lengths),
		cmocka_unit_test(test_rsa_bad_modulus),
		cmocka_unit_test(test_rsa_bad_exponent),
		cmocka_unit_test(test_rsa_check_order),
		cmocka_unit_test(test_rsa_result_str),
	};
	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
