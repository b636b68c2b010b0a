/* SPDX-License-Identifier: MIT */
/* Test fixtures for the core's unit tests: a complete, consistent set of ACPI tables (RSDP,
 * RSDT, XSDT, FACP, SLIC, MSDM) built byte by byte from the documented layouts
 * (docs/FACTS.md §2-4, ACPI 6.5 §5.2), written independently of the acpi/ sources
 * (no core code is used to build, sign or checksum them), plus helpers to load them into a
 * table set, render them as acpidump text and look findings up.
 *
 * Every function is static: the Makefile links each test program from its own .c only.
 * Include after <cmocka.h>.
 *
 * The SLIC key and marker signatures are a throwaway RSA-1024 test key (e = 65537), made once
 * with the openssl CLI and embedded here:
 *   openssl genrsa -out key.pem 1024
 *   openssl rsa -in key.pem -noout -modulus                      -> fx_key_n_be
 *   (modulus reversed to little-endian, as stored)  | openssl dgst -sha256  -> FX_KEY_FP
 *   for each variant: msg = the 46 bytes of marker +8..+53
 *     (dwVersion, OEMID, OEMTableID, flag, version, 16 zero bytes)
 *   openssl dgst -sha256 -sign key.pem -out sig.bin msg.bin      -> .sig
 *   openssl dgst -sha256 -verify pub.pem -signature sig.bin msg.bin   (Verified OK)
 * The MSDM key is fake (the alphabet in order, one 'N'); it is not a product key. */
#ifndef SS_TEST_FIXTURE_H
#define SS_TEST_FIXTURE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slicscan.h"

#define FX_UNUSED __attribute__((unused))

/* ---- the test key and signed markers (generated, see above) ------------------------------ */

struct fx_marker_variant {
	const char *name;
	uint32_t dw_version;  /* marker +8 */
	const char *oem;      /* marker +12, 6 bytes */
	const char *table;    /* marker +18, 8 bytes */
	const char *flag;     /* marker +26, 8 bytes */
	uint32_t version;     /* marker +34 */
	uint8_t sig[128];     /* marker +54, big-endian as openssl writes it */
};

/* modulus n, big-endian as openssl prints it */
static FX_UNUSED const uint8_t fx_key_n_be[128] = {
	0xd5, 0x0b, 0x0c, 0x1e, 0x7b, 0x7d, 0xef, 0x27, 0xa3, 0x5d, 0x5d, 0xb4,
	0x5c, 0x84, 0xb8, 0xe8, 0xa4, 0x4d, 0x9c, 0xc9, 0xbf, 0xa2, 0x3d, 0xbb,
	0xd3, 0x82, 0x8a, 0xae, 0xef, 0xd9, 0x68, 0x1c, 0x02, 0x16, 0xb0, 0xbb,
	0x18, 0xa8, 0xc9, 0x07, 0xdb, 0x19, 0xc9, 0x10, 0x6a, 0x09, 0xe9, 0x48,
	0xec, 0xce, 0xb4, 0x09, 0xfc, 0xd2, 0xf1, 0xca, 0xac, 0xe8, 0x22, 0x5b,
	0x03, 0x82, 0x2d, 0x9a, 0xfc, 0x0b, 0x55, 0x41, 0xf4, 0x1b, 0x43, 0x68,
	0xd1, 0x4f, 0x3f, 0xbd, 0xb2, 0xc2, 0xd9, 0x90, 0x0c, 0xb4, 0xb5, 0xd2,
	0xf1, 0xcb, 0xb6, 0x32, 0x12, 0x99, 0x61, 0x8e, 0xeb, 0x86, 0x9c, 0x92,
	0xc8, 0xf9, 0x02, 0x4f, 0x20, 0x19, 0x26, 0x5f, 0x68, 0x35, 0x84, 0xa8,
	0x11, 0x5e, 0x26, 0x19, 0xaa, 0x1a, 0x21, 0xe6, 0x3b, 0xda, 0xf3, 0xef,
	0xf8, 0x1e, 0xf6, 0x71, 0x13, 0xc2, 0xba, 0x8b,
};
#define FX_KEY_FP "6f541d0f4238be20"
static FX_UNUSED const struct fx_marker_variant fx_markers[] = {
	{ "good", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWS ", 0x00020001, {
		0x97, 0xb9, 0x31, 0x09, 0x6b, 0x1b, 0x88, 0x15, 0xcc, 0x73, 0xac, 0xb8,
		0xe1, 0x2a, 0x53, 0x7f, 0x1c, 0x5e, 0x46, 0xb9, 0x16, 0x14, 0x5d, 0x96,
		0x1a, 0xa5, 0x07, 0x8f, 0xb3, 0xa6, 0x95, 0x26, 0xad, 0xea, 0xf9, 0x7d,
		0xcd, 0x7c, 0x23, 0x8f, 0x04, 0x5e, 0xbd, 0x5c, 0x1d, 0xf2, 0x79, 0x21,
		0x29, 0x8a, 0x5d, 0x8c, 0x0d, 0x25, 0xbd, 0xb5, 0xd1, 0x03, 0x0f, 0x27,
		0x4a, 0x6f, 0xbe, 0x6f, 0x7e, 0x1b, 0xa7, 0x8a, 0xf8, 0x7e, 0x64, 0x8a,
		0x78, 0x83, 0x29, 0x40, 0x65, 0x09, 0x1b, 0x60, 0xc2, 0x4a, 0x12, 0xdf,
		0x5f, 0x5c, 0xc0, 0x19, 0x85, 0x5f, 0x53, 0xb1, 0xd9, 0xe8, 0xae, 0x16,
		0x0b, 0x28, 0xf2, 0x0d, 0x18, 0x3a, 0xa1, 0xbf, 0x0d, 0x70, 0x41, 0x23,
		0x73, 0x6a, 0xb1, 0x8e, 0x4f, 0x5b, 0xda, 0x88, 0xd7, 0x18, 0x5f, 0xa3,
		0x72, 0xa5, 0xf0, 0x55, 0x27, 0x70, 0x6e, 0x75,
	} },
	{ "v0", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWS ", 0x00000000, {
		0x1a, 0xbe, 0xbe, 0x2c, 0x54, 0xca, 0xc9, 0x7c, 0x84, 0x1d, 0xa1, 0x66,
		0x66, 0x33, 0xc0, 0x57, 0xc6, 0xed, 0x60, 0x0f, 0x53, 0x2b, 0x4d, 0x4b,
		0xb4, 0x34, 0xa4, 0x36, 0x50, 0x7a, 0x7e, 0x8d, 0xf5, 0x64, 0xa6, 0xda,
		0xa6, 0x90, 0x9c, 0xbd, 0x6f, 0x92, 0x0e, 0xce, 0x4a, 0xa5, 0x73, 0x28,
		0xc0, 0xfe, 0x72, 0x10, 0x47, 0xda, 0x5c, 0xd5, 0x23, 0x1e, 0xee, 0x24,
		0xa5, 0x25, 0x41, 0x6c, 0x37, 0x56, 0x9d, 0xb3, 0x72, 0xac, 0x3a, 0x3e,
		0x5a, 0x9c, 0x13, 0x88, 0xcf, 0xec, 0x30, 0x1a, 0xa1, 0xe1, 0xc3, 0x55,
		0x55, 0x03, 0x5e, 0x61, 0xd5, 0x40, 0x51, 0xe0, 0xeb, 0x53, 0x44, 0x2b,
		0x66, 0x2e, 0xf7, 0xc8, 0xbd, 0x09, 0x7a, 0x7e, 0x59, 0x77, 0x64, 0x40,
		0x80, 0x3b, 0x8c, 0x2d, 0xa6, 0xfb, 0x26, 0x39, 0x79, 0xa2, 0xc0, 0xbf,
		0x68, 0x84, 0x97, 0xac, 0xd5, 0x2e, 0x2b, 0x00,
	} },
	{ "v20", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWS ", 0x00020000, {
		0x4e, 0xf9, 0x03, 0x16, 0x94, 0x96, 0x68, 0x89, 0x33, 0x7b, 0xe6, 0x96,
		0x6f, 0xdb, 0x04, 0x9a, 0xec, 0xef, 0x80, 0xc4, 0x1c, 0x8d, 0xa0, 0x12,
		0x33, 0xa6, 0xba, 0x2b, 0x54, 0xa3, 0x1e, 0x65, 0x05, 0xff, 0xcb, 0x94,
		0xf3, 0xd1, 0x87, 0xf5, 0xa3, 0xc8, 0x19, 0x14, 0x3e, 0xae, 0x24, 0xd5,
		0xd7, 0x6d, 0xe4, 0xf0, 0x1b, 0x77, 0xee, 0x33, 0xe1, 0x45, 0x82, 0x8d,
		0xdd, 0x7f, 0x61, 0xdf, 0x88, 0x76, 0xba, 0x72, 0x2e, 0xd5, 0x20, 0x3c,
		0xde, 0xc7, 0xd8, 0xe7, 0xef, 0xa6, 0x13, 0x02, 0x7d, 0x74, 0x99, 0xd6,
		0x59, 0x95, 0x63, 0x26, 0x82, 0xc5, 0x42, 0xd4, 0x3a, 0x2c, 0x9e, 0x5f,
		0x7c, 0xaa, 0x49, 0x8d, 0xe2, 0x9a, 0xf4, 0x68, 0x9f, 0x70, 0x36, 0xb0,
		0x10, 0x9e, 0x98, 0xab, 0x47, 0xa7, 0x65, 0x44, 0x32, 0xc5, 0xf3, 0xb7,
		0xc9, 0x05, 0x5d, 0xdf, 0xf4, 0xaa, 0x65, 0x3d,
	} },
	{ "v23", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWS ", 0x00020003, {
		0x0e, 0x37, 0xda, 0x8c, 0xe0, 0xf4, 0x12, 0xeb, 0xd3, 0xc8, 0xf9, 0xd6,
		0x7c, 0xa7, 0x4d, 0x69, 0x67, 0xf5, 0x91, 0x7e, 0x00, 0x23, 0xf9, 0x88,
		0x27, 0x68, 0xc2, 0xb3, 0xf2, 0x7a, 0xda, 0xa2, 0xc0, 0x0c, 0xc9, 0x39,
		0x82, 0xa8, 0x45, 0x47, 0x07, 0x08, 0xf6, 0x0b, 0xc6, 0xa0, 0x1f, 0x4d,
		0x29, 0x7a, 0xa3, 0x38, 0x5f, 0x91, 0x3b, 0x5c, 0xe3, 0x3c, 0x80, 0xd6,
		0x74, 0x9a, 0x88, 0x23, 0x7e, 0xf6, 0x84, 0x62, 0xc4, 0x48, 0xa1, 0x3b,
		0xab, 0xb0, 0x23, 0x42, 0xe5, 0x41, 0xcb, 0x83, 0xb0, 0x1a, 0x5b, 0xbe,
		0x61, 0xd1, 0xfb, 0x4e, 0xe2, 0xcd, 0x79, 0x48, 0x0c, 0x38, 0x64, 0x7d,
		0xcb, 0x09, 0x91, 0xfb, 0x69, 0xd3, 0xf0, 0x92, 0xec, 0x30, 0x31, 0xa6,
		0x91, 0x0d, 0xaf, 0x04, 0x4e, 0x5a, 0xf2, 0xcd, 0x1b, 0xe8, 0x0e, 0x1b,
		0x7c, 0xc7, 0xc8, 0xfb, 0xfd, 0x65, 0x8f, 0x8a,
	} },
	{ "v30", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWS ", 0x00030000, {
		0x1b, 0xe8, 0x56, 0xc1, 0x92, 0xef, 0x9b, 0x2e, 0x27, 0x95, 0xc1, 0x6c,
		0x2a, 0x7d, 0x04, 0xd2, 0x35, 0x8b, 0xa2, 0x3b, 0xd4, 0x09, 0x0f, 0x4c,
		0xc7, 0x25, 0x8d, 0x59, 0x67, 0xb2, 0x2a, 0x19, 0xc2, 0x4e, 0x1c, 0x01,
		0xce, 0x7f, 0x06, 0xd9, 0xc7, 0x96, 0xdf, 0x65, 0x16, 0x7a, 0x8e, 0xa5,
		0xcb, 0xd3, 0xfa, 0x2d, 0xe8, 0xda, 0x65, 0x33, 0xed, 0x84, 0x18, 0x53,
		0x79, 0x0d, 0x44, 0xf5, 0x75, 0xe6, 0xc8, 0x3e, 0xfa, 0xdc, 0xce, 0x0f,
		0x64, 0xfb, 0x2c, 0x5c, 0x1a, 0xce, 0x10, 0x0b, 0x37, 0x84, 0xe7, 0x02,
		0x38, 0xce, 0x89, 0xb3, 0xae, 0x43, 0x49, 0x24, 0xc3, 0xf7, 0xad, 0x61,
		0xf7, 0x46, 0x13, 0x39, 0xf5, 0x08, 0xc8, 0x66, 0x07, 0xf9, 0xa1, 0xe2,
		0x45, 0xad, 0x4f, 0x99, 0x33, 0xb5, 0x01, 0x58, 0x57, 0x5f, 0x88, 0xcd,
		0x85, 0x8e, 0xf7, 0x9f, 0x30, 0xae, 0x4e, 0x50,
	} },
	{ "flagz", 0x00020000, "SSTEST", "SSTESTKY", "WINDOWZ ", 0x00020001, {
		0x65, 0xd3, 0x90, 0x18, 0x7e, 0xaa, 0xdf, 0xff, 0xbc, 0x78, 0x91, 0x89,
		0x11, 0xb1, 0x56, 0xd6, 0x00, 0x68, 0x40, 0xe0, 0xcd, 0x05, 0x42, 0x9e,
		0xfc, 0x67, 0xab, 0xc7, 0x7f, 0xcc, 0x31, 0x81, 0xf4, 0x01, 0x61, 0x71,
		0x06, 0xe7, 0x29, 0x66, 0xf5, 0xb0, 0x2f, 0x3f, 0x21, 0xe4, 0x87, 0x1e,
		0x2c, 0x50, 0xdc, 0x29, 0x94, 0x73, 0x01, 0x01, 0x49, 0xf4, 0x81, 0x19,
		0x2d, 0x3c, 0x06, 0x95, 0x0e, 0x8e, 0xcc, 0x25, 0x7d, 0x01, 0xdf, 0x77,
		0x6d, 0xa3, 0x69, 0x04, 0x3e, 0x65, 0x9b, 0xd3, 0x67, 0xab, 0xda, 0x60,
		0x43, 0x0d, 0xa7, 0x08, 0xf0, 0x7c, 0xb0, 0x26, 0xaf, 0x67, 0x8f, 0x0b,
		0xc9, 0x09, 0x11, 0x47, 0x4c, 0x18, 0x9b, 0x8f, 0x81, 0x35, 0xd1, 0x53,
		0x24, 0xc6, 0x0e, 0x81, 0x34, 0x4a, 0x8b, 0x89, 0x9f, 0x11, 0xf8, 0x84,
		0xa0, 0x69, 0x88, 0x1d, 0x72, 0xc9, 0xf2, 0x03,
	} },
	{ "other", 0x00020000, "SSOTHR", "SSOTHRKY", "WINDOWS ", 0x00020001, {
		0xcc, 0x7f, 0x81, 0xff, 0x40, 0x61, 0xe2, 0x73, 0x45, 0xdd, 0x5a, 0x30,
		0xc6, 0x26, 0xab, 0xd6, 0xbf, 0x8e, 0xf9, 0x7b, 0xf6, 0x00, 0x1c, 0x11,
		0xce, 0x5a, 0x5e, 0xe6, 0x74, 0x0c, 0x49, 0x6d, 0xfd, 0xca, 0x40, 0xfe,
		0xa3, 0x4a, 0xa8, 0x48, 0xb4, 0x74, 0x5d, 0xbe, 0xb0, 0x4d, 0xe3, 0xa8,
		0x6b, 0xb7, 0x3f, 0x96, 0xb9, 0x2e, 0x38, 0xa6, 0x17, 0x5e, 0x27, 0x20,
		0x7f, 0xb8, 0xdf, 0x5c, 0x03, 0x94, 0xe6, 0xda, 0x81, 0xa3, 0x6c, 0x8d,
		0x20, 0x00, 0x2c, 0x2d, 0xae, 0x3c, 0x14, 0xb4, 0xdd, 0x35, 0xfa, 0x7e,
		0x25, 0x4d, 0x20, 0x69, 0x61, 0x9c, 0xfe, 0xf8, 0x82, 0x65, 0xa2, 0xc4,
		0xcb, 0x73, 0xdd, 0x2a, 0x56, 0x0d, 0xd3, 0x2b, 0x68, 0xdc, 0x49, 0xc7,
		0x49, 0x27, 0x94, 0x86, 0x5d, 0xaa, 0xe8, 0xcf, 0x7e, 0x76, 0xbf, 0x27,
		0x5c, 0x81, 0x1b, 0x5e, 0x5b, 0xd0, 0xb5, 0xc0,
	} },
	{ "othertab", 0x00020000, "SSTEST", "SSOTHRKY", "WINDOWS ", 0x00020001, {
		0x30, 0x94, 0x31, 0x5d, 0x15, 0xf0, 0xd0, 0x49, 0x57, 0x01, 0xcb, 0x4a,
		0x1c, 0x40, 0xb3, 0x42, 0xed, 0xe3, 0xda, 0xa3, 0x62, 0x73, 0xa4, 0xa5,
		0x18, 0xa6, 0x35, 0x0e, 0xd1, 0x45, 0xaf, 0xdc, 0x45, 0xfb, 0x4d, 0xe2,
		0x47, 0x43, 0x07, 0xac, 0x7c, 0xa6, 0x3e, 0xce, 0xc2, 0x60, 0x8f, 0x18,
		0xd8, 0x07, 0xc9, 0x01, 0x7b, 0xc1, 0x7d, 0x86, 0x1a, 0xea, 0xb1, 0x87,
		0x15, 0x59, 0x8a, 0xde, 0x1b, 0xb6, 0x0d, 0xe1, 0x5c, 0x47, 0x29, 0xc6,
		0xd3, 0xb3, 0x20, 0xa7, 0xf7, 0x6c, 0xcb, 0x88, 0x09, 0x68, 0xe5, 0x63,
		0xec, 0x09, 0x68, 0x56, 0x7f, 0x73, 0x00, 0x0d, 0xe7, 0x70, 0x24, 0x32,
		0xe7, 0xe8, 0x0f, 0x21, 0x20, 0x76, 0xe8, 0x3e, 0x83, 0xd8, 0x9f, 0x7a,
		0x7a, 0x89, 0x18, 0x36, 0xae, 0x6e, 0xf1, 0x72, 0x45, 0xfc, 0x89, 0x12,
		0xf7, 0x2a, 0x61, 0x1c, 0x8a, 0xca, 0x3a, 0xb9,
	} },
	{ "nul", 0x00020000, "SSNUL\0", "SSNULKY\0", "WINDOWS ", 0x00020001, {
		0x3d, 0x62, 0x0a, 0x38, 0x8d, 0x2d, 0xea, 0x2a, 0xf5, 0x2f, 0x14, 0xf4,
		0xce, 0x01, 0x86, 0xcf, 0xfd, 0x0f, 0x57, 0x26, 0x8a, 0x6b, 0x33, 0x28,
		0x0e, 0x57, 0xc9, 0x1e, 0x06, 0x38, 0x4b, 0x53, 0x4a, 0xc7, 0x73, 0x2b,
		0xb8, 0x74, 0x98, 0xe5, 0x7f, 0xf8, 0xac, 0xc1, 0x5f, 0xfb, 0x33, 0x99,
		0xd6, 0x35, 0xf3, 0x6d, 0x4e, 0xd7, 0xf3, 0x2e, 0x62, 0x20, 0x55, 0xed,
		0x67, 0xd2, 0xd5, 0xb7, 0xc8, 0x6b, 0xb9, 0x08, 0x8d, 0x6e, 0x19, 0x6d,
		0xaa, 0x63, 0xf8, 0xc2, 0x5a, 0x34, 0xa9, 0xb5, 0xc3, 0x5b, 0x3c, 0xb8,
		0xee, 0x5a, 0x48, 0x2e, 0xe4, 0xa2, 0x03, 0xab, 0x20, 0x90, 0xfe, 0xf4,
		0xf2, 0xf1, 0x5e, 0xae, 0x02, 0x05, 0x1c, 0xfb, 0x74, 0xbd, 0xa3, 0x2a,
		0xd4, 0xbb, 0xbc, 0x53, 0x07, 0x89, 0x3d, 0x97, 0xaa, 0x98, 0x1e, 0xf6,
		0x2d, 0xce, 0x39, 0x3f, 0x18, 0xe8, 0xda, 0xad,
	} },
};

#define FX_NMARKERS (sizeof(fx_markers) / sizeof(fx_markers[0]))

/* A fake product key of the right alphabet with exactly one 'N' (never a real key). */
#define FX_MSDM_KEY "NBCDF-GHJKM-PQRTV-WXY23-46789"
#define FX_MSDM_KEY_MASKED "XXXXX-XXXXX-XXXXX-XXXXX-46789"

#define FX_OEM "SSTEST"
#define FX_TAB "SSTESTKY"

/* Offsets inside the SLIC fixture (documented layout: header, key 0x9C, marker 0xB6). */
#define FX_SLIC_LEN 0x176
#define FX_KEY_OFF 36
#define FX_KEY_LEN 0x9C
#define FX_MK_OFF (36 + 0x9C)
#define FX_MK_LEN 0xB6
#define FX_MSDM_LEN 0x55

/* Physical addresses of the fixture tables (also the mock memory layout of test_walk.c). */
#define FX_RSDP_ADDR 0x000f0010ull
#define FX_RSDT_ADDR 0x7ff00000ull
#define FX_XSDT_ADDR 0x7ff00080ull
#define FX_FACP_ADDR 0x7ff00100ull
#define FX_SLIC_ADDR 0x7ff00200ull
#define FX_MSDM_ADDR 0x7ff00600ull
#define FX_EXTRA_ADDR 0x7ff00800ull /* + 0x400 per extra table */

static FX_UNUSED const struct fx_marker_variant *fx_marker(const char *name)
{
	for (size_t i = 0; i < FX_NMARKERS; i++)
		if (!strcmp(fx_markers[i].name, name))
			return &fx_markers[i];
	fprintf(stderr, "fixture: no marker variant %s\n", name);
	abort();
}

/* ---- byte builders ------------------------------------------------------------------------ */

static FX_UNUSED void fx_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static FX_UNUSED void fx_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static FX_UNUSED void fx_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static FX_UNUSED uint32_t fx_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static FX_UNUSED uint8_t fx_sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

/* Make the n bytes at p sum to zero by choosing the byte at p[at]. */
static FX_UNUSED void fx_checksum_at(uint8_t *p, size_t n, size_t at)
{
	p[at] = 0;
	p[at] = (uint8_t)(0x100 - fx_sum(p, n));
}

/* The 36-byte ACPI header (ACPI 6.5 §5.2.6); checksum left 0. */
static FX_UNUSED void fx_header(uint8_t *b, const char sig[4], uint32_t len, uint8_t rev, const char *oem,
		      const char *tab)
{
	memcpy(b, sig, 4);
	fx_le32(b + 4, len);
	b[8] = rev;
	b[9] = 0;
	memcpy(b + 10, oem, 6);
	memcpy(b + 16, tab, 8);
	fx_le32(b + 24, 1);        /* OEM revision */
	memcpy(b + 28, "SSFX", 4); /* creator ID */
	fx_le32(b + 32, 1);        /* creator revision */
}

/* SLIC type 0, OEM public key, 0x9C bytes (docs/FACTS.md §2.2). */
static FX_UNUSED void fx_key_subtable(uint8_t *k)
{
	memset(k, 0, FX_KEY_LEN);
	fx_le32(k + 0, 0);
	fx_le32(k + 4, FX_KEY_LEN);
	k[8] = 0x06;  /* bType PUBLICKEYBLOB */
	k[9] = 0x02;  /* bVersion */
	fx_le16(k + 10, 0);
	fx_le32(k + 12, 0x00002400); /* CALG_RSA_SIGN */
	memcpy(k + 16, "RSA1", 4);
	fx_le32(k + 20, 1024);
	fx_le32(k + 24, 65537);
	for (int i = 0; i < 128; i++)
		k[28 + i] = fx_key_n_be[127 - i]; /* little-endian */
}

/* SLIC type 1, Windows marker, 0xB6 bytes. */
static FX_UNUSED void fx_marker_subtable(uint8_t *m, const struct fx_marker_variant *v)
{
	memset(m, 0, FX_MK_LEN);
	fx_le32(m + 0, 1);
	fx_le32(m + 4, FX_MK_LEN);
	fx_le32(m + 8, v->dw_version);
	memcpy(m + 12, v->oem, 6);
	memcpy(m + 18, v->table, 8);
	memcpy(m + 26, v->flag, 8);
	fx_le32(m + 34, v->version);
	/* +38 reserved[16] stays zero */
	memcpy(m + 54, v->sig, 128);
}

/* A complete SLIC: header + key + marker, 0x176 bytes, checksum fixed. */
static FX_UNUSED size_t fx_build_slic(uint8_t *b, const char *oem, const char *tab, const char *marker)
{
	fx_header(b, "SLIC", FX_SLIC_LEN, 1, oem, tab);
	fx_key_subtable(b + FX_KEY_OFF);
	fx_marker_subtable(b + FX_MK_OFF, fx_marker(marker));
	fx_checksum_at(b, FX_SLIC_LEN, 9);
	return FX_SLIC_LEN;
}

/* MSDM (docs/FACTS.md §4): header + Version 1, Reserved 0, DataType 1, DataReserved 0,
 * DataLength 29, key. 0x55 bytes. */
static FX_UNUSED size_t fx_build_msdm(uint8_t *b, const char *oem, const char *tab, const char *key29)
{
	fx_header(b, "MSDM", FX_MSDM_LEN, 3, oem, tab);
	fx_le32(b + 36, 1);
	fx_le32(b + 40, 0);
	fx_le32(b + 44, 1);
	fx_le32(b + 48, 0);
	fx_le32(b + 52, 29);
	memcpy(b + 56, key29, 29);
	fx_checksum_at(b, FX_MSDM_LEN, 9);
	return FX_MSDM_LEN;
}

/* A revision-4 FADT (244 bytes); only the header matters to slicscan. */
static FX_UNUSED size_t fx_build_facp(uint8_t *b, const char *oem, const char *tab)
{
	memset(b, 0, 244);
	fx_header(b, "FACP", 244, 4, oem, tab);
	b[45] = 2; /* preferred PM profile: mobile */
	fx_checksum_at(b, 244, 9);
	return 244;
}

/* RSDP revision 2 (36 bytes), both checksums fixed. */
static FX_UNUSED void fx_build_rsdp(uint8_t *b, const char *oem, uint32_t rsdt, uint64_t xsdt)
{
	memset(b, 0, 36);
	memcpy(b, "RSD PTR ", 8);
	memcpy(b + 9, oem, 6);
	b[15] = 2;
	fx_le32(b + 16, rsdt);
	fx_le32(b + 20, 36);
	fx_le64(b + 24, xsdt);
	fx_checksum_at(b, 20, 8);
	fx_checksum_at(b, 36, 32);
}

static FX_UNUSED void fx_fix_rsdp(uint8_t *b, size_t len)
{
	if (len >= 20)
		fx_checksum_at(b, 20, 8);
	if (len >= 36)
		fx_checksum_at(b, 36, 32);
}

/* ---- a table set as the tests build it ---------------------------------------------------- */

enum { FX_RSDP = 0, FX_RSDT, FX_XSDT, FX_FACP, FX_SLIC, FX_MSDM, FX_NSTD };
#define FX_MAX 10
#define FX_CAP 1024

struct fx_tab {
	bool present;
	bool in_rsdt, in_xsdt;
	uint64_t addr;
	size_t len;
	uint8_t b[FX_CAP];
};

struct fx {
	struct fx_tab t[FX_MAX];
	size_t n;
};

/* Rebuild the RSDT and XSDT bodies from the present tables' in_rsdt/in_xsdt flags (their
 * headers' IDs are kept), fix their checksums, and point the RSDP at them. */
static FX_UNUSED void fx_relist(struct fx *f)
{
	struct fx_tab *rsdt = &f->t[FX_RSDT], *xsdt = &f->t[FX_XSDT];
	size_t nr = 0, nx = 0;
	for (size_t i = FX_FACP; i < f->n; i++) {
		if (!f->t[i].present)
			continue;
		if (f->t[i].in_rsdt)
			fx_le32(rsdt->b + 36 + 4 * nr++, (uint32_t)f->t[i].addr);
		if (f->t[i].in_xsdt)
			fx_le64(xsdt->b + 36 + 8 * nx++, f->t[i].addr);
	}
	rsdt->len = 36 + 4 * nr;
	xsdt->len = 36 + 8 * nx;
	fx_le32(rsdt->b + 4, (uint32_t)rsdt->len);
	fx_le32(xsdt->b + 4, (uint32_t)xsdt->len);
	fx_checksum_at(rsdt->b, rsdt->len, 9);
	fx_checksum_at(xsdt->b, xsdt->len, 9);
	uint8_t *p = f->t[FX_RSDP].b;
	fx_le32(p + 16, (uint32_t)rsdt->addr);
	fx_le64(p + 24, xsdt->addr);
	fx_fix_rsdp(p, 36);
}

/* Fix the checksum of table i over its bytes (RSDP: the 20- and 36-byte checksums). */
static FX_UNUSED void fx_fix(struct fx *f, size_t i)
{
	struct fx_tab *t = &f->t[i];
	if (i == FX_RSDP)
		fx_fix_rsdp(t->b, t->len);
	else if (t->len >= 10)
		fx_checksum_at(t->b, t->len, 9);
}

/* The good fixture: every table carries OEM ID "SSTEST" / table ID "SSTESTKY", the SLIC has
 * the test key and a valid 2.1 marker, the MSDM a well-formed fake key, RSDT and XSDT both
 * list FACP, SLIC and MSDM. */
static FX_UNUSED void fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	f->n = FX_NSTD;
	static const uint64_t addr[FX_NSTD] = { FX_RSDP_ADDR, FX_RSDT_ADDR, FX_XSDT_ADDR,
						FX_FACP_ADDR, FX_SLIC_ADDR, FX_MSDM_ADDR };
	for (size_t i = 0; i < FX_NSTD; i++) {
		f->t[i].present = true;
		f->t[i].addr = addr[i];
		f->t[i].in_rsdt = f->t[i].in_xsdt = i >= FX_FACP;
	}
	f->t[FX_RSDP].len = 36;
	fx_build_rsdp(f->t[FX_RSDP].b, FX_OEM, (uint32_t)FX_RSDT_ADDR, FX_XSDT_ADDR);
	fx_header(f->t[FX_RSDT].b, "RSDT", 36, 1, FX_OEM, FX_TAB);
	fx_header(f->t[FX_XSDT].b, "XSDT", 36, 1, FX_OEM, FX_TAB);
	f->t[FX_FACP].len = fx_build_facp(f->t[FX_FACP].b, FX_OEM, FX_TAB);
	f->t[FX_SLIC].len = fx_build_slic(f->t[FX_SLIC].b, FX_OEM, FX_TAB, "good");
	f->t[FX_MSDM].len = fx_build_msdm(f->t[FX_MSDM].b, FX_OEM, FX_TAB, FX_MSDM_KEY);
	fx_relist(f);
}

/* Append a table (listed in RSDT and XSDT) and relist; returns its index. */
static FX_UNUSED size_t fx_add(struct fx *f, const uint8_t *b, size_t len)
{
	if (f->n >= FX_MAX || len > FX_CAP)
		abort();
	size_t i = f->n++;
	struct fx_tab *t = &f->t[i];
	memset(t, 0, sizeof(*t));
	t->present = t->in_rsdt = t->in_xsdt = true;
	t->addr = FX_EXTRA_ADDR + 0x400 * (i - FX_NSTD);
	t->len = len;
	memcpy(t->b, b, len);
	fx_relist(f);
	return i;
}

/* Remove table i (and relist when it was a listed table). */
static FX_UNUSED void fx_drop(struct fx *f, size_t i)
{
	f->t[i].present = false;
	if (i >= FX_FACP)
		fx_relist(f);
}

/* Set the OEM ID (and table ID, when tab is not NULL) of table i and fix its checksum. */
static FX_UNUSED void fx_set_ids(struct fx *f, size_t i, const char *oem, const char *tab)
{
	uint8_t *b = f->t[i].b;
	if (i == FX_RSDP) {
		memcpy(b + 9, oem, 6);
	} else {
		memcpy(b + 10, oem, 6);
		if (tab)
			memcpy(b + 16, tab, 8);
	}
	fx_fix(f, i);
}

/* ---- loading into the core --------------------------------------------------------------- */

#define FX_MAX_COPIES 64

/* Every heap block the fixture hands out is registered, so a test that fails half-way (cmocka
 * longjmps out of it) leaks nothing: the group teardown fx_teardown_all() frees what is left,
 * and LeakSanitizer only reports real leaks of the code under test. */
#define FX_MAX_LIVE 4096
static void *fx_live[FX_MAX_LIVE];

static FX_UNUSED void *fx_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p && !n)
		p = malloc(1);
	if (!p)
		abort();
	for (size_t i = 0; i < FX_MAX_LIVE; i++)
		if (!fx_live[i]) {
			fx_live[i] = p;
			return p;
		}
	abort();
}

static FX_UNUSED void fx_free(void *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < FX_MAX_LIVE; i++)
		if (fx_live[i] == p)
			fx_live[i] = NULL;
	free(p);
}

static FX_UNUSED int fx_teardown_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < FX_MAX_LIVE; i++) {
		free(fx_live[i]);
		fx_live[i] = NULL;
	}
	return 0;
}

/* Run a cmocka group: the fixed tests, then one test per catalogue entry ("corruption: NAME"),
 * each calling corrupt(state = the entry). The catalogue is an array of ncat entries of
 * `stride` bytes whose first member is `const char *name`. */
static FX_UNUSED int fx_run_catalogue(const char *group, const struct CMUnitTest *fixed,
				      size_t nfixed, const void *catalogue, size_t ncat,
				      size_t stride, CMUnitTestFunction corrupt)
{
	struct CMUnitTest *tests = calloc(nfixed + ncat, sizeof(*tests));
	char (*names)[96] = calloc(ncat ? ncat : 1, sizeof(*names));
	if (!tests || !names)
		return 1;
	memcpy(tests, fixed, nfixed * sizeof(*fixed));
	for (size_t i = 0; i < ncat; i++) {
		const void *entry = (const char *)catalogue + i * stride;
		snprintf(names[i], sizeof(names[i]), "corruption: %s", *(const char *const *)entry);
		tests[nfixed + i] = (struct CMUnitTest){ .name = names[i], .test_func = corrupt,
							 .initial_state = (void *)entry };
	}
	int rc = _cmocka_run_group_tests(group, tests, nfixed + ncat, NULL, fx_teardown_all);
	free(tests);
	free(names);
	return rc;
}

/* One judgement: the set, the result and exact-size heap copies of every table handed over,
 * so AddressSanitizer reports a read one byte past any table. */
struct fx_run {
	struct ss_tableset *set;
	struct ss_result *r;
	uint8_t *arena;
	void *copies[FX_MAX_COPIES];
	size_t ncopies;
};

static FX_UNUSED void fx_run_init(struct fx_run *run, size_t arena_cap)
{
	memset(run, 0, sizeof(*run));
	run->set = fx_malloc(sizeof(*run->set));
	run->r = fx_malloc(sizeof(*run->r));
	run->arena = arena_cap ? fx_malloc(arena_cap) : NULL;
	ss_tableset_init(run->set, run->arena, arena_cap);
}

static FX_UNUSED void fx_run_free(struct fx_run *run)
{
	for (size_t i = 0; i < run->ncopies; i++)
		fx_free(run->copies[i]);
	fx_free(run->set);
	fx_free(run->r);
	fx_free(run->arena);
	memset(run, 0, sizeof(*run));
}

/* An exact-size heap copy that lives as long as the run (a 0-byte copy is a 0-byte block:
 * reading it at all is an ASan error). */
static FX_UNUSED const uint8_t *fx_copy(struct fx_run *run, const void *p, size_t n)
{
	if (run->ncopies >= FX_MAX_COPIES)
		abort();
	uint8_t *c = fx_malloc(n);
	if (n)
		memcpy(c, p, n);
	run->copies[run->ncopies++] = c;
	return c;
}

static FX_UNUSED int fx_add_raw(struct fx_run *run, const void *p, size_t n, uint64_t addr, const char *name)
{
	return ss_tableset_add(run->set, fx_copy(run, p, n), n, addr, SS_ORIGIN_RAW, name);
}

static FX_UNUSED void fx_load(struct fx_run *run, const struct fx *f)
{
	static const char *const names[FX_NSTD] = { "RSDP", "RSDT", "XSDT", "FACP", "SLIC", "MSDM" };
	for (size_t i = 0; i < f->n; i++) {
		char name[32];
		if (!f->t[i].present)
			continue;
		snprintf(name, sizeof(name), "%s.dat", i < FX_NSTD ? names[i] : "extra");
		fx_add_raw(run, f->t[i].b, f->t[i].len, f->t[i].addr, name);
	}
}

/* Policy: the defaults, plus the fixture key under OEM ID "SSTEST" (so the good fixture is
 * plainly "ready"). */
static FX_UNUSED void fx_policy(struct ss_policy *p, bool with_key)
{
	ss_policy_init(p);
	if (with_key) {
		const char text[] = "oem-key SSTEST " FX_KEY_FP " Test\n";
		char err[160];
		if (ss_policy_parse(p, text, strlen(text), err, sizeof(err)) != 0) {
			fprintf(stderr, "fixture policy: %s\n", err);
			abort();
		}
	}
}

static FX_UNUSED struct ss_result *fx_judge(struct fx_run *run, const struct fx *f, const struct ss_policy *p)
{
	fx_run_init(run, 0);
	fx_load(run, f);
	ss_judge(run->set, p, run->r);
	return run->r;
}

/* ---- findings ----------------------------------------------------------------------------- */

static FX_UNUSED size_t fx_count(const struct ss_result *r, enum ss_finding_id id)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nf; i++)
		n += r->f[i].id == id;
	return n;
}

static FX_UNUSED const struct ss_finding *fx_find(const struct ss_result *r, enum ss_finding_id id)
{
	for (size_t i = 0; i < r->nf; i++)
		if (r->f[i].id == id)
			return &r->f[i];
	return NULL;
}

static FX_UNUSED void fx_print_findings(const struct ss_result *r)
{
	fprintf(stderr, "  verdict %s exit %d win7 %s (%s)\n", ss_verdict_str(r->verdict),
		(int)r->exit_code, ss_kms_str(r->win7_kms), r->win7_reason);
	for (size_t i = 0; i < r->nf; i++)
		fprintf(stderr, "  %-7s %-26s %s\n", ss_severity_str(r->f[i].sev),
			ss_finding_info(r->f[i].id)->id, r->f[i].msg);
}

/* The ids of every finding of severity >= min, in the order raised, space-separated. */
static FX_UNUSED const char *fx_ids(const struct ss_result *r, enum ss_severity min, char *buf, size_t cap)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < r->nf; i++) {
		if (r->f[i].sev < min)
			continue;
		int w = snprintf(buf + o, cap - o, "%s%s", o ? " " : "", ss_finding_info(r->f[i].id)->id);
		if (w < 0 || (size_t)w >= cap - o)
			break;
		o += (size_t)w;
	}
	return buf;
}

#define assert_finding(r_, id_, sev_)                                                          \
	do {                                                                                \
		const struct ss_finding *f_ = fx_find((r_), (id_));                           \
		if (!f_) {                                                                  \
			fx_print_findings(r_);                                               \
			fail_msg("finding %s missing", ss_finding_info(id_)->id);            \
		}                                                                           \
		if (f_->sev != (sev_)) {                                                     \
			fx_print_findings(r_);                                               \
			fail_msg("finding %s is %s, expected %s", ss_finding_info(id_)->id,  \
				 ss_severity_str(f_->sev), ss_severity_str(sev_));           \
		}                                                                           \
	} while (0)

#define assert_no_finding(r_, id_)                                                            \
	do {                                                                                \
		if (fx_find((r_), (id_))) {                                                   \
			fx_print_findings(r_);                                               \
			fail_msg("unexpected finding %s", ss_finding_info(id_)->id);         \
		}                                                                           \
	} while (0)

#define assert_verdict(r, v, code)                                                          \
	do {                                                                                \
		if ((r)->verdict != (v) || (r)->exit_code != (code)) {                      \
			fx_print_findings(r);                                               \
			fail_msg("verdict %s/%d, expected %s/%d", ss_verdict_str((r)->verdict), \
				 (int)(r)->exit_code, ss_verdict_str(v), (int)(code));      \
		}                                                                           \
	} while (0)

/* Every finding of severity >= warning, exactly, in order ("" for none). */
#define assert_problems(r, want)                                                            \
	do {                                                                                \
		char b_[1024];                                                              \
		if (strcmp(fx_ids((r), SS_SEV_WARNING, b_, sizeof(b_)), (want))) {         \
			fx_print_findings(r);                                               \
			fail_msg("problems \"%s\", expected \"%s\"", b_, (want));           \
		}                                                                           \
	} while (0)

/* ---- acpidump text ------------------------------------------------------------------------ */

struct fx_buf {
	char *p;
	size_t n, cap;
};

static FX_UNUSED void fx_buf_add(struct fx_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			abort();
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static FX_UNUSED void fx_buf_printf(struct fx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static FX_UNUSED void fx_buf_printf(struct fx_buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		abort();
	fx_buf_add(b, tmp, (size_t)n);
}

/* How a dump looks: ACPICA's acpidump by default (upper-case hex, 4-space indent, LF). */
struct fx_dump_style {
	bool lower;        /* pmtools style: lower-case hex */
	int indent;        /* spaces before the offset: 4 (ACPICA) or 2 (pmtools) */
	const char *eol;   /* "\n" or "\r\n" */
	bool no_final_eol; /* drop the last line end */
};

static FX_UNUSED const struct fx_dump_style fx_acpica = { false, 4, "\n", false };

/* One table in acpidump format: "SIG @ 0xADDR", 16 bytes a line with an ASCII column, then
 * a blank line. */
static FX_UNUSED void fx_dump_table(struct fx_buf *b, const char *sig, uint64_t addr, const uint8_t *d,
			  size_t n, const struct fx_dump_style *st)
{
	const char *eol = st->eol ? st->eol : "\n";
	fx_buf_printf(b, st->lower ? "%s @ 0x%016llx%s" : "%s @ 0x%016llX%s", sig,
		      (unsigned long long)addr, eol);
	for (size_t off = 0; off < n; off += 16) {
		size_t k = n - off < 16 ? n - off : 16;
		fx_buf_printf(b, st->lower ? "%*s%04zx:" : "%*s%04zX:", st->indent, "", off);
		for (size_t i = 0; i < k; i++)
			fx_buf_printf(b, st->lower ? " %02x" : " %02X", d[off + i]);
		fx_buf_printf(b, "%*s  ", (int)(3 * (16 - k)), "");
		for (size_t i = 0; i < k; i++) {
			char c = d[off + i] >= 0x20 && d[off + i] < 0x7f ? (char)d[off + i] : '.';
			fx_buf_add(b, &c, 1);
		}
		fx_buf_add(b, eol, strlen(eol));
	}
	fx_buf_add(b, eol, strlen(eol));
}

static FX_UNUSED const char *fx_sig_of(const struct fx_tab *t)
{
	static char sig[5];
	if (t->len >= 8 && !memcmp(t->b, "RSD PTR ", 8))
		return "RSDP";
	for (int i = 0; i < 4; i++)
		sig[i] = i < (int)t->len && t->b[i] >= 0x20 && t->b[i] < 0x7f ? (char)t->b[i] : '?';
	sig[4] = '\0';
	return sig;
}

/* Render every present table of f as acpidump text; returns an fx_malloc'd, NUL-terminated
 * string (its length in *len; release it with fx_free). */
static FX_UNUSED char *fx_dump(const struct fx *f, const struct fx_dump_style *st, size_t *len)
{
	struct fx_buf b = { 0 };
	const struct fx_dump_style *s = st ? st : &fx_acpica;
	for (size_t i = 0; i < f->n; i++)
		if (f->t[i].present)
			fx_dump_table(&b, fx_sig_of(&f->t[i]), f->t[i].addr, f->t[i].b, f->t[i].len, s);
	if (s->no_final_eol) {
		size_t e = strlen(s->eol ? s->eol : "\n");
		while (b.n >= e && !memcmp(b.p + b.n - e, s->eol ? s->eol : "\n", e))
			b.n -= e;
		b.p[b.n] = '\0';
	}
	*len = b.n;
	char *out = fx_malloc(b.n + 1);
	memcpy(out, b.p, b.n + 1);
	free(b.p);
	return out;
}

/* ---- rendering to memory ------------------------------------------------------------------ */

static FX_UNUSED void fx_sink(void *ctx, const char *str, size_t n)
{
	fx_buf_add(ctx, str, n);
}

static FX_UNUSED char *fx_buf_take(struct fx_buf *b)
{
	char *out = fx_malloc(b->n + 1);
	if (b->n)
		memcpy(out, b->p, b->n);
	out[b->n] = '\0';
	free(b->p);
	memset(b, 0, sizeof(*b));
	return out;
}

/* The fixture in each of the four verdicts: k = 0 ready, 1 not ready (one bit of the marker
 * signature flipped), 2 ready with warnings (no RSDT/XSDT to check the SLIC's IDs against),
 * 3 cannot judge (an empty acpidump). Release with fx_run_free(run). */
static FX_UNUSED struct ss_result *fx_verdict_case(int k, struct fx_run *run, struct ss_policy *p)
{
	struct fx f;
	fx_init(&f);
	fx_policy(p, true);
	if (k == 1)
		f.t[FX_SLIC].b[FX_MK_OFF + 60] ^= 1;
	if (k == 2) {
		fx_drop(&f, FX_RSDT);
		fx_drop(&f, FX_XSDT);
	}
	if (k != 3)
		return fx_judge(run, &f, p);
	fx_run_init(run, 64);
	ss_scan_acpidump(run->set, "", 0, p, run->r);
	return run->r;
}

/* The text report / JSON / banner of r as an fx_malloc'd string (release with fx_free). */
static FX_UNUSED char *fx_render_text(const struct ss_result *r, const struct ss_info *info)
{
	struct fx_buf b = { 0 };
	ss_render_text(r, info, fx_sink, &b);
	return fx_buf_take(&b);
}

static FX_UNUSED char *fx_render_json(const struct ss_result *r, const struct ss_info *info)
{
	struct fx_buf b = { 0 };
	ss_render_json(r, info, fx_sink, &b);
	return fx_buf_take(&b);
}

static FX_UNUSED char *fx_render_banner(const struct ss_result *r)
{
	struct fx_buf b = { 0 };
	ss_render_banner(r, fx_sink, &b);
	return fx_buf_take(&b);
}

/* ---- deterministic randomness (xorshift64*) ---------------------------------------------- */

static FX_UNUSED uint64_t fx_rng_state = 0x9e3779b97f4a7c15ull;

static FX_UNUSED void fx_srand(uint64_t seed)
{
	fx_rng_state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

static FX_UNUSED uint64_t fx_rand(void)
{
	uint64_t x = fx_rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	fx_rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static FX_UNUSED uint32_t fx_rand_below(uint32_t n)
{
	return n ? (uint32_t)(fx_rand() % n) : 0;
}

#endif
