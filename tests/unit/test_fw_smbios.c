/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/smbios.c: entry points of both layouts with checksums, a small
 * structure table, and every truncation and string-index fault; each buffer is an exact-size
 * heap copy so ASan sees any overread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smbios.h"

/* type 0: vendor "ACME", version "1.2.3", date string 3 "01/02/2013";
 * type 1 (length 0x1B): manufacturer "Dell Inc.", product "OptiPlex 790", serial "H9XJ1L2",
 * UUID bytes 0..15; then type 2 without strings, then type 127. */
static const uint8_t table[] = {
	0, 0x18, 0x00, 0x00, 1, 2, 0x00, 0xF0, 3, 0x0F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	'A', 'C', 'M', 'E', 0, '1', '.', '2', '.', '3', 0,
	'0', '1', '/', '0', '2', '/', '2', '0', '1', '3', 0, 0,
	1, 0x1B, 0x01, 0x00, 1, 2, 0, 3,
	0x44, 0x45, 0x4c, 0x4c, 0x35, 0x00, 0x10, 0x35, 0x80, 0x52, 0xb4, 0xc0, 0x4f, 0x4b, 0x4e, 0x31,
	6, 0, 0,
	'D', 'e', 'l', 'l', ' ', 'I', 'n', 'c', '.', 0,
	'O', 'p', 't', 'i', 'P', 'l', 'e', 'x', ' ', '7', '9', '0', 0,
	'H', '9', 'X', 'J', '1', 'L', '2', 0, 0,
	2, 4, 0x02, 0x00, 0, 0,
	127, 4, 0xFF, 0xFF, 0, 0,
};

static void parse(const uint8_t *src, size_t n, struct fw_smbios_info *info, uint8_t major,
		  uint8_t minor)
{
	uint8_t *h = malloc(n ? n : 1);
	memcpy(h, src, n);
	fw_smbios_parse(h, n, major, minor, info);
	free(h);
}

static void test_table(void **state)
{
	(void)state;
	struct fw_smbios_info i;
	parse(table, sizeof(table), &i, 2, 8);
	assert_true(i.found_type0);
	assert_true(i.found_type1);
	assert_false(i.truncated);
	assert_int_equal(i.structures, 4);
	assert_string_equal(i.bios_vendor, "ACME");
	assert_string_equal(i.bios_version, "1.2.3");
	assert_string_equal(i.bios_date, "01/02/2013");
	assert_string_equal(i.sys_manufacturer, "Dell Inc.");
	assert_string_equal(i.sys_product, "OptiPlex 790");
	assert_string_equal(i.sys_serial, "H9XJ1L2");
	assert_true(i.has_uuid);
	assert_int_equal(i.uuid[0], 0x44);
	assert_true(i.uuid_le);
	parse(table, sizeof(table), &i, 2, 5);
	assert_false(i.uuid_le);
	parse(table, sizeof(table), &i, 3, 0);
	assert_true(i.uuid_le);
}

/* Every prefix of the table parses without reading past it; short ones report truncation or
 * simply end, and never invent strings. */
static void test_every_prefix(void **state)
{
	(void)state;
	for (size_t n = 0; n <= sizeof(table); n++) {
		struct fw_smbios_info i;
		parse(table, n, &i, 3, 0);
		if (n < 47) /* type 0 complete at 47 bytes (its double NUL included) */
			assert_false(i.found_type0);
		if (n < sizeof(table) - 12)
			assert_false(i.found_type1 && i.structures > 2);
	}
	struct fw_smbios_info i;
	fw_smbios_parse(NULL, 10, 3, 0, &i);
	assert_false(i.found_type0);
}

static void test_faults(void **state)
{
	(void)state;
	struct fw_smbios_info i;
	uint8_t t[sizeof(table)];

	/* string index beyond the strings present, and 0 = none */
	memcpy(t, table, sizeof(t));
	t[4] = 9;
	t[5] = 0;
	parse(t, sizeof(t), &i, 3, 0);
	assert_string_equal(i.bios_vendor, "");
	assert_string_equal(i.bios_version, "");
	assert_string_equal(i.bios_date, "01/02/2013");

	/* header length below 4 stops the walk */
	memcpy(t, table, sizeof(t));
	t[1] = 3;
	parse(t, sizeof(t), &i, 3, 0);
	assert_true(i.truncated);
	assert_false(i.found_type0);

	/* header length past the end */
	memcpy(t, table, sizeof(t));
	t[1] = 0xFF;
	parse(t, sizeof(t), &i, 3, 0);
	assert_true(i.truncated);

	/* a short type 1 (SMBIOS 2.0, length 8) has no UUID and no serial beyond the header */
	static const uint8_t short1[] = { 1, 8, 0, 0, 1, 2, 3, 4, 'a', 0, 'b', 0, 'c', 0, 'd', 0, 0 };
	parse(short1, sizeof(short1), &i, 2, 0);
	assert_true(i.found_type1);
	assert_false(i.has_uuid);
	assert_string_equal(i.sys_manufacturer, "a");
	assert_string_equal(i.sys_serial, "d");

	/* strings longer than the kept size are cut, not overrun */
	uint8_t big[8 + 200 + 2];
	memset(big, 'S', sizeof(big));
	memcpy(big, (uint8_t[]){ 1, 8, 0, 0, 0, 0, 0, 1 }, 8);
	big[8 + 200] = 0, big[8 + 201] = 0;
	parse(big, sizeof(big), &i, 2, 0);
	assert_int_equal(strlen(i.sys_serial), FW_SMBIOS_STR_MAX);

	/* no double NUL at the end: truncated, no read past */
	uint8_t nodbl[] = { 1, 8, 0, 0, 0, 0, 0, 1, 'x', 'y' };
	parse(nodbl, sizeof(nodbl), &i, 2, 0);
	assert_true(i.truncated);
	assert_false(i.found_type1);

	/* random bytes never crash and always end */
	srand(99);
	for (int r = 0; r < 5000; r++) {
		uint8_t junk[64];
		size_t n = (size_t)(rand() % 64);
		for (size_t k = 0; k < n; k++)
			junk[k] = (uint8_t)(rand() % 4 ? rand() % 8 : rand());
		parse(junk, n, &i, 3, 0);
		assert_true(i.structures <= n / 6 + 1);
	}
}

static void fix_sum(uint8_t *p, size_t n, size_t at)
{
	uint8_t s = 0;
	p[at] = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	p[at] = (uint8_t)(0x100 - s);
}

static void test_entry_points(void **state)
{
	(void)state;
	struct fw_smbios_ep ep;
	const char *why;
	uint8_t e3[0x18] = { '_', 'S', 'M', '3', '_', 0, 0x18, 3, 2, 0, 1, 0 };
	e3[12] = 0x00, e3[13] = 0x10; /* max size 0x1000 */
	e3[16] = 0x00, e3[17] = 0x00, e3[18] = 0x80, e3[19] = 0x7F, e3[20] = 0x01;
	fix_sum(e3, 0x18, 5);
	assert_int_equal(fw_smbios_ep_size(e3), 0x18);
	assert_int_equal(fw_smbios_ep_parse(e3, sizeof(e3), &ep, &why), 0);
	assert_true(ep.is64);
	assert_int_equal(ep.major, 3);
	assert_int_equal(ep.minor, 2);
	assert_int_equal(ep.table_len, 0x1000);
	assert_int_equal(ep.table_addr, 0x17F800000ull);
	e3[20] ^= 1;
	assert_int_equal(fw_smbios_ep_parse(e3, sizeof(e3), &ep, &why), -1);
	assert_non_null(strstr(why, "checksum"));
	assert_int_equal(fw_smbios_ep_parse(e3, 0x17, &ep, &why), -1);

	uint8_t e2[0x1F] = { '_', 'S', 'M', '_', 0, 0x1F, 2, 8, 0x40, 0, 0 };
	memcpy(e2 + 16, "_DMI_", 5);
	e2[22] = 0x34, e2[23] = 0x12;                 /* table length 0x1234 */
	e2[24] = 0x00, e2[25] = 0x00, e2[26] = 0x0F, e2[27] = 0x00; /* 0xF0000 */
	fix_sum(e2 + 16, 15, 5);
	fix_sum(e2, 0x1F, 4);
	assert_int_equal(fw_smbios_ep_size(e2), 0x1F);
	assert_int_equal(fw_smbios_ep_parse(e2, sizeof(e2), &ep, &why), 0);
	assert_false(ep.is64);
	assert_int_equal(ep.major, 2);
	assert_int_equal(ep.minor, 8);
	assert_int_equal(ep.table_len, 0x1234);
	assert_int_equal(ep.table_addr, 0xF0000);
	e2[21] ^= 0x55; /* intermediate checksum broken, outer fixed again */
	fix_sum(e2, 0x1F, 4);
	assert_int_equal(fw_smbios_ep_parse(e2, sizeof(e2), &ep, &why), -1);
	assert_non_null(strstr(why, "_DMI_"));

	static const uint8_t notep[7] = { '_', 'S', 'M', 'X', '_', 0, 0x18 };
	assert_int_equal(fw_smbios_ep_size(notep), 0);
	assert_int_equal(fw_smbios_ep_parse(notep, 7, &ep, &why), -1);
	uint8_t shortlen[7] = { '_', 'S', 'M', '3', '_', 0, 0x10 };
	assert_int_equal(fw_smbios_ep_size(shortlen), 0);
	assert_int_equal(fw_smbios_ep_parse(NULL, 0, &ep, NULL), -1);
}

/* A fake BIOS area 0xF0000..0xFFFFF holding entry points, and a table at 0x7FFF0000. */
#define AREA 0xF0000u
#define TBL 0x7FFF0000u

struct fake {
	uint8_t area[0x10000];
	uint8_t tbl[sizeof(table)];
	size_t tbl_readable; /* bytes of the table that can be read */
	unsigned reads;
};

static int fake_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	struct fake *f = ctx;
	f->reads++;
	if (addr >= AREA && addr - AREA <= sizeof(f->area) && len <= sizeof(f->area) - (addr - AREA)) {
		memcpy(dst, f->area + (addr - AREA), len);
		return 0;
	}
	if (addr == TBL && len <= f->tbl_readable) {
		memcpy(dst, f->tbl, len);
		return 0;
	}
	return -1;
}

static void put_ep2(uint8_t *p, uint32_t addr, uint16_t len)
{
	static const uint8_t e2[0x1F] = { '_', 'S', 'M', '_', 0, 0x1F, 2, 8, 0x40 };
	memcpy(p, e2, sizeof(e2));
	memcpy(p + 16, "_DMI_", 5);
	p[22] = (uint8_t)len, p[23] = (uint8_t)(len >> 8);
	p[24] = (uint8_t)addr, p[25] = (uint8_t)(addr >> 8), p[26] = (uint8_t)(addr >> 16);
	p[27] = (uint8_t)(addr >> 24);
	fix_sum(p + 16, 15, 5);
	fix_sum(p, 0x1F, 4);
}

static void put_ep3(uint8_t *p, uint32_t addr, uint32_t max)
{
	static const uint8_t e3[0x18] = { '_', 'S', 'M', '3', '_', 0, 0x18, 3, 0, 0, 1 };
	memcpy(p, e3, sizeof(e3));
	p[12] = (uint8_t)max, p[13] = (uint8_t)(max >> 8), p[14] = (uint8_t)(max >> 16);
	p[16] = (uint8_t)addr, p[17] = (uint8_t)(addr >> 8), p[18] = (uint8_t)(addr >> 16);
	p[19] = (uint8_t)(addr >> 24);
	fix_sum(p, 0x18, 5);
}

/* The BIOS-area scan: 16-byte boundaries, a valid entry point of the kind asked for. */
static void test_find_in_bios_area(void **state)
{
	(void)state;
	static struct fake f;
	size_t off = 99;
	memset(&f, 0, sizeof(f));
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), false, &off), -1);
	put_ep2(f.area + 0x108, TBL, sizeof(table));   /* off the 16-byte grid */
	put_ep2(f.area + 0x200, TBL, sizeof(table));
	f.area[0x200 + 24] ^= 1;                        /* checksum broken */
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), false, &off), -1);
	uint8_t cut[0x1F];
	put_ep2(cut, TBL, sizeof(table));
	memcpy(f.area + 0xFFF0, cut, 0x10);             /* cut by the end of the area */
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), false, &off), -1);
	put_ep2(f.area + 0x9430, TBL, sizeof(table));
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), false, &off), 0);
	assert_int_equal(off, 0x9430);
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), true, &off), -1);
	put_ep3(f.area + 0x9400, TBL, 0x10000);
	assert_int_equal(fw_smbios_find(f.area, sizeof(f.area), true, &off), 0);
	assert_int_equal(off, 0x9400);
	assert_int_equal(fw_smbios_find(NULL, 0, true, &off), -1);
}

/* The shared read: 3.x first, its maximum size halved until readable; 2.x exact. */
static void test_read_through_callback(void **state)
{
	(void)state;
	static struct fake f;
	static uint8_t buf[FW_SMBIOS_TABLE_MAX];
	struct fw_smbios_info info;
	const char *why = "caller's default";
	memset(&f, 0, sizeof(f));
	memcpy(f.tbl, table, sizeof(table));
	f.tbl_readable = sizeof(table);

	/* no entry point at all: the caller's reason stays */
	assert_false(fw_smbios_read(fake_read, &f, 0, 0, buf, sizeof(buf), &info, &why));
	assert_string_equal(why, "caller's default");

	put_ep2(f.area + 0x9430, TBL, sizeof(table));
	assert_true(fw_smbios_read(fake_read, &f, 0, AREA + 0x9430, buf, sizeof(buf), &info, &why));
	assert_null(why);
	assert_string_equal(info.sys_serial, "H9XJ1L2");

	/* 3.x: a maximum of 4 * the table, only the table readable: halved twice */
	put_ep3(f.area + 0x9400, TBL, 4 * sizeof(table));
	f.tbl_readable = sizeof(table);
	assert_true(fw_smbios_read(fake_read, &f, AREA + 0x9400, AREA + 0x9430, buf, sizeof(buf),
				   &info, &why));
	assert_string_equal(info.bios_vendor, "ACME");

	/* a table nobody can read */
	f.tbl_readable = 0;
	assert_false(fw_smbios_read(fake_read, &f, 0, AREA + 0x9430, buf, sizeof(buf), &info, &why));
	assert_string_equal(why, "SMBIOS structure table outside readable memory");
	assert_false(info.found_type1);
	/* an entry point outside readable memory */
	assert_false(fw_smbios_read(fake_read, &f, 0, 0x1234, buf, sizeof(buf), &info, &why));
	assert_string_equal(why, "SMBIOS entry point outside readable memory");
	/* a buffer smaller than the table: what fits is parsed, nothing beyond it is written */
	f.tbl_readable = sizeof(table);
	memset(buf, 0xAA, 64);
	assert_true(fw_smbios_read(fake_read, &f, 0, AREA + 0x9430, buf, 47, &info, &why));
	assert_true(info.found_type0);
	assert_false(info.found_type1);
	assert_int_equal(buf[47], 0xAA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_entry_points),
		cmocka_unit_test(test_find_in_bios_area),
		cmocka_unit_test(test_read_through_callback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
