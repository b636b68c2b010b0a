/* SPDX-License-Identifier: MIT */
/* Read a text file that may be ASCII, UTF-8 or UTF-16 with a byte-order mark, as ASCII bytes.
 *
 * People edit files on the stick with Notepad, which may save "Unicode" (UTF-16LE with BOM) or
 * UTF-8 with a BOM. Everything slicscan reads from such files (keys, values, paths) is ASCII,
 * so the decoder yields one byte per character: ASCII as is, and for anything else a byte
 * >= 0x80 that every ASCII parser rejects (or skips in a comment). A UTF-16 NUL stays a NUL,
 * so binary junk stays detectable. Input is untrusted; every read is bounded by len. */
#ifndef EFI_SS_TEXT_H
#define EFI_SS_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum efi_ss_encoding { EFI_SS_ENC_BYTES = 0, EFI_SS_ENC_UTF16LE, EFI_SS_ENC_UTF16BE };

struct efi_ss_text_iter {
	const uint8_t *p;
	size_t len, off;
	enum efi_ss_encoding enc;
};

/* Detect and skip a BOM (EF BB BF, FF FE, FE FF); without one the bytes are taken as they are. */
void efi_ss_text_begin(struct efi_ss_text_iter *it, const uint8_t *p, size_t len);
/* The next character as a byte value (0..255, non-ASCII UTF-16 -> 0x80), or -1 at the end.
 * A trailing odd byte of a UTF-16 file is dropped. */
int efi_ss_text_next(struct efi_ss_text_iter *it);

/* Decode a whole file into out (at most cap - 1 bytes, NUL-terminated when cap > 0).
 * out may equal in: the output never runs ahead of the input. Returns the bytes written
 * (excluding the terminator), truncated to cap - 1. */
size_t efi_ss_text_decode(const uint8_t *in, size_t len, char *out, size_t cap);

/* A copy of untrusted bytes that is safe to print anywhere (console, report, JSON): printable
 * ASCII kept, every other byte becomes '?', at most cap - 1 bytes (cap > 0), blanks around
 * trimmed. Returns the length written. */
size_t efi_ss_printable(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
