/* SPDX-License-Identifier: MIT */
/* Reading firmware memory safely: a snapshot of the UEFI memory map and the core's read
 * callback, which copies a range only when fw_range_ok() accepts it (rules in
 * fw/memmap.h). The map is taken once: ACPI and SMBIOS memory does not move while
 * boot services run, and our own allocations only change conventional memory. */
#include "efi_ss.h"

EFI_STATUS efi_ss_mem_init(struct efi_ss_mem *m)
{
	UINTN entries = 0, key = 0, desc_size = 0;
	UINT32 desc_ver = 0;

	ss_memfill(m, 0, sizeof(*m));
	EFI_MEMORY_DESCRIPTOR *raw = LibMemoryMap(&entries, &key, &desc_size, &desc_ver);
	if (raw == NULL)
		return EFI_DEVICE_ERROR;
	/* desc_size * entries came from the firmware's own buffer sizing; cap it anyway. */
	if (entries == 0 || entries > 65536 || desc_size < 40 || desc_size > 4096) {
		FreePool(raw);
		return EFI_DEVICE_ERROR;
	}
	m->ranges = AllocatePool(entries * sizeof(*m->ranges));
	if (m->ranges == NULL) {
		FreePool(raw);
		return EFI_OUT_OF_RESOURCES;
	}
	m->map.r = m->ranges;
	m->map.n = fw_memmap_from_uefi((const uint8_t *)raw, entries * desc_size, desc_size,
					   m->ranges, entries);
	/* The highest address this CPU mode can dereference (identity-mapped in boot services). */
	m->map.addr_limit = (uint64_t)(UINTN)-1;
	/* x86 PCs only (the only builds): the BIOS area exception of memmap.h. */
	m->map.legacy_bios_area = true;
	FreePool(raw);
	return EFI_SUCCESS;
}

void efi_ss_mem_free(struct efi_ss_mem *m)
{
	if (m->ranges != NULL)
		FreePool(m->ranges);
	m->ranges = NULL;
	m->map.r = NULL;
	m->map.n = 0;
}

int efi_ss_mem_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	struct efi_ss_mem *m = ctx;
	if (m == NULL || m->ranges == NULL || !fw_range_ok(&m->map, addr, len)) {
		if (m != NULL)
			m->refused++;
		return -1;
	}
	CopyMem(dst, (const void *)(UINTN)addr, len);
	return 0;
}

/* Pool memory for fw/ callbacks (struct fw_files, struct fw_transport): ctx unused. */
void *efi_ss_pool_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return AllocatePool(n);
}

void efi_ss_pool_free(void *ctx, void *p)
{
	(void)ctx;
	FreePool(p);
}
