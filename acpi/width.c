/* SPDX-License-Identifier: MIT */
/* Display width of UTF-8 text and where to break it (slicscan.h): the text report, the banner
 * and the pre-boot screen wrap zh-TW text by columns, not bytes (Unicode UAX #11: East Asian
 * Wide and Fullwidth characters take two cells). Input is trusted to be bounded by n, not to
 * be valid UTF-8. */
#include "slicscan.h"

uint32_t ss_utf8_next(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
		    : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (need == 0 || need > n) {
		*len = 1;
		return u[0] < 0x80 ? u[0] : 0xFFFD;
	}
	uint32_t cp = need == 1 ? u[0] : need == 2 ? (u[0] & 0x1Fu) : need == 3 ? (u[0] & 0x0Fu)
		    : (u[0] & 0x07u);
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = cp << 6 | (u[i] & 0x3Fu);
	}
	/* overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 */
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
		*len = 1;
		return 0xFFFD;
	}
	*len = need;
	return cp;
}

static int wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Closing punctuation a line must not start with (kinsoku): ，。、；：）」！？ and their
 * fullwidth forms. */
static int no_break_before(uint32_t c)
{
	return c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A ||
	       c == 0xFF09 || c == 0x300D || c == 0xFF01 || c == 0xFF1F;
}

size_t ss_text_cols(const char *s, size_t n)
{
	size_t cols = 0, len;
	for (size_t i = 0; i < n; i += len)
		cols += wide(ss_utf8_next(s + i, n - i, &len)) ? 2 : 1;
	return cols;
}

size_t ss_text_fit(const char *s, size_t n, size_t room)
{
	size_t cols = 0, i = 0, len, blank = 0, cjk = 0;
	uint32_t prev = 0;
	while (i < n) {
		uint32_t c = ss_utf8_next(s + i, n - i, &len);
		size_t w = wide(c) ? 2 : 1;
		if (cols + w > room)
			break;
		/* a break may come before a blank, or between two characters where either is
		 * wide (CJK has no blanks), but not before closing punctuation */
		if (c == ' ')
			blank = i;
		else if (i && (wide(c) || wide(prev)) && !no_break_before(c))
			cjk = i;
		cols += w;
		prev = c;
		i += len;
	}
	if (i >= n)
		return n;
	if (s[i] == ' ')
		return i;
	size_t len2;
	uint32_t c = ss_utf8_next(s + i, n - i, &len2);
	if (i && (wide(c) || wide(prev)) && !no_break_before(c))
		return i;
	size_t at = blank > cjk ? blank : cjk;
	if (at)
		return at;
	if (i)
		return i;
	ss_utf8_next(s, n, &len); /* not even one character fits: take it anyway */
	return len;
}
