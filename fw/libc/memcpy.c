/* SPDX-License-Identifier: MIT */
/* memcpy, memmove and memset for a firmware build with no library at all (the BIOS kernel):
 * GCC emits calls to them for struct copies and initialisers even with -ffreestanding.
 * The UEFI app takes memcpy/memset from gnu-efi's libefi and links only memcmp.c.
 *
 * GCC would recognise these very loops and turn them back into calls to themselves
 * (-ftree-loop-distribute-patterns, on at -O2 and -Os): the attribute keeps them loops. */
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) && !defined(__clang__)
#define FW_PLAIN_LOOPS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define FW_PLAIN_LOOPS
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

FW_PLAIN_LOOPS void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
	return dst;
}

FW_PLAIN_LOOPS void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d < (uintptr_t)s) {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	} else {
		for (size_t i = n; i > 0; i--)
			d[i - 1] = s[i - 1];
	}
	return dst;
}

FW_PLAIN_LOOPS void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)c;
	return dst;
}
