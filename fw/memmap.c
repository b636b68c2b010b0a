/* SPDX-License-Identifier: MIT */
/* Range checks against a firmware memory map; the rules are explained in memmap.h. */
#include "memmap.h"

#include "bytes.h"

bool fw_mem_type_readable(uint32_t uefi_type)
{
	switch (uefi_type) {
	case FW_MEM_RESERVED:
	case FW_MEM_LOADER_CODE:
	case FW_MEM_LOADER_DATA:
	case FW_MEM_BS_CODE:
	case FW_MEM_BS_DATA:
	case FW_MEM_RT_CODE:
	case FW_MEM_RT_DATA:
	case FW_MEM_CONVENTIONAL:
	case FW_MEM_ACPI_RECLAIM:
	case FW_MEM_ACPI_NVS:
	case FW_MEM_PERSISTENT:
		return true;
	default:
		return false;
	}
}

bool fw_e820_type_readable(uint32_t e820_type)
{
	switch (e820_type) {
	case FW_E820_USABLE:
	case FW_E820_RESERVED:
	case FW_E820_ACPI:
	case FW_E820_NVS:
	case FW_E820_PERSISTENT:
	case FW_E820_PRAM_LEGACY:
		return true;
	default:
		return false;
	}
}

bool fw_mem_add(struct fw_mem_range *out, size_t *n, size_t cap, uint64_t first,
		uint64_t size, bool readable)
{
	if (*n >= cap || size == 0 || first > UINT64_MAX - (size - 1))
		return false;
	out[*n].first = first;
	out[*n].last = first + (size - 1);
	out[*n].readable = readable;
	(*n)++;
	return true;
}

bool fw_mem_from_uefi(uint32_t type, uint64_t start, uint64_t pages, struct fw_mem_range *out)
{
	if (pages == 0 || pages > UINT64_MAX / FW_PAGE_SIZE || start % FW_PAGE_SIZE != 0)
		return false;
	size_t n = 0;
	return fw_mem_add(out, &n, 1, start, pages * FW_PAGE_SIZE, fw_mem_type_readable(type));
}

/* The last byte that a readable range containing addr covers, or false if none does. When
 * ranges overlap, the one reaching furthest wins. */
static bool readable_through(const struct fw_memmap *m, uint64_t addr, uint64_t *through)
{
	bool found = false;
	for (size_t i = 0; i < m->n; i++) {
		const struct fw_mem_range *e = &m->r[i];
		if (!e->readable || addr < e->first || addr > e->last)
			continue;
		if (!found || e->last > *through)
			*through = e->last;
		found = true;
	}
	if (m->legacy_bios_area && addr >= FW_LEGACY_BIOS_FIRST &&
	    addr <= FW_LEGACY_BIOS_LAST && (!found || *through < FW_LEGACY_BIOS_LAST)) {
		*through = FW_LEGACY_BIOS_LAST;
		found = true;
	}
	return found;
}

/* A range that is not readable (MMIO described inside RAM by a buggy map) vetoes the read even
 * when a readable one also covers it. */
static bool overlaps_forbidden(const struct fw_memmap *m, uint64_t first, uint64_t last)
{
	for (size_t i = 0; i < m->n; i++)
		if (!m->r[i].readable && m->r[i].first <= last && first <= m->r[i].last)
			return true;
	return false;
}

bool fw_range_ok(const struct fw_memmap *m, uint64_t addr, uint64_t len)
{
	if (m == NULL || len == 0 || addr < FW_PAGE_SIZE)
		return false;
	if (addr > UINT64_MAX - (len - 1))
		return false;
	uint64_t last = addr + (len - 1);
	if (last > m->addr_limit)
		return false;
	if (overlaps_forbidden(m, addr, last))
		return false;

	/* Walk forward range by range; each step moves past a whole range, so at most n + 1
	 * steps are needed (the legacy area counting as one more). The cap makes termination
	 * obvious. */
	uint64_t cur = addr;
	for (size_t step = 0; step <= m->n + 1; step++) {
		uint64_t through = 0;
		if (!readable_through(m, cur, &through))
			return false;
		if (through >= last)
			return true;
		cur = through + 1; /* through < last <= UINT64_MAX: cannot wrap */
	}
	return false;
}

size_t fw_memmap_from_uefi(const uint8_t *buf, size_t size, size_t desc_size,
			   struct fw_mem_range *out, size_t cap)
{
	if (buf == NULL || desc_size < 32)
		return 0;
	size_t n = 0;
	for (size_t off = 0; n < cap && ss_in_bounds(off, desc_size, size); off += desc_size) {
		if (fw_mem_from_uefi(ss_le32(buf + off), ss_le64(buf + off + 8),
				     ss_le64(buf + off + 24), &out[n]))
			n++;
	}
	return n;
}

size_t fw_memmap_from_e820(const uint8_t *buf, size_t size, struct fw_mem_range *out,
			   size_t cap)
{
	if (buf == NULL)
		return 0;
	size_t n = 0;
	size_t off = 0;
	while (n < cap && ss_in_bounds(off, 4, size)) {
		uint32_t esz = ss_le32(buf + off);
		if (esz < 20 || !ss_in_bounds(off + 4, esz, size))
			break;
		const uint8_t *e = buf + off + 4;
		uint32_t type = ss_le32(e + 16);
		(void)fw_mem_add(out, &n, cap, ss_le64(e), ss_le64(e + 8), fw_e820_type_readable(type));
		off += 4 + (size_t)esz;
	}
	return n;
}
