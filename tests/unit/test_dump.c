/* SPDX-License-Identifier: MIT */
/* Unit tests of the acpidump text reader (acpi/dump.c): dumps rendered from the fixtures judge
 * exactly like the raw tables in every layout real tools produce (ACPICA, pmtools, Windows'
 * CRLF), and every kind of damage a dump file suffers is a named finding, never a crash.
 * Every text is handed over as an exact-size heap copy without a terminating NUL, so ASan
 * reports any read past its end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

/* Parse text (len bytes, no NUL) with the documented always-enough arena, then judge. */
static struct ss_result *scan(struct fx_run *run, const char *text, size_t len,
			      const struct ss_policy *p)
{
	fx_run_init(run, len / 3 + 4096);
	const char *copy = (const char *)fx_copy(run, text, len);
	size_t found = ss_collect_acpidump(run->set, copy, len);
	assert_int_equal(found, run->set->n);
	assert_true(run->set->arena_used <= run->set->arena_cap);
	ss_judge(run->set, p, run->r);
	return run->r;
}

static struct ss_result *scan_str(struct fx_run *run, const char *text, const struct ss_policy *p)
{
	return scan(run, text, strlen(text), p);
}

/* s with the first occurrence of old replaced by new (fx_malloc'd). */
static char *replace(const char *s, const char *old, const char *new)
{
	const char *at = strstr(s, old);
	if (!at)
		fail_msg("\"%s\" not in the dump", old);
	size_t a = (size_t)(at - s), lo = strlen(old), ln = strlen(new), ls = strlen(s);
	char *out = fx_malloc(ls - lo + ln + 1);
	memcpy(out, s, a);
	memcpy(out + a, new, ln);
	memcpy(out + a + ln, at + lo, ls - a - lo + 1);
	return out;
}

/* The same facts: verdict, exit code, reason, finding ids and severities, and table bytes. */
static void assert_same_judgement(const struct ss_result *a, const struct ss_result *b)
{
	char x[1024], y[1024];
	assert_string_equal(fx_ids(a, SS_SEV_INFO, x, sizeof(x)), fx_ids(b, SS_SEV_INFO, y, sizeof(y)));
	for (size_t i = 0; i < a->nf; i++)
		assert_int_equal(a->f[i].sev, b->f[i].sev);
	assert_int_equal(a->verdict, b->verdict);
	assert_int_equal(a->exit_code, b->exit_code);
	assert_string_equal(a->win7_reason, b->win7_reason);
	assert_int_equal(a->nslic, b->nslic);
	assert_int_equal(a->msdm.state, b->msdm.state);
	assert_int_equal(a->set->n, b->set->n);
	for (size_t i = 0; i < a->set->n; i++) {
		const struct ss_table *ta = &a->set->t[i], *tb = &b->set->t[i];
		assert_int_equal(ta->len, tb->len);
		assert_memory_equal(ta->data, tb->data, ta->len);
		assert_int_equal(ta->addr, tb->addr);
		assert_int_equal(a->listed[i], b->listed[i]);
	}
}

/* ---- the fixture as a dump, in every layout ------------------------------------------------- */

static void test_dump_judges_like_raw(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run raw, dump;
	fx_init(&f);
	for (int key = 0; key < 2; key++) {
		fx_policy(&p, key);
		struct ss_result *a = fx_judge(&raw, &f, &p);
		size_t len;
		char *text = fx_dump(&f, NULL, &len);
		struct ss_result *b = scan(&dump, text, len, &p);
		assert_same_judgement(a, b);
		/* with or without the test key on the list: the marker verifies, a clean READY */
		assert_verdict(b, SS_VERDICT_READY, SS_EXIT_READY);
		assert_int_equal(b->slic[0].key_known, key);
		assert_int_equal(dump.set->t[0].origin, SS_ORIGIN_DUMP);
		assert_string_equal(dump.set->t[0].sig, "RSDP");
		fx_free(text);
		fx_run_free(&raw);
		fx_run_free(&dump);
	}
}

/* The same with a broken fixture: the reader must not hide or invent a finding. */
static void test_dump_judges_like_raw_when_broken(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	fx_policy(&p, true);
	for (int k = 0; k < 4; k++) {
		struct fx_run raw, dump;
		fx_init(&f);
		if (k == 0)
			f.t[FX_SLIC].b[FX_MK_OFF + 100] ^= 0x10; /* signature, checksum off too */
		else if (k == 1)
			fx_set_ids(&f, FX_XSDT, "OTHER ", NULL);
		else if (k == 2)
			memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36);
		else
			fx_drop(&f, FX_SLIC);
		struct ss_result *a = fx_judge(&raw, &f, &p);
		size_t len;
		char *text = fx_dump(&f, NULL, &len);
		struct ss_result *b = scan(&dump, text, len, &p);
		assert_same_judgement(a, b);
		assert_int_equal(b->exit_code, k == 3 ? SS_EXIT_READY : SS_EXIT_NOT_READY);
		fx_free(text);
		fx_run_free(&raw);
		fx_run_free(&dump);
	}
}

/* Encodings: a UTF-8 BOM, and UTF-16 as Windows PowerShell's ">" saves a dump. */

enum { ENC_UTF8_BOM, ENC_UTF16LE, ENC_UTF16BE };

/* text (ASCII, len bytes) re-encoded with a BOM (fx_malloc'd, *out_len set). Bytes above 0x7f
 * are taken as Latin-1 characters; odd adds one stray byte at the end. */
static char *encode(const char *text, size_t len, int enc, int odd, size_t *out_len)
{
	size_t n = enc == ENC_UTF8_BOM ? 3 + len : 2 + 2 * len + (size_t)odd;
	unsigned char *o = fx_malloc(n ? n : 1), *w = o;
	if (enc == ENC_UTF8_BOM) {
		memcpy(w, "\xef\xbb\xbf", 3);
		memcpy(w + 3, text, len);
	} else {
		*w++ = enc == ENC_UTF16LE ? 0xff : 0xfe;
		*w++ = enc == ENC_UTF16LE ? 0xfe : 0xff;
		for (size_t i = 0; i < len; i++, w += 2) {
			w[enc == ENC_UTF16LE ? 0 : 1] = (unsigned char)text[i];
			w[enc == ENC_UTF16LE ? 1 : 0] = 0;
		}
		if (odd)
			*w = 0x0a;
	}
	*out_len = n;
	return (char *)o;
}

/* pmtools (lower-case hex, 2-space indent), Windows (CRLF), no final newline: all 16 mixes,
 * each as plain text, UTF-8 with a BOM, UTF-16LE and UTF-16BE (with a stray last byte when
 * there is no final newline). Before the reader knew encodings a UTF-16 dump was
 * "input-garbage" and a UTF-8 BOM hid the first table's header. */
static void test_layouts(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run raw;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *a = fx_judge(&raw, &f, &p);
	for (int m = 0; m < 16; m++) {
		struct fx_dump_style st = { .lower = m & 1, .indent = m & 2 ? 2 : 4,
					    .eol = m & 4 ? "\r\n" : "\n", .no_final_eol = m & 8 };
		size_t len;
		char *text = fx_dump(&f, &st, &len);
		if (st.lower)
			assert_non_null(strstr(text, " 53 4c 49 43 76 01 00 00"));
		if (st.no_final_eol)
			assert_true(text[len - 1] != '\n');
		for (int enc = -1; enc <= ENC_UTF16BE; enc++) {
			size_t elen = len;
			char *e = enc < 0 ? text : encode(text, len, enc, st.no_final_eol, &elen);
			struct fx_run dump;
			struct ss_result *b = scan(&dump, e, elen, &p);
			assert_same_judgement(a, b);
			assert_verdict(b, SS_VERDICT_READY, SS_EXIT_READY);
			if (e != text)
				fx_free(e);
			fx_run_free(&dump);
		}
		fx_free(text);
	}
	fx_run_free(&raw);
}

/* pmtools names the RSDP block "RSD PTR": tables are identified by their bytes. */
static void test_pmtools_rsdp_name(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	char *t2 = replace(text, "RSDP @ 0x", "RSD PTR @ 0x");
	struct ss_result *r = scan_str(&run, t2, &p);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_string_equal(run.set->t[0].sig, "RSDP");
	assert_int_equal(run.set->t[0].addr, FX_RSDP_ADDR);
	fx_free(text);
	fx_free(t2);
	fx_run_free(&run);
}

/* ---- the ASCII column ----------------------------------------------------------------------- */

/* A table whose bytes are text that looks like hex ("DE AD BE EF ..."): the ASCII column
 * shows hex-looking tokens after the two-space gap, on full and on short lines. */
static void test_ascii_column_looks_like_hex(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	uint8_t t[48 + 43] = { 0 };
	fx_init(&f);
	fx_policy(&p, true);
	fx_header(t, "OEMX", sizeof(t), 1, FX_OEM, FX_TAB);
	memcpy(t + 48, "DE AD BE EF 00 11 22 33 44 55 66 77 88 DE AD", 43); /* lines 0x30.. */
	fx_checksum_at(t, sizeof(t), 9);
	size_t k = fx_add(&f, t, sizeof(t));
	struct fx_run raw, dump;
	struct ss_result *a = fx_judge(&raw, &f, &p);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	assert_non_null(strstr(text, "  DE AD BE EF"));
	struct ss_result *b = scan(&dump, text, len, &p);
	assert_same_judgement(a, b);
	assert_int_equal(dump.set->t[k].len, sizeof(t));
	assert_true(dump.set->t[k].checksum_ok);
	fx_free(text);
	fx_run_free(&raw);
	fx_run_free(&dump);
}

/* A short last line whose ASCII column follows the bytes after exactly two spaces (no
 * padding) and looks like more bytes: only the bytes before the gap count. */
static void test_short_line_ascii_unpadded(void **state)
{
	(void)state;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	const char text[] = "OEMX @ 0x0000000000001000\n"
			    "    0000: 4F 45 4D 58 13 00 00 00 01 00 53 53 54 45 53 54  OEMX......SSTEST\n"
			    "    0010: 01 02 03  DE AD BE EF\n";
	scan_str(&run, text, &p);
	assert_int_equal(run.set->n, 1);
	assert_int_equal(run.set->t[0].len, 19);
	assert_int_equal(run.set->t[0].data[18], 0x03);
	fx_run_free(&run);

	/* a token glued to the next characters is not a byte: reading stops before it */
	const char glued[] = "OEMX @ 0x0000000000001000\n"
			     "    0000: 4F 45 4D 58 13 00 00 00 01 00 53 53 54 45 53 54  OEMX......SSTEST\n"
			     "    0010: 01 02 03AB 04\n";
	scan_str(&run, glued, &p);
	assert_int_equal(run.set->t[0].len, 18);
	fx_run_free(&run);
}

/* 17 tokens on a line (no tool writes that): the reader takes 16, as it stops at 16 and
 * treats the rest as the ASCII column, and the table is judged as without the extra token.
 * (Had the 17th been a real byte, the next line's offset would expose it as a gap.) */
static void test_seventeen_tokens(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run raw, dump;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *a = fx_judge(&raw, &f, &p);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	/* the SLIC's first line: 16 bytes, then a 17th token before the ASCII column */
	char *t2 = replace(text, "53 4C 49 43 76 01 00 00 01 70 53 53 54 45 53 54  SLICv",
			   "53 4C 49 43 76 01 00 00 01 70 53 53 54 45 53 54 99  SLICv");
	struct ss_result *b = scan_str(&dump, t2, &p);
	assert_same_judgement(a, b);
	fx_free(t2);
	fx_run_free(&dump);

	/* the 17th token is a real byte: every later offset of the table is off by one */
	t2 = replace(text, "53 4C 49 43 76 01 00 00 01 70 53 53 54 45 53 54  SLICv....pSSTEST\n    0010: ",
		     "53 4C 49 43 76 01 00 00 01 70 53 53 54 45 53 54 53  SLICv....pSSTEST\n    0011: ");
	b = scan_str(&dump, t2, &p);
	assert_finding(b, SS_F_DUMP_OFFSET_GAP, SS_SEV_WARNING);
	assert_int_equal(b->exit_code, SS_EXIT_CANNOT_JUDGE); /* the SLIC was cut at 16 bytes */
	fx_free(t2);
	fx_free(text);
	fx_run_free(&dump);
	fx_run_free(&raw);
}

/* ---- damage ----------------------------------------------------------------------------------- */

/* An offset gap cuts the table there; a cut SLIC in a dump is an incomplete input. */
static void test_offset_gap(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	/* drop the SLIC's line 0x0020 (the one holding the key subtable's header) */
	const char *slic = strstr(text, "SLIC @");
	const char *l20 = strstr(slic, "    0020:");
	const char *l30 = strstr(l20, "    0030:");
	char *t2 = fx_malloc(len + 1);
	size_t a = (size_t)(l20 - text);
	memcpy(t2, text, a);
	strcpy(t2 + a, l30);
	struct ss_result *r = scan_str(&run, t2, &p);
	assert_finding(r, SS_F_DUMP_OFFSET_GAP, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_DUMP_OFFSET_GAP)->msg, "offset 0x30"));
	assert_int_equal(run.set->t[FX_SLIC].len, 0x20);
	assert_finding(r, SS_F_INPUT_TRUNCATED, SS_SEV_FATAL);
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	/* the tables after the cut one are read normally */
	assert_int_equal(run.set->n, FX_NSTD);
	assert_int_equal(r->msdm.state, SS_MSDM_KEY_OK);
	fx_free(t2);
	fx_run_free(&run);

	/* a repeated line is a gap too */
	t2 = replace(text, "    0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n",
		     "    0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n"
		     "    0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n");
	r = scan_str(&run, t2, &p);
	assert_finding(r, SS_F_DUMP_OFFSET_GAP, SS_SEV_WARNING);
	assert_int_equal(run.set->t[FX_FACP].len, 0x40); /* the FACP's first 0x30 line is that */
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_free(t2);
	fx_free(text);
	fx_run_free(&run);
}

/* An unreadable line inside a table: dump-bad-line. At the end of a table (the bytes are all
 * there) it is only a warning; in the middle the next offset no longer follows either. */
static void test_bad_line(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	/* after the FACP's last line, before the blank line that ends it */
	char *t2 = replace(text, "\n\nSLIC @", "\n    this line is not a data line\n\nSLIC @");
	struct ss_result *r = scan_str(&run, t2, &p);
	assert_finding(r, SS_F_DUMP_BAD_LINE, SS_SEV_WARNING);
	assert_problems(r, "dump-bad-line");
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_string_equal(fx_find(r, SS_F_DUMP_BAD_LINE)->table, "FACP");
	fx_free(t2);
	fx_run_free(&run);

	t2 = replace(text, "    0040: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
		     "    0040: 00 00 00 00 00 0G 00 00 00 00 00 00 00 00 00 00");
	r = scan_str(&run, t2, &p);
	/* "0040: 00 00 00 00 00 0G" gives 5 bytes: the next line's offset 0x50 is then a gap */
	assert_finding(r, SS_F_DUMP_OFFSET_GAP, SS_SEV_WARNING);
	assert_int_equal(run.set->t[FX_FACP].len, 0x45);
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_free(t2);

	/* a line of garbage in place of data: bad line, then a gap */
	t2 = replace(text, "    0040: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n",
		     "    0040: zz\n");
	r = scan_str(&run, t2, &p);
	assert_finding(r, SS_F_DUMP_BAD_LINE, SS_SEV_WARNING);
	assert_finding(r, SS_F_DUMP_OFFSET_GAP, SS_SEV_WARNING);
	assert_int_equal(run.set->t[FX_FACP].len, 0x40);
	fx_free(t2);
	fx_free(text);
	fx_run_free(&run);
}

/* Kernel messages printed between tables, as in real dumps, are not findings. */
static void test_firmware_warning_lines(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run raw, run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *a = fx_judge(&raw, &f, &p);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	char *t2 = replace(text, "\nSLIC @",
			   "\nFirmware Warning (ACPI): Incorrect checksum in table [OEMB] - 0xBB, should be 0xAE (20200925/tbprint-234)\n"
			   "SLIC @");
	char *t3 = replace(t2, "\nFACP @",
			   "\nACPI Warning: Optional FADT field Pm2ControlBlock has valid Length but zero Address (20200925/tbfadt-615)\n\nFACP @");
	struct ss_result *b = scan_str(&run, t3, &p);
	assert_same_judgement(a, b);
	assert_verdict(b, SS_VERDICT_READY, SS_EXIT_READY);
	fx_free(text);
	fx_free(t2);
	fx_free(t3);
	fx_run_free(&raw);
	fx_run_free(&run);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, false);
	struct ss_result *r = scan(&run, "", 0, &p);
	assert_finding(r, SS_F_INPUT_EMPTY, SS_SEV_FATAL);
	assert_problems(r, "input-empty");
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	assert_string_equal(r->win7_reason, "cannot-judge");
	assert_null(r->predicted_error);
	fx_run_free(&run);

	/* blank lines only: nothing recognisable */
	r = scan_str(&run, "\n\r\n   \n", &p);
	assert_problems(r, "input-garbage");
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_run_free(&run);
}

/* A header with no data lines: a finding, and no table. */
static void test_header_without_data(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	char *t2 = replace(text, "\nSLIC @", "\nSSDT @ 0x0000000000001234\n\nSLIC @");
	struct ss_result *r = scan_str(&run, t2, &p);
	assert_finding(r, SS_F_DUMP_BAD_LINE, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_DUMP_BAD_LINE)->msg, "no data bytes"));
	assert_int_equal(run.set->n, FX_NSTD);
	assert_problems(r, "dump-bad-line");
	fx_free(t2);
	fx_run_free(&run);

	/* only a header: no table at all */
	r = scan_str(&run, "SLIC @ 0x0000000000000000\n", &p);
	assert_finding(r, SS_F_INPUT_GARBAGE, SS_SEV_FATAL);
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_free(text);
	fx_run_free(&run);
}

/* Well-formed tables but no RSDP/RSDT/XSDT/FACP (a partial copy of /sys): judged, with a
 * warning; only a set with nothing well-formed is "cannot judge". */
static void test_partial_set(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	fx_drop(&f, FX_RSDP);
	fx_drop(&f, FX_RSDT);
	fx_drop(&f, FX_XSDT);
	fx_drop(&f, FX_FACP);
	fx_drop(&f, FX_SLIC);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	struct ss_result *r = scan(&run, text, len, &p);
	assert_finding(r, SS_F_TABLE_SET_PARTIAL, SS_SEV_WARNING);
	assert_int_equal(fx_count(r, SS_F_NO_ROOT_TABLES), 0);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_string_equal(r->win7_reason, "no-slic");
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_int_equal(r->msdm.state, SS_MSDM_KEY_OK);
	fx_free(text);
	fx_run_free(&run);

	/* one table whose header lies about its length (shorter than a header): nothing usable */
	uint8_t junk[40];
	memset(junk, 0x41, sizeof(junk));
	fx_le32(junk + 4, 20);
	fx_run_init(&run, 0);
	fx_add_raw(&run, junk, sizeof(junk), 0, "junk.dat");
	ss_judge(run.set, &p, run.r);
	assert_finding(run.r, SS_F_NO_ROOT_TABLES, SS_SEV_FATAL);
	assert_verdict(run.r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_run_free(&run);
}

/* A table of 64 KiB and more: offsets grow to 5 hex digits (ACPICA prints %4.4X). */
static void test_five_digit_offsets(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	size_t big_len = 0x10000 + 0x25;
	uint8_t *big = fx_malloc(big_len);
	fx_header(big, "SSDT", (uint32_t)big_len, 2, FX_OEM, FX_TAB);
	for (size_t i = 36; i < big_len; i++)
		big[i] = (uint8_t)(i * 7);
	fx_checksum_at(big, big_len, 9);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	struct fx_buf b = { 0 };
	fx_buf_add(&b, text, len);
	fx_dump_table(&b, "SSDT", 0x7ff10000, big, big_len, &fx_acpica);
	assert_non_null(strstr(b.p, "    10000: "));
	assert_non_null(strstr(b.p, "    10020: "));
	struct ss_result *r = scan(&run, b.p, b.n, &p);
	assert_int_equal(run.set->n, FX_NSTD + 1);
	const struct ss_table *t = &run.set->t[FX_NSTD];
	assert_int_equal(t->len, big_len);
	assert_true(t->checksum_ok);
	assert_memory_equal(t->data, big, big_len);
	/* not listed in the fixture's RSDT/XSDT, which is no finding for an SSDT */
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	free(b.p);
	fx_free(big);
	fx_free(text);
	fx_run_free(&run);
}

/* A revision-2 RSDP whose 20-byte checksum is right and 36-byte one wrong. */
static void test_rsdp_ext_checksum(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	f.t[FX_RSDP].b[33] ^= 0x01; /* reserved byte: only the extended checksum covers it */
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	struct ss_result *r = scan(&run, text, len, &p);
	assert_finding(r, SS_F_RSDP_EXT_CHECKSUM, SS_SEV_WARNING);
	assert_problems(r, "rsdp-ext-checksum");
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_false(run.set->t[FX_RSDP].checksum_ok);
	assert_int_equal(run.set->t[FX_RSDP].revision, 2);
	fx_free(text);
	fx_run_free(&run);

	/* the 20-byte checksum wrong instead: rsdp-invalid */
	fx_init(&f);
	f.t[FX_RSDP].b[9] ^= 0x01;
	text = fx_dump(&f, NULL, &len);
	r = scan(&run, text, len, &p);
	assert_problems(r, "rsdp-invalid"); /* slic-ids-rsdp is a fact */
	assert_finding(r, SS_F_SLIC_IDS_RSDP, SS_SEV_INFO);
	fx_free(text);
	fx_run_free(&run);
}

/* An arena smaller than the documented bound: out-of-space, never a write past it. */
static void test_arena_too_small(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	/* 400: exactly the tables before the SLIC fit, the SLIC not at all */
	size_t caps[] = { 0, 1, 8, 36, 100, 300, 400, 600, 800 };
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		struct fx_run run;
		fx_run_init(&run, caps[i]);
		const char *copy = (const char *)fx_copy(&run, text, len);
		ss_collect_acpidump(run.set, copy, len);
		assert_true(run.set->arena_used <= caps[i]);
		assert_true(run.set->full);
		ss_judge(run.set, &p, run.r);
		assert_finding(run.r, SS_F_OUT_OF_SPACE, SS_SEV_WARNING);
		assert_int_equal(fx_count(run.r, SS_F_OUT_OF_SPACE), 1);
		/* what was decoded lies inside the arena */
		for (size_t k = 0; k < run.set->n; k++) {
			const struct ss_table *t = &run.set->t[k];
			assert_true(t->data >= run.arena && t->data + t->len <= run.arena + caps[i]);
		}
		/* tables were not examined: never "ready", and never a confident Windows 7
		 * "ready" either (a SLIC may be among them) */
		assert_true(run.r->exit_code == SS_EXIT_CANNOT_JUDGE ||
			    run.r->exit_code == SS_EXIT_WARNINGS);
		if (run.r->win7_kms == SS_KMS_READY) {
			fx_print_findings(run.r);
			fail_msg("arena %zu: Windows 7 KMS \"ready\" with tables not examined", caps[i]);
		}
		fx_run_free(&run);
	}
	fx_free(text);
}

/* More tables than the set keeps (256): too-many-tables, and the tables after the limit (here
 * the SLIC) are not examined, so Windows 7 cannot be called ready. */
static void test_too_many_tables(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct fx_buf b = { 0 };
	for (size_t i = 0; i < FX_NSTD; i++)
		if (i != FX_SLIC)
			fx_dump_table(&b, i == FX_RSDP ? "RSDP" : "TBL", f.t[i].addr, f.t[i].b, f.t[i].len,
				      &fx_acpica);
	for (int i = 0; i < 300; i++) {
		uint8_t t[40];
		fx_header(t, "OEMT", sizeof(t), 1, FX_OEM, FX_TAB);
		fx_le32(t + 36, (uint32_t)i);
		fx_checksum_at(t, sizeof(t), 9);
		fx_dump_table(&b, "OEMT", 0x7ff10000 + 64 * (uint64_t)i, t, sizeof(t), &fx_acpica);
	}
	fx_dump_table(&b, "SLIC", FX_SLIC_ADDR, f.t[FX_SLIC].b, f.t[FX_SLIC].len, &fx_acpica);
	struct ss_result *r = scan(&run, b.p, b.n, &p);
	assert_int_equal(run.set->n, SS_MAX_TABLES);
	assert_finding(r, SS_F_TOO_MANY_TABLES, SS_SEV_WARNING);
	assert_int_equal(fx_count(r, SS_F_TOO_MANY_TABLES), 1);
	assert_int_equal(r->nslic, 0);
	assert_int_equal(r->win7_kms, SS_KMS_UNVERIFIED);
	assert_int_equal(r->exit_code, SS_EXIT_WARNINGS);
	free(b.p);
	fx_run_free(&run);
}

/* Non-ASCII characters (acpidump.exe's banner, a localized error line) in UTF-16 mean what
 * the same bytes mean in ASCII: nothing the grammar accepts. A header named with one is no
 * header, in either encoding; in column 0 it ends the table before it. */
static void test_utf16_non_ascii(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	const char text[] = "Firmware \xe9 \xe2\x80\x94 acpidump\n"
			    "OEMX @ 0x0000000000001000\n"
			    "    0000: 4F 45 4D 58 13 00 00 00 01 00 53 53 54 45 53 54  OEMX......SSTEST\n"
			    "\xc3\xa9rreur\n"
			    "    0010: 01 02 03\n"
			    "\xe9MX @ 0x0000000000002000\n"
			    "    0000: 4F 45 4D 58 13 00 00 00 01 00 53 53 54 45 53 54  OEMX......SSTEST\n";
	for (int enc = ENC_UTF8_BOM; enc <= ENC_UTF16BE; enc++) {
		struct fx_run run;
		size_t elen;
		char *e = encode(text, sizeof(text) - 1, enc, 0, &elen);
		scan(&run, e, elen, &p);
		assert_int_equal(run.set->n, 1);
		assert_int_equal(run.set->t[0].len, 16);
		assert_int_equal(run.set->t[0].addr, 0x1000);
		fx_free(e);
		fx_run_free(&run);
	}
}

/* Only a BOM (PowerShell's ">" when acpidump.exe printed nothing): empty, not garbage. */
static void test_bom_only(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	static const char *const boms[] = { "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff", "\xff\xfe\x0a" };
	for (size_t i = 0; i < sizeof(boms) / sizeof(boms[0]); i++) {
		struct fx_run run;
		struct ss_result *r = scan(&run, boms[i], strlen(boms[i]), &p);
		assert_finding(r, i < 3 ? SS_F_INPUT_EMPTY : SS_F_INPUT_GARBAGE, SS_SEV_FATAL);
		assert_int_equal(r->exit_code, SS_EXIT_CANNOT_JUDGE);
		fx_run_free(&run);
	}
}

/* A line longer than any acpidump writes is never a header or a data line, so both
 * encodings (UTF-16 keeps only a bounded prefix of a line) read it the same way. */
static void test_long_lines(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	struct fx_buf b = { 0 };
	const char head[] = "OEMX @ 0x0000000000001000";
	const char data[] = "    0000: 4F 45 4D 58 13 00 00 00 01 00 53 53 54 45 53 54  OEMX......SSTEST";
	for (size_t pad = 500; pad < 520; pad++) {
		for (int which = 0; which < 2; which++) {
			b.n = 0;
			fx_buf_add(&b, head, strlen(head));
			if (which == 0)
				for (size_t i = 0; i < pad - strlen(head); i++)
					fx_buf_add(&b, " ", 1);
			fx_buf_add(&b, "\r\n", 2);
			fx_buf_add(&b, data, strlen(data));
			if (which == 1)
				for (size_t i = 0; i < pad - strlen(data); i++)
					fx_buf_add(&b, "\r", 1);
			fx_buf_add(&b, "\n", 1);
			struct fx_run run, run16;
			struct ss_result *r = scan(&run, b.p, b.n, &p);
			size_t elen;
			char *e = encode(b.p, b.n, ENC_UTF16LE, 0, &elen);
			struct ss_result *r16 = scan(&run16, e, elen, &p);
			assert_same_judgement(r, r16);
			/* a header padded past 512 characters is no header; trailing CRs never count */
			assert_int_equal(run.set->n, which == 1 || pad <= 512 ? 1 : 0);
			fx_free(e);
			fx_run_free(&run);
			fx_run_free(&run16);
		}
	}
	free(b.p);
}

/* ---- random input ------------------------------------------------------------------------- */

static void assert_defined(const struct ss_result *r, const struct ss_tableset *s)
{
	assert_in_range(r->verdict, SS_VERDICT_READY, SS_VERDICT_ERROR);
	assert_non_null(r->win7_reason);
	static const enum ss_exit code[] = { SS_EXIT_READY, SS_EXIT_NOT_READY, SS_EXIT_WARNINGS,
					     SS_EXIT_CANNOT_JUDGE };
	assert_int_equal(r->exit_code, code[r->verdict]);
	/* no table found: cannot judge */
	if (!s->n)
		assert_int_equal(r->exit_code, SS_EXIT_CANNOT_JUDGE);
	assert_true(s->arena_used <= s->arena_cap);
}

/* Binary junk: 2000 seeded buffers of random length 0..4096. */
static void test_random_bytes(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, false);
	fx_srand(0x51c5ca11);
	char *buf = fx_malloc(4096);
	for (int it = 0; it < 2000; it++) {
		size_t n = fx_rand_below(4097);
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)fx_rand();
		struct fx_run run;
		struct ss_result *r = scan(&run, buf, n, &p);
		assert_defined(r, run.set);
		fx_run_free(&run);
	}
	fx_free(buf);
}

/* Junk made of the reader's own vocabulary, so it reaches deep into the parser. */
static void test_random_dumpish(void **state)
{
	(void)state;
	static const char *const words[] = {
		"SLIC @ 0x0000000000000000\n", "RSDP @ 0x00000000000F0010\n", "FACP @ 0x1\n",
		"    0000:", "    0010:", "  0020:", "  10000:", " 53", " 4C", " 49", " 43", " 76",
		" 01", " 00", " ff", " FF", "  ascii", "\n", "\r\n", "\n\n", " @ ", "0x", ":",
		"Firmware Warning (ACPI): x\n", "XSDT @ 0xFFFFFFFFFFFFFFFF\n", "MSDM @ 0x\n", " ",
		"\t", "0", "ZZ", " 0G",
	};
	struct ss_policy p;
	fx_policy(&p, true);
	fx_srand(0xd0d0cafe);
	struct fx_buf b = { 0 };
	for (int it = 0; it < 2000; it++) {
		b.n = 0;
		size_t target = fx_rand_below(4097);
		while (b.n < target) {
			const char *w = words[fx_rand_below(sizeof(words) / sizeof(words[0]))];
			fx_buf_add(&b, w, strlen(w));
		}
		struct fx_run run, run16;
		struct ss_result *r = scan(&run, b.p, b.n, &p);
		assert_defined(r, run.set);
		/* the same text as UTF-16LE reads the same */
		size_t elen;
		char *e = encode(b.p, b.n, it & 1 ? ENC_UTF16LE : ENC_UTF16BE, 0, &elen);
		assert_same_judgement(r, scan(&run16, e, elen, &p));
		fx_free(e);
		fx_run_free(&run16);
		fx_run_free(&run);
	}
	free(b.p);
}

/* The good dump with random single characters replaced: defined, and deterministic. */
static void test_random_edits_of_good_dump(void **state)
{
	(void)state;
	static const char repl[] = "0123456789ABCDEFabcdefxZ :@\n\r\t ";
	struct fx f;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	size_t len;
	char *text = fx_dump(&f, NULL, &len);
	char *t2 = fx_malloc(len);
	fx_srand(42);
	for (int it = 0; it < 1500; it++) {
		memcpy(t2, text, len);
		int edits = 1 + (int)fx_rand_below(3);
		for (int e = 0; e < edits; e++)
			t2[fx_rand_below((uint32_t)len)] = repl[fx_rand_below(sizeof(repl) - 1)];
		struct fx_run run, again;
		struct ss_result *r = scan(&run, t2, len, &p);
		assert_defined(r, run.set);
		struct ss_result *r2 = scan(&again, t2, len, &p);
		char x[1024], y[1024];
		assert_string_equal(fx_ids(r, SS_SEV_INFO, x, sizeof(x)), fx_ids(r2, SS_SEV_INFO, y, sizeof(y)));
		assert_int_equal(r->exit_code, r2->exit_code);
		fx_run_free(&run);
		fx_run_free(&again);
	}
	fx_free(t2);
	fx_free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_judges_like_raw),
		cmocka_unit_test(test_dump_judges_like_raw_when_broken),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_pmtools_rsdp_name),
		cmocka_unit_test(test_ascii_column_looks_like_hex),
		cmocka_unit_test(test_short_line_ascii_unpadded),
		cmocka_unit_test(test_seventeen_tokens),
		cmocka_unit_test(test_offset_gap),
		cmocka_unit_test(test_bad_line),
		cmocka_unit_test(test_firmware_warning_lines),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_header_without_data),
		cmocka_unit_test(test_partial_set),
		cmocka_unit_test(test_five_digit_offsets),
		cmocka_unit_test(test_rsdp_ext_checksum),
		cmocka_unit_test(test_arena_too_small),
		cmocka_unit_test(test_too_many_tables),
		cmocka_unit_test(test_utf16_non_ascii),
		cmocka_unit_test(test_bom_only),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_random_dumpish),
		cmocka_unit_test(test_random_edits_of_good_dump),
	};
	return cmocka_run_group_tests_name("dump", tests, NULL, fx_teardown_all);
}
