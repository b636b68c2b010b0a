/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/naming.c: placeholder serials, sanitising, UUID fallback and the
 * collision rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "naming.h"

static bool junk(const char *s)
{
	size_t n = strlen(s);
	uint8_t *h = malloc(n ? n : 1);
	memcpy(h, s, n);
	bool j = fw_serial_is_junk(h, n);
	free(h);
	return j;
}

static void test_junk(void **state)
{
	(void)state;
	static const char *const yes[] = {
		"", "   ", "0", "00000000", " 0 0 0 ", "\xff\xff\xff\xff", "To be filled by O.E.M.",
		"TO BE FILLED BY O.E.M.", "  Default string  ", "System Serial Number", "None",
		"NOT SPECIFIED", "Not Applicable", "N/A", "0123456789", "1234567890", "XXXXXXXXXX",
		"??????", "...", "Chassis Serial Number", "Base Board Serial Number", "OEM",
		"To Be Filled By OEM", "Unknown", "aaaaaaaa", "-_-_",
	};
	static const char *const no[] = {
		"CNU1234XYZ", "5CG1234ABC", "PF0ABCDE", "H9XJ1L2", "R90N7W2K", "System Serial",
		"0123456788", "1A", "Default strings",
	};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!junk(yes[i])) {
			fprintf(stderr, "should be junk: \"%s\"\n", yes[i]);
			fail();
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (junk(no[i])) {
			fprintf(stderr, "should not be junk: \"%s\"\n", no[i]);
			fail();
		}
	assert_true(fw_serial_is_junk(NULL, 5));
}

static void test_sanitise(void **state)
{
	(void)state;
	char out[FW_NAME_MAX];
	static const struct { const char *in, *out; } t[] = {
		{ "  CNU1234XYZ  ", "CNU1234XYZ" },
		{ "AB 12/34:5*", "AB_12_34_5_" },
		{ "..hidden.", "hidden" },
		{ "a.b-c_d", "a.b-c_d" },
		{ "caf\xc3\xa9", "caf__" },
		{ "x\\..\\..\\y", "x_.._.._y" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fw_sanitise((const uint8_t *)t[i].in, strlen(t[i].in), out, sizeof(out));
		assert_string_equal(out, t[i].out);
	}
	char longs[100];
	memset(longs, 'Q', sizeof(longs));
	assert_int_equal(fw_sanitise((uint8_t *)longs, sizeof(longs), out, sizeof(out)), 40);
	assert_int_equal(strlen(out), 40);
	/* cut at 40 leaves a trailing dot: it goes too */
	memset(longs, 'Q', sizeof(longs));
	longs[39] = '.';
	assert_int_equal(fw_sanitise((uint8_t *)longs, sizeof(longs), out, sizeof(out)), 39);
	assert_int_equal(fw_sanitise((uint8_t *)longs, sizeof(longs), out, 5), 4);
	assert_int_equal(fw_sanitise((uint8_t *)longs, sizeof(longs), out, 0), 0);
}

static void test_report_base(void **state)
{
	(void)state;
	char out[FW_NAME_MAX];
	const uint8_t uuid[16] = { 0x44, 0x45, 0x4c, 0x4c, 0x35, 0x00, 0x10, 0x35,
				   0x80, 0x52, 0xb4, 0xc0, 0x4f, 0x4b, 0x4e, 0x31 };
	const uint8_t zero[16] = { 0 };
	uint8_t ff[16];
	memset(ff, 0xFF, 16);
	const char *serial = "5CG1234ABC";
	assert_int_equal(fw_report_base((const uint8_t *)serial, strlen(serial), uuid, true, out,
					    sizeof(out)), FW_NAME_SERIAL);
	assert_string_equal(out, "5CG1234ABC");
	const char *bad = "To be filled by O.E.M.";
	assert_int_equal(fw_report_base((const uint8_t *)bad, strlen(bad), uuid, true, out,
					    sizeof(out)), FW_NAME_UUID);
	/* SMBIOS >= 2.6 stores the first three fields little-endian: Dell's "4C4C4544-..." */
	assert_string_equal(out, "uuid-4C4C4544-0035-3510-8052-B4C04F4B4E31");
	assert_int_equal(fw_report_base(NULL, 0, uuid, false, out, sizeof(out)),
			 FW_NAME_UUID);
	assert_string_equal(out, "uuid-44454C4C-3500-1035-8052-B4C04F4B4E31");
	assert_true(strlen(out) + 4 < FW_NAME_MAX); /* room for "-999" */
	assert_int_equal(fw_report_base(NULL, 0, zero, true, out, sizeof(out)),
			 FW_NAME_UNKNOWN);
	assert_string_equal(out, "unknown");
	assert_int_equal(fw_report_base((const uint8_t *)"", 0, ff, true, out, sizeof(out)),
			 FW_NAME_UNKNOWN);
	assert_int_equal(fw_report_base(NULL, 0, NULL, true, out, sizeof(out)),
			 FW_NAME_UNKNOWN);
}

struct taken {
	const char *names[1000];
	size_t n;
	size_t calls;
};

static bool exists(void *ctx, const char *name)
{
	struct taken *t = ctx;
	t->calls++;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return true;
	return false;
}

static bool always(void *ctx, const char *name)
{
	(void)name;
	((struct taken *)ctx)->calls++;
	return true;
}

static void test_unique(void **state)
{
	(void)state;
	char out[FW_NAME_MAX];
	struct taken t = { { "PC1", "PC1-2", "PC1-4" }, 3, 0 };
	assert_int_equal(fw_unique_name("PC2", exists, &t, out, sizeof(out)), 0);
	assert_string_equal(out, "PC2");
	assert_int_equal(fw_unique_name("PC1", exists, &t, out, sizeof(out)), 0);
	assert_string_equal(out, "PC1-3");
	t.calls = 0;
	assert_int_equal(fw_unique_name("PC1", always, &t, out, sizeof(out)), -1);
	assert_int_equal(t.calls, 999);
	assert_string_equal(out, "");
	/* the longest base still fits with its suffix */
	char base[FW_NAME_MAX];
	memset(base, 'u', 41);
	base[41] = '\0';
	static char names[998][64];
	struct taken *many = calloc(1, sizeof(*many));
	many->names[0] = base;
	for (int k = 2; k <= 998; k++) {
		snprintf(names[k - 2], sizeof(names[0]), "%.41s-%d", base, k);
		many->names[k - 1] = names[k - 2];
	}
	many->n = 998;
	assert_int_equal(fw_unique_name(base, exists, many, out, sizeof(out)), 0);
	assert_int_equal(strlen(out), 45);
	assert_string_equal(out + 41, "-999");
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_report_base),
		cmocka_unit_test(test_unique),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
