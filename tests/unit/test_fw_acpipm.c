/* SPDX-License-Identifier: MIT */
/* Unit tests of the FADT fields and the \_S5 search (fw/acpipm.c) a BIOS front end uses to
 * reset or switch off the PC. The AML bytes were compiled by iasl (acpica-tools) from
 *   Name (_S5, Package (0x04) { 0x05, 0x05, Zero, Zero })
 *   Name (_S4, Package (0x02) { 0x06, One })
 *   Name (_S3, Package () { One })
 * and then cut, corrupted and moved to show that only the plain form is taken, and that no
 * byte outside the buffer is read (ASan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acpipm.h"

static const uint8_t aml[] = {
	0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00,
	0x08, 0x5f, 0x53, 0x34, 0x5f, 0x12, 0x05, 0x02, 0x0a, 0x06, 0x01,
	0x08, 0x5f, 0x53, 0x33, 0x5f, 0x12, 0x03, 0x01, 0x01,
};

static int s5(const uint8_t *p, size_t n, uint8_t *a, uint8_t *b)
{
	uint8_t *h = malloc(n ? n : 1); /* exact size: ASan sees any read past it */
	memcpy(h, p, n);
	int rc = fw_aml_s5(h, n, a, b);
	free(h);
	return rc;
}

static void test_s5(void **state)
{
	(void)state;
	uint8_t a = 9, b = 9;
	assert_int_equal(s5(aml, sizeof(aml), &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 5);
	/* every prefix: found only once the first element is complete, never a read past it */
	for (size_t n = 0; n < sizeof(aml); n++) {
		int rc = s5(aml, n, &a, &b);
		assert_int_equal(rc, n >= 10 ? 0 : -1);
	}
	/* not after a NameOp (a method's local reference): not taken */
	uint8_t x[sizeof(aml)];
	memcpy(x, aml, sizeof(x));
	x[0] = 0x70; /* StoreOp */
	assert_int_equal(s5(x, sizeof(x), &a, &b), -1);
	/* a root prefix, a 2-byte PkgLength, Zero/One and word elements */
	static const uint8_t rooted[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x40, 0x09, 0x02,
					  0x0b, 0x07, 0x00, 0x01 };
	assert_int_equal(s5(rooted, sizeof(rooted), &a, &b), 0);
	assert_int_equal(a, 7);
	assert_int_equal(b, 1);
	/* a single element serves for both */
	static const uint8_t one[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x01, 0x00 };
	assert_int_equal(s5(one, sizeof(one), &a, &b), 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
	/* an element that is not an integer (a method call, a reference) */
	static const uint8_t named[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x02, 'S', 'L', 'P',
					 'A', 0x00 };
	assert_int_equal(s5(named, sizeof(named), &a, &b), -1);
	/* no elements */
	static const uint8_t empty[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x02, 0x00 };
	assert_int_equal(s5(empty, sizeof(empty), &a, &b), -1);
	assert_int_equal(fw_aml_s5(NULL, 0, &a, &b), -1);
	/* somewhere in the middle of other bytes, values masked to 3 bits */
	uint8_t big[300];
	memset(big, 0x5b, sizeof(big));
	static const uint8_t wide[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x0d,
					0x0a, 0x0e };
	memcpy(big + 200, wide, sizeof(wide));
	assert_int_equal(s5(big, sizeof(big), &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 6);
}

static void le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void le64(uint8_t *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

static void test_fadt(void **state)
{
	(void)state;
	uint8_t t[276];
	struct fw_fadt f;
	memset(t, 0, sizeof(t));
	memcpy(t, "FACP", 4);
	le32(t + 4, sizeof(t));
	t[8] = 1;
	le32(t + 40, 0x07FE0040);  /* DSDT */
	le32(t + 48, 0xB2);        /* SMI_CMD */
	t[52] = 0xF1;              /* ACPI_ENABLE */
	le32(t + 64, 0x604);       /* PM1a_CNT */
	t[108] = 0x32;             /* CENTURY */
	t[109] = 0x00;             /* IAPC_BOOT_ARCH: no 8042, but revision 1 says nothing */
	le32(t + 112, 1u << 10);   /* RESET_REG_SUP */
	t[116] = 1;                /* RESET_REG: I/O 0xCF9 */
	le64(t + 120, 0xCF9);
	t[128] = 0x06;
	/* ACPI 1.0: 116 bytes are enough, no reset register, no boot flags */
	assert_true(fw_fadt_parse(t, 116, &f));
	assert_int_equal(f.smi_cmd, 0xB2);
	assert_int_equal(f.acpi_enable, 0xF1);
	assert_int_equal(f.pm1a_cnt, 0x604);
	assert_int_equal(f.pm1b_cnt, 0);
	assert_int_equal(f.dsdt, 0x07FE0040);
	assert_int_equal(f.century, 0x32);
	assert_false(f.reset_supported);
	assert_false(fw_fadt_no_8042(&f));
	assert_false(fw_fadt_no_cmos(&f));
	assert_false(fw_fadt_parse(t, 115, &f));
	assert_int_equal(f.pm1a_cnt, 0);
	/* revision 2 (ACPI 1.0b): the reset register, but byte 109 is still reserved */
	t[8] = 2;
	assert_true(fw_fadt_parse(t, sizeof(t), &f));
	assert_true(f.reset_supported);
	assert_false(f.boot_arch_valid);
	assert_false(fw_fadt_no_8042(&f));
	/* revision 3: the boot flags and the X_ fields; "no CMOS" only counts from revision 5 */
	t[8] = 3;
	t[109] = 0x20;             /* no CMOS RTC, no 8042 */
	assert_true(fw_fadt_parse(t, sizeof(t), &f));
	assert_true(fw_fadt_no_8042(&f));
	assert_false(fw_fadt_no_cmos(&f));
	t[8] = 5;
	le64(t + 140, 0x1FFE0000ull);
	t[172] = 1;                /* X_PM1a_CNT_BLK in I/O space */
	le64(t + 176, 0x1004);
	t[184] = 0;                /* X_PM1b_CNT_BLK in memory space: not used */
	le64(t + 188, 0xFED00000ull);
	assert_true(fw_fadt_parse(t, sizeof(t), &f));
	assert_true(f.reset_supported);
	assert_int_equal(f.reset_space, FW_GAS_IO);
	assert_int_equal(f.reset_addr, 0xCF9);
	assert_int_equal(f.reset_value, 6);
	assert_int_equal(f.dsdt, 0x1FFE0000ull);
	assert_int_equal(f.pm1a_cnt, 0x1004);
	assert_int_equal(f.pm1b_cnt, 0);
	assert_true(fw_fadt_no_8042(&f));
	assert_true(fw_fadt_no_cmos(&f));
	/* cut before the reset value: no reset register */
	assert_true(fw_fadt_parse(t, 128, &f));
	assert_false(f.reset_supported);
	/* not a FACP */
	memcpy(t, "APIC", 4);
	assert_false(fw_fadt_parse(t, sizeof(t), &f));
	assert_false(fw_fadt_parse(NULL, 0, &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s5),
		cmocka_unit_test(test_fadt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
