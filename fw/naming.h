/* SPDX-License-Identifier: MIT */
/* The report file name: the machine's SMBIOS serial made safe for FAT, or its UUID, and a
 * collision rule so that one stick can collect reports from many machines.
 *
 * Why the serial: IT staff carry one stick through a room of PCs and must later tell the
 * reports apart; the serial is printed on the case. Many boards carry placeholder serials
 * ("To be filled by O.E.M.", "Default string", "0123456789"), which would make every report
 * overwrite the previous one, so those fall back to the SMBIOS UUID and then to "unknown". */
#ifndef FW_NAMING_H
#define FW_NAMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FW_SERIAL_NAME_MAX 40 /* characters kept from the serial */
#define FW_NAME_MAX 48        /* buffer size for any base name, suffix and NUL included */

enum fw_name_source { FW_NAME_SERIAL = 0, FW_NAME_UUID, FW_NAME_UNKNOWN };

/* True for placeholder serials: empty, all blanks/zeros/0xFF/NUL, a single repeated character,
 * or a known placeholder text (case-insensitive, blanks around ignored). */
bool fw_serial_is_junk(const uint8_t *s, size_t n);

/* Blanks trimmed, A-Z a-z 0-9 - _ . kept, every other byte mapped to '_', at most
 * FW_SERIAL_NAME_MAX characters, no leading or trailing '.' (FAT drops trailing dots).
 * Returns the length written to out (NUL-terminated; cap > 0). */
size_t fw_sanitise(const uint8_t *s, size_t n, char *out, size_t cap);

/* The base name (no extension) for this machine. serial may be NULL/0 when absent; uuid is the
 * 16 bytes of SMBIOS type 1, or NULL. uuid_le: the first three fields are stored little-endian
 * (SMBIOS 2.6 and later), so they are swapped to print the UUID as the OS does.
 * Result: sanitised serial, else "uuid-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX" (UUID not all
 * 00/FF), else "unknown". cap must be at least FW_NAME_MAX. */
enum fw_name_source fw_report_base(const uint8_t *serial, size_t serial_len,
					   const uint8_t *uuid, bool uuid_le, char *out,
					   size_t cap);

/* Does a report with this base name exist (any of its files)? A predicate that cannot tell
 * should say true: skipping a name is safe, overwriting another machine's report is not. */
typedef bool (*fw_exists_fn)(void *ctx, const char *name);

/* The first of base, base-2, base-3 ... base-999 for which exists() is false, into out
 * (cap >= FW_NAME_MAX). Returns 0, or -1 when all 999 are taken. */
int fw_unique_name(const char *base, fw_exists_fn exists, void *ctx, char *out,
		       size_t cap);

#endif
