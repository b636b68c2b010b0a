/* SPDX-License-Identifier: MIT */
/* Decide whether a physical memory range may be read: one rule for every front end that reads
 * firmware memory (pure logic).
 *
 * Each front end reads firmware tables only through an ss_read_fn that asks fw_range_ok()
 * first, so a wild pointer in an RSDP, RSDT/XSDT or SMBIOS entry point becomes a finding
 * instead of a machine check, a page fault or a device side effect. The front ends differ only
 * in where their map comes from, converted here into the same byte ranges:
 *  - UEFI: GetMemoryMap() descriptors (fw_memmap_from_uefi, efi/memory.c);
 *  - legacy BIOS: the INT 15h E820 map, as Multiboot hands it on (fw_memmap_from_e820);
 *  - Linux: /sys/firmware/memmap, the kernel's copy of the firmware's map (host/devmem.c adds
 *    its ACPI and reserved regions with fw_mem_add).
 *
 * Rules (docs/UEFI.md, "Memory-map safety"):
 *  - The whole range [addr, addr+len) must be covered by readable ranges; it may span several
 *    adjacent ones (firmware often splits ACPI memory in two types).
 *  - Readable: RAM or ROM where a read has no side effect and where firmware tables live.
 *    UEFI: reserved, loader code/data, boot and runtime services code/data, conventional,
 *    ACPI reclaim, ACPI NVS, persistent. E820: usable, reserved, ACPI, NVS, persistent (7, 12).
 *  - Not readable, and vetoing every range it overlaps even when a readable range covers the
 *    same bytes (a buggy map): UEFI unusable, MMIO, MMIO port space, PAL code, unaccepted and
 *    every type this code does not know; E820 unusable (5, faulty RAM), disabled (6) and
 *    unknown types. An undescribed hole is not readable either.
 *  - Never the first page (0..0xFFF): firmware with NULL-pointer detection unmaps it, and no
 *    table lives there (a front end reads the BIOS data area itself, not through this rule).
 *  - Never above addr_limit (the highest address the CPU mode or the read path can reach).
 *  - A zero-length range is refused: nothing is read, and a caller asking for it has a bug.
 *  - One deliberate exception, only when the caller sets legacy_bios_area: the PC BIOS area
 *    0xE0000..0xFFFFF counts as readable even where the map leaves it out (E820 maps and many
 *    CSM-era UEFI maps do). The ACPI specification (5.2.5.1) and SMBIOS 2.x place the RSDP and
 *    the entry point there on IA-PC systems, it is ROM or shadow RAM on every PC, and the
 *    machines this tool is for (Windows 7 era) are exactly those whose tables may live there.
 *    A range that calls part of it not readable still vetoes the read.
 * Malformed entries (empty, not page-aligned UEFI descriptors, ends beyond 2^64) are dropped
 * by the converters. */
#ifndef FW_MEMMAP_H
#define FW_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* UEFI memory types (UEFI 2.10 table 7.10), numbered as the specification does. */
enum fw_mem_type {
	FW_MEM_RESERVED = 0,
	FW_MEM_LOADER_CODE = 1,
	FW_MEM_LOADER_DATA = 2,
	FW_MEM_BS_CODE = 3,
	FW_MEM_BS_DATA = 4,
	FW_MEM_RT_CODE = 5,
	FW_MEM_RT_DATA = 6,
	FW_MEM_CONVENTIONAL = 7,
	FW_MEM_UNUSABLE = 8,
	FW_MEM_ACPI_RECLAIM = 9,
	FW_MEM_ACPI_NVS = 10,
	FW_MEM_MMIO = 11,
	FW_MEM_MMIO_PORT = 12,
	FW_MEM_PAL_CODE = 13,
	FW_MEM_PERSISTENT = 14,
	FW_MEM_UNACCEPTED = 15,
};

/* E820 address range types (ACPI 6.5 table 15.4; 7 and 12 as Linux names them). */
enum fw_e820_type {
	FW_E820_USABLE = 1,
	FW_E820_RESERVED = 2,
	FW_E820_ACPI = 3,
	FW_E820_NVS = 4,
	FW_E820_UNUSABLE = 5,
	FW_E820_DISABLED = 6,
	FW_E820_PERSISTENT = 7,
	FW_E820_PRAM_LEGACY = 12,
};

#define FW_PAGE_SIZE 4096u

/* One described region, in bytes, inclusive (an exclusive end of a region touching the top of
 * memory would need 2^64). */
struct fw_mem_range {
	uint64_t first, last;
	bool readable; /* false: vetoes every read it overlaps */
};

struct fw_memmap {
	const struct fw_mem_range *r;
	size_t n;
	uint64_t addr_limit;   /* last reachable address, e.g. UINT32_MAX on ia32 */
	bool legacy_bios_area; /* x86 PCs: 0xE0000..0xFFFFF readable even if undescribed */
};

#define FW_LEGACY_BIOS_FIRST 0xE0000u
#define FW_LEGACY_BIOS_LAST 0xFFFFFu

bool fw_mem_type_readable(uint32_t uefi_type);
bool fw_e820_type_readable(uint32_t e820_type);

/* True only when every byte of [addr, addr+len) is readable under the rules above.
 * Never overflows for any addr/len; costs O(n * steps) with at most n + 1 steps. */
bool fw_range_ok(const struct fw_memmap *m, uint64_t addr, uint64_t len);

/* Append [first, first+size) to out[*n] (at most cap entries); false when it is malformed
 * (empty, beyond 2^64) or out is full. The building block of the converters below. */
bool fw_mem_add(struct fw_mem_range *out, size_t *n, size_t cap, uint64_t first,
		uint64_t size, bool readable);

/* One UEFI descriptor as a range; false when it is malformed (no pages, not page-aligned,
 * beyond 2^64). */
bool fw_mem_from_uefi(uint32_t type, uint64_t start, uint64_t pages, struct fw_mem_range *out);

/* A raw GetMemoryMap() buffer (descriptors desc_size bytes apart; Type u32 at +0,
 * PhysicalStart u64 at +8, NumberOfPages u64 at +24) into at most cap ranges. Returns the
 * number written; a desc_size below 32, a partial trailing descriptor and malformed
 * descriptors are not used. The buffer is firmware data and treated as untrusted. */
size_t fw_memmap_from_uefi(const uint8_t *buf, size_t size, size_t desc_size,
			   struct fw_mem_range *out, size_t cap);

/* A Multiboot v1 memory map (mmap_addr/mmap_length: entries of size u32, base u64, length u64,
 * type u32, each next one size + 4 bytes on) into at most cap ranges. Returns the number
 * written; an entry size below 20 or running past the buffer ends the walk. */
size_t fw_memmap_from_e820(const uint8_t *buf, size_t size, struct fw_mem_range *out,
			   size_t cap);

#endif
