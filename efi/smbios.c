/* SPDX-License-Identifier: MIT */
/* SMBIOS facts for the report and the report's file name: the entry points come from the EFI
 * configuration table (SMBIOS 3.x first, then 2.x); fw/smbios.c reads them and the structure
 * table through the memory-map check and parses the copies. */
#include "efi_ss.h"

bool efi_ss_smbios_read(struct efi_ss_mem *m, struct fw_smbios_info *info,
			const char **why)
{
	EFI_GUID g3 = SMBIOS3_TABLE_GUID, g2 = SMBIOS_TABLE_GUID;

	*why = "no SMBIOS entry point in the configuration table";
	UINT8 *tbl = AllocatePool(FW_SMBIOS_TABLE_MAX);
	if (tbl == NULL) {
		ss_memfill(info, 0, sizeof(*info));
		*why = "no memory to copy the SMBIOS table";
		return false;
	}
	bool ok = fw_smbios_read(efi_ss_mem_read, m, efi_ss_config_table(&g3),
				 efi_ss_config_table(&g2), tbl, FW_SMBIOS_TABLE_MAX, info, why);
	FreePool(tbl);
	return ok;
}
