/* SPDX-License-Identifier: MIT */
/* SMBIOS facts for the report and the report's file name: find the entry point in the EFI
 * configuration table (SMBIOS 3.x first, then 2.x), copy it and the structure table after a
 * memory-map check, and let fw/smbios.c parse the copies. */
#include "efi_ss.h"

/* Copy len bytes of firmware memory into a new pool buffer, or NULL. */
static UINT8 *copy_range(struct efi_ss_mem *m, uint64_t addr, size_t len)
{
	UINT8 *buf = AllocatePool(len ? len : 1);
	if (buf != NULL && efi_ss_mem_read(m, addr, buf, len) != 0) {
		FreePool(buf);
		buf = NULL;
	}
	return buf;
}

/* Read and verify the entry point at addr. */
static bool read_ep(struct efi_ss_mem *m, uint64_t addr, struct fw_smbios_ep *ep,
		    const char **why)
{
	UINT8 head[7], full[64];
	if (addr == 0)
		return false;
	if (efi_ss_mem_read(m, addr, head, sizeof(head)) != 0) {
		*why = "SMBIOS entry point outside readable memory";
		return false;
	}
	size_t n = fw_smbios_ep_size(head);
	if (n == 0 || n > sizeof(full)) {
		*why = "SMBIOS entry point has no valid anchor or length";
		return false;
	}
	if (efi_ss_mem_read(m, addr, full, n) != 0) {
		*why = "SMBIOS entry point outside readable memory";
		return false;
	}
	return fw_smbios_ep_parse(full, n, ep, why) == 0;
}

bool efi_ss_smbios_read(struct efi_ss_mem *m, struct fw_smbios_info *info,
			const char **why)
{
	EFI_GUID g3 = SMBIOS3_TABLE_GUID, g2 = SMBIOS_TABLE_GUID;
	struct fw_smbios_ep ep;

	ss_memfill(info, 0, sizeof(*info));
	*why = "no SMBIOS entry point in the configuration table";
	if (!read_ep(m, efi_ss_config_table(&g3), &ep, why) &&
	    !read_ep(m, efi_ss_config_table(&g2), &ep, why))
		return false;

	/* SMBIOS 3 gives only a maximum size: read as much of it as is readable, in halves. */
	size_t len = ep.table_len > FW_SMBIOS_TABLE_MAX ? FW_SMBIOS_TABLE_MAX : ep.table_len;
	UINT8 *tbl = NULL;
	while (len >= 4 && (tbl = copy_range(m, ep.table_addr, len)) == NULL && ep.is64)
		len /= 2;
	if (tbl == NULL) {
		*why = "SMBIOS structure table outside readable memory";
		return false;
	}
	fw_smbios_parse(tbl, len, ep.major, ep.minor, info);
	FreePool(tbl);
	if (!info->found_type0 && !info->found_type1) {
		*why = "SMBIOS table has no BIOS (type 0) or System (type 1) structure";
		return false;
	}
	*why = NULL;
	return true;
}
