/* SPDX-License-Identifier: MIT */
/* Reading firmware memory safely on a BIOS PC: the E820 map (as the Multiboot loader copied
 * it, or asked of INT 15h through the thunk when the loader gave none) in the ranges of
 * fw/memmap.h, and the core's read callback, which copies a range only when fw_range_ok()
 * accepts it. Protected mode without paging: a physical address below 4 GiB is the pointer. */
#include "bios.h"

#define E820_SMAP 0x534D4150u   /* "SMAP" */
#define E820_MAX_CALLS 128

/* INT 15h EAX=E820h into buf in Multiboot's format (size 20, then base, length, type), so
 * that one converter (fw_memmap_from_e820) reads both. Returns the bytes written. */
static size_t e820(uint8_t *buf, size_t cap)
{
	uint8_t *bounce = bios_bounce();
	uint32_t cont = 0;
	size_t n = 0;
	for (unsigned call = 0; call < E820_MAX_CALLS && n + 24 <= cap; call++) {
		struct bios_regs r = { 0 };
		ss_memfill(bounce, 0, 24);
		bounce[20] = 1; /* ACPI 3 extended attributes: "valid" unless the BIOS says not */
		r.eax = 0xE820;
		r.edx = E820_SMAP;
		r.ecx = 24;
		r.ebx = cont;
		r.es = bios_bounce_seg();
		r.edi = 0;
		bios_int(0x15, &r);
		if ((r.eflags & BIOS_CF) || r.eax != E820_SMAP || r.ecx < 20 || r.ecx > 24)
			break;
		if (r.ecx < 24 || (bounce[20] & 1)) {
			buf[n] = 20, buf[n + 1] = buf[n + 2] = buf[n + 3] = 0;
			ss_memcopy(buf + n + 4, bounce, 20);
			n += 24;
		}
		cont = r.ebx;
		if (cont == 0)
			break;
	}
	return n;
}

extern const uint8_t _end[]; /* bios.ld: the end of the kernel's .bss (and its stack) */

/* The heap: free RAM from the kernel's page-aligned end to the end of the usable (type 1)
 * E820 range that holds it, read from the raw map (Multiboot's format). */
static void heap_find(struct bios_mem *m, const uint8_t *e820, size_t len)
{
	uint64_t base = ((uintptr_t)_end + 4095u) & ~(uint64_t)4095u, end = base;
	for (size_t i = 0; i + 24 <= len;) {
		uint32_t size = ss_le32(e820 + i);
		uint64_t first = ss_le64(e820 + i + 4), n = ss_le64(e820 + i + 12);
		if (ss_le32(e820 + i + 20) == 1 && first <= base && n > base - first &&
		    first + n > end)
			end = first + n;
		if (size < 20 || size > len - i - 4)
			break;
		i += size + 4;
	}
	if (end > 0x100000000ull)
		end = 0x100000000ull; /* 32-bit protected mode reaches no further */
	m->heap = (uintptr_t)base;
	m->heap_len = end - base > BIOS_HEAP_MAX ? BIOS_HEAP_MAX : (size_t)(end - base);
}

size_t bios_mem_init(struct bios_mem *m, const struct bios_boot *b)
{
	static uint8_t buf[E820_MAX_CALLS * 24];
	static struct fw_mem_range own[BIOS_MAX_RANGES];
	ss_memfill(m, 0, sizeof(*m));
	m->map.r = m->r;
	m->map.addr_limit = 0xFFFFFFFFu; /* 32-bit protected mode, no paging */
	m->map.legacy_bios_area = true;
	/* The BIOS's own answer, always: the map when the loader gave none, else a check of the
	 * loader's copy (which is what the reads go by, as Multiboot intends). */
	size_t blen = e820(buf, sizeof(buf));
	size_t nown = fw_memmap_from_e820(buf, blen, own, BIOS_MAX_RANGES);
	if (b->mmap_len > 0)
		heap_find(m, b->mmap, b->mmap_len);
	else
		heap_find(m, buf, blen);
	if (b->mmap_len > 0)
		m->map.n = fw_memmap_from_e820(b->mmap, b->mmap_len, m->r, BIOS_MAX_RANGES);
	if (m->map.n > 0) {
		bool same = nown == m->map.n;
		for (size_t i = 0; same && i < nown; i++)
			same = own[i].first == m->r[i].first && own[i].last == m->r[i].last &&
			       own[i].readable == m->r[i].readable;
		ss_fmt(m->source, sizeof(m->source), "E820 from the boot loader, %zu ranges%s%s",
		       m->map.n, b->mmap_cut ? " (cut)" : "",
		       nown == 0 ? "; INT 15h E820 gave none" :
		       same ? "; INT 15h E820 agrees" : "; INT 15h E820 differs");
	} else {
		ss_memcopy(m->r, own, nown * sizeof(own[0]));
		m->map.n = nown;
		ss_fmt(m->source, sizeof(m->source), "INT 15h E820, %zu ranges%s", m->map.n,
		       b->multiboot ? " (the boot loader passed none)" : "");
	}
	return m->map.n;
}

int bios_mem_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	struct bios_mem *m = ctx;
	if (m == NULL || m->map.n == 0 || !fw_range_ok(&m->map, addr, len)) {
		if (m != NULL)
			m->refused++;
		return -1;
	}
	ss_memcopy(dst, (const void *)(uintptr_t)addr, len);
	return 0;
}
