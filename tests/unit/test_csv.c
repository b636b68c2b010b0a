/* SPDX-License-Identifier: MIT */
/* Unit tests of the summary CSV (acpi/csv.c), read back by a strict RFC 4180 reader written
 * here: the header and every line have the same 20 fields; the fields carry the result's
 * values and the machine facts; hostile firmware strings (quotes, commas, line breaks, high
 * bytes, spreadsheet formulas) stay inside their field; the MSDM key never appears. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

#define NCOL 21
#define FIELD_MAX 1024

struct record {
	size_t n;
	char f[NCOL + 4][FIELD_MAX];
};

/* One record: quoted fields only (that is what the writer promises), "" inside a field is a
 * quote, a comma between fields, CRLF at the end and nothing after it. */
static const char *read_record(const char *p, struct record *rec)
{
	memset(rec, 0, sizeof(*rec));
	for (;;) {
		if (*p != '"')
			fail_msg("field %zu does not start with a quote: %.40s", rec->n, p);
		if (rec->n >= NCOL + 4)
			fail_msg("too many fields");
		p++;
		size_t o = 0;
		for (;;) {
			if (*p == '\0')
				fail_msg("unterminated field %zu", rec->n);
			if (*p == '"' && p[1] == '"') {
				rec->f[rec->n][o++] = '"';
				p += 2;
			} else if (*p == '"') {
				p++;
				break;
			} else {
				if (*p == '\r' || *p == '\n')
					fail_msg("raw line break inside field %zu", rec->n);
				rec->f[rec->n][o++] = *p++;
			}
			if (o >= FIELD_MAX - 1)
				fail_msg("field %zu too long", rec->n);
		}
		rec->n++;
		if (*p == ',') {
			p++;
			continue;
		}
		if (p[0] != '\r' || p[1] != '\n')
			fail_msg("record does not end with CRLF after field %zu: %.20s", rec->n, p);
		return p + 2;
	}
}

static char *csv_of(const struct ss_result *r, const struct ss_info *info, bool header)
{
	struct fx_buf b = { 0 };
	if (header)
		ss_render_csv_header(fx_sink, &b);
	ss_render_csv(r, info, fx_sink, &b);
	return fx_buf_take(&b);
}

static size_t col(const struct record *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->f[i], name))
			return i;
	fail_msg("no column %s", name);
	return 0;
}

/* Judge fixture f, render header + line, parse both. */
static void judge_csv(const struct fx *f, bool with_key, const struct ss_info *info,
		      struct record *h, struct record *l, char **text)
{
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, with_key);
	struct ss_result *r = fx_judge(&run, f, &p);
	*text = csv_of(r, info, true);
	const char *rest = read_record(read_record(*text, h), l);
	assert_string_equal(rest, "");
	fx_run_free(&run);
}

static void test_header_names(void **state)
{
	(void)state;
	struct fx_buf b = { 0 };
	ss_render_csv_header(fx_sink, &b);
	char *t = fx_buf_take(&b);
	struct record h;
	assert_string_equal(read_record(t, &h), "");
	assert_int_equal(h.n, NCOL);
	static const char *const want[NCOL] = {
		"firmware_time", "system_serial", "system_manufacturer", "system_product",
		"bios_version", "bios_date", "verdict", "exit_code", "windows7_kms",
		"windows7_reason", "predicted_error", "marker_version", "slic_oem_id",
		"slic_oem_table_id", "msdm_state", "oem_license_evidence", "problems", "report",
		"source", "app_version", "target" };
	for (size_t i = 0; i < NCOL; i++)
		assert_string_equal(h.f[i], want[i]);
	fx_free(t);
}

static void test_good_fixture(void **state)
{
	(void)state;
	struct fx f;
	struct record h, l;
	char *t;
	fx_init(&f);
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_serial", "System serial", "CZ1234XYZ");
	ss_info_add(&info, "system_manufacturer", "System manufacturer", "Contoso");
	ss_info_add(&info, "firmware_time", "Firmware clock", "2026-12-02T08:00:00");
	ss_info_add(&info, "report", "Report", "\\slicscan\\reports\\CZ1234XYZ.txt");
	ss_info_add(&info, "app_version", "App", "slicscan test");
	judge_csv(&f, true, &info, &h, &l, &t);
	assert_int_equal(l.n, h.n);
	assert_string_equal(l.f[col(&h, "verdict")], "ready");
	assert_string_equal(l.f[col(&h, "exit_code")], "0");
	assert_string_equal(l.f[col(&h, "windows7_kms")], "ready");
	assert_string_equal(l.f[col(&h, "windows7_reason")], "valid-marker");
	assert_string_equal(l.f[col(&h, "predicted_error")], "");
	assert_string_equal(l.f[col(&h, "marker_version")], "2.1");
	assert_string_equal(l.f[col(&h, "slic_oem_id")], "SSTEST");
	assert_string_equal(l.f[col(&h, "slic_oem_table_id")], "SSTESTKY");
	assert_string_equal(l.f[col(&h, "msdm_state")], "key-ok");
	assert_string_equal(l.f[col(&h, "oem_license_evidence")], "yes");
	assert_string_equal(l.f[col(&h, "problems")], "");
	assert_string_equal(l.f[col(&h, "system_serial")], "CZ1234XYZ");
	assert_string_equal(l.f[col(&h, "system_manufacturer")], "Contoso");
	assert_string_equal(l.f[col(&h, "system_product")], ""); /* absent from info */
	assert_string_equal(l.f[col(&h, "firmware_time")], "2026-12-02T08:00:00");
	assert_string_equal(l.f[col(&h, "report")], "\\slicscan\\reports\\CZ1234XYZ.txt");
	assert_string_equal(l.f[col(&h, "app_version")], "slicscan test");
	fx_free(t);
}

static void test_failing_slic(void **state)
{
	(void)state;
	struct fx f;
	struct record h, l;
	char *t;
	fx_init(&f);
	f.t[FX_SLIC].b[FX_MK_OFF + 54 + 7] ^= 0x10; /* one bit of the marker's signature */
	fx_fix(&f, FX_SLIC);
	judge_csv(&f, false, NULL, &h, &l, &t);
	assert_string_equal(l.f[col(&h, "verdict")], "not-ready");
	assert_string_equal(l.f[col(&h, "exit_code")], "1");
	assert_string_equal(l.f[col(&h, "windows7_reason")], "invalid-marker:signature");
	assert_string_equal(l.f[col(&h, "predicted_error")], "0xC004F035");
	/* the errors and warnings, each id once (the test key not being built in is a fact) */
	assert_string_equal(l.f[col(&h, "problems")], "slic-signature-invalid");
	assert_string_equal(l.f[col(&h, "target")], "windows7");
	assert_string_equal(l.f[col(&h, "app_version")], "slicscan " SS_VERSION);
	fx_free(t);
}

static void test_no_slic_no_msdm(void **state)
{
	(void)state;
	struct fx f;
	struct record h, l;
	char *t;
	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	fx_drop(&f, FX_MSDM);
	judge_csv(&f, false, NULL, &h, &l, &t);
	assert_string_equal(l.f[col(&h, "verdict")], "ready");
	assert_string_equal(l.f[col(&h, "windows7_reason")], "no-slic");
	assert_string_equal(l.f[col(&h, "marker_version")], "");
	assert_string_equal(l.f[col(&h, "slic_oem_id")], "");
	assert_string_equal(l.f[col(&h, "msdm_state")], "absent");
	assert_string_equal(l.f[col(&h, "oem_license_evidence")], "no");
	fx_free(t);
}

/* Firmware strings are untrusted: each stays one field, whatever it holds. */
static void test_hostile_strings(void **state)
{
	(void)state;
	struct fx f;
	struct record h, l;
	char *t, longv[700];
	fx_init(&f);
	memset(longv, '"', sizeof(longv) - 1); /* every byte doubled: the writer's flush path */
	longv[sizeof(longv) - 1] = '\0';
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_serial", "System serial", "a\"b,c\r\nd\te");
	ss_info_add(&info, "system_manufacturer", "System manufacturer", "=HYPERLINK(\"x\")");
	ss_info_add(&info, "system_product", "System product", "\xc3\xa9t\xe9");
	ss_info_add(&info, "bios_version", "BIOS version", "+1");
	ss_info_add(&info, "bios_date", "BIOS date", "-2");
	ss_info_add(&info, "firmware_time", "Firmware clock", "@now");
	ss_info_add(&info, "report", "Report", longv);
	judge_csv(&f, true, &info, &h, &l, &t);
	assert_int_equal(l.n, NCOL);
	assert_string_equal(l.f[col(&h, "system_serial")], "a\"b,c  d e");
	assert_string_equal(l.f[col(&h, "system_manufacturer")], "'=HYPERLINK(\"x\")");
	assert_string_equal(l.f[col(&h, "system_product")], "??t?");
	assert_string_equal(l.f[col(&h, "bios_version")], "'+1");
	assert_string_equal(l.f[col(&h, "bios_date")], "'-2");
	assert_string_equal(l.f[col(&h, "firmware_time")], "'@now");
	assert_string_equal(l.f[col(&h, "report")], longv);
	fx_free(t);
}

/* OEM IDs with NULs and quotes (real IDs contain NULs): escaped, never raw. */
static void test_oem_ids_escaped(void **state)
{
	(void)state;
	struct fx f;
	struct record h, l;
	char *t;
	fx_init(&f);
	fx_set_ids(&f, FX_SLIC, "A\"B\0\0\0", "T,\0\0\0\0\0\0");
	judge_csv(&f, true, NULL, &h, &l, &t);
	assert_string_equal(l.f[col(&h, "slic_oem_id")], "A\\x22B\\x00\\x00\\x00");
	assert_string_equal(l.f[col(&h, "slic_oem_table_id")],
			    "T,\\x00\\x00\\x00\\x00\\x00\\x00");
	fx_free(t);
}

static void test_key_never_written(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	p.show_key = true; /* even when the user asked to see it elsewhere */
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->msdm.state, SS_MSDM_KEY_OK);
	char *t = csv_of(r, NULL, true);
	assert_null(strstr(t, FX_MSDM_KEY));
	assert_null(strstr(t, "NBCDF"));
	assert_null(strstr(t, FX_MSDM_KEY_MASKED));
	fx_free(t);
	fx_run_free(&run);
}

/* Issue 7, "claims without evidence": when nothing could be read (verdict error), the CSV line
 * claims nothing about the MSDM either: msdm_state "unknown", as the JSON's msdm.state (it
 * said "absent"), and no SLIC IDs or marker version. */
static void test_nothing_read_claims_nothing(void **state)
{
	(void)state;
	struct ss_policy p;
	struct fx_run run;
	struct record h, l;
	fx_policy(&p, true);
	fx_run_init(&run, 64);
	ss_scan_acpidump(run.set, "garbage\n", 8, &p, run.r);
	char *t = csv_of(run.r, NULL, true);
	assert_string_equal(read_record(read_record(t, &h), &l), "");
	assert_string_equal(l.f[col(&h, "verdict")], "error");
	assert_string_equal(l.f[col(&h, "exit_code")], "3");
	assert_string_equal(l.f[col(&h, "windows7_kms")], "unverified");
	assert_string_equal(l.f[col(&h, "predicted_error")], "");
	assert_string_equal(l.f[col(&h, "marker_version")], "");
	assert_string_equal(l.f[col(&h, "slic_oem_id")], "");
	assert_string_equal(l.f[col(&h, "msdm_state")], "unknown");
	assert_string_equal(l.f[col(&h, "oem_license_evidence")], "unknown");
	fx_free(t);
	fx_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_names),
		cmocka_unit_test(test_good_fixture),
		cmocka_unit_test(test_failing_slic),
		cmocka_unit_test(test_no_slic_no_msdm),
		cmocka_unit_test(test_hostile_strings),
		cmocka_unit_test(test_oem_ids_escaped),
		cmocka_unit_test(test_key_never_written),
		cmocka_unit_test(test_nothing_read_claims_nothing),
	};
	return _cmocka_run_group_tests("csv", tests, sizeof(tests) / sizeof(tests[0]), NULL,
				       fx_teardown_all);
}
