/* SPDX-License-Identifier: MIT */
/* Unit tests of the fleet page's parts: the strict JSON reader (fw/jsonread.c), the fleet read
 * from report JSON (fw/fleet.c: counts, causes by the advice catalogue, the cap, damaged
 * files) and the page (fw/fleet_html.c: escaping, counts, groups). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fleet.h"

static void nop(void *ctx, const struct fw_json_path *at, enum fw_json_kind k, const char *v)
{
	(void)ctx, (void)at, (void)k, (void)v;
}

static int ok(const char *s)
{
	static struct fw_json_reader rd;
	return fw_json_read(&rd, s, strlen(s), nop, NULL);
}

static void test_json_grammar(void **state)
{
	(void)state;
	static const char *const good[] = {
		"{}", "[]", "0", "-0.5e+10", "\"a\"", " {\"a\":[1,2,{\"b\":null}],\"c\":true} ",
		"\xef\xbb\xbf{}", "\"\\u00e9\\ud83d\\ude00\\n\\/\"", "\"\xe5\x8f\xb0\xe7\x81\xa3\"",
		"[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]",
	};
	static const char *const bad[] = {
		"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\"}", "{a:1}", "01", "1.", ".5", "1e",
		"-", "+1", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
		"\"\t\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "{} {}", "[1] x", "{\"a\":1",
		"[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]", "NaN", "'a'",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(ok(good[i]), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ok(bad[i]) == 0)
			fail_msg("accepted: %s", bad[i]);
	}
	static struct fw_json_reader rd;
	const char nul[] = "{}\0\0\0";
	assert_int_equal(fw_json_read(&rd, nul, sizeof(nul) - 1, nop, NULL), -1);
	assert_non_null(strstr(rd.why, "NUL"));
	assert_int_equal(rd.at, 2);
}

struct got {
	char path[128], value[600];
	int hits;
};

static void grab(void *ctx, const struct fw_json_path *at, enum fw_json_kind k, const char *v)
{
	struct got *g = ctx;
	char p[128] = "";
	for (size_t i = 0; i < at->depth; i++) {
		strcat(p, "/");
		strcat(p, at->key[i]);
	}
	if (k != FW_JSON_OBJECT_END && !strcmp(p, g->path)) {
		snprintf(g->value, sizeof(g->value), "%s", v);
		g->hits++;
	}
}

static void test_json_values(void **state)
{
	(void)state;
	static struct fw_json_reader rd;
	struct got g = { "/m/[]/x", "", 0 };
	const char *t = "{\"m\":[{\"x\":\"a\\u00e9\\ud83d\\ude00<\"},{\"y\":1},{\"x\":\"b\"}]}";
	assert_int_equal(fw_json_read(&rd, t, strlen(t), grab, &g), 0);
	assert_int_equal(g.hits, 2);
	assert_string_equal(g.value, "b");
	g.hits = 0;
	t = "{\"m\":[{\"x\":\"a\\u00e9\\ud83d\\ude00<\"}]}";
	assert_int_equal(fw_json_read(&rd, t, strlen(t), grab, &g), 0);
	assert_string_equal(g.value, "a\xc3\xa9\xf0\x9f\x98\x80<");
	/* \u0000 ends the C string; a long value is cut on a UTF-8 boundary */
	struct got h = { "/k", "", 0 };
	t = "{\"k\":\"ab\\u0000cd\"}";
	assert_int_equal(fw_json_read(&rd, t, strlen(t), grab, &h), 0);
	assert_string_equal(h.value, "ab");
	char big[2000] = "{\"k\":\"";
	for (int i = 0; i < 400; i++)
		strcat(big, "\xe5\x8f\xb0");
	strcat(big, "\"}");
	assert_int_equal(fw_json_read(&rd, big, strlen(big), grab, &h), 0);
	assert_true(strlen(h.value) <= FW_JSON_VALUE_MAX);
	assert_int_equal(strlen(h.value) % 3, 0);
}

/* A report as the UEFI app writes it (docs/REPORT.md), with the fields the fleet reads. */
static char *report(const char *verdict, const char *make, const char *model, const char *bios,
		    const char *serial, const char *finding, const char *sev)
{
	char *s = malloc(4096);
	snprintf(s, 4096,
		 "{\n  \"tool\": \"slicscan\",\n  \"version\": \"1.0.0\",\n  \"verdict\": \"%s\",\n"
		 "  \"exit_code\": 1,\n  \"windows7_kms\": \"not-ready\",\n"
		 "  \"windows7_reason\": \"invalid-slic:blank-ff\",\n  \"predicted_error\": \"0xC004F035\",\n"
		 "  \"why\": \"The SLIC is blank\",\n  \"what_to_do\": [\"x\"],\n"
		 "  \"slic\": {\"present\": true, \"tables\": [{\"oem_id\": \"A\\u0000\"}]},\n"
		 "  \"machine\": {\"system_manufacturer\": \"%s\", \"system_product\": \"%s\","
		 " \"system_serial\": \"%s\", \"bios_version\": \"%s\", \"firmware_time\": \"2026-12-03 06:00:00\"},\n"
		 "  \"findings\": [\n    {\"id\": \"root-absent\", \"severity\": \"info\", \"table\": null, \"message\": \"m\"},\n"
		 "    {\"id\": \"%s\", \"severity\": \"%s\", \"table\": \"SLIC\", \"message\": \"m\"}\n  ],\n"
		 "  \"findings_dropped\": 0\n}\n",
		 verdict, make, model, serial, bios, finding, sev);
	return s;
}

static struct fw_fleet fl;
static struct fw_fleet_machine ms[8];
static struct fw_fleet_bad bads[4];

static void add(const char *file, char *json)
{
	fw_fleet_add(&fl, file, json, strlen(json));
	free(json);
}

static void test_fleet_read(void **state)
{
	(void)state;
	fw_fleet_init(&fl, ms, 8, bads, 4);
	add("reports/PC1.json", report("not-ready", "Dell Inc.", "OptiPlex 780", "A12", "PC1",
				       "slic-blank-ff", "error"));
	assert_int_equal(fl.n, 1);
	assert_int_equal(fl.count[FW_FV_NOT_READY], 1);
	const struct fw_fleet_machine *m = &fl.m[0];
	assert_string_equal(m->name, "PC1");
	assert_string_equal(m->link, "reports/PC1.txt");
	assert_string_equal(m->manufacturer, "Dell Inc.");
	assert_string_equal(m->model, "OptiPlex 780");
	assert_string_equal(m->bios_version, "A12");
	assert_string_equal(m->serial, "PC1");
	assert_string_equal(m->predicted_error, "0xC004F035");
	assert_string_equal(m->reason, "invalid-slic:blank-ff");
	assert_int_equal(m->cause, SS_CAUSE_ERASED);
	assert_true(ss_cause_needs_bios(m->cause));
	/* a placeholder explains more than the broken signature beside it (acpi/advice.c) */
	char *j = report("not-ready", "X", "Y", "1", "S",
			 "slic-signature-invalid\", \"severity\": \"error\"}, {\"id\": \"slic-placeholder",
			 "error");
	fw_fleet_add(&fl, "b/S.json", j, strlen(j));
	assert_int_equal(fl.nbad, 0);
	assert_int_equal(fl.m[1].cause, SS_CAUSE_PLACEHOLDER);
	assert_false(ss_cause_needs_bios(SS_CAUSE_PLACEHOLDER));
	free(j);
	/* a warning-severity failure finding gives no cause */
	add("c.json", report("ready-with-warnings", "X", "Y", "1", "S2", "slic-blank-ff", "warning"));
	assert_int_equal(fl.m[2].cause, SS_CAUSE_NONE);
	/* a long model is cut on a character boundary */
	char model[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(model, i ? "\xe5\x8f\xb0" : "ab");
	add("d.json", report("ready", "X", model, "1", "S3", "root-absent", "info"));
	assert_int_equal(strlen(fl.m[3].model), 2 + 3 * 41);
	assert_int_equal(fl.count[FW_FV_WARN], 1);
}

static void test_fleet_damaged(void **state)
{
	(void)state;
	char *full = report("ready", "A", "B", "C", "D", "slic-valid", "info");
	size_t n = strlen(full);
	/* a report cut at every length by a power loss is listed, never counted */
	for (size_t cut = 0; cut + 1 < n; cut++) {
		fw_fleet_init(&fl, ms, 8, bads, 4);
		fw_fleet_add(&fl, "r/x.json", full, cut);
		if (fl.n != 0)
			fail_msg("a report cut at %zu bytes was counted", cut);
		assert_int_equal(fl.nbad, 1);
		assert_string_equal(fl.bad[0].file, "r/x.json");
	}
	/* NUL-filled tail (FAT cluster allocated, data never written) */
	char *z = calloc(n + 512, 1);
	memcpy(z, full, n);
	fw_fleet_init(&fl, ms, 8, bads, 4);
	fw_fleet_add(&fl, "z.json", z, n + 512);
	assert_int_equal(fl.nbad, 1);
	assert_non_null(strstr(fl.bad[0].why, "NUL"));
	free(z);
	/* another program's JSON, an unknown verdict */
	fw_fleet_init(&fl, ms, 8, bads, 1);
	fw_fleet_add(&fl, "o.json", "{\"a\":1}", 7);
	assert_string_equal(fl.bad[0].why, "not a slicscan report");
	fw_fleet_add(&fl, "p.json", "{\"tool\":\"slicscan\",\"verdict\":\"maybe\"}", 37);
	assert_int_equal(fl.nbad, 1);
	assert_int_equal(fl.bad_dropped, 1);
	assert_int_equal(fw_fleet_total(&fl), 0);
	free(full);
}

static void test_fleet_cap(void **state)
{
	(void)state;
	fw_fleet_init(&fl, ms, 3, bads, 4);
	for (int i = 0; i < 5; i++) {
		char name[32];
		snprintf(name, sizeof(name), "PC%d.json", i);
		add(name, report(i % 2 ? "ready" : "error", "A", "B", "C", "D", "root-absent", "info"));
	}
	assert_int_equal(fl.n, 3);
	assert_int_equal(fl.dropped, 2);
	assert_int_equal(fw_fleet_total(&fl), 5);
	assert_int_equal(fl.count[FW_FV_ERROR], 3);
}

struct page {
	char s[200000];
	size_t n;
};

static void sink(void *ctx, const char *s, size_t n)
{
	struct page *p = ctx;
	assert_true(p->n + n < sizeof(p->s));
	memcpy(p->s + p->n, s, n);
	p->n += n;
	p->s[p->n] = 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t c = 0;
	for (const char *q = hay; (q = strstr(q, needle)) != NULL; q++)
		c++;
	return c;
}

static void test_page(void **state)
{
	(void)state;
	static struct page p;
	fw_fleet_init(&fl, ms, 8, bads, 4);
	add("reports/A1.json", report("not-ready", "Dell", "OptiPlex", "A12", "A1", "slic-blank-ff", "error"));
	add("reports/A2.json", report("not-ready", "Dell", "OptiPlex", "A12", "A2", "slic-blank-ff", "error"));
	add("reports/A3.json", report("not-ready", "Dell", "OptiPlex", "A13", "A3", "slic-no-marker", "error"));
	add("reports/h.json", report("ready", "<script>alert(1)</script>", "\\\"q' &amp;", "\\u202eRTL",
				     "x", "root-absent", "info"));
	fw_fleet_add(&fl, "reports/<b>.json", "{\"tool\"", 7);
	p.n = 0;
	fw_fleet_html(&fl, "en", "/media/<stick>", sink, &p);
	assert_non_null(strstr(p.s, "data-verdict=\"not-ready\" data-count=\"3\""));
	assert_non_null(strstr(p.s, "data-verdict=\"ready\" data-count=\"1\""));
	assert_non_null(strstr(p.s, "data-verdict=\"error\" data-count=\"0\""));
	assert_non_null(strstr(p.s, "id=\"unreadable\" data-count=\"1\""));
	/* two groups: (Dell, OptiPlex, A12, erased) x2 and (..., A13, no-marker) x1 */
	assert_non_null(strstr(p.s, "data-cause=\"erased\" data-bios-update=\"yes\" data-machines=\"2\""));
	assert_non_null(strstr(p.s, "data-cause=\"no-marker\" data-bios-update=\"no\" data-machines=\"1\""));
	assert_int_equal(count(p.s, "data-cause="), 2);
	/* the advice catalogue's own words */
	assert_non_null(strstr(p.s, ss_cause_next(SS_CAUSE_ERASED, 0, SS_LANG_EN) + 20));
	/* hostile strings are text */
	assert_int_equal(count(p.s, "<script"), 1);
	assert_non_null(strstr(p.s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(p.s, "&quot;q&#39; &amp;amp;"));
	assert_non_null(strstr(p.s, "&lt;stick&gt;"));
	assert_non_null(strstr(p.s, "<code><bdi>reports/&lt;b&gt;.json</bdi></code>"));
	assert_non_null(strstr(p.s, "href=\"reports/A1.txt\""));
	assert_int_equal(count(p.s, "<bdi"), count(p.s, "</bdi>"));
	assert_null(strstr(p.s, "http"));   /* nothing fetched */
	assert_null(strstr(p.s, " src="));
}

/* --lang zh-TW / language = zh-TW: the labels and the advice in zh-TW; the data the scripts
 * and tests read (data-verdict, data-count, data-cause) never change with the language. */
static void test_page_zh(void **state)
{
	(void)state;
	static struct page en, zh;
	fw_fleet_init(&fl, ms, 8, bads, 4);
	add("reports/A1.json", report("not-ready", "Dell", "OptiPlex", "A12", "A1", "slic-blank-ff", "error"));
	add("reports/B1.json", report("ready", "HP", "Elite", "1.0", "B1", "root-absent", "info"));
	en.n = zh.n = 0;
	fw_fleet_html(&fl, "en", "t", sink, &en);
	fw_fleet_html(&fl, "zh-TW", "t", sink, &zh);
	assert_non_null(strstr(zh.s, "<html lang=\"zh-TW\""));
	assert_non_null(strstr(zh.s, "未就緒的機型"));
	assert_non_null(strstr(zh.s, ss_cause_next(SS_CAUSE_ERASED, 0, SS_LANG_ZH_TW)));
	assert_null(strstr(zh.s, ss_cause_next(SS_CAUSE_ERASED, 0, SS_LANG_EN)));
	assert_null(strstr(zh.s, "Failing models"));
	assert_null(strstr(en.s, "未就緒"));
	const char *same[] = { "data-verdict=\"not-ready\" data-count=\"1\"",
			       "data-verdict=\"ready\" data-count=\"1\"",
			       "data-cause=\"erased\" data-bios-update=\"yes\" data-machines=\"1\"" };
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		assert_non_null(strstr(en.s, same[i]));
		assert_non_null(strstr(zh.s, same[i]));
	}
}

static void test_href_encoding(void **state)
{
	(void)state;
	static struct page p;
	fw_fleet_init(&fl, ms, 8, bads, 4);
	add("r/a b\"#?.json", report("ready", "A", "B", "C", "D", "root-absent", "info"));
	add("javascript:x.json", report("ready", "A", "B", "C", "D", "root-absent", "info"));
	p.n = 0;
	fw_fleet_html(&fl, "en", "t", sink, &p);
	assert_non_null(strstr(p.s, "href=\"r/a%20b%22%23%3F.txt\""));
	assert_non_null(strstr(p.s, "href=\"javascript%3Ax.txt\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_grammar), cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_fleet_read),   cmocka_unit_test(test_fleet_damaged),
		cmocka_unit_test(test_fleet_cap),    cmocka_unit_test(test_page),
		cmocka_unit_test(test_href_encoding), cmocka_unit_test(test_page_zh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
