/* SPDX-License-Identifier: MIT */
/* Decide whether a physical memory range may be read, from a UEFI memory map (pure logic).
 *
 * The UEFI app reads firmware tables only through ss_read_fn; that callback asks
 * efi_ss_range_ok() first, so a wild pointer in an RSDT/XSDT or SMBIOS entry point becomes a
 * finding instead of a machine check, a page fault or a device side effect.
 *
 * Rules (docs/UEFI.md, "Memory-map safety"):
 *  - The whole range [addr, addr+len) must be covered by descriptors of a readable type; it may
 *    span several adjacent descriptors (firmware often splits ACPI memory in two types).
 *  - Readable: reserved, loader code/data, boot and runtime services code/data, conventional,
 *    ACPI reclaim, ACPI NVS, persistent memory. These are RAM (or ROM shadowed as RAM) and reading
 *    them has no side effect; ACPI tables live in ACPI reclaim/NVS, reserved, boot/runtime data.
 *  - Not readable: unusable memory (faulty RAM), memory-mapped I/O and I/O port space (a read can
 *    have side effects on a device), PAL code (Itanium), unaccepted memory (touching it faults in
 *    a confidential VM) and every type this code does not know.
 *  - Never the first page (0..0xFFF): firmware with NULL-pointer detection unmaps it.
 *  - Never above addr_limit (the highest address the CPU mode can dereference: 4 GiB - 1 on ia32).
 *  - A zero-length range is refused: nothing is read, and a caller asking for it has a bug.
 *  - One deliberate exception, only when the caller sets legacy_bios_area: the PC BIOS area
 *    0xE0000..0xFFFFF counts as readable even where the map leaves it out (many CSM-era
 *    firmwares do). The ACPI specification (5.2.5.1) and SMBIOS 2.x place the RSDP and the
 *    entry point there on IA-PC systems, it is ROM or shadow RAM on every PC, and the machines
 *    this tool is for (Windows 7 era) are exactly those whose tables may live there. A
 *    descriptor that calls part of it MMIO or unusable still vetoes the read.
 * Descriptors whose start + size overflows 2^64 or that are not page-aligned are ignored. */
#ifndef EFI_SS_MEMMAP_H
#define EFI_SS_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* UEFI memory types (UEFI 2.10 table 7.10), numbered as the specification does. */
enum efi_ss_mem_type {
	EFI_SS_MEM_RESERVED = 0,
	EFI_SS_MEM_LOADER_CODE = 1,
	EFI_SS_MEM_LOADER_DATA = 2,
	EFI_SS_MEM_BS_CODE = 3,
	EFI_SS_MEM_BS_DATA = 4,
	EFI_SS_MEM_RT_CODE = 5,
	EFI_SS_MEM_RT_DATA = 6,
	EFI_SS_MEM_CONVENTIONAL = 7,
	EFI_SS_MEM_UNUSABLE = 8,
	EFI_SS_MEM_ACPI_RECLAIM = 9,
	EFI_SS_MEM_ACPI_NVS = 10,
	EFI_SS_MEM_MMIO = 11,
	EFI_SS_MEM_MMIO_PORT = 12,
	EFI_SS_MEM_PAL_CODE = 13,
	EFI_SS_MEM_PERSISTENT = 14,
	EFI_SS_MEM_UNACCEPTED = 15,
};

#define EFI_SS_PAGE_SIZE 4096u

struct efi_ss_mem_range {
	uint32_t type;  /* enum efi_ss_mem_type, or anything a firmware invents */
	uint64_t start; /* physical address */
	uint64_t pages; /* 4 KiB pages */
};

struct efi_ss_memmap {
	const struct efi_ss_mem_range *r;
	size_t n;
	uint64_t addr_limit; /* last dereferenceable address, e.g. UINT32_MAX on ia32 */
	bool legacy_bios_area; /* x86 PCs: 0xE0000..0xFFFFF readable even if undescribed */
};

#define EFI_SS_LEGACY_BIOS_FIRST 0xE0000u
#define EFI_SS_LEGACY_BIOS_LAST 0xFFFFFu

bool efi_ss_mem_type_readable(uint32_t type);

/* True only when every byte of [addr, addr+len) is readable under the rules above.
 * Never overflows for any addr/len; costs O(n * steps) with at most n steps. */
bool efi_ss_range_ok(const struct efi_ss_memmap *m, uint64_t addr, uint64_t len);

/* Convert a raw GetMemoryMap() buffer (descriptors desc_size bytes apart; Type u32 at +0,
 * PhysicalStart u64 at +8, NumberOfPages u64 at +24) into at most cap ranges.
 * Returns the number written; a desc_size below 32 or a partial trailing descriptor is not
 * read. The buffer is firmware data and treated as untrusted. */
size_t efi_ss_memmap_from_uefi(const uint8_t *buf, size_t size, size_t desc_size,
			       struct efi_ss_mem_range *out, size_t cap);

#endif
