/* SPDX-License-Identifier: MIT */
/* The report file name: the machine's SMBIOS serial made safe for FAT, or its UUID, and a
 * collision rule so that one stick can collect reports from many machines.
 *
 * Why the serial: IT staff carry one stick through a room of PCs and must later tell the
 * reports apart; the serial is printed on the case. Many boards carry placeholder serials
 * ("To be filled by O.E.M.", "Default string", "0123456789"), which would make every report
 * overwrite the previous one, so those fall back to the SMBIOS UUID and then to "unknown". */
#ifndef EFI_SS_NAMING_H
#define EFI_SS_NAMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EFI_SS_SERIAL_NAME_MAX 40 /* characters kept from the serial */
#define EFI_SS_NAME_MAX 48        /* buffer size for any base name, suffix and NUL included */

enum efi_ss_name_source { EFI_SS_NAME_SERIAL = 0, EFI_SS_NAME_UUID, EFI_SS_NAME_UNKNOWN };

/* True for placeholder serials: empty, all blanks/zeros/0xFF/NUL, a single repeated character,
 * or a known placeholder text (case-insensitive, blanks around ignored). */
bool efi_ss_serial_is_junk(const uint8_t *s, size_t n);

/* Blanks trimmed, A-Z a-z 0-9 - _ . kept, every other byte mapped to '_', at most
 * EFI_SS_SERIAL_NAME_MAX characters, no leading or trailing '.' (FAT drops trailing dots).
 * Returns the length written to out (NUL-terminated; cap > 0). */
size_t efi_ss_sanitise(const uint8_t *s, size_t n, char *out, size_t cap);

/* The base name (no extension) for this machine. serial may be NULL/0 when absent; uuid is the
 * 16 bytes of SMBIOS type 1, or NULL. uuid_le: the first three fields are stored little-endian
 * (SMBIOS 2.6 and later), so they are swapped to print the UUID as the OS does.
 * Result: sanitised serial, else "uuid-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX" (UUID not all
 * 00/FF), else "unknown". cap must be at least EFI_SS_NAME_MAX. */
enum efi_ss_name_source efi_ss_report_base(const uint8_t *serial, size_t serial_len,
					   const uint8_t *uuid, bool uuid_le, char *out,
					   size_t cap);

/* Does a report with this base name exist (any of its files)? A predicate that cannot tell
 * should say true: skipping a name is safe, overwriting another machine's report is not. */
typedef bool (*efi_ss_exists_fn)(void *ctx, const char *name);

/* The first of base, base-2, base-3 ... base-999 for which exists() is false, into out
 * (cap >= EFI_SS_NAME_MAX). Returns 0, or -1 when all 999 are taken. */
int efi_ss_unique_name(const char *base, efi_ss_exists_fn exists, void *ctx, char *out,
		       size_t cap);

#endif
