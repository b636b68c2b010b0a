/* SPDX-License-Identifier: MIT */
/* memcmp for the firmware builds (UEFI app, BIOS kernel): GCC may emit calls to it for struct
 * comparisons and byte loops even with -ffreestanding (the core itself uses ss_memeq).
 * gnu-efi's libefi has memcpy and memset but no memcmp (docs/FACTS.md §5), so the UEFI app
 * links this file alone; the BIOS kernel, which has no library at all, adds memcpy.c.
 * The host builds use their C library: nothing in fw/libc/ is compiled for them. */
#include <stddef.h>

int memcmp(const void *a, const void *b, size_t n);

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}
