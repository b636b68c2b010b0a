/* SPDX-License-Identifier: MIT */
/* Text that may be ASCII, UTF-8 or UTF-16 with a byte-order mark, read as ASCII bytes: the one
 * reader every front end uses for acpidump text (PowerShell's ">" writes UTF-16LE) and for the
 * files people edit on the stick with Notepad (UTF-16LE or UTF-8 with a BOM).
 *
 * Everything slicscan reads from text (hex dumps, keys, values, paths) is ASCII, so the reader
 * yields one byte per character: ASCII as is, and for anything else a byte >= 0x80 that every
 * ASCII parser rejects (or skips in a comment). A UTF-16 NUL stays a NUL, so binary junk stays
 * detectable. Input is untrusted; every read is bounded by len. */
#ifndef SS_TEXT_H
#define SS_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum ss_encoding { SS_ENC_BYTES = 0, SS_ENC_UTF16LE, SS_ENC_UTF16BE };

struct ss_text_iter {
	const uint8_t *p;
	size_t len, off;
	enum ss_encoding enc;
};

/* Detect and skip a BOM (EF BB BF, FF FE, FE FF); without one the bytes are taken as they are. */
void ss_text_begin(struct ss_text_iter *it, const uint8_t *p, size_t len);
/* The next character as a byte value (0..255, non-ASCII UTF-16 -> 0x80), or -1 at the end.
 * A trailing odd byte of a UTF-16 text is dropped. */
int ss_text_next(struct ss_text_iter *it);

/* Decode a whole text into out (at most cap - 1 bytes, NUL-terminated when cap > 0).
 * out may equal in: the output never runs ahead of the input. Returns the bytes written
 * (excluding the terminator), truncated to cap - 1. */
size_t ss_text_decode(const uint8_t *in, size_t len, char *out, size_t cap);

#endif
