/* SPDX-License-Identifier: MIT */
/* BOM detection and a byte-per-character view of UTF-8/UTF-16 text (text.h). */
#include "text.h"

void ss_text_begin(struct ss_text_iter *it, const uint8_t *p, size_t len)
{
	it->p = p;
	it->len = p ? len : 0;
	it->off = 0;
	it->enc = SS_ENC_BYTES;
	if (it->len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		it->off = 3;
	} else if (it->len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		it->enc = SS_ENC_UTF16LE;
		it->off = 2;
	} else if (it->len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		it->enc = SS_ENC_UTF16BE;
		it->off = 2;
	}
}

int ss_text_next(struct ss_text_iter *it)
{
	if (it->enc == SS_ENC_BYTES) {
		if (it->off >= it->len)
			return -1;
		return it->p[it->off++];
	}
	if (it->off >= it->len || it->len - it->off < 2)
		return -1;
	const uint8_t *q = it->p + it->off;
	it->off += 2;
	unsigned unit = it->enc == SS_ENC_UTF16LE ? (unsigned)(q[0] | q[1] << 8)
						  : (unsigned)(q[1] | q[0] << 8);
	return unit < 0x80 ? (int)unit : 0x80;
}

size_t ss_text_decode(const uint8_t *in, size_t len, char *out, size_t cap)
{
	struct ss_text_iter it;
	size_t n = 0;
	int c;
	if (cap == 0)
		return 0;
	ss_text_begin(&it, in, len);
	/* In place is safe: each output byte consumes at least one input byte, and the input
	 * byte(s) are read before the output byte is written. */
	while (n + 1 < cap && (c = ss_text_next(&it)) >= 0)
		out[n++] = (char)c;
	out[n] = '\0';
	return n;
}
