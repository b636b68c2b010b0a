/* SPDX-License-Identifier: MIT */
/* SMBIOS entry points and the few strings slicscan reports (DMTF DSP0134 3.x), as pure logic.
 *
 * The firmware side (efi/smbios.c) finds the entry point in the UEFI configuration table and
 * copies bytes after a memory-map check; everything it copies is untrusted and parsed here:
 * checksums verified, every structure and string bounded by the table length, loops capped. */
#ifndef FW_SMBIOS_H
#define FW_SMBIOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FW_SMBIOS_STR_MAX 64          /* bytes kept of each string */
#define FW_SMBIOS_TABLE_MAX (1u << 20) /* larger structure tables are refused */

struct fw_smbios_ep {
	bool is64;           /* "_SM3_" (SMBIOS 3.x) rather than "_SM_" (2.x) */
	uint8_t major, minor;
	uint64_t table_addr;
	uint32_t table_len;  /* 2.x: exact length; 3.x: maximum size */
};

/* Bytes to read for the entry point whose first 7 bytes are head (anchor, checksum, and the
 * length byte of either layout); 0 when head is not an entry point anchor. */
size_t fw_smbios_ep_size(const uint8_t head[7]);

/* Parse and verify an entry point of len bytes. Returns 0, or -1 with *why set. */
int fw_smbios_ep_parse(const uint8_t *p, size_t len, struct fw_smbios_ep *ep,
			   const char **why);

/* Strings keep their raw bytes (NUL-terminated, truncated); make them printable with
 * fw_printable() before showing them. "" when absent. */
struct fw_smbios_info {
	char bios_vendor[FW_SMBIOS_STR_MAX + 1];
	char bios_version[FW_SMBIOS_STR_MAX + 1];
	char bios_date[FW_SMBIOS_STR_MAX + 1];
	char sys_manufacturer[FW_SMBIOS_STR_MAX + 1];
	char sys_product[FW_SMBIOS_STR_MAX + 1];
	char sys_serial[FW_SMBIOS_STR_MAX + 1];
	bool has_uuid;
	uint8_t uuid[16];    /* as stored */
	bool uuid_le;        /* first three UUID fields little-endian (SMBIOS >= 2.6) */
	bool found_type0, found_type1;
	size_t structures;   /* structures walked */
	bool truncated;      /* the walk stopped at a malformed structure */
};

/* Walk the structure table (len bytes) of the given SMBIOS version and fill info from the
 * first type 0 (BIOS) and type 1 (System) structures. Never reads outside tbl[0..len). */
void fw_smbios_parse(const uint8_t *tbl, size_t len, uint8_t major, uint8_t minor,
			 struct fw_smbios_info *info);

#endif
