/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/memmap.c: named edge cases, overflow near 2^64, and random maps
 * checked against an independent page-bitmap oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "memmap.h"

#define PG 4096ull

/* Maps are written as UEFI descriptors and converted the way efi/memory.c does. */
struct ud {
	uint32_t type;
	uint64_t start, pages;
};

static bool okm(const struct ud *d, size_t n, uint64_t limit, bool legacy, uint64_t addr,
		uint64_t len)
{
	struct fw_mem_range r[16];
	size_t k = 0;
	assert_true(n <= 16);
	for (size_t i = 0; i < n; i++)
		if (fw_mem_from_uefi(d[i].type, d[i].start, d[i].pages, &r[k]))
			k++;
	struct fw_memmap m = { r, k, limit, legacy };
	return fw_range_ok(&m, addr, len);
}

static bool ok(const struct ud *d, size_t n, uint64_t addr, uint64_t len)
{
	return okm(d, n, UINT64_MAX, false, addr, len);
}

static void test_types(void **state)
{
	(void)state;
	static const uint32_t yes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 14 };
	static const uint32_t no[] = { 8, 11, 12, 13, 15, 16, 0x70000000u, 0x80000000u,
				       0xFFFFFFFFu };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(fw_mem_type_readable(yes[i]));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(fw_mem_type_readable(no[i]));
}

static void test_single_region(void **state)
{
	(void)state;
	struct ud r[] = { { FW_MEM_ACPI_RECLAIM, 0x7F000000, 4 } };
	assert_true(ok(r, 1, 0x7F000000, 36));
	assert_true(ok(r, 1, 0x7F000000, 4 * PG));
	assert_true(ok(r, 1, 0x7F003FFF, 1));
	assert_false(ok(r, 1, 0x7F003FFF, 2));
	assert_false(ok(r, 1, 0x7F000000, 4 * PG + 1));
	assert_false(ok(r, 1, 0x7EFFFFFF, 2));
	assert_false(ok(r, 1, 0x7F004000, 1));
	assert_false(ok(r, 1, 0x7F000000, 0)); /* empty reads are refused */
}

static void test_span_adjacent(void **state)
{
	(void)state;
	/* reclaim then NVS then boot data: a table straddling the seams is fine */
	struct ud r[] = {
		{ FW_MEM_ACPI_NVS, 0x100000 + PG, 1 },
		{ FW_MEM_ACPI_RECLAIM, 0x100000, 1 },
		{ FW_MEM_BS_DATA, 0x100000 + 2 * PG, 2 },
	};
	assert_true(ok(r, 3, 0x100000 + PG - 10, 20));
	assert_true(ok(r, 3, 0x100000, 4 * PG));
	assert_false(ok(r, 3, 0x100000, 4 * PG + 1));
	/* a gap between two regions */
	struct ud g[] = {
		{ FW_MEM_ACPI_RECLAIM, 0x100000, 1 },
		{ FW_MEM_ACPI_RECLAIM, 0x100000 + 2 * PG, 1 },
	};
	assert_false(ok(g, 2, 0x100000 + PG - 4, 8));
	assert_false(ok(g, 2, 0x100000, 3 * PG));
}

static void test_mmio(void **state)
{
	(void)state;
	struct ud r[] = {
		{ FW_MEM_RESERVED, 0xFE000000, 16 },
		{ FW_MEM_MMIO, 0xFE010000, 16 },
	};
	assert_true(ok(r, 2, 0xFE000000, 100));
	assert_false(ok(r, 2, 0xFE010000, 4));
	assert_false(ok(r, 2, 0xFE00FFF0, 0x20)); /* runs from reserved into MMIO */
	/* MMIO described inside a RAM descriptor (a buggy map): the veto wins */
	struct ud o[] = {
		{ FW_MEM_CONVENTIONAL, 0x200000, 256 },
		{ FW_MEM_MMIO, 0x210000, 1 },
	};
	assert_true(ok(o, 2, 0x200000, PG));
	assert_false(ok(o, 2, 0x210000, 1));
	assert_false(ok(o, 2, 0x20FFFF, 2));
	struct ud u[] = { { FW_MEM_UNUSABLE, 0x300000, 1 } };
	assert_false(ok(u, 1, 0x300000, 1));
	struct ud p[] = { { FW_MEM_MMIO_PORT, 0x300000, 1 } };
	assert_false(ok(p, 1, 0x300000, 1));
}

static void test_first_page_and_limit(void **state)
{
	(void)state;
	struct ud r[] = { { FW_MEM_BS_DATA, 0, 0x100000 } };
	assert_false(ok(r, 1, 0, 1));
	assert_false(ok(r, 1, 0xFFF, 1));
	assert_true(ok(r, 1, 0x1000, 1));
	assert_true(okm(r, 1, UINT32_MAX, false, 0xFFFFFFF0u, 16));
	assert_false(okm(r, 1, UINT32_MAX, false, 0xFFFFFFF0u, 17));
	assert_false(okm(r, 1, UINT32_MAX, false, 0x100000000ull, 1));
	assert_false(fw_range_ok(NULL, 0x1000, 1));
}

static void test_overflow(void **state)
{
	(void)state;
	struct ud top[] = { { FW_MEM_RESERVED, UINT64_MAX - PG + 1, 1 } };
	assert_true(ok(top, 1, UINT64_MAX, 1));
	assert_true(ok(top, 1, UINT64_MAX - PG + 1, PG));
	assert_false(ok(top, 1, UINT64_MAX, 2));
	assert_false(ok(top, 1, UINT64_MAX - 5, UINT64_MAX));
	assert_false(ok(top, 1, 0x1000, UINT64_MAX));
	assert_false(ok(top, 1, UINT64_MAX, UINT64_MAX));
	/* descriptors that overflow or are misaligned are ignored */
	struct ud bad[] = {
		{ FW_MEM_RESERVED, 0x1000, UINT64_MAX },
		{ FW_MEM_RESERVED, UINT64_MAX - PG + 1, 2 },
		{ FW_MEM_RESERVED, 0x5001, 4 },
		{ FW_MEM_RESERVED, 0x9000, 0 },
	};
	assert_false(ok(bad, 4, 0x1000, 1));
	assert_false(ok(bad, 4, UINT64_MAX, 1));
	assert_false(ok(bad, 4, 0x6000, 1));
	assert_false(ok(bad, 4, 0x9000, 1));
	/* whole 64-bit space in one descriptor */
	struct ud all[] = { { FW_MEM_RESERVED, 0, UINT64_MAX / PG + 1 } };
	(void)all; /* pages * 4096 would be 2^64: refused as overflow */
	assert_false(ok(all, 1, 0x1000, 1));
	struct ud almost[] = { { FW_MEM_RESERVED, 0, UINT64_MAX / PG } };
	assert_true(ok(almost, 1, 0x1000, UINT64_MAX - PG - 0x1000 + 1));
	assert_false(ok(almost, 1, 0x1000, UINT64_MAX - PG - 0x1000 + 2));
}

/* The PC BIOS area exception: only with the flag, only 0xE0000..0xFFFFF, MMIO still vetoes,
 * and it joins described memory on either side. */
static void test_legacy_bios_area(void **state)
{
	(void)state;
	struct ud r[] = {
		{ FW_MEM_CONVENTIONAL, 0x1000, 0x9F },      /* 0x1000..0x9FFFF */
		{ FW_MEM_BS_DATA, 0x100000, 0x100 },        /* 1 MiB.. */
	};
	assert_false(okm(r, 2, UINT64_MAX, false, 0xF5A40, 0x24));
	assert_true(okm(r, 2, UINT64_MAX, true, 0xF5A40, 0x24));
	assert_true(okm(r, 2, UINT64_MAX, true, 0xE0000, 0x20000));
	assert_true(okm(r, 2, UINT64_MAX, true, 0xFFFF0, 0x20)); /* into described RAM above */
	assert_false(okm(r, 2, UINT64_MAX, true, 0xDFFFF, 2));   /* VGA, option ROMs below */
	assert_false(okm(r, 2, UINT64_MAX, true, 0xA0000, 1));
	struct ud v[] = { { FW_MEM_MMIO, 0xF0000, 1 } };
	assert_true(okm(v, 1, UINT64_MAX, true, 0xE0000, 0x100));
	assert_false(okm(v, 1, UINT64_MAX, true, 0xF0000, 0x10));
	struct fw_memmap none = { NULL, 0, UINT64_MAX, true };
	assert_true(fw_range_ok(&none, 0xFFFFF, 1));
	assert_false(fw_range_ok(&none, 0xFFFFF, 2));
}

static void test_from_uefi(void **state)
{
	(void)state;
	uint8_t buf[48 * 2 + 20];
	memset(buf, 0, sizeof(buf));
	/* two descriptors with a 48-byte stride (as OVMF uses), then a partial one */
	buf[0] = 9;
	buf[8 + 1] = 0x10; /* start 0x1000 */
	buf[24] = 3;
	buf[48] = 11;
	buf[48 + 8 + 3] = 0xFE; /* 0xFE000000 */
	buf[48 + 24] = 1;
	struct fw_mem_range r[4];
	assert_int_equal(fw_memmap_from_uefi(buf, sizeof(buf), 48, r, 4), 2);
	assert_true(r[0].readable);
	assert_int_equal(r[0].first, 0x1000);
	assert_int_equal(r[0].last, 0x3FFF);
	assert_false(r[1].readable);
	assert_int_equal(r[1].first, 0xFE000000u);
	assert_int_equal(r[1].last, 0xFE000FFFu);
	assert_int_equal(fw_memmap_from_uefi(buf, sizeof(buf), 48, r, 1), 1);
	assert_int_equal(fw_memmap_from_uefi(buf, sizeof(buf), 16, r, 4), 0);
	assert_int_equal(fw_memmap_from_uefi(buf, 47, 48, r, 4), 0);
	assert_int_equal(fw_memmap_from_uefi(NULL, 96, 48, r, 4), 0);
	/* a heap copy of exactly 40 bytes and desc_size 40: ASan checks the reads */
	uint8_t *h = malloc(40);
	memcpy(h, buf, 40);
	assert_int_equal(fw_memmap_from_uefi(h, 40, 40, r, 4), 1);
	free(h);
	/* a misaligned descriptor and an empty one are dropped, the next one kept */
	buf[8] = 0x01; /* start 0x1001 */
	buf[48 + 24] = 0;
	assert_int_equal(fw_memmap_from_uefi(buf, sizeof(buf), 48, r, 4), 0);
	buf[48 + 24] = 2;
	assert_int_equal(fw_memmap_from_uefi(buf, sizeof(buf), 48, r, 4), 1);
	assert_int_equal(r[0].first, 0xFE000000u);
}

/* One E820 entry as Multiboot v1 lays it out: size (u32, not counting itself), base, length,
 * type. */
static size_t e820(uint8_t *p, uint32_t size, uint64_t base, uint64_t len, uint32_t type)
{
	memset(p, 0, 4 + size);
	memcpy(p, &size, 4);
	memcpy(p + 4, &base, 8);
	memcpy(p + 12, &len, 8);
	memcpy(p + 20, &type, 4);
	return 4 + size;
}

/* A SeaBIOS-like map: low RAM, the BIOS area left out, RAM, ACPI tables at the top of RAM,
 * reserved flash below 4 GiB, one faulty region inside RAM. */
static void test_from_e820(void **state)
{
	(void)state;
	uint8_t buf[7 * 28];
	size_t o = 0;
	o += e820(buf + o, 20, 0, 0x9FC00, FW_E820_USABLE);
	o += e820(buf + o, 20, 0x9FC00, 0x400, FW_E820_RESERVED);
	o += e820(buf + o, 24, 0x100000, 0x7EE0000, FW_E820_USABLE); /* ACPI 3.0 24-byte entry */
	o += e820(buf + o, 20, 0x7FE0000, 0x20000, FW_E820_ACPI);
	o += e820(buf + o, 20, 0xFFFC0000u, 0x40000, FW_E820_RESERVED);
	o += e820(buf + o, 20, 0x2000000, 0x1000, FW_E820_UNUSABLE);
	o += e820(buf + o, 20, 0x3000000, 0, FW_E820_USABLE); /* empty: dropped */
	struct fw_mem_range r[8];
	size_t n = fw_memmap_from_e820(buf, o, r, 8);
	assert_int_equal(n, 6);
	struct fw_memmap m = { r, n, UINT32_MAX, true };
	assert_true(fw_range_ok(&m, 0xF5A40, 36));       /* RSDP in the F segment */
	assert_true(fw_range_ok(&m, 0x9FC00, 0x400));    /* EBDA */
	assert_true(fw_range_ok(&m, 0x7FE0000, 0x20000)); /* ACPI tables */
	assert_true(fw_range_ok(&m, 0x7FDFFF0, 0x20));   /* RAM into ACPI */
	assert_false(fw_range_ok(&m, 0x8000000, 1));     /* beyond RAM: a hole */
	assert_false(fw_range_ok(&m, 0x2000800, 1));     /* faulty RAM vetoes */
	assert_false(fw_range_ok(&m, 0xA0000, 1));       /* VGA window: undescribed */
	assert_true(fw_range_ok(&m, 0xFFFFFFF0u, 16));
	assert_false(fw_range_ok(&m, 0xFFFFFFF0u, 17));  /* beyond a 32-bit address space */
	/* truncated and lying entries end the walk without reading past the buffer */
	assert_int_equal(fw_memmap_from_e820(buf, o - 1, r, 8), 6);
	assert_int_equal(fw_memmap_from_e820(buf, 23, r, 8), 0);
	uint8_t *h = malloc(24);
	memcpy(h, buf, 24);
	assert_int_equal(fw_memmap_from_e820(h, 24, r, 8), 1);
	uint32_t big = 0xFFFFFFF0u;
	memcpy(h, &big, 4);
	assert_int_equal(fw_memmap_from_e820(h, 24, r, 8), 0);
	uint32_t small = 16;
	memcpy(h, &small, 4);
	assert_int_equal(fw_memmap_from_e820(h, 24, r, 8), 0);
	free(h);
	assert_int_equal(fw_memmap_from_e820(NULL, 24, r, 8), 0);
	assert_int_equal(fw_memmap_from_e820(buf, o, r, 2), 2);
	assert_true(fw_e820_type_readable(FW_E820_NVS));
	assert_false(fw_e820_type_readable(FW_E820_DISABLED));
	assert_false(fw_e820_type_readable(0));
	assert_false(fw_e820_type_readable(0xF00));
}

/* Oracle: mark readable pages of a 96-page world (maps start below page 64) in a bitmap, veto forbidden ones, and check
 * byte ranges against it. Independent of the walk in memmap.c. */
static void test_random_against_bitmap(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 2000; round++) {
		struct ud r[8];
		size_t n = (size_t)(rand() % 8);
		bool good[96] = { false }, bad[96] = { false };
		for (size_t i = 0; i < n; i++) {
			uint32_t types[] = { 0, 4, 7, 9, 10, 8, 11, 12 };
			r[i].type = types[rand() % 8];
			r[i].start = (uint64_t)(rand() % 64) * PG;
			r[i].pages = (uint64_t)(rand() % 12);
			for (uint64_t p = r[i].start / PG; p < r[i].start / PG + r[i].pages; p++) {
				if (fw_mem_type_readable(r[i].type))
					good[p] = true;
				else
					bad[p] = true;
			}
		}
		for (int q = 0; q < 50; q++) {
			uint64_t addr = (uint64_t)(rand() % (64 * 4096));
			uint64_t len = (uint64_t)(rand() % (8 * 4096));
			bool expect = len > 0 && addr >= PG;
			for (uint64_t b = addr; expect && b < addr + len; b += 1) {
				uint64_t p = b / PG;
				if (p >= 96 || !good[p] || bad[p])
					expect = false;
				b = (p + 1) * PG - 1; /* next page */
			}
			if (ok(r, n, addr, len) != expect) {
				fprintf(stderr, "round %d addr %llx len %llx expect %d\n", round,
					(unsigned long long)addr, (unsigned long long)len, expect);
				fail();
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_single_region),
		cmocka_unit_test(test_from_e820),
		cmocka_unit_test(test_span_adjacent),
		cmocka_unit_test(test_mmio),
		cmocka_unit_test(test_first_page_and_limit),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_legacy_bios_area),
		cmocka_unit_test(test_from_uefi),
		cmocka_unit_test(test_random_against_bitmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
