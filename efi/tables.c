/* SPDX-License-Identifier: MIT */
/* Where the ACPI tables are: the RSDP pointers of the EFI configuration table (ACPI 2.0 GUID
 * first, then the 1.0 one; OVMF installs both, the 1.0 one as a revision-0 RSDP with only an
 * RSDT). The walk itself, and every rule about what it finds, is the core's. */
#include "efi_ss.h"

#include "bytes.h"

uint64_t efi_ss_config_table(EFI_GUID *guid)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *ct = &ST->ConfigurationTable[i];
		if (ss_memeq(&ct->VendorGuid, guid, sizeof(EFI_GUID)))
			return (uint64_t)(UINTN)ct->VendorTable;
	}
	return 0;
}

void efi_ss_collect_acpi(struct ss_tableset *set, struct efi_ss_mem *m)
{
	EFI_GUID g20 = ACPI_20_TABLE_GUID, g10 = ACPI_TABLE_GUID;
	uint64_t rsdp = efi_ss_config_table(&g20);
	uint64_t rsdp1 = efi_ss_config_table(&g10);
	ss_fmt(set->source, sizeof(set->source), "firmware (UEFI configuration table%s%s)",
	       rsdp ? ", ACPI 2.0 RSDP" : "", rsdp1 ? ", ACPI 1.0 RSDP" : "");
	set->where = SS_WHERE_FIRMWARE;
	ss_collect_firmware(set, efi_ss_mem_read, m, rsdp, rsdp1);
}
