/* SPDX-License-Identifier: MIT */
/* Unit tests of the MSDM rules (acpi/msdm.c) and of keeping the product key secret in every
 * output: the good fixture (a fake key), erased tables, wrong header fields, malformed keys,
 * and the MSDM/SLIC OEM ID comparison. Layout: docs/FACTS.md §4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

static uint8_t *M(struct fx *f)
{
	return f->t[FX_MSDM].b;
}

static void msdm_fix(struct fx *f)
{
	fx_fix(f, FX_MSDM);
}

/* Put a 29-byte key into the fixture MSDM. */
static void set_key(struct fx *f, const char *key29)
{
	assert_int_equal(strlen(key29), 29);
	memcpy(M(f) + 56, key29, 29);
	msdm_fix(f);
}

/* The fixture with the fixture key trusted, so an MSDM finding is the only warning. */
/* MSDM rules are decisive for target windows8 (only Windows 8 and later read the MSDM); the
 * catalogue runs there, and each corruption is also judged for windows7, where it is a fact. */
static struct ss_result *judge_for(struct fx_run *run, const struct fx *f, bool show_key,
				   enum ss_target target)
{
	static struct ss_policy p;
	fx_policy(&p, true);
	p.show_key = show_key;
	p.target = target;
	return fx_judge(run, f, &p);
}

static struct ss_result *judge(struct fx_run *run, const struct fx *f, bool show_key)
{
	return judge_for(run, f, show_key, SS_TARGET_WIN8);
}

/* None of the key's first four groups may appear anywhere in s; the masked form must. */
static void assert_key_hidden(const char *s, const char *key29)
{
	for (int g = 0; g < 4; g++) {
		char group[6];
		memcpy(group, key29 + 6 * g, 5);
		group[5] = '\0';
		if (strstr(s, group)) {
			fprintf(stderr, "%s\n", s);
			fail_msg("key group %d \"%s\" appears in the output", g + 1, group);
		}
	}
	assert_null(strstr(s, key29));
}

/* ---- the good fixture ------------------------------------------------------------------------ */

static void test_good_key(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	struct ss_result *r = judge(&run, &f, false);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_finding(r, SS_F_MSDM_KEY_OK, SS_SEV_INFO);
	assert_true(r->msdm.present);
	assert_int_equal(r->msdm.state, SS_MSDM_KEY_OK);
	assert_string_equal(ss_msdm_state_str(r->msdm.state), "key-ok");
	assert_int_equal(r->msdm.version, 1);
	assert_int_equal(r->msdm.data_type, 1);
	assert_int_equal(r->msdm.data_length, 29);
	assert_string_equal(r->msdm.key_masked, FX_MSDM_KEY_MASKED);
	assert_string_equal(r->msdm.key, FX_MSDM_KEY);
	assert_true(r->oem_license_evidence);
	/* the finding's message carries the masked key only */
	assert_non_null(strstr(fx_find(r, SS_F_MSDM_KEY_OK)->msg, FX_MSDM_KEY_MASKED));
	assert_key_hidden(fx_find(r, SS_F_MSDM_KEY_OK)->msg, FX_MSDM_KEY);
	fx_run_free(&run);
}

/* MSDM without SLIC (a Windows 8+ machine): Windows 7 KMS is not blocked, and the key is
 * evidence of an OEM license. */
static void test_msdm_without_slic(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	struct ss_result *r = judge(&run, &f, false);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_string_equal(r->win7_reason, "no-slic");
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_true(r->oem_license_evidence);
	assert_finding(r, SS_F_SLIC_ABSENT, SS_SEV_INFO);
	assert_no_finding(r, SS_F_MSDM_SLIC_IDS);
	fx_run_free(&run);
}

/* ---- the key never leaks ---------------------------------------------------------------------- */

static void check_outputs(const struct fx *f, const char *key29, const char *masked)
{
	struct fx_run run;
	struct ss_result *r = judge(&run, f, false);
	char *text = fx_render_text(r, NULL);
	char *json = fx_render_json(r, NULL);
	char *banner = fx_render_banner(r);
	assert_key_hidden(text, key29);
	assert_key_hidden(json, key29);
	assert_key_hidden(banner, key29);
	for (size_t i = 0; i < r->nf; i++)
		assert_key_hidden(r->f[i].msg, key29);
	assert_non_null(strstr(text, masked));
	assert_non_null(strstr(json, masked));
	assert_non_null(strstr(json, "\"key_masked\": true"));
	assert_non_null(strstr(text, "(masked; --show-key shows it)"));
	fx_free(text);
	fx_free(json);
	fx_free(banner);
	fx_run_free(&run);

	/* policy show_key: the key in full, in both outputs */
	r = judge(&run, f, true);
	text = fx_render_text(r, NULL);
	json = fx_render_json(r, NULL);
	assert_non_null(strstr(text, key29));
	assert_non_null(strstr(json, key29));
	assert_non_null(strstr(json, "\"key_masked\": false"));
	fx_free(text);
	fx_free(json);
	fx_run_free(&run);
}

static void test_key_masked_in_output(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	check_outputs(&f, FX_MSDM_KEY, FX_MSDM_KEY_MASKED);
}

/* A malformed key is still the owner's: masked as well (its finding quotes the masked key). */
static void test_malformed_key_masked_in_output(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	set_key(&f, "NBCDF-GHJKM-PQRTV-WXY23-4678A");
	check_outputs(&f, "NBCDF-GHJKM-PQRTV-WXY23-4678A", "XXXXX-XXXXX-XXXXX-XXXXX-4678A");
}

/* ---- a catalogue of corruptions ----------------------------------------------------------- */

struct corruption {
	const char *name;
	const char *key;           /* a replacement key, or NULL */
	void (*apply)(struct fx *f); /* or a mutation */
	enum ss_finding_id id;
	enum ss_msdm_state state;
	const char *msg;           /* a substring of the finding's message */
};

static void c_erased_ff(struct fx *f)
{
	memset(M(f) + 36, 0xff, FX_MSDM_LEN - 36);
	msdm_fix(f);
}

static void c_erased_00(struct fx *f)
{
	memset(M(f) + 36, 0x00, FX_MSDM_LEN - 36);
	msdm_fix(f);
}

/* seen in real firmware: 0xFF with 0x00 padding */
static void c_erased_ff_00(struct fx *f)
{
	memset(M(f) + 36, 0xff, FX_MSDM_LEN - 36);
	memset(M(f) + FX_MSDM_LEN - 4, 0x00, 4);
	msdm_fix(f);
}

static void c_len_28(struct fx *f)
{
	fx_le32(M(f) + 52, 28);
	msdm_fix(f);
}

static void c_len_30(struct fx *f)
{
	fx_le32(M(f) + 52, 30);
	msdm_fix(f);
}

static void c_len_0(struct fx *f)
{
	fx_le32(M(f) + 52, 0);
	msdm_fix(f);
}

static void c_len_huge(struct fx *f)
{
	fx_le32(M(f) + 52, 0xffffffff);
	msdm_fix(f);
}

static void c_type_2(struct fx *f)
{
	fx_le32(M(f) + 44, 2);
	msdm_fix(f);
}

static void c_version_2(struct fx *f)
{
	fx_le32(M(f) + 36, 2);
	msdm_fix(f);
}

static void c_checksum(struct fx *f)
{
	M(f)[9] ^= 0x40;
}

/* a header with no data at all (length 36) */
static void c_header_only(struct fx *f)
{
	f->t[FX_MSDM].len = 36;
	fx_le32(M(f) + 4, 36);
	msdm_fix(f);
}

/* the key cut off: the table ends inside the data */
static void c_table_short(struct fx *f)
{
	f->t[FX_MSDM].len = 70;
	fx_le32(M(f) + 4, 70);
	msdm_fix(f);
}

static const struct corruption catalogue[] = {
	{ "erased 0xFF", NULL, c_erased_ff, SS_F_MSDM_BLANK, SS_MSDM_BLANK, "all 0xFF" },
	{ "erased 0x00", NULL, c_erased_00, SS_F_MSDM_BLANK, SS_MSDM_BLANK, "all 0x00" },
	{ "erased 0xFF with 0x00 padding", NULL, c_erased_ff_00, SS_F_MSDM_BLANK, SS_MSDM_BLANK,
	  "0xFF/0x00" },
	{ "data length 28", NULL, c_len_28, SS_F_MSDM_FIELDS, SS_MSDM_BAD_HEADER, "data length 28" },
	{ "data length 30", NULL, c_len_30, SS_F_MSDM_SHORT, SS_MSDM_BAD_HEADER, "data length 30" },
	{ "data length 0", NULL, c_len_0, SS_F_MSDM_FIELDS, SS_MSDM_BAD_HEADER, "data length 0" },
	{ "data length 0xFFFFFFFF", NULL, c_len_huge, SS_F_MSDM_SHORT, SS_MSDM_BAD_HEADER,
	  "4294967295" },
	{ "data type 2", NULL, c_type_2, SS_F_MSDM_FIELDS, SS_MSDM_BAD_HEADER, "data type 2" },
	{ "version 2", NULL, c_version_2, SS_F_MSDM_FIELDS, SS_MSDM_BAD_HEADER, "version 2" },
	{ "header only", NULL, c_header_only, SS_F_MSDM_SHORT, SS_MSDM_BAD_HEADER, "at least 56" },
	{ "table ends inside the key", NULL, c_table_short, SS_F_MSDM_SHORT, SS_MSDM_BAD_HEADER,
	  "runs past" },
	{ "checksum", NULL, c_checksum, SS_F_MSDM_CHECKSUM, SS_MSDM_KEY_OK, "checksum" },
	{ "lower-case letter", "NBCDF-GHJKM-PQRTV-WXY23-4678b", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "alphabet" },
	{ "a vowel", "NBCDF-GHJKM-PQRTV-WXY23-4678A", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "alphabet" },
	{ "digit 5", "NBCDF-GHJKM-PQRTV-WXY23-46785", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "alphabet" },
	{ "missing dash", "NBCDF-GHJKMBPQRTV-WXY23-46789", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "separated" },
	/* the first fault met is the '-' at position 4: not a key character */
	{ "dash moved", "NBCD-FGHJKM-PQRTV-WXY23-46789", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "alphabet" },
	{ "two N", "NBCDF-GHJKM-PQRNV-WXY23-46789", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "single 'N'" },
	{ "no N", "BBCDF-GHJKM-PQRTV-WXY23-46789", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "single 'N'" },
	{ "NUL inside", "NBCDF-GHJKM-PQRTV-WXY23-4678\0", NULL, SS_F_MSDM_KEY_MALFORMED,
	  SS_MSDM_KEY_MALFORMED, "alphabet" },
};

static void test_corruption(void **state)
{
	const struct corruption *c = *state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	if (c->key) {
		memcpy(M(&f) + 56, c->key, 29); /* 29 bytes: the key may hold a NUL */
		msdm_fix(&f);
	}
	if (c->apply)
		c->apply(&f);
	struct ss_result *r = judge(&run, &f, false);
	assert_finding(r, c->id, SS_SEV_WARNING);
	const struct ss_finding *fd = fx_find(r, c->id);
	if (!strstr(fd->msg, c->msg)) {
		fx_print_findings(r);
		fail_msg("message \"%s\" lacks \"%s\"", fd->msg, c->msg);
	}
	assert_int_equal(r->msdm.state, c->state);
	/* MSDM problems are warnings: the Windows 7 prediction and exit 1 are not affected */
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_null(r->predicted_error);
	if (c->state == SS_MSDM_KEY_OK) {
		assert_no_finding(r, SS_F_MSDM_KEY_MALFORMED);
	} else {
		assert_no_finding(r, SS_F_MSDM_KEY_OK);
		/* the valid SLIC marker is still evidence of an OEM license */
		assert_true(r->oem_license_evidence);
	}
	if (c->state == SS_MSDM_KEY_MALFORMED) {
		/* nothing of the first 24 characters shows but dashes, wherever they are */
		assert_int_equal(strlen(r->msdm.key_masked), 29);
		for (int i = 0; i < 24; i++)
			assert_true(r->msdm.key_masked[i] == (c->key[i] == '-' ? '-' : 'X'));
		assert_non_null(strstr(fd->msg, r->msdm.key_masked));
	}
	/* what to do: the finding's own line */
	assert_int_equal(r->ntodo, 1);
	assert_string_equal(r->todo[0], ss_finding_info(c->id)->act);
	fx_run_free(&run);

	/* Windows 7 never reads the MSDM: the same table is a fact there, and a clean READY */
	r = judge_for(&run, &f, false, SS_TARGET_WIN7);
	assert_finding(r, c->id, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_int_equal(r->ntodo, 0);
	fx_run_free(&run);
}

/* ---- details ---------------------------------------------------------------------------------- */

static void test_nonprintable_shown_as_question_mark(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	memcpy(M(&f) + 56, "NBCDF-GHJKM-PQRTV-WXY23-4\x01\xff" "89", 29);
	msdm_fix(&f);
	struct ss_result *r = judge(&run, &f, false);
	assert_int_equal(r->msdm.state, SS_MSDM_KEY_MALFORMED);
	assert_string_equal(r->msdm.key_masked, "XXXXX-XXXXX-XXXXX-XXXXX-4??89");
	fx_run_free(&run);
}

/* Without a SLIC key trusted or a valid marker, an MSDM problem leaves no OEM evidence. */
static void test_blank_msdm_alone_is_no_evidence(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	c_erased_ff(&f);
	struct ss_result *r = judge(&run, &f, false);
	assert_false(r->oem_license_evidence);
	assert_finding(r, SS_F_OEM_LICENSE_NONE, SS_SEV_INFO);
	assert_problems(r, "msdm-blank");
	fx_run_free(&run);
}

/* MSDM vs SLIC OEM IDs: compared with trailing spaces/NULs ignored. */
static void test_msdm_slic_ids(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	fx_set_ids(&f, FX_MSDM, "OTHER ", "OTHERKEY");
	struct ss_result *r = judge(&run, &f, false);
	assert_finding(r, SS_F_MSDM_SLIC_IDS, SS_SEV_INFO); /* not a problem for any Windows */
	assert_problems(r, "");
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_non_null(strstr(fx_find(r, SS_F_MSDM_SLIC_IDS)->msg, "OTHER"));
	fx_run_free(&run);

	/* only the table ID differs: not a finding (the rule compares OEM IDs) */
	fx_init(&f);
	fx_set_ids(&f, FX_MSDM, FX_OEM, "OTHERKEY");
	r = judge(&run, &f, false);
	assert_no_finding(r, SS_F_MSDM_SLIC_IDS);
	fx_run_free(&run);

	/* "SSTES\0" (MSDM) vs "SSTES " would be trimmed equal; "SSTEST" vs "SSTES " is not */
	fx_init(&f);
	fx_set_ids(&f, FX_MSDM, "SSTES ", NULL);
	r = judge(&run, &f, false);
	assert_finding(r, SS_F_MSDM_SLIC_IDS, SS_SEV_INFO);
	fx_run_free(&run);
}

static void test_msdm_ids_trailing_pad(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	struct ss_policy p;
	fx_init(&f);
	/* every table "DELL  " except the MSDM, which pads with NULs */
	uint8_t slic[FX_SLIC_LEN];
	fx_build_slic(slic, "DELL  ", FX_TAB, "good");
	memcpy(f.t[FX_SLIC].b, slic, sizeof(slic));
	fx_set_ids(&f, FX_MSDM, "DELL\0\0", NULL);
	fx_policy(&p, false);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_no_finding(r, SS_F_MSDM_SLIC_IDS);
	fx_run_free(&run);
}

static void test_duplicate_msdm(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	uint8_t second[FX_MSDM_LEN];
	fx_build_msdm(second, FX_OEM, FX_TAB, "BCDFG-HJKMP-QRTVW-XY234-N6789");
	fx_add(&f, second, sizeof(second));
	struct ss_result *r = judge(&run, &f, false);
	assert_finding(r, SS_F_MSDM_DUPLICATE, SS_SEV_WARNING);
	/* the first is the one judged */
	assert_string_equal(r->msdm.key, FX_MSDM_KEY);
	assert_int_equal(r->msdm.table, FX_MSDM);
	fx_run_free(&run);
}

/* MSDM findings are general: target windows8 keeps them as warnings. */
static void test_windows8_keeps_msdm_warnings(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	struct ss_policy p;
	fx_init(&f);
	set_key(&f, "NBCDF-GHJKM-PQRTV-WXY23-4678A");
	fx_policy(&p, true);
	p.target = SS_TARGET_WIN8;
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_finding(r, SS_F_MSDM_KEY_MALFORMED, SS_SEV_WARNING);
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	fx_run_free(&run);
}

/* An independent oracle for "well-formed Windows 8+ key" (docs/FACTS.md §4). */
static bool oracle_key_ok(const uint8_t *k)
{
	int n = 0;
	for (int i = 0; i < 29; i++) {
		if (i == 5 || i == 11 || i == 17 || i == 23) {
			if (k[i] != '-')
				return false;
		} else if (k[i] == 'N') {
			n++;
		} else if (!k[i] || !strchr("BCDFGHJKMPQRTVWXY2346789", k[i])) {
			return false;
		}
	}
	return n == 1;
}

/* Every byte of the MSDM body set to many values: never a crash, a defined state, and key-ok
 * exactly when the oracle says the fields are 1/1/29 and the key is well-formed (the reserved
 * words are not checked by any rule). */
static void test_mutate_every_byte(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	p.target = SS_TARGET_WIN8;
	for (size_t off = 36; off < FX_MSDM_LEN; off++) {
		for (int v = 0; v < 256; v += 3) {
			struct fx f;
			struct fx_run run;
			fx_init(&f);
			M(&f)[off] = (uint8_t)v;
			msdm_fix(&f);
			struct ss_result *r = fx_judge(&run, &f, &p);
			assert_in_range(r->msdm.state, SS_MSDM_KEY_OK, SS_MSDM_BAD_HEADER);
			assert_int_equal(r->win7_kms, SS_KMS_READY);
			const uint8_t *m = M(&f);
			bool want_ok = fx_rd32(m + 36) == 1 && fx_rd32(m + 44) == 1 &&
				       fx_rd32(m + 52) == 29 && oracle_key_ok(m + 56);
			if ((r->msdm.state == SS_MSDM_KEY_OK) != want_ok) {
				fx_print_findings(r);
				fail_msg("MSDM byte %zu = 0x%02x: state %s", off, v,
					 ss_msdm_state_str(r->msdm.state));
			}
			assert_int_equal(r->exit_code, want_ok ? SS_EXIT_READY : SS_EXIT_WARNINGS);
			fx_run_free(&run);
		}
	}
}

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_good_key),
		cmocka_unit_test(test_msdm_without_slic),
		cmocka_unit_test(test_key_masked_in_output),
		cmocka_unit_test(test_malformed_key_masked_in_output),
		cmocka_unit_test(test_nonprintable_shown_as_question_mark),
		cmocka_unit_test(test_blank_msdm_alone_is_no_evidence),
		cmocka_unit_test(test_msdm_slic_ids),
		cmocka_unit_test(test_msdm_ids_trailing_pad),
		cmocka_unit_test(test_duplicate_msdm),
		cmocka_unit_test(test_windows8_keeps_msdm_warnings),
		cmocka_unit_test(test_mutate_every_byte),
	};
	return fx_run_catalogue("msdm", fixed, sizeof(fixed) / sizeof(fixed[0]), catalogue,
				sizeof(catalogue) / sizeof(catalogue[0]), sizeof(catalogue[0]),
				test_corruption);
}
