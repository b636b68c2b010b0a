/* SPDX-License-Identifier: MIT */
/* Unit tests of efi/logic/efi_memmap.c: named edge cases, overflow near 2^64, and random maps
 * checked against an independent page-bitmap oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "efi_memmap.h"

#define PG 4096ull

static bool ok(const struct efi_ss_mem_range *r, size_t n, uint64_t addr, uint64_t len)
{
	struct efi_ss_memmap m = { r, n, UINT64_MAX, false };
	return efi_ss_range_ok(&m, addr, len);
}

static void test_types(void **state)
{
	(void)state;
	static const uint32_t yes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 14 };
	static const uint32_t no[] = { 8, 11, 12, 13, 15, 16, 0x70000000u, 0x80000000u,
				       0xFFFFFFFFu };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(efi_ss_mem_type_readable(yes[i]));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(efi_ss_mem_type_readable(no[i]));
}

static void test_single_region(void **state)
{
	(void)state;
	struct efi_ss_mem_range r[] = { { EFI_SS_MEM_ACPI_RECLAIM, 0x7F000000, 4 } };
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
	struct efi_ss_mem_range r[] = {
		{ EFI_SS_MEM_ACPI_NVS, 0x100000 + PG, 1 },
		{ EFI_SS_MEM_ACPI_RECLAIM, 0x100000, 1 },
		{ EFI_SS_MEM_BS_DATA, 0x100000 + 2 * PG, 2 },
	};
	assert_true(ok(r, 3, 0x100000 + PG - 10, 20));
	assert_true(ok(r, 3, 0x100000, 4 * PG));
	assert_false(ok(r, 3, 0x100000, 4 * PG + 1));
	/* a gap between two regions */
	struct efi_ss_mem_range g[] = {
		{ EFI_SS_MEM_ACPI_RECLAIM, 0x100000, 1 },
		{ EFI_SS_MEM_ACPI_RECLAIM, 0x100000 + 2 * PG, 1 },
	};
	assert_false(ok(g, 2, 0x100000 + PG - 4, 8));
	assert_false(ok(g, 2, 0x100000, 3 * PG));
}

static void test_mmio(void **state)
{
	(void)state;
	struct efi_ss_mem_range r[] = {
		{ EFI_SS_MEM_RESERVED, 0xFE000000, 16 },
		{ EFI_SS_MEM_MMIO, 0xFE010000, 16 },
	};
	assert_true(ok(r, 2, 0xFE000000, 100));
	assert_false(ok(r, 2, 0xFE010000, 4));
	assert_false(ok(r, 2, 0xFE00FFF0, 0x20)); /* runs from reserved into MMIO */
	/* MMIO described inside a RAM descriptor (a buggy map): the veto wins */
	struct efi_ss_mem_range o[] = {
		{ EFI_SS_MEM_CONVENTIONAL, 0x200000, 256 },
		{ EFI_SS_MEM_MMIO, 0x210000, 1 },
	};
	assert_true(ok(o, 2, 0x200000, PG));
	assert_false(ok(o, 2, 0x210000, 1));
	assert_false(ok(o, 2, 0x20FFFF, 2));
	struct efi_ss_mem_range u[] = { { EFI_SS_MEM_UNUSABLE, 0x300000, 1 } };
	assert_false(ok(u, 1, 0x300000, 1));
	struct efi_ss_mem_range p[] = { { EFI_SS_MEM_MMIO_PORT, 0x300000, 1 } };
	assert_false(ok(p, 1, 0x300000, 1));
}

static void test_first_page_and_limit(void **state)
{
	(void)state;
	struct efi_ss_mem_range r[] = { { EFI_SS_MEM_BS_DATA, 0, 0x100000 } };
	assert_false(ok(r, 1, 0, 1));
	assert_false(ok(r, 1, 0xFFF, 1));
	assert_true(ok(r, 1, 0x1000, 1));
	struct efi_ss_memmap m32 = { r, 1, UINT32_MAX, false };
	assert_true(efi_ss_range_ok(&m32, 0xFFFFFFF0u, 16));
	assert_false(efi_ss_range_ok(&m32, 0xFFFFFFF0u, 17));
	assert_false(efi_ss_range_ok(&m32, 0x100000000ull, 1));
	assert_false(efi_ss_range_ok(NULL, 0x1000, 1));
}

static void test_overflow(void **state)
{
	(void)state;
	struct efi_ss_mem_range top[] = { { EFI_SS_MEM_RESERVED, UINT64_MAX - PG + 1, 1 } };
	assert_true(ok(top, 1, UINT64_MAX, 1));
	assert_true(ok(top, 1, UINT64_MAX - PG + 1, PG));
	assert_false(ok(top, 1, UINT64_MAX, 2));
	assert_false(ok(top, 1, UINT64_MAX - 5, UINT64_MAX));
	assert_false(ok(top, 1, 0x1000, UINT64_MAX));
	assert_false(ok(top, 1, UINT64_MAX, UINT64_MAX));
	/* descriptors that overflow or are misaligned are ignored */
	struct efi_ss_mem_range bad[] = {
		{ EFI_SS_MEM_RESERVED, 0x1000, UINT64_MAX },
		{ EFI_SS_MEM_RESERVED, UINT64_MAX - PG + 1, 2 },
		{ EFI_SS_MEM_RESERVED, 0x5001, 4 },
		{ EFI_SS_MEM_RESERVED, 0x9000, 0 },
	};
	assert_false(ok(bad, 4, 0x1000, 1));
	assert_false(ok(bad, 4, UINT64_MAX, 1));
	assert_false(ok(bad, 4, 0x6000, 1));
	assert_false(ok(bad, 4, 0x9000, 1));
	/* whole 64-bit space in one descriptor */
	struct efi_ss_mem_range all[] = { { EFI_SS_MEM_RESERVED, 0, UINT64_MAX / PG + 1 } };
	(void)all; /* pages * 4096 would be 2^64: refused as overflow */
	assert_false(ok(all, 1, 0x1000, 1));
	struct efi_ss_mem_range almost[] = { { EFI_SS_MEM_RESERVED, 0, UINT64_MAX / PG } };
	assert_true(ok(almost, 1, 0x1000, UINT64_MAX - PG - 0x1000 + 1));
	assert_false(ok(almost, 1, 0x1000, UINT64_MAX - PG - 0x1000 + 2));
}

/* The PC BIOS area exception: only with the flag, only 0xE0000..0xFFFFF, MMIO still vetoes,
 * and it joins described memory on either side. */
static void test_legacy_bios_area(void **state)
{
	(void)state;
	struct efi_ss_mem_range r[] = {
		{ EFI_SS_MEM_CONVENTIONAL, 0x1000, 0x9F },      /* 0x1000..0x9FFFF */
		{ EFI_SS_MEM_BS_DATA, 0x100000, 0x100 },        /* 1 MiB.. */
	};
	struct efi_ss_memmap strict = { r, 2, UINT64_MAX, false };
	struct efi_ss_memmap legacy = { r, 2, UINT64_MAX, true };
	assert_false(efi_ss_range_ok(&strict, 0xF5A40, 0x24));
	assert_true(efi_ss_range_ok(&legacy, 0xF5A40, 0x24));
	assert_true(efi_ss_range_ok(&legacy, 0xE0000, 0x20000));
	assert_true(efi_ss_range_ok(&legacy, 0xFFFF0, 0x20)); /* into described RAM above */
	assert_false(efi_ss_range_ok(&legacy, 0xDFFFF, 2));   /* 0xA0000..0xDFFFF: VGA, option ROMs */
	assert_false(efi_ss_range_ok(&legacy, 0xA0000, 1));
	struct efi_ss_mem_range v[] = { { EFI_SS_MEM_MMIO, 0xF0000, 1 } };
	struct efi_ss_memmap vetoed = { v, 1, UINT64_MAX, true };
	assert_true(efi_ss_range_ok(&vetoed, 0xE0000, 0x100));
	assert_false(efi_ss_range_ok(&vetoed, 0xF0000, 0x10));
	struct efi_ss_memmap none = { NULL, 0, UINT64_MAX, true };
	assert_true(efi_ss_range_ok(&none, 0xFFFFF, 1));
	assert_false(efi_ss_range_ok(&none, 0xFFFFF, 2));
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
	struct efi_ss_mem_range r[4];
	assert_int_equal(efi_ss_memmap_from_uefi(buf, sizeof(buf), 48, r, 4), 2);
	assert_int_equal(r[0].type, 9);
	assert_int_equal(r[0].start, 0x1000);
	assert_int_equal(r[0].pages, 3);
	assert_int_equal(r[1].type, 11);
	assert_int_equal(r[1].start, 0xFE000000u);
	assert_int_equal(efi_ss_memmap_from_uefi(buf, sizeof(buf), 48, r, 1), 1);
	assert_int_equal(efi_ss_memmap_from_uefi(buf, sizeof(buf), 16, r, 4), 0);
	assert_int_equal(efi_ss_memmap_from_uefi(buf, 47, 48, r, 4), 0);
	assert_int_equal(efi_ss_memmap_from_uefi(NULL, 96, 48, r, 4), 0);
	/* a heap copy of exactly 40 bytes and desc_size 40: ASan checks the reads */
	uint8_t *h = malloc(40);
	memcpy(h, buf, 40);
	assert_int_equal(efi_ss_memmap_from_uefi(h, 40, 40, r, 4), 1);
	free(h);
}

/* Oracle: mark readable pages of a 96-page world (maps start below page 64) in a bitmap, veto forbidden ones, and check
 * byte ranges against it. Independent of the walk in efi_memmap.c. */
static void test_random_against_bitmap(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 2000; round++) {
		struct efi_ss_mem_range r[8];
		size_t n = (size_t)(rand() % 8);
		bool good[96] = { false }, bad[96] = { false };
		for (size_t i = 0; i < n; i++) {
			uint32_t types[] = { 0, 4, 7, 9, 10, 8, 11, 12 };
			r[i].type = types[rand() % 8];
			r[i].start = (uint64_t)(rand() % 64) * PG;
			r[i].pages = (uint64_t)(rand() % 12);
			for (uint64_t p = r[i].start / PG; p < r[i].start / PG + r[i].pages; p++) {
				if (efi_ss_mem_type_readable(r[i].type))
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
