/* SPDX-License-Identifier: MIT */
/* Range checks against a UEFI memory map; the rules are explained in efi_memmap.h. */
#include "efi_memmap.h"

#include "bytes.h"

bool efi_ss_mem_type_readable(uint32_t type)
{
	switch (type) {
	case EFI_SS_MEM_RESERVED:
	case EFI_SS_MEM_LOADER_CODE:
	case EFI_SS_MEM_LOADER_DATA:
	case EFI_SS_MEM_BS_CODE:
	case EFI_SS_MEM_BS_DATA:
	case EFI_SS_MEM_RT_CODE:
	case EFI_SS_MEM_RT_DATA:
	case EFI_SS_MEM_CONVENTIONAL:
	case EFI_SS_MEM_ACPI_RECLAIM:
	case EFI_SS_MEM_ACPI_NVS:
	case EFI_SS_MEM_PERSISTENT:
		return true;
	default:
		return false;
	}
}

/* Inclusive bounds of a descriptor, or false when it is malformed. Inclusive "last" avoids
 * the 2^64 that an exclusive end of a region touching the top of memory would need. */
static bool range_bounds(const struct efi_ss_mem_range *e, uint64_t *first, uint64_t *last)
{
	if (e->pages == 0 || e->pages > UINT64_MAX / EFI_SS_PAGE_SIZE)
		return false;
	if (e->start % EFI_SS_PAGE_SIZE != 0)
		return false;
	uint64_t size = e->pages * EFI_SS_PAGE_SIZE;
	if (e->start > UINT64_MAX - (size - 1))
		return false;
	*first = e->start;
	*last = e->start + (size - 1);
	return true;
}

/* The last byte that a readable descriptor containing addr covers, or false if none does.
 * When descriptors overlap, the one reaching furthest wins. */
static bool readable_through(const struct efi_ss_memmap *m, uint64_t addr, uint64_t *through)
{
	bool found = false;
	for (size_t i = 0; i < m->n; i++) {
		uint64_t first, last;
		if (!efi_ss_mem_type_readable(m->r[i].type) || !range_bounds(&m->r[i], &first, &last))
			continue;
		if (addr < first || addr > last)
			continue;
		if (!found || last > *through)
			*through = last;
		found = true;
	}
	if (m->legacy_bios_area && addr >= EFI_SS_LEGACY_BIOS_FIRST &&
	    addr <= EFI_SS_LEGACY_BIOS_LAST && (!found || *through < EFI_SS_LEGACY_BIOS_LAST)) {
		*through = EFI_SS_LEGACY_BIOS_LAST;
		found = true;
	}
	return found;
}

/* An overlapping descriptor of a forbidden type (MMIO described inside RAM by a buggy map)
 * vetoes the range even when a readable one also covers it. */
static bool overlaps_forbidden(const struct efi_ss_memmap *m, uint64_t first, uint64_t last)
{
	for (size_t i = 0; i < m->n; i++) {
		uint64_t a, b;
		if (efi_ss_mem_type_readable(m->r[i].type) || !range_bounds(&m->r[i], &a, &b))
			continue;
		if (a <= last && first <= b)
			return true;
	}
	return false;
}

bool efi_ss_range_ok(const struct efi_ss_memmap *m, uint64_t addr, uint64_t len)
{
	if (m == NULL || len == 0 || addr < EFI_SS_PAGE_SIZE)
		return false;
	if (addr > UINT64_MAX - (len - 1))
		return false;
	uint64_t last = addr + (len - 1);
	if (last > m->addr_limit)
		return false;
	if (overlaps_forbidden(m, addr, last))
		return false;

	/* Walk forward descriptor by descriptor; each step moves past a whole descriptor, so at
	 * most n + 1 steps are needed. The cap makes termination obvious. */
	uint64_t cur = addr;
	for (size_t step = 0; step <= m->n; step++) {
		uint64_t through = 0;
		if (!readable_through(m, cur, &through))
			return false;
		if (through >= last)
			return true;
		cur = through + 1; /* through < last <= UINT64_MAX: cannot wrap */
	}
	return false;
}

size_t efi_ss_memmap_from_uefi(const uint8_t *buf, size_t size, size_t desc_size,
			       struct efi_ss_mem_range *out, size_t cap)
{
	if (buf == NULL || desc_size < 32)
		return 0;
	size_t n = 0;
	for (size_t off = 0; n < cap && ss_in_bounds(off, desc_size, size); off += desc_size) {
		out[n].type = ss_le32(buf + off);
		out[n].start = ss_le64(buf + off + 8);
		out[n].pages = ss_le64(buf + off + 24);
		n++;
	}
	return n;
}
