/* SPDX-License-Identifier: MIT */
/* Unit tests of the languages (acpi/messages.c, acpi/width.c): every finding and every
 * catalogue text has its zh-TW line, with the same format conversions as the English one;
 * the environment's precedence (LC_ALL > LC_MESSAGES > LANG); display widths and line
 * breaks of CJK text; the zh-TW text report and banner for each verdict: valid UTF-8, the
 * box square in display columns, the finding sentence with the English detail; the JSON
 * report does not depend on the language (it takes none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Valid UTF-8 (RFC 3629): no stray continuation, no overlong form, no surrogate. */
static int utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		size_t n = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3
			 : (*u & 0xF8) == 0xF0 ? 4 : 0;
		if (!n || (n == 2 && *u < 0xC2))
			return 0;
		uint32_t cp = n == 1 ? *u : *u & (0x7F >> n);
		for (size_t i = 1; i < n; i++) {
			if ((u[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (u[i] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		u += n;
	}
	return 1;
}

/* The printf conversions of a format, in order ("%s%zu%d"), written independently of
 * ss_vfmt. */
static void conversions(const char *f, char *out, size_t cap)
{
	size_t n = 0;
	for (; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		while (*f && !strchr("sdcuxXp", *f))
			if (n + 1 < cap)
				out[n++] = *f++;
			else
				f++;
		if (*f && n + 1 < cap)
			out[n++] = *f;
		if (n + 1 < cap)
			out[n++] = ';';
	}
	out[n] = 0;
}

/* Every finding has a zh-TW sentence, and a zh-TW act line exactly when it has an English
 * one: a finding added to findings.def without its line in findings_zh.def fails here. */
static void test_every_finding_has_zh(void **state)
{
	(void)state;
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		const char *zh = ss_finding_text(SS_LANG_ZH_TW, (enum ss_finding_id)i);
		if (!zh || zh == fi->doc || !has_non_ascii(zh) || !utf8_valid(zh))
			fail_msg("finding %s has no zh-TW sentence in acpi/findings_zh.def", fi->id);
		assert_string_equal(ss_finding_text(SS_LANG_EN, (enum ss_finding_id)i), fi->doc);
		const char *act = ss_finding_act(SS_LANG_ZH_TW, (enum ss_finding_id)i);
		if (!fi->act != !act || (act && (act == fi->act || !has_non_ascii(act))))
			fail_msg("finding %s: zh-TW act line missing or extra", fi->id);
		/* the advice hands out the English act line; the renderer finds its translation */
		if (fi->act)
			assert_string_equal(ss_tr(SS_LANG_ZH_TW, fi->act), act);
	}
}

/* Every catalogue text has a zh-TW text with the same conversions in the same order. */
static void test_catalogue_formats(void **state)
{
	(void)state;
	for (unsigned i = 0; i < SS_M_COUNT; i++) {
		const char *en = ss_msg(SS_LANG_EN, (enum ss_msg_id)i);
		const char *zh = ss_msg(SS_LANG_ZH_TW, (enum ss_msg_id)i);
		char a[64], b[64];
		assert_non_null(zh);
		assert_true(*zh);
		assert_true(utf8_valid(zh));
		conversions(en, a, sizeof(a));
		conversions(zh, b, sizeof(b));
		if (strcmp(a, b))
			fail_msg("message %u: \"%s\" has conversions %s, its zh-TW text %s", i, en, a, b);
		assert_ptr_equal(ss_tr(SS_LANG_ZH_TW, en), zh);
		assert_ptr_equal(ss_tr(SS_LANG_EN, en), en);
	}
	/* a line outside the catalogue stays as it is */
	assert_string_equal(ss_tr(SS_LANG_ZH_TW, "not in the catalogue"), "not in the catalogue");
	assert_int_equal(ss_msg(SS_LANG_ZH_TW, SS_M_COUNT)[0], 0);
}

static void test_lang_parse_and_env(void **state)
{
	(void)state;
	enum ss_lang l = SS_LANG_EN;
	assert_int_equal(ss_lang_parse("zh-TW", 5, &l), 0);
	assert_int_equal(l, SS_LANG_ZH_TW);
	assert_int_equal(ss_lang_parse("en", 2, &l), 0);
	assert_int_equal(l, SS_LANG_EN);
	assert_int_equal(ss_lang_parse("zh_tw", 5, &l), 0);
	assert_int_equal(l, SS_LANG_ZH_TW);
	static const char *const bad[] = { "", "zh", "zh-CN", "zh-TWX", "fr", "english", "zh TW" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ss_lang_parse(bad[i], strlen(bad[i]), &l), -1);
	assert_string_equal(ss_lang_str(SS_LANG_ZH_TW), "zh-TW");
	assert_string_equal(ss_lang_str(SS_LANG_EN), "en");

	assert_int_equal(ss_lang_from_env(NULL, NULL, NULL), SS_LANG_EN);
	assert_int_equal(ss_lang_from_env(NULL, NULL, "zh_TW.UTF-8"), SS_LANG_ZH_TW);
	assert_int_equal(ss_lang_from_env(NULL, NULL, "zh_TW"), SS_LANG_ZH_TW);
	assert_int_equal(ss_lang_from_env(NULL, NULL, "zh_CN.UTF-8"), SS_LANG_EN);
	assert_int_equal(ss_lang_from_env(NULL, NULL, "zh"), SS_LANG_EN);
	/* LC_ALL > LC_MESSAGES > LANG; an empty variable counts as unset */
	assert_int_equal(ss_lang_from_env("C", NULL, "zh_TW.UTF-8"), SS_LANG_EN);
	assert_int_equal(ss_lang_from_env("zh_TW.UTF-8", "C", "en_US.UTF-8"), SS_LANG_ZH_TW);
	assert_int_equal(ss_lang_from_env(NULL, "zh_TW.UTF-8", "en_US.UTF-8"), SS_LANG_ZH_TW);
	assert_int_equal(ss_lang_from_env(NULL, "C.UTF-8", "zh_TW.UTF-8"), SS_LANG_EN);
	assert_int_equal(ss_lang_from_env("", "", "zh_TW.Big5"), SS_LANG_ZH_TW);
}

static void test_width_and_fit(void **state)
{
	(void)state;
	assert_int_equal(ss_text_cols("abc", 3), 3);
	assert_int_equal(ss_text_cols("判定", strlen("判定")), 4);
	assert_int_equal(ss_text_cols("（0xC004F035）", strlen("（0xC004F035）")), 14);
	assert_int_equal(ss_text_cols("\xff\xfe", 2), 2); /* malformed bytes: one column each */
	assert_int_equal(ss_text_cols("\xe5\x88", 2), 2); /* a cut sequence too */
	/* ASCII: break at the last blank, as before */
	assert_int_equal(ss_text_fit("hello world", 11, 20), 11);
	assert_int_equal(ss_text_fit("hello world", 11, 8), 5);
	assert_int_equal(ss_text_fit("hello world", 11, 5), 5);
	assert_int_equal(ss_text_fit("helloworld", 10, 4), 4); /* a word wider than a line is cut */
	/* CJK: any character boundary, never inside a sequence, each two columns */
	const char *zh = "韌體不會阻擋啟用";
	assert_int_equal(ss_text_fit(zh, strlen(zh), 5), 6);  /* two characters (4 columns) */
	assert_int_equal(ss_text_fit(zh, strlen(zh), 6), 9);
	assert_int_equal(ss_text_fit(zh, strlen(zh), 1), 3);  /* one character even if too wide */
	/* not before closing punctuation: "啟用，" keeps the comma with its word */
	const char *p = "啟用，可以";
	assert_int_equal(ss_text_fit(p, strlen(p), 5), 3);
	/* every break of a long mixed text lands on a character boundary and fits its room */
	const char *t = ss_msg(SS_LANG_ZH_TW, SS_M_A_FW_NO_ACPI);
	size_t n = strlen(t);
	while (n) {
		size_t k = ss_text_fit(t, n, 30);
		assert_true(k > 0 && k <= n);
		assert_true(k == n || ((unsigned char)t[k] & 0xC0) != 0x80);
		assert_true(ss_text_cols(t, k) <= 30);
		t += k;
		n -= k;
	}
}

static char *render_text_lang(const struct ss_result *r, enum ss_lang lang)
{
	struct fx_buf b = { 0 };
	ss_render_text_lang(r, NULL, lang, fx_sink, &b);
	return fx_buf_take(&b);
}

/* The zh-TW report for every verdict: its verdict word, the box square in columns, every
 * line within 78 columns in the banner, the deciding finding's sentence with the English
 * detail, what to do in zh-TW; the English report is the one ss_render_text writes. */
static void test_zh_report_every_verdict(void **state)
{
	(void)state;
	static const char *const big[] = { "判定：就緒 ", "判定：未就緒 ", "判定：就緒（有警告） ", "判定：無法判斷 " };
	for (int k = 0; k < 4; k++) {
		struct fx_run run;
		struct ss_policy p;
		struct ss_result *r = fx_verdict_case(k, &run, &p);
		char *zh = render_text_lang(r, SS_LANG_ZH_TW);
		char *en = render_text_lang(r, SS_LANG_EN);
		char *en2 = fx_render_text(r, NULL);
		assert_string_equal(en, en2);
		assert_true(utf8_valid(zh));
		if (!strstr(zh, big[k]))
			fail_msg("no \"%s\" in:\n%s", big[k], zh);
		assert_non_null(strstr(zh, "摘要\n"));
		assert_non_null(strstr(zh, "OEM 啟用 2.0 資料（SLIC）\n"));
		assert_non_null(strstr(zh, "OEM 啟用 3.0 資料（MSDM）\n"));
		/* the box: every line between the borders as wide as the border, in columns */
		const char *box = strstr(zh, "+---");
		assert_non_null(box);
		size_t width = strcspn(box, "\n"), lines = 0;
		for (const char *l = box + width + 1; *l == '|'; l += strcspn(l, "\n") + 1, lines++)
			if (ss_text_cols(l, strcspn(l, "\n")) != width)
				fail_msg("box line %.*s is %zu columns, not %zu", (int)strcspn(l, "\n"), l,
					 ss_text_cols(l, strcspn(l, "\n")), width);
		assert_true(lines >= 3);
		if (k) {
			const struct ss_finding *d = &r->f[r->deciding];
			char want[1024];
			snprintf(want, sizeof(want), "原因：%.20s", ss_finding_text(SS_LANG_ZH_TW, d->id));
			if (!strstr(zh, want))
				fail_msg("no \"%s\" in:\n%s", want, zh);
			assert_non_null(strstr(zh, "處理方式：\n  1. "));
			assert_true(has_non_ascii(ss_tr(SS_LANG_ZH_TW, r->todo[0])));
			/* a finding line: zh sentence, 細節：, the English message */
			snprintf(want, sizeof(want), "%s 細節：%s\n", ss_finding_text(SS_LANG_ZH_TW, d->id), d->msg);
			if (!strstr(zh, want))
				fail_msg("no \"%s\" in:\n%s", want, zh);
		}
		/* the banner's lines fit 78 columns */
		struct fx_buf b = { 0 };
		ss_render_banner_lang(r, SS_LANG_ZH_TW, fx_sink, &b);
		char *ban = fx_buf_take(&b);
		for (const char *l = ban; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
			if (ss_text_cols(l, strcspn(l, "\n")) > 78)
				fail_msg("banner line wider than 78 columns:\n%s", ban);
		fx_free(ban);
		fx_free(zh);
		fx_free(en);
		fx_free(en2);
		fx_run_free(&run);
	}
}

/* The Machine labels (catalogue texts the front ends pass, fw/report.c) and the Tables list
 * in zh-TW; the keys, the values, signatures and IDs as they are; English unchanged. */
static void test_zh_machine_and_tables(void **state)
{
	(void)state;
	struct fx_run run;
	struct ss_policy p;
	struct ss_result *r = fx_verdict_case(1, &run, &p);
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_serial", ss_msg(SS_LANG_EN, SS_M_I_SYS_SERIAL), "CZ1234XYZ");
	ss_info_add(&info, "firmware_time", ss_msg(SS_LANG_EN, SS_M_I_FW_CLOCK), "unreadable");
	ss_info_add(&info, "odd", "Not in the catalogue", "x");
	struct fx_buf b = { 0 }, e = { 0 };
	ss_render_text_lang(r, &info, SS_LANG_ZH_TW, fx_sink, &b);
	ss_render_text_lang(r, &info, SS_LANG_EN, fx_sink, &e);
	char *zh = fx_buf_take(&b), *en = fx_buf_take(&e);
	static const char *const want_zh[] = {
		"\n電腦\n", "  系統序號                        : CZ1234XYZ\n",
		"  韌體時鐘                        : unreadable\n",
		"  Not in the catalogue            : x\n",
		"  簽名  OEM ID  TABLE ID  版本      長度  檢查碼    位址", "  正確      0x",
	};
	static const char *const want_en[] = {
		"\nMachine\n", "  System serial                   : CZ1234XYZ\n",
		"  Firmware clock                  : unreadable\n",
		"  SIG   OEM ID  TABLE ID  REV     LENGTH  CHECKSUM  ADDRESS", "  ok        0x",
	};
	for (size_t i = 0; i < sizeof(want_zh) / sizeof(want_zh[0]); i++)
		if (!strstr(zh, want_zh[i]))
			fail_msg("no \"%s\" in:\n%s", want_zh[i], zh);
	for (size_t i = 0; i < sizeof(want_en) / sizeof(want_en[0]); i++)
		if (!strstr(en, want_en[i]))
			fail_msg("no \"%s\" in:\n%s", want_en[i], en);
	assert_null(strstr(zh, "System serial"));
	assert_null(strstr(zh, "CHECKSUM"));
	fx_free(zh);
	fx_free(en);
	fx_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_finding_has_zh),
		cmocka_unit_test(test_catalogue_formats),
		cmocka_unit_test(test_lang_parse_and_env),
		cmocka_unit_test(test_width_and_fit),
		cmocka_unit_test(test_zh_report_every_verdict),
		cmocka_unit_test(test_zh_machine_and_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
