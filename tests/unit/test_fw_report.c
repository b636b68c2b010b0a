/* SPDX-License-Identifier: MIT */
/* Unit tests of the report files in a language (fw/report.c): over in-memory file operations,
 * a zh-TW NAME.txt is UTF-8 with a BOM and CRLF line ends and carries the zh-TW verdict; the
 * English one has no BOM; NAME.json and the summary line are the same bytes in both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "report.h"

#define MAXF 8
struct memfs {
	char path[MAXF][300];
	char *data[MAXF];
	size_t len[MAXF], n;
};

static int find(struct memfs *m, const char *path)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->path[i], path))
			return (int)i;
	return -1;
}

static bool m_exists(void *ctx, const char *path) { return find(ctx, path) >= 0; }
static int m_mkdirs(void *ctx, const char *path) { (void)ctx; (void)path; return 0; }

static int m_write(void *ctx, const char *path, const void *data, size_t len)
{
	struct memfs *m = ctx;
	assert_true(m->n < MAXF);
	snprintf(m->path[m->n], sizeof(m->path[0]), "%s", path);
	m->data[m->n] = malloc(len + 1);
	memcpy(m->data[m->n], data, len);
	m->data[m->n][len] = 0;
	m->len[m->n++] = len;
	return 0;
}

static int m_append(void *ctx, const char *path, const void *head, size_t hlen, const void *data, size_t len)
{
	struct memfs *m = ctx;
	char buf[8192];
	assert_true(find(m, path) < 0 && hlen + len < sizeof(buf));
	memcpy(buf, head, hlen);
	memcpy(buf + hlen, data, len);
	return m_write(ctx, path, buf, hlen + len);
}

static int m_remove(void *ctx, const char *path) { (void)ctx; (void)path; return 0; }
static const char *m_why(void *ctx, int err) { (void)ctx; (void)err; return "?"; }
static void *m_alloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void m_release(void *ctx, void *p) { (void)ctx; free(p); }

static const char *file(struct memfs *m, const char *suffix, size_t *len)
{
	for (size_t i = 0; i < m->n; i++) {
		size_t pl = strlen(m->path[i]), sl = strlen(suffix);
		if (pl >= sl && !strcmp(m->path[i] + pl - sl, suffix)) {
			*len = m->len[i];
			return m->data[i];
		}
	}
	fail_msg("no file *%s", suffix);
	return NULL;
}

static void write_in(struct memfs *m, struct ss_result *r, enum ss_lang lang,
		     struct fw_saved *saved)
{
	struct fw_files fs = { m, m_exists, m_mkdirs, m_write, m_append, m_remove, m_why, m_alloc, m_release };
	struct ss_info info = { 0 };
	memset(m, 0, sizeof(*m));
	ss_info_add(&info, "app", "App", "slicscan.efi");
	assert_true(fw_report_write(&fs, "\\slicscan\\reports", "\\slicscan\\summary.csv", NULL, r,
				    &info, lang, saved));
}

static void free_fs(struct memfs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->data[i]);
}

static void test_report_languages(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	struct ss_policy p;
	fx_init(&f);
	fx_policy(&p, true);
	f.t[FX_SLIC].b[FX_MK_OFF + 60] ^= 1; /* not ready */
	struct ss_result *r = fx_judge(&run, &f, &p);
	struct memfs en, zh;
	struct fw_saved saved;
	char tail[1024];
	write_in(&en, r, SS_LANG_EN, &saved);
	write_in(&zh, r, SS_LANG_ZH_TW, &saved);
	size_t el, zl, ejl, zjl, ecl, zcl;
	const char *et = file(&en, ".txt", &el), *zt = file(&zh, ".txt", &zl);
	assert_memory_equal(zt, "\xEF\xBB\xBF", 3);
	assert_true((unsigned char)et[0] != 0xEF);
	assert_non_null(strstr(zt, "判定：未就緒"));
	assert_non_null(strstr(zt, "處理方式：\r\n"));
	assert_non_null(strstr(et, "VERDICT: NOT READY"));
	/* CRLF everywhere: no bare LF */
	for (size_t i = 0; i < zl; i++)
		if (zt[i] == '\n')
			assert_true(i > 0 && zt[i - 1] == '\r');
	const char *ej = file(&en, ".json", &ejl), *zj = file(&zh, ".json", &zjl);
	assert_int_equal(ejl, zjl);
	assert_memory_equal(ej, zj, ejl);
	const char *ec = file(&en, ".csv", &ecl), *zc = file(&zh, ".csv", &zcl);
	assert_int_equal(ecl, zcl);
	assert_memory_equal(ec, zc, ecl);
	/* the screen's lines about the files, in both languages from the catalogue */
	assert_string_equal(saved.summary, "\\slicscan\\summary.csv");
	assert_string_equal(saved.summary_no, "");
	ss_fmt(saved.fleet, sizeof(saved.fleet), "\\slicscan\\summary.html");
	fw_tail_text(&saved, NULL, SS_LANG_EN, tail, sizeof(tail));
	char want[1024];
	snprintf(want, sizeof(want), "Report saved: %s and .json\nSummary: a line added to "
		 "\\slicscan\\summary.csv\nFleet page: \\slicscan\\summary.html updated\n", saved.txt);
	assert_string_equal(tail, want);
	ss_fmt(saved.summary_no, sizeof(saved.summary_no), "the stick is full");
	ss_fmt(saved.fleet_no, sizeof(saved.fleet_no), "out of memory");
	fw_tail_text(&saved, "http://192.0.2.2/r/X.txt", SS_LANG_ZH_TW, tail, sizeof(tail));
	snprintf(want, sizeof(want), "報告已儲存：%s 及 .json\n摘要：未能在 \\slicscan\\summary.csv "
		 "加入一行（the stick is full）\n全部電腦總覽：\\slicscan\\summary.html 未更新："
		 "out of memory\n報告已傳送：http://192.0.2.2/r/X.txt 及 .json\n", saved.txt);
	assert_string_equal(tail, want);
	/* cut, never overrun */
	assert_int_equal(fw_tail_text(&saved, NULL, SS_LANG_EN, tail, 10), 9);
	assert_int_equal(strlen(tail), 9);
	free_fs(&en);
	free_fs(&zh);
	fx_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
