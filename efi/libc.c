/* SPDX-License-Identifier: MIT */
/* The one C library function the compiler may emit calls to that gnu-efi's libefi lacks.
 * GCC can turn struct comparisons and byte loops into memcmp even with -ffreestanding;
 * libefi provides memcpy and memset (docs/FACTS.md §5), so only memcmp lives here. */
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
