/* SPDX-License-Identifier: MIT */
/* Unit tests of the SLIC rules (acpi/slic.c) and the judgement around them (acpi/judge.c):
 * the good fixture, a catalogue of named corruptions each with the finding, severity, exit code,
 * Windows-7 reason and MGADiag state it must give, bit-flip and mutate-every-byte loops, and
 * truncation of every table at every length (exact-size heap copies: ASan sees over-reads).
 *
 * The fixture (fixture.h) is built from the documented layout and signed with the openssl CLI,
 * independently of the code under test. Catalogue entries run with the fixture key added by
 * policy, so the good fixture has no warning at all and every problem listed comes from the
 * corruption. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

static uint8_t *S(struct fx *f)
{
	return f->t[FX_SLIC].b;
}

/* Change the SLIC's size: the bytes handed over and the header's length field. */
static void slic_resize(struct fx *f, size_t n)
{
	f->t[FX_SLIC].len = n;
	fx_le32(S(f) + 4, (uint32_t)n);
}

static void slic_fix(struct fx *f)
{
	fx_fix(f, FX_SLIC);
}

static void slic_append(struct fx *f, const uint8_t *p, size_t n)
{
	size_t len = f->t[FX_SLIC].len;
	memmove(S(f) + len, p, n);
	slic_resize(f, len + n);
}

/* ---- the good fixture ------------------------------------------------------------------------ */

static void test_good_unknown_key(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, false);
	struct ss_result *r = fx_judge(&run, &f, &p);
	/* The test key is on no list: the marker verifies all the same, so a genuine key of an
	 * OEM the list lacks (Medion, Itautec, ...) gives a clean READY; the key is a fact. */
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_problems(r, "");
	assert_finding(r, SS_F_SLIC_KEY_UNKNOWN, SS_SEV_INFO);
	assert_false(r->slic[0].key_known);
	assert_int_equal(r->ntodo, 0);
	assert_finding(r, SS_F_SLIC_VALID, SS_SEV_INFO);
	assert_finding(r, SS_F_MSDM_KEY_OK, SS_SEV_INFO);
	assert_finding(r, SS_F_OEM_LICENSE_FOUND, SS_SEV_INFO);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_string_equal(r->win7_reason, "valid-marker");
	assert_null(r->predicted_error);
	assert_int_equal(r->nslic, 1);
	const struct ss_slic *sl = &r->slic[0];
	assert_int_equal(sl->oa20, SS_OA20_VALID);
	assert_true(sl->has_key && sl->has_marker && sl->key_well_formed);
	assert_int_equal(sl->key_bits, 1024);
	assert_int_equal(sl->key_exp, 65537);
	assert_true(sl->sig_checked && sl->sig_valid);
	assert_true(sl->version_present && sl->version_accepted);
	assert_int_equal(sl->version, 0x00020001);
	assert_int_equal(sl->dw_version, 0x00020000);
	assert_string_equal(sl->version_str, "2.1");
	assert_null(sl->key_vendor);
	for (int i = 0; i < SS_CMP_COUNT; i++)
		assert_int_equal(sl->ids[i], SS_MATCH_YES);
	assert_memory_equal(sl->marker_oem_id, "SSTEST", 6);
	assert_memory_equal(sl->marker_oem_table_id, "SSTESTKY", 8);
	/* fingerprint: first 8 bytes of SHA-256 over the stored modulus, computed by openssl */
	char fp[17];
	for (int i = 0; i < 8; i++)
		snprintf(fp + 2 * i, 3, "%02x", sl->key_fp[i]);
	assert_string_equal(fp, FX_KEY_FP);
	/* every listed table is marked as listed in both roots */
	for (size_t i = 0; i < run.set->n; i++) {
		unsigned want = i >= FX_FACP ? SS_LISTED_RSDT | SS_LISTED_XSDT : 0;
		assert_int_equal(r->listed[i], want);
	}
	fx_run_free(&run);
}

static void test_good_known_key(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_problems(r, "");
	assert_finding(r, SS_F_SLIC_KEY_KNOWN, SS_SEV_INFO);
	assert_finding(r, SS_F_SLIC_VALID, SS_SEV_INFO);
	assert_string_equal(r->slic[0].key_vendor, "Test");
	assert_string_equal(r->slic[0].key_owner, "SSTEST");
	assert_string_equal(r->win7_reason, "valid-marker");
	assert_true(r->oem_license_evidence);
	fx_run_free(&run);
}

/* ss_judge() on a set with no table at all: the contract says an unusable set gives
 * verdict "error" (exit 3), never "ready". */
static void test_empty_set(void **state)
{
	(void)state;
	struct fx_run run;
	struct ss_policy p;
	fx_policy(&p, false);
	fx_run_init(&run, 0);
	ss_judge(run.set, &p, run.r);
	assert_verdict(run.r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	assert_string_equal(run.r->win7_reason, "cannot-judge");
	assert_null(run.r->predicted_error);
	fx_run_free(&run);
}

/* ---- the catalogue of named corruptions ------------------------------------------------------ */

static void c_header_only(struct fx *f)
{
	slic_resize(f, 36);
	slic_fix(f);
}

static void c_body_ff(struct fx *f)
{
	memset(S(f) + 36, 0xff, FX_SLIC_LEN - 36);
	slic_fix(f);
}

static void c_body_00(struct fx *f)
{
	memset(S(f) + 36, 0x00, FX_SLIC_LEN - 36);
	slic_fix(f);
}

static void c_body_ff_00(struct fx *f)
{
	memset(S(f) + 36, 0xff, FX_SLIC_LEN - 36);
	memset(S(f) + FX_SLIC_LEN - 4, 0x00, 4);
	slic_fix(f);
}

static void c_checksum(struct fx *f)
{
	S(f)[9]++;
}

static void c_key_len_9b(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 4, 0x9b);
	slic_fix(f);
}

static void c_key_len_9d(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 4, 0x9d);
	slic_fix(f);
}

static void c_btype7(struct fx *f)
{
	S(f)[FX_KEY_OFF + 8] = 7;
	slic_fix(f);
}

static void c_keyalg(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 12, 0xa400); /* CALG_RSA_KEYX */
	slic_fix(f);
}

static void c_magic_1asr(struct fx *f)
{
	memcpy(S(f) + FX_KEY_OFF + 16, "1ASR", 4);
	slic_fix(f);
}

static void c_bitlen_2048(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 20, 2048);
	slic_fix(f);
}

static void c_exponent_3(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 24, 3);
	slic_fix(f);
}

static void c_no_marker(struct fx *f)
{
	slic_resize(f, FX_MK_OFF);
	slic_fix(f);
}

static void c_no_key(struct fx *f)
{
	memmove(S(f) + 36, S(f) + FX_MK_OFF, FX_MK_LEN);
	slic_resize(f, 36 + FX_MK_LEN);
	slic_fix(f);
}

static void c_marker_len_20_cut(struct fx *f)
{
	fx_le32(S(f) + FX_MK_OFF + 4, 0x20);
	slic_resize(f, FX_MK_OFF + 0x20);
	slic_fix(f);
}

static void c_marker_len_20(struct fx *f)
{
	fx_le32(S(f) + FX_MK_OFF + 4, 0x20);
	slic_fix(f);
}

static void c_flag_signed(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("flagz"));
	slic_fix(f);
}

static void c_flag_unsigned(struct fx *f)
{
	memcpy(S(f) + FX_MK_OFF + 26, "WINDOWZ ", 8);
	slic_fix(f);
}

/* The marker (validly signed) names another OEM than the SLIC header. */
static void c_marker_ids(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("other"));
	slic_fix(f);
}

/* Only the marker's OEM Table ID differs (validly signed). */
static void c_marker_table_id(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("othertab"));
	slic_fix(f);
}

static void c_rsdt_oem(struct fx *f)
{
	fx_set_ids(f, FX_RSDT, "SSRSDT", NULL);
}

static void c_rsdt_table_id(struct fx *f)
{
	fx_set_ids(f, FX_RSDT, FX_OEM, "SSTESTK2");
}

static void c_xsdt_oem(struct fx *f)
{
	fx_set_ids(f, FX_XSDT, "SSXSDT", NULL);
}

static void c_xsdt_table_id(struct fx *f)
{
	fx_set_ids(f, FX_XSDT, FX_OEM, "SSTESTK2");
}

static void c_facp_ids(struct fx *f)
{
	fx_set_ids(f, FX_FACP, "INTEL ", "CALPELLA");
}

static void c_rsdp_oem(struct fx *f)
{
	fx_set_ids(f, FX_RSDP, "SSRSDP", NULL);
}

/* IDs with NULs (docs/FACTS.md §3: compare all 14 bytes exactly): a validly signed
 * marker "SSNUL\0"/"SSNULKY\0" everywhere, but the RSDT pads with spaces instead. */
static void set_all_ids(struct fx *f, const char *oem, const char *tab)
{
	for (size_t i = 0; i < f->n; i++)
		fx_set_ids(f, i, oem, tab);
}

static void c_nul_ids_ok(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("nul"));
	set_all_ids(f, "SSNUL\0", "SSNULKY\0");
}

static void c_nul_vs_space(struct fx *f)
{
	c_nul_ids_ok(f);
	fx_set_ids(f, FX_RSDT, "SSNUL ", "SSNULKY ");
}

/* only the 6th OEM ID byte differs: NUL in the SLIC, space in the RSDT */
static void c_nul_vs_space_oem_only(struct fx *f)
{
	c_nul_ids_ok(f);
	fx_set_ids(f, FX_RSDT, "SSNUL ", NULL);
}

static void c_sub_len_0(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 4, 0);
	slic_fix(f);
}

static void c_sub_len_7(struct fx *f)
{
	fx_le32(S(f) + FX_KEY_OFF + 4, 7);
	slic_fix(f);
}

static void c_sub_past_end(struct fx *f)
{
	fx_le32(S(f) + FX_MK_OFF + 4, FX_MK_LEN + 1);
	slic_fix(f);
}

static void c_sub_huge(struct fx *f)
{
	fx_le32(S(f) + FX_MK_OFF + 4, 0xffffffff);
	slic_fix(f);
}

static void c_stray_bytes(struct fx *f)
{
	static const uint8_t junk[4] = { 1, 2, 3, 4 };
	slic_append(f, junk, sizeof(junk));
	slic_fix(f);
}

static void c_unknown_subtable(struct fx *f)
{
	uint8_t sub[16] = { 0 };
	fx_le32(sub, 2);
	fx_le32(sub + 4, sizeof(sub));
	slic_append(f, sub, sizeof(sub));
	slic_fix(f);
}

static void c_dup_marker(struct fx *f)
{
	uint8_t m[FX_MK_LEN];
	memcpy(m, S(f) + FX_MK_OFF, FX_MK_LEN);
	slic_append(f, m, sizeof(m));
	slic_fix(f);
}

static void c_dup_key(struct fx *f)
{
	uint8_t k[FX_KEY_LEN];
	memcpy(k, S(f) + FX_KEY_OFF, FX_KEY_LEN);
	slic_append(f, k, sizeof(k));
	slic_fix(f);
}

static void c_version_0(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("v0"));
	slic_fix(f);
}

static void c_version_20(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("v20"));
	slic_fix(f);
}

static void c_version_23(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("v23"));
	slic_fix(f);
}

static void c_version_30(struct fx *f)
{
	fx_marker_subtable(S(f) + FX_MK_OFF, fx_marker("v30"));
	slic_fix(f);
}

/* The Insyde template (docs/FACTS.md §2.7): marker OEM "INSYDE", dwVersion 0x2000. */
/* The generic template seen in real firmware: OEMID_/OEMTABLE everywhere (consistent), and a
 * marker subtable whose length runs past the table (docs/FACTS.md §2.7). */
static void c_oemid_template(struct fx *f)
{
	set_all_ids(f, "OEMID_", "OEMTABLE");
	fx_le32(S(f) + FX_MK_OFF + 4, 0xB7);
	slic_fix(f);
}

/* ACPICA's own template IDs (what `iasl -T SLIC` writes) on an otherwise good table. */
static void c_intel_template(struct fx *f)
{
	set_all_ids(f, "INTEL ", "TEMPLATE");
}

static void c_insyde(struct fx *f)
{
	memcpy(S(f) + FX_MK_OFF + 12, "INSYDE", 6);
	fx_le32(S(f) + FX_MK_OFF + 8, 0x2000);
	slic_fix(f);
}

static void c_not_listed(struct fx *f)
{
	f->t[FX_SLIC].in_rsdt = f->t[FX_SLIC].in_xsdt = false;
	fx_relist(f);
}

static void c_rsdt_only(struct fx *f)
{
	f->t[FX_SLIC].in_xsdt = false;
	fx_relist(f);
}

struct corruption {
	const char *name;
	void (*apply)(struct fx *f);
	enum ss_finding_id id;   /* the finding the corruption must raise ... */
	enum ss_severity sev;    /* ... with this severity */
	enum ss_exit exit;
	const char *reason;      /* r->win7_reason */
	enum ss_oa20 oa20;       /* MGADiag "BIOS valid for OA 2.0" */
	const char *problems;    /* every warning and error, in the order raised */
};

#define E SS_SEV_ERROR
#define W SS_SEV_WARNING
#define I SS_SEV_INFO
#define NR SS_EXIT_NOT_READY
#define WN SS_EXIT_WARNINGS
#define OK SS_EXIT_READY
#define INV SS_OA20_INVALID
#define VAL SS_OA20_VALID

static const struct corruption catalogue[] = {
	{ "header only", c_header_only, SS_F_SLIC_SHORT, E, NR, "invalid-slic:short", INV,
	  "slic-short" },
	{ "body all 0xFF", c_body_ff, SS_F_SLIC_BLANK_FF, E, NR, "invalid-slic:blank-ff", INV,
	  "slic-blank-ff" },
	{ "body all 0x00", c_body_00, SS_F_SLIC_BLANK_00, E, NR, "invalid-slic:blank-00", INV,
	  "slic-blank-00" },
	{ "body 0xFF with 0x00 padding", c_body_ff_00, SS_F_SLIC_BLANK_FF, E, NR,
	  "invalid-slic:blank-ff", INV, "slic-blank-ff" },
	{ "checksum off by one", c_checksum, SS_F_SLIC_CHECKSUM, E, NR, "invalid-slic:checksum", INV,
	  "slic-checksum" },
	/* 0x9B: the key is one byte short, and the walk then lands inside the key's last byte */
	{ "key subtable length 0x9B", c_key_len_9b, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV,
	  "slic-subtable-length slic-key-invalid slic-no-marker" },
	/* 0x9D: the key itself is whole, but the marker is no longer where the walk looks */
	{ "key subtable length 0x9D", c_key_len_9d, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-no-marker" },
	{ "bType 7", c_btype7, SS_F_SLIC_KEY_INVALID, E, NR, "invalid-slic:key", INV,
	  "slic-key-invalid" },
	{ "aiKeyAlg CALG_RSA_KEYX", c_keyalg, SS_F_SLIC_KEY_INVALID, E, NR, "invalid-slic:key", INV,
	  "slic-key-invalid" },
	{ "magic 1ASR", c_magic_1asr, SS_F_SLIC_PLACEHOLDER, E, NR, "invalid-slic:key", INV,
	  "slic-key-invalid slic-placeholder" },
	{ "bitlen 2048", c_bitlen_2048, SS_F_SLIC_KEY_INVALID, E, NR, "invalid-slic:key", INV,
	  "slic-key-invalid" },
	/* signed with e = 65537: with e = 3 the signature cannot verify */
	{ "exponent 3", c_exponent_3, SS_F_SLIC_SIGNATURE, E, NR, "invalid-marker:signature", INV,
	  "slic-key-exponent slic-signature-invalid" },
	{ "no marker", c_no_marker, SS_F_SLIC_NO_MARKER, E, NR, "no-marker", SS_OA20_NO_MARKER,
	  "slic-no-marker" },
	{ "no key", c_no_key, SS_F_SLIC_NO_KEY, E, NR, "invalid-slic:no-key", INV, "slic-no-key" },
	{ "marker length 0x20 (table cut there)", c_marker_len_20_cut, SS_F_SLIC_MARKER_LENGTH, E,
	  NR, "invalid-marker:length", INV, "slic-marker-length" },
	/* in place, the walk meets the rest of the marker as a subtable of length 2 */
	{ "marker length 0x20 (in place)", c_marker_len_20, SS_F_SLIC_MARKER_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-marker-length" },
	{ "flag WINDOWZ (re-signed)", c_flag_signed, SS_F_SLIC_MARKER_FLAG, E, NR,
	  "invalid-marker:flag", INV, "slic-marker-flag" },
	{ "flag WINDOWZ (not re-signed)", c_flag_unsigned, SS_F_SLIC_MARKER_FLAG, E, NR,
	  "invalid-marker:flag", INV, "slic-marker-flag slic-signature-invalid" },
	{ "marker IDs differ from header", c_marker_ids, SS_F_SLIC_MARKER_IDS, E, NR,
	  "invalid-marker:marker-ids", INV, "slic-marker-ids" },
	{ "marker OEM Table ID differs from header", c_marker_table_id, SS_F_SLIC_MARKER_IDS, E, NR,
	  "invalid-marker:marker-ids", INV, "slic-marker-ids" },
	{ "RSDT OEM ID differs", c_rsdt_oem, SS_F_SLIC_IDS_RSDT, E, NR, "inconsistent:RSDT", VAL,
	  "slic-ids-rsdt" },
	{ "RSDT table ID differs", c_rsdt_table_id, SS_F_SLIC_IDS_RSDT, E, NR, "inconsistent:RSDT",
	  VAL, "slic-ids-rsdt" },
	{ "XSDT OEM ID differs", c_xsdt_oem, SS_F_SLIC_IDS_XSDT, E, NR, "inconsistent:XSDT", VAL,
	  "slic-ids-xsdt" },
	{ "XSDT table ID differs", c_xsdt_table_id, SS_F_SLIC_IDS_XSDT, E, NR, "inconsistent:XSDT",
	  VAL, "slic-ids-xsdt" },
	/* Windows 7 compares the RSDT/XSDT only; genuine PCs carry other IDs here: facts */
	{ "FACP IDs differ (chipset vendor's)", c_facp_ids, SS_F_SLIC_IDS_FACP, I, OK,
	  "valid-marker", VAL, "" },
	{ "RSDP OEM ID differs", c_rsdp_oem, SS_F_SLIC_IDS_RSDP, I, OK, "valid-marker", VAL, "" },
	/* with IDs containing NULs everywhere the SLIC is valid (key known only as SSTEST's) */
	{ "IDs with NULs, consistent", c_nul_ids_ok, SS_F_SLIC_KEY_OTHER_OEM, W, WN, "valid-marker",
	  VAL, "slic-key-other-oem" },
	{ "IDs with NULs, RSDT pads with spaces", c_nul_vs_space, SS_F_SLIC_IDS_RSDT, E, NR,
	  "inconsistent:RSDT", VAL, "slic-key-other-oem slic-ids-rsdt" },
	{ "IDs with NULs, RSDT OEM ID pads with a space", c_nul_vs_space_oem_only, SS_F_SLIC_IDS_RSDT,
	  E, NR, "inconsistent:RSDT", VAL, "slic-key-other-oem slic-ids-rsdt" },
	{ "subtable length 0", c_sub_len_0, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-no-key slic-no-marker" },
	{ "subtable length 7", c_sub_len_7, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-no-key slic-no-marker" },
	{ "subtable length past the end", c_sub_past_end, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-no-marker" },
	{ "subtable length 0xFFFFFFFF", c_sub_huge, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length slic-no-marker" },
	{ "stray bytes after the marker", c_stray_bytes, SS_F_SLIC_SUBTABLE_LENGTH, E, NR,
	  "invalid-slic:bad-subtable-length", INV, "slic-subtable-length" },
	{ "unknown subtable appended", c_unknown_subtable, SS_F_SLIC_SUBTABLE_UNKNOWN, W, WN,
	  "valid-marker", VAL, "slic-subtable-unknown" },
	{ "duplicate marker", c_dup_marker, SS_F_SLIC_SUBTABLE_DUPLICATE, E, NR,
	  "invalid-slic:duplicate-subtable", INV, "slic-subtable-duplicate" },
	{ "duplicate key", c_dup_key, SS_F_SLIC_SUBTABLE_DUPLICATE, E, NR,
	  "invalid-slic:duplicate-subtable", INV, "slic-subtable-duplicate" },
	{ "marker version 0 (dwVersion 2.0)", c_version_0, SS_F_SLIC_VERSION_20, I, OK,
	  "valid-marker", VAL, "" },
	{ "marker version 0x00020000", c_version_20, SS_F_SLIC_VERSION_20, I, OK, "valid-marker",
	  VAL, "" },
	{ "marker version 0x00020003", c_version_23, SS_F_SLIC_VALID, I, OK, "valid-marker", VAL,
	  "" },
	{ "marker version 0x00030000", c_version_30, SS_F_SLIC_MARKER_VERSION, E, NR,
	  "invalid-marker:version", INV, "slic-marker-version" },
	{ "OEMID_/OEMTABLE template, broken length", c_oemid_template, SS_F_SLIC_PLACEHOLDER, E, NR,
	  "invalid-slic:bad-subtable-length", INV,
	  "slic-subtable-length slic-key-other-oem slic-no-marker slic-placeholder" },
	{ "INTEL/TEMPLATE (iasl) IDs", c_intel_template, SS_F_SLIC_PLACEHOLDER, E, NR,
	  "invalid-marker:marker-ids", INV, "slic-key-other-oem slic-marker-ids slic-placeholder" },
	{ "Insyde placeholder", c_insyde, SS_F_SLIC_PLACEHOLDER, E, NR, "invalid-marker:signature",
	  INV, "slic-signature-invalid slic-marker-ids slic-placeholder" },
	{ "SLIC not listed in RSDT/XSDT", c_not_listed, SS_F_SLIC_NOT_LISTED, W, WN, "valid-marker",
	  VAL, "slic-not-listed" },
	{ "SLIC listed in RSDT only", c_rsdt_only, SS_F_RSDT_XSDT_DIFFER, I, OK, "valid-marker", VAL,
	  "" },
};

static void test_corruption(void **state)
{
	const struct corruption *c = *state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	c->apply(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_finding(r, c->id, c->sev);
	assert_verdict(r, c->exit == SS_EXIT_READY ? SS_VERDICT_READY
			  : c->exit == SS_EXIT_WARNINGS ? SS_VERDICT_READY_WITH_WARNINGS
							: SS_VERDICT_NOT_READY,
		       c->exit);
	assert_problems(r, c->problems);
	assert_string_equal(r->win7_reason, c->reason);
	assert_int_equal(r->nslic, 1);
	assert_int_equal(r->slic[0].oa20, c->oa20);
	if (c->exit == SS_EXIT_NOT_READY) {
		assert_int_equal(r->win7_kms, SS_KMS_NOT_READY);
		assert_non_null(r->predicted_error);
		assert_string_equal(r->predicted_error, "0xC004F035");
	} else {
		assert_int_equal(r->win7_kms, SS_KMS_READY);
		assert_null(r->predicted_error);
	}
	fx_run_free(&run);
}

/* Facts the catalogue's one-line entries cannot say. */
static void test_catalogue_details(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);

	fx_init(&f);
	c_version_0(&f);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->slic[0].version, 0x00020000); /* fell back to dwVersion */
	assert_string_equal(r->slic[0].version_str, "2.0");
	assert_true(r->slic[0].version_accepted);
	fx_run_free(&run);

	fx_init(&f);
	c_version_23(&f);
	r = fx_judge(&run, &f, &p);
	assert_string_equal(r->slic[0].version_str, "2.3");
	assert_int_equal(r->slic[0].version, 0x00020003);
	assert_true(r->slic[0].version_accepted);
	assert_no_finding(r, SS_F_SLIC_VERSION_20);
	fx_run_free(&run);

	fx_init(&f);
	c_version_30(&f);
	r = fx_judge(&run, &f, &p);
	assert_false(r->slic[0].version_accepted);
	assert_non_null(strstr(fx_find(r, SS_F_SLIC_MARKER_VERSION)->msg, "not a known SLIC version"));
	fx_run_free(&run);

	fx_init(&f);
	c_exponent_3(&f);
	r = fx_judge(&run, &f, &p);
	assert_int_equal(r->slic[0].key_exp, 3);
	assert_true(r->slic[0].sig_checked);
	assert_false(r->slic[0].sig_valid);
	fx_run_free(&run);

	/* a malformed key: the signature is not checked at all */
	fx_init(&f);
	c_bitlen_2048(&f);
	r = fx_judge(&run, &f, &p);
	assert_false(r->slic[0].key_well_formed);
	assert_false(r->slic[0].sig_checked);
	fx_run_free(&run);

	fx_init(&f);
	c_marker_ids(&f);
	r = fx_judge(&run, &f, &p);
	assert_int_equal(r->slic[0].ids[SS_CMP_MARKER], SS_MATCH_NO);
	assert_int_equal(r->slic[0].ids[SS_CMP_RSDT], SS_MATCH_YES);
	assert_true(r->slic[0].sig_valid);
	fx_run_free(&run);

	fx_init(&f);
	c_rsdt_oem(&f);
	r = fx_judge(&run, &f, &p);
	assert_int_equal(r->slic[0].ids[SS_CMP_RSDT], SS_MATCH_NO);
	assert_int_equal(r->slic[0].ids[SS_CMP_XSDT], SS_MATCH_YES);
	assert_no_finding(r, SS_F_SLIC_VALID);
	fx_run_free(&run);

	fx_init(&f);
	c_insyde(&f);
	r = fx_judge(&run, &f, &p);
	assert_non_null(strstr(fx_find(r, SS_F_SLIC_PLACEHOLDER)->msg, "Insyde"));
	fx_run_free(&run);
}

/* policy "accept-versions 2.1" turns a (validly signed) 2.0 marker into an error */
static void test_accept_versions(void **state)
{
	(void)state;
	static const char *const markers[] = { "v0", "v20" };
	for (size_t i = 0; i < 2; i++) {
		struct fx f;
		struct ss_policy p;
		struct fx_run run;
		char err[160];
		fx_init(&f);
		fx_marker_subtable(S(&f) + FX_MK_OFF, fx_marker(markers[i]));
		slic_fix(&f);
		fx_policy(&p, true);
		const char pol[] = "accept-versions 2.1\n";
		assert_int_equal(ss_policy_parse(&p, pol, strlen(pol), err, sizeof(err)), 0);
		struct ss_result *r = fx_judge(&run, &f, &p);
		assert_finding(r, SS_F_SLIC_MARKER_VERSION, SS_SEV_ERROR);
		assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
		assert_string_equal(r->win7_reason, "invalid-marker:version");
		assert_non_null(strstr(fx_find(r, SS_F_SLIC_MARKER_VERSION)->msg, "not accepted by the policy"));
		assert_false(r->slic[0].version_accepted);
		fx_run_free(&run);

		/* the good 2.1 marker stays ready under that policy */
		fx_init(&f);
		r = fx_judge(&run, &f, &p);
		assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		fx_run_free(&run);
	}
}

/* Two SLICs: the second is valid in itself (its own signed marker) but carries other IDs
 * than the RSDT/XSDT: every SLIC is judged and the worst decides. */
static void test_two_slics(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	uint8_t second[FX_SLIC_LEN];
	fx_init(&f);
	fx_build_slic(second, "SSOTHR", "SSOTHRKY", "other");
	size_t k = fx_add(&f, second, sizeof(second));
	assert_int_equal(k, FX_NSTD);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->nslic, 2);
	assert_finding(r, SS_F_SLIC_DUPLICATE, SS_SEV_WARNING);
	assert_finding(r, SS_F_SLIC_IDS_RSDT, SS_SEV_ERROR);
	assert_finding(r, SS_F_SLIC_IDS_XSDT, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	assert_string_equal(r->win7_reason, "inconsistent:RSDT");
	assert_string_equal(r->predicted_error, "0xC004F035");
	assert_int_equal(r->slic[0].ids[SS_CMP_RSDT], SS_MATCH_YES);
	assert_int_equal(r->slic[1].ids[SS_CMP_RSDT], SS_MATCH_NO);
	assert_int_equal(r->slic[0].oa20, SS_OA20_VALID);
	assert_int_equal(r->slic[1].oa20, SS_OA20_VALID);
	assert_true(r->slic[1].sig_valid);
	/* the same key under OEM ID SSOTHR: known, but as SSTEST's */
	assert_finding(r, SS_F_SLIC_KEY_OTHER_OEM, SS_SEV_WARNING);
	assert_int_equal(fx_count(r, SS_F_SLIC_VALID), 1);
	fx_run_free(&run);

	/* two identical good SLICs: the same table twice is a fact, a clean READY */
	fx_init(&f);
	fx_build_slic(second, FX_OEM, FX_TAB, "good");
	fx_add(&f, second, sizeof(second));
	r = fx_judge(&run, &f, &p);
	assert_problems(r, "");
	assert_finding(r, SS_F_SLIC_COPIES, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);

	/* more SLICs than the result keeps: all counted, none read out of bounds */
	fx_init(&f);
	for (int i = 0; i < 4; i++) {
		fx_build_slic(second, FX_OEM, FX_TAB, "good");
		fx_add(&f, second, sizeof(second));
	}
	r = fx_judge(&run, &f, &p);
	assert_int_equal(r->nslic, SS_MAX_SLICS);
	assert_non_null(strstr(fx_find(r, SS_F_SLIC_COPIES)->msg, "5 copies"));

	/* ... and one of five that differs makes the set a warning */
	fx_init(&f);
	for (int i = 0; i < 4; i++) {
		fx_build_slic(second, FX_OEM, FX_TAB, i == 3 ? "v20" : "good");
		fx_add(&f, second, sizeof(second));
	}
	r = fx_judge(&run, &f, &p);
	assert_non_null(strstr(fx_find(r, SS_F_SLIC_DUPLICATE)->msg, "5 SLIC"));
	fx_run_free(&run);
}

/* Issue 7, "noise on healthy machines": a wrong checksum in a table activation never reads
 * (AMI's OEMB, Gigabyte's TAMG: seen on real PCs that activate) is a fact, and the PC gets a
 * clean READY; in the RSDT or XSDT, which Windows 7 reads for the SLIC's IDs, it stays a
 * warning. (Real dumps: golden Desktop_Gigabyte-Technology_GA-880GMA-USB3, run_full.py.) */
static void test_checksum_of_a_table_activation_never_reads(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	static const char *const sigs[] = { "OEMB", "TAMG" };
	fx_policy(&p, true);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		uint8_t t[64];
		memset(t, 0x5a, sizeof(t));
		fx_header(t, sigs[i], sizeof(t), 1, FX_OEM, FX_TAB);
		fx_checksum_at(t, sizeof(t), 9);
		t[9] ^= 0x01; /* the checksum off by one */
		fx_init(&f);
		fx_add(&f, t, sizeof(t));
		r = fx_judge(&run, &f, &p);
		assert_finding(r, SS_F_TABLE_OTHER_DAMAGED, SS_SEV_INFO);
		assert_no_finding(r, SS_F_TABLE_CHECKSUM);
		assert_problems(r, "");
		assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		assert_string_equal(r->win7_reason, "valid-marker");
		fx_run_free(&run);
	}
	static const size_t roots[] = { FX_RSDT, FX_XSDT };
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		fx_init(&f);
		f.t[roots[i]].b[9] ^= 0x01;
		r = fx_judge(&run, &f, &p);
		assert_finding(r, SS_F_TABLE_CHECKSUM, SS_SEV_WARNING);
		assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
		fx_run_free(&run);
	}
}

/* target windows8: Windows-7 findings become information; the Windows 7 prediction is still
 * made (it describes Windows), but no error is predicted for the chosen target. */
static void test_target_windows8(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	c_body_ff(&f);
	fx_policy(&p, false);
	p.target = SS_TARGET_WIN8;
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_finding(r, SS_F_SLIC_BLANK_FF, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_null(r->predicted_error);
	assert_int_equal(r->win7_kms, SS_KMS_NOT_READY);
	assert_string_equal(r->win7_reason, "invalid-slic:blank-ff");
	fx_run_free(&run);

	/* the policy file's "target windows8" does the same as setting the field */
	fx_init(&f);
	c_marker_ids(&f);
	char err[160];
	fx_policy(&p, false);
	const char pol[] = "target windows8\n";
	assert_int_equal(ss_policy_parse(&p, pol, strlen(pol), err, sizeof(err)), 0);
	r = fx_judge(&run, &f, &p);
	assert_finding(r, SS_F_SLIC_MARKER_IDS, SS_SEV_INFO);
	assert_finding(r, SS_F_SLIC_KEY_UNKNOWN, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);

	/* general findings keep their severity under windows8 */
	fx_init(&f);
	f.t[FX_MSDM].b[9]++;
	r = fx_judge(&run, &f, &p);
	assert_finding(r, SS_F_MSDM_CHECKSUM, SS_SEV_WARNING);
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	fx_run_free(&run);
}

/* The fixture key known (by policy) as OEM "OTHER ": the SLIC says SSTEST. */
static void test_key_other_oem(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	char err[160];
	fx_init(&f);
	ss_policy_init(&p);
	const char pol[] = "oem-key \"OTHER \" " FX_KEY_FP " Other Vendor\n";
	assert_int_equal(ss_policy_parse(&p, pol, strlen(pol), err, sizeof(err)), 0);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_finding(r, SS_F_SLIC_KEY_OTHER_OEM, SS_SEV_WARNING);
	assert_no_finding(r, SS_F_SLIC_KEY_KNOWN);
	assert_no_finding(r, SS_F_SLIC_KEY_UNKNOWN);
	assert_problems(r, "slic-key-other-oem");
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_string_equal(r->slic[0].key_vendor, "Other Vendor");
	assert_string_equal(r->slic[0].key_owner, "OTHER ");
	fx_run_free(&run);
}

/* ---- loops ----------------------------------------------------------------------------------- */

static void assert_same_result(const struct ss_result *a, const struct ss_result *b)
{
	assert_int_equal(a->verdict, b->verdict);
	assert_int_equal(a->exit_code, b->exit_code);
	assert_int_equal(a->win7_kms, b->win7_kms);
	assert_string_equal(a->win7_reason, b->win7_reason);
	assert_int_equal(a->nf, b->nf);
	for (size_t i = 0; i < a->nf; i++) {
		assert_int_equal(a->f[i].id, b->f[i].id);
		assert_int_equal(a->f[i].sev, b->f[i].sev);
		assert_string_equal(a->f[i].msg, b->f[i].msg);
	}
}

static void assert_defined(const struct ss_result *r)
{
	assert_in_range(r->verdict, SS_VERDICT_READY, SS_VERDICT_ERROR);
	assert_in_range(r->exit_code, SS_EXIT_READY, SS_EXIT_CANNOT_JUDGE);
	assert_non_null(r->win7_reason);
	switch (r->verdict) {
	case SS_VERDICT_READY: assert_int_equal(r->exit_code, SS_EXIT_READY); break;
	case SS_VERDICT_NOT_READY: assert_int_equal(r->exit_code, SS_EXIT_NOT_READY); break;
	case SS_VERDICT_READY_WITH_WARNINGS: assert_int_equal(r->exit_code, SS_EXIT_WARNINGS); break;
	case SS_VERDICT_ERROR: assert_int_equal(r->exit_code, SS_EXIT_CANNOT_JUDGE); break;
	}
}

/* Every one of the 1024 signature bits flipped (checksum fixed): always an invalid signature. */
static void test_signature_every_bit(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	for (int bit = 0; bit < 128 * 8; bit++) {
		struct fx f;
		struct fx_run run;
		fx_init(&f);
		S(&f)[FX_MK_OFF + 54 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
		slic_fix(&f);
		struct ss_result *r = fx_judge(&run, &f, &p);
		if (!fx_find(r, SS_F_SLIC_SIGNATURE) || r->exit_code != SS_EXIT_NOT_READY ||
		    strcmp(r->win7_reason, "invalid-marker:signature")) {
			fx_print_findings(r);
			fail_msg("signature bit %d flipped was not caught", bit);
		}
		assert_problems(r, "slic-signature-invalid");
		fx_run_free(&run);
	}
}

/* Every bit of the 46 signed bytes (marker +8..+53) flipped: the signature no longer verifies,
 * whatever else the flip also breaks. */
static void test_message_every_bit(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	for (int bit = 0; bit < 46 * 8; bit++) {
		struct fx f;
		struct fx_run run;
		fx_init(&f);
		S(&f)[FX_MK_OFF + 8 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
		slic_fix(&f);
		struct ss_result *r = fx_judge(&run, &f, &p);
		if (!fx_find(r, SS_F_SLIC_SIGNATURE) || r->exit_code != SS_EXIT_NOT_READY ||
		    !r->predicted_error) {
			fx_print_findings(r);
			fail_msg("message bit %d (marker +%d) flipped was not caught", bit, 8 + bit / 8);
		}
		assert_true(r->slic[0].sig_checked);
		assert_false(r->slic[0].sig_valid);
		fx_run_free(&run);
	}
}

/* What a one-byte change at SLIC offset off must give, with the checksum fixed afterwards:
 *  NEVER_READY  not ready (exit 1), or cannot judge (exit 3) when the length field grows past
 *               the bytes held (a table cut short in a file: input-truncated)
 *  STAYS_READY  still ready: the header outside the IDs is not signed and no rule reads it
 *  NO_SLIC      the signature changed: no SLIC at all, so Windows 7 KMS is not blocked
 *  ANY          only a defined verdict is asserted */
enum expect { ANY, NEVER_READY, STAYS_READY, NO_SLIC };

static enum expect after_change(size_t off)
{
	if (off < 4)
		return NO_SLIC;
	if (off == 8 || (off >= 24 && off < 36))
		return STAYS_READY; /* revision, OEM revision, creator ID and revision */
	if (off < 24)
		return NEVER_READY; /* length; OEM ID / OEM Table ID (marker, RSDT, XSDT) */
	/* DEBATABLE (reported): the key blob's bVersion (+9) and reserved u16 (+10) are checked
	 * by no documented rule and the core ignores them. */
	if (off >= FX_KEY_OFF + 9 && off < FX_KEY_OFF + 12)
		return ANY;
	return NEVER_READY; /* subtable headers, key, signed marker bytes, signature */
}

static void mutate_every_byte(bool fix_checksum)
{
	static const int values[] = { 0x00, 0xff, -1 /* original ^ 0x01 */ };
	struct ss_policy p;
	fx_policy(&p, true);
	for (size_t off = 0; off < FX_SLIC_LEN; off++) {
		if (fix_checksum && off == 9)
			continue;
		for (size_t v = 0; v < 3; v++) {
			struct fx f;
			struct fx_run run, again;
			fx_init(&f);
			uint8_t orig = S(&f)[off];
			uint8_t nv = values[v] < 0 ? (uint8_t)(orig ^ 1) : (uint8_t)values[v];
			if (nv == orig)
				continue;
			S(&f)[off] = nv;
			if (fix_checksum)
				slic_fix(&f);
			struct ss_result *r = fx_judge(&run, &f, &p);
			assert_defined(r);
			struct ss_result *r2 = fx_judge(&again, &f, &p);
			assert_same_result(r, r2);
			fx_run_free(&again);
			/* without the checksum fixed, every change past the signature breaks it */
			enum expect want = after_change(off);
			if (!fix_checksum && want != NO_SLIC)
				want = NEVER_READY;
			bool ok = true;
			switch (want) {
			case NEVER_READY:
				ok = r->exit_code == SS_EXIT_NOT_READY ||
				     (off >= 4 && off < 8 && r->exit_code == SS_EXIT_CANNOT_JUDGE &&
				      fx_find(r, SS_F_INPUT_TRUNCATED));
				break;
			case STAYS_READY:
				ok = r->exit_code == SS_EXIT_READY;
				break;
			case NO_SLIC:
				/* the roots then point at a stranger with a bad checksum at most */
				ok = r->nslic == 0 && r->win7_kms == SS_KMS_READY &&
				     (r->exit_code == SS_EXIT_READY || r->exit_code == SS_EXIT_WARNINGS);
				break;
			case ANY:
				break;
			}
			if (!ok) {
				fx_print_findings(r);
				fail_msg("SLIC byte 0x%zx: 0x%02x -> 0x%02x%s gave exit %d", off, orig, nv,
					 fix_checksum ? " (checksum fixed)" : "", (int)r->exit_code);
			}
			fx_run_free(&run);
		}
	}
}

static void test_mutate_every_byte(void **state)
{
	(void)state;
	mutate_every_byte(false);
}

static void test_mutate_every_byte_checksum_fixed(void **state)
{
	(void)state;
	mutate_every_byte(true);
}

/* ---- truncation at every length, lying length fields ---------------------------------------- */

/* Judge the fixture with table `which` replaced by its first n bytes (exact-size heap copy),
 * handed over as from a file (RAW) or as read from firmware memory (MEMORY). */
static struct ss_result *judge_truncated(struct fx_run *run, const struct fx *f, size_t which,
					 size_t n, enum ss_origin origin, const struct ss_policy *p)
{
	fx_run_init(run, 0);
	for (size_t i = 0; i < f->n; i++) {
		size_t len = i == which ? n : f->t[i].len;
		ss_tableset_add(run->set, fx_copy(run, f->t[i].b, len), len, f->t[i].addr,
				i == which ? origin : SS_ORIGIN_RAW, "t");
	}
	ss_judge(run->set, p, run->r);
	return run->r;
}

/* A table from a file or dump with fewer bytes than its header claims (or than a header) says
 * nothing about the firmware: input-truncated, cannot judge (exit 3), for every table but the
 * RSDP, whose length field is not trusted (docs/FACTS.md §3). */
static void assert_cut_input(const struct ss_result *r, size_t n)
{
	if (!fx_find(r, SS_F_INPUT_TRUNCATED) || r->verdict != SS_VERDICT_ERROR) {
		fx_print_findings(r);
		fail_msg("table cut to %zu bytes", n);
	}
	assert_finding(r, SS_F_INPUT_TRUNCATED, SS_SEV_FATAL);
	assert_int_equal(r->exit_code, SS_EXIT_CANNOT_JUDGE);
	assert_null(r->predicted_error);
}

/* SLIC from a file: every cut is "cannot judge". Read from firmware memory, a SLIC shorter
 * than its header claims is judged: from 4 bytes on ("SLIC" readable) it is slic-short, not
 * ready; under 4 bytes it cannot be recognised as a SLIC and is an unnamed truncated table
 * (warning) that blocks nothing. */
static void test_truncate_slic(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	for (size_t n = 0; n <= FX_SLIC_LEN; n++) {
		struct fx_run run;
		struct ss_result *r = judge_truncated(&run, &f, FX_SLIC, n, SS_ORIGIN_RAW, &p);
		assert_defined(r);
		if (n == FX_SLIC_LEN)
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		else
			assert_cut_input(r, n);
		fx_run_free(&run);

		r = judge_truncated(&run, &f, FX_SLIC, n, SS_ORIGIN_MEMORY, &p);
		assert_defined(r);
		if (n == FX_SLIC_LEN) {
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		} else if (n < 4) {
			assert_int_equal(r->nslic, 0);
			assert_problems(r, "table-truncated");
			assert_int_equal(r->win7_kms, SS_KMS_READY);
		} else {
			if (!fx_find(r, SS_F_SLIC_SHORT) || r->exit_code != SS_EXIT_NOT_READY) {
				fx_print_findings(r);
				fail_msg("SLIC read from memory cut to %zu bytes", n);
			}
			assert_problems(r, "slic-short");
			assert_string_equal(r->win7_reason, "invalid-slic:short");
			assert_string_equal(r->predicted_error, "0xC004F035");
			assert_int_equal(r->slic[0].oa20, SS_OA20_INVALID);
		}
		fx_run_free(&run);
	}
}

/* MSDM: from a file every cut is "cannot judge"; from memory a cut MSDM is a warning. */
static void test_truncate_msdm(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	for (size_t n = 0; n <= FX_MSDM_LEN; n++) {
		struct fx_run run;
		struct ss_result *r = judge_truncated(&run, &f, FX_MSDM, n, SS_ORIGIN_RAW, &p);
		assert_defined(r);
		if (n == FX_MSDM_LEN) {
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
			assert_int_equal(r->msdm.state, SS_MSDM_KEY_OK);
		} else {
			assert_cut_input(r, n);
			assert_int_equal(r->msdm.present, n >= 4);
		}
		fx_run_free(&run);

		r = judge_truncated(&run, &f, FX_MSDM, n, SS_ORIGIN_MEMORY, &p);
		assert_defined(r);
		assert_int_equal(r->win7_kms, SS_KMS_READY);
		if (n == FX_MSDM_LEN) {
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		} else if (n < 4) {
			assert_false(r->msdm.present);
			assert_problems(r, "table-truncated");
		} else {
			assert_int_equal(r->msdm.state, SS_MSDM_BAD_HEADER);
			/* only Windows 8+ reads the MSDM: a fact for target windows7 */
			assert_finding(r, SS_F_MSDM_SHORT, SS_SEV_INFO);
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		}
		fx_run_free(&run);
	}
}

/* RSDT/XSDT: from a file, cannot judge; from memory, a truncated-table warning, and the SLIC
 * is still compared with the other root. */
static void truncate_root(size_t which, const char *sig)
{
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	size_t full = f.t[which].len;
	for (size_t n = 0; n <= full; n++) {
		struct fx_run run;
		struct ss_result *r = judge_truncated(&run, &f, which, n, SS_ORIGIN_RAW, &p);
		assert_defined(r);
		if (n == full)
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		else
			assert_cut_input(r, n);
		fx_run_free(&run);

		r = judge_truncated(&run, &f, which, n, SS_ORIGIN_MEMORY, &p);
		assert_defined(r);
		if (n == full) {
			assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
		} else {
			assert_finding(r, SS_F_TABLE_TRUNCATED, SS_SEV_WARNING);
			assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
			assert_int_equal(r->win7_kms, SS_KMS_READY);
			assert_non_null(strstr(fx_find(r, SS_F_TABLE_TRUNCATED)->msg, n < 4 ? "only" : sig));
		}
		fx_run_free(&run);
	}
}

static void test_truncate_rsdt(void **state)
{
	(void)state;
	truncate_root(FX_RSDT, "RSDT");
}

static void test_truncate_xsdt(void **state)
{
	(void)state;
	truncate_root(FX_XSDT, "XSDT");
}

/* RSDP (revision 2, 36 bytes): under 8 bytes it is not recognisable (a cut table: cannot
 * judge from a file); 8..19 bytes an unreadable RSDP; 20..35 the 20-byte checksum holds but
 * the extended one cannot be checked. Those are warnings: the RSDP decides nothing. */
static void test_truncate_rsdp(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	for (size_t n = 0; n <= 36; n++) {
		struct fx_run run;
		struct ss_result *r = judge_truncated(&run, &f, FX_RSDP, n, SS_ORIGIN_RAW, &p);
		assert_defined(r);
		if (n == 36)
			assert_problems(r, "");
		else if (n < 8)
			assert_cut_input(r, n);
		else if (n < 20)
			assert_problems(r, "rsdp-invalid");
		else
			assert_problems(r, "rsdp-ext-checksum");
		assert_int_equal(r->win7_kms, n < 8 ? SS_KMS_UNVERIFIED : SS_KMS_READY);
		fx_run_free(&run);
	}
}

/* Header length fields that lie, for the SLIC and for a root table (checksum fixed over the
 * bytes held). Smaller than possible: slic-short (not ready). Larger than the bytes held: a
 * cut file (cannot judge) up to the 4 MiB any real table fits in; beyond that the field
 * itself is impossible and the SLIC is judged invalid. */
static void test_lying_lengths(void **state)
{
	(void)state;
	static const struct {
		uint32_t len;
		enum ss_finding_id id;
		enum ss_exit exit;
	} lies[] = {
		{ 0, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
		{ 35, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
		{ 36, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
		{ 43, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
		/* the marker's last byte falls outside: the marker subtable runs past the end */
		{ FX_SLIC_LEN - 1, SS_F_SLIC_SUBTABLE_LENGTH, SS_EXIT_NOT_READY },
		{ FX_SLIC_LEN + 1, SS_F_INPUT_TRUNCATED, SS_EXIT_CANNOT_JUDGE },
		{ SS_MAX_TABLE_LEN, SS_F_INPUT_TRUNCATED, SS_EXIT_CANNOT_JUDGE },
		{ SS_MAX_TABLE_LEN + 1, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
		{ 0xffffffffu, SS_F_SLIC_SHORT, SS_EXIT_NOT_READY },
	};
	struct ss_policy p;
	fx_policy(&p, true);
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		struct fx f;
		struct fx_run run;
		fx_init(&f);
		fx_le32(S(&f) + 4, lies[i].len);
		slic_fix(&f);
		struct ss_result *r = fx_judge(&run, &f, &p);
		assert_defined(r);
		if (r->exit_code != lies[i].exit || !fx_find(r, lies[i].id)) {
			fx_print_findings(r);
			fail_msg("SLIC length field 0x%x", lies[i].len);
		}
		assert_int_equal(r->win7_kms, lies[i].exit == SS_EXIT_NOT_READY ? SS_KMS_NOT_READY
										 : SS_KMS_UNVERIFIED);
		fx_run_free(&run);
	}
	static const struct {
		uint32_t len;
		enum ss_finding_id id;
		enum ss_exit exit;
	} root_lies[] = {
		{ 0, SS_F_TABLE_LENGTH_INVALID, SS_EXIT_WARNINGS },
		{ 35, SS_F_TABLE_LENGTH_INVALID, SS_EXIT_WARNINGS },
		{ 0xffffffffu, SS_F_TABLE_LENGTH_INVALID, SS_EXIT_WARNINGS },
		{ 49, SS_F_INPUT_TRUNCATED, SS_EXIT_CANNOT_JUDGE },
	};
	for (size_t i = 0; i < sizeof(root_lies) / sizeof(root_lies[0]); i++) {
		struct fx f;
		struct fx_run run;
		fx_init(&f);
		fx_le32(f.t[FX_RSDT].b + 4, root_lies[i].len);
		fx_fix(&f, FX_RSDT);
		struct ss_result *r = fx_judge(&run, &f, &p);
		assert_defined(r);
		if (r->exit_code != root_lies[i].exit || !fx_find(r, root_lies[i].id)) {
			fx_print_findings(r);
			fail_msg("RSDT length field 0x%x", root_lies[i].len);
		}
		fx_run_free(&run);
	}
}

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_good_unknown_key),
		cmocka_unit_test(test_good_known_key),
		cmocka_unit_test(test_empty_set),
		cmocka_unit_test(test_catalogue_details),
		cmocka_unit_test(test_accept_versions),
		cmocka_unit_test(test_two_slics),
		cmocka_unit_test(test_checksum_of_a_table_activation_never_reads),
		cmocka_unit_test(test_target_windows8),
		cmocka_unit_test(test_key_other_oem),
		cmocka_unit_test(test_signature_every_bit),
		cmocka_unit_test(test_message_every_bit),
		cmocka_unit_test(test_mutate_every_byte),
		cmocka_unit_test(test_mutate_every_byte_checksum_fixed),
		cmocka_unit_test(test_truncate_slic),
		cmocka_unit_test(test_truncate_msdm),
		cmocka_unit_test(test_truncate_rsdt),
		cmocka_unit_test(test_truncate_xsdt),
		cmocka_unit_test(test_truncate_rsdp),
		cmocka_unit_test(test_lying_lengths),
	};
	return fx_run_catalogue("slic", fixed, sizeof(fixed) / sizeof(fixed[0]), catalogue,
				sizeof(catalogue) / sizeof(catalogue[0]), sizeof(catalogue[0]),
				test_corruption);
}
