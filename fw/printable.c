/* SPDX-License-Identifier: MIT */
/* Untrusted bytes made safe to print (see printable.h). */
#include "printable.h"

size_t fw_printable(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	if (cap == 0)
		return 0;
	if (in == NULL)
		n = 0;
	while (n > 0 && (in[0] == ' ' || in[0] == '\t'))
		in++, n--;
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\0'))
		n--;
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		out[o++] = in[i] >= 0x20 && in[i] < 0x7F ? (char)in[i] : '?';
	out[o] = '\0';
	return o;
}
