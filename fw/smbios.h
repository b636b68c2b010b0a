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

#include "slicscan.h"

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

/* The first entry point of the wanted kind ("_SM3_" when want64, else "_SM_") on a 16-byte
 * boundary of area (a copy of 0xF0000-0xFFFFF, where legacy BIOSes put it: DSP0134 5.2.1,
 * 5.2.2) that fw_smbios_ep_parse() accepts. Returns 0 with *off set, or -1. */
int fw_smbios_find(const uint8_t *area, size_t len, bool want64, size_t *off);

/* Read the facts through read (the front end's checked ss_read_fn): the entry point at ep3
 * ("_SM3_") first, else the one at ep2 ("_SM_"); 0 means none. The structure table is copied
 * into buf (cap bytes; FW_SMBIOS_TABLE_MAX holds any table this code accepts); a 3.x table
 * only states a maximum size, so when that much is not readable, halves of it are tried.
 * Returns true with info filled; else false, info zeroed and *why set, unless no entry point
 * was given at all (then *why is left as the caller set it). */
bool fw_smbios_read(ss_read_fn read, void *ctx, uint64_t ep3, uint64_t ep2, uint8_t *buf,
		    size_t cap, struct fw_smbios_info *info, const char **why);

/* Walk the structure table (len bytes) of the given SMBIOS version and fill info from the
 * first type 0 (BIOS) and type 1 (System) structures. Never reads outside tbl[0..len). */
void fw_smbios_parse(const uint8_t *tbl, size_t len, uint8_t major, uint8_t minor,
			 struct fw_smbios_info *info);

#endif
