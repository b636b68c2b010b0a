/* SPDX-License-Identifier: MIT */
/* Untrusted bytes made printable. (Text files with a BOM are read with acpi/text.h.) */
#ifndef FW_PRINTABLE_H
#define FW_PRINTABLE_H

#include <stddef.h>
#include <stdint.h>

/* A copy of untrusted bytes that is safe to print anywhere (console, report, JSON): printable
 * ASCII kept, every other byte becomes '?', at most cap - 1 bytes (cap > 0), blanks around
 * trimmed. Returns the length written. */
size_t fw_printable(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
