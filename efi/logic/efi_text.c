/* SPDX-License-Identifier: MIT */
/* BOM detection and a byte-per-character view of UTF-8/UTF-16 text (see efi_text.h). */
#include "efi_text.h"

void efi_ss_text_begin(struct efi_ss_text_iter *it, const uint8_t *p, size_t len)
{
	it->p = p;
	it->len = p ? len : 0;
	it->off = 0;
	it->enc = EFI_SS_ENC_BYTES;
	if (it->len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		it->off = 3;
	} else if (it->len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		it->enc = EFI_SS_ENC_UTF16LE;
		it->off = 2;
	} else if (it->len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		it->enc = EFI_SS_ENC_UTF16BE;
		it->off = 2;
	}
}

int efi_ss_text_next(struct efi_ss_text_iter *it)
{
	if (it->enc == EFI_SS_ENC_BYTES) {
		if (it->off >= it->len)
			return -1;
		return it->p[it->off++];
	}
	if (it->off >= it->len || it->len - it->off < 2)
		return -1;
	const uint8_t *q = it->p + it->off;
	it->off += 2;
	unsigned unit = it->enc == EFI_SS_ENC_UTF16LE ? (unsigned)(q[0] | q[1] << 8)
						      : (unsigned)(q[1] | q[0] << 8);
	return unit < 0x80 ? (int)unit : 0x80;
}

size_t efi_ss_text_decode(const uint8_t *in, size_t len, char *out, size_t cap)
{
	struct efi_ss_text_iter it;
	size_t n = 0;
	int c;
	if (cap == 0)
		return 0;
	efi_ss_text_begin(&it, in, len);
	/* In place is safe: each output byte consumes at least one input byte, and the input
	 * byte(s) are read before the output byte is written. */
	while (n + 1 < cap && (c = efi_ss_text_next(&it)) >= 0)
		out[n++] = (char)c;
	out[n] = '\0';
	return n;
}

size_t efi_ss_printable(const uint8_t *in, size_t n, char *out, size_t cap)
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
