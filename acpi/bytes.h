/* SPDX-License-Identifier: MIT */
/* Little-endian field readers and an overflow-proof bounds test for untrusted table bytes. */
#ifndef SS_BYTES_H
#define SS_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* True when [off, off+len) lies inside a buffer of size max. Written as
 * len <= max - off so that it cannot overflow (systemd bcd.c style). */
static inline int ss_in_bounds(size_t off, size_t len, size_t max)
{
	return off <= max && len <= max - off;
}

static inline uint16_t ss_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t ss_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline uint64_t ss_le64(const uint8_t *p)
{
	return (uint64_t)ss_le32(p) | ((uint64_t)ss_le32(p + 4) << 32);
}

/* The core never calls libc: these are its memory helpers. */
static inline int ss_memeq(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static inline void ss_memcopy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

static inline void ss_memfill(void *dst, uint8_t v, size_t n)
{
	uint8_t *d = dst;
	for (size_t i = 0; i < n; i++)
		d[i] = v;
}

static inline size_t ss_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static inline int ss_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The value of one hexadecimal digit, or -1 when c is not one. */
static inline int ss_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Sum of bytes modulo 256: an ACPI table or RSDP is valid when this is 0. */
static inline uint8_t ss_sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

#endif
