/* SPDX-License-Identifier: MIT */
/* Unit tests of the renderers (acpi/render.c) and the formatter (acpi/fmt.c): the JSON report
 * always parses (checked by a small strict RFC 8259 parser written here, independent of the
 * renderer) and carries the documented fields with the result's values; OEM IDs with NULs,
 * quotes and high bytes are escaped and round-trip; the text report has MGADiag's lines; the
 * banner box is square; ss_fmt agrees with the C library's snprintf on its subset and always
 * NUL-terminates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

/* ---- a strict little JSON parser ------------------------------------------------------------ */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype t;
	bool b;
	double num;
	char *s;           /* J_STR: decoded bytes (\u00XX -> byte XX), NUL-terminated */
	size_t slen;
	char *key;         /* member name when inside an object */
	struct jval *child, *next;
	size_t n;          /* children */
};

struct jparser {
	const char *p, *end;
	char *arena;
	size_t used, cap;
	const char *err;
	size_t depth;
};

static void *jalloc(struct jparser *j, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (n > j->cap - j->used)
		fail_msg("JSON test arena exhausted");
	void *p = j->arena + j->used;
	j->used += n;
	memset(p, 0, n);
	return p;
}

static void jws(struct jparser *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int jhex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool jstring(struct jparser *j, char **out, size_t *outlen)
{
	if (j->p >= j->end || *j->p != '"')
		return (j->err = "string expected"), false;
	j->p++;
	/* the decoded string is never longer than its raw text up to the closing quote */
	const char *q = j->p;
	while (q < j->end && *q != '"')
		q += *q == '\\' && q + 1 < j->end ? 2 : 1;
	char *buf = jalloc(j, (size_t)(q - j->p) + 1);
	size_t n = 0;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			return (j->err = "raw control character in a string"), false;
		if (c >= 0x80)
			return (j->err = "non-ASCII byte (the renderer escapes them)"), false;
		if (c != '\\') {
			buf[n++] = (char)c;
			continue;
		}
		if (j->p >= j->end)
			return (j->err = "cut escape"), false;
		char e = *j->p++;
		switch (e) {
		case '"': buf[n++] = '"'; break;
		case '\\': buf[n++] = '\\'; break;
		case '/': buf[n++] = '/'; break;
		case 'b': buf[n++] = '\b'; break;
		case 'f': buf[n++] = '\f'; break;
		case 'n': buf[n++] = '\n'; break;
		case 'r': buf[n++] = '\r'; break;
		case 't': buf[n++] = '\t'; break;
		case 'u': {
			if (j->end - j->p < 4)
				return (j->err = "cut \\u escape"), false;
			unsigned v = 0;
			for (int i = 0; i < 4; i++) {
				int h = jhex(j->p[i]);
				if (h < 0)
					return (j->err = "bad \\u escape"), false;
				v = v << 4 | (unsigned)h;
			}
			j->p += 4;
			buf[n++] = v <= 0xff ? (char)v : '?';
			break;
		}
		default:
			return (j->err = "unknown escape"), false;
		}
	}
	if (j->p >= j->end)
		return (j->err = "unterminated string"), false;
	j->p++;
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return true;
}

static bool jnumber(struct jparser *j, double *out)
{
	const char *s = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end)
		return (j->err = "cut number"), false;
	if (*j->p == '0') {
		j->p++;
	} else if (*j->p >= '1' && *j->p <= '9') {
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	} else {
		return (j->err = "bad number"), false;
	}
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return (j->err = "bad fraction"), false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return (j->err = "bad exponent"), false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	char tmp[64];
	size_t n = (size_t)(j->p - s);
	if (n >= sizeof(tmp))
		return (j->err = "number too long"), false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return true;
}

static bool jlit(struct jparser *j, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return (j->err = "bad literal"), false;
	j->p += n;
	return true;
}

static struct jval *jvalue(struct jparser *j)
{
	jws(j);
	if (j->p >= j->end)
		return (j->err = "value expected"), NULL;
	if (++j->depth > 64)
		return (j->err = "too deep"), NULL;
	struct jval *v = jalloc(j, sizeof(*v));
	char c = *j->p;
	if (c == '{' || c == '[') {
		bool obj = c == '{';
		v->t = obj ? J_OBJ : J_ARR;
		j->p++;
		jws(j);
		struct jval **tail = &v->child;
		if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
			j->p++;
		} else {
			for (;;) {
				char *key = NULL;
				size_t klen;
				if (obj) {
					jws(j);
					if (!jstring(j, &key, &klen))
						return NULL;
					for (struct jval *m = v->child; m; m = m->next)
						if (!strcmp(m->key, key))
							return (j->err = "duplicate member"), NULL;
					jws(j);
					if (j->p >= j->end || *j->p != ':')
						return (j->err = "':' expected"), NULL;
					j->p++;
				}
				struct jval *item = jvalue(j);
				if (!item)
					return NULL;
				item->key = key;
				*tail = item;
				tail = &item->next;
				v->n++;
				jws(j);
				if (j->p < j->end && *j->p == ',') {
					j->p++;
					continue;
				}
				if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
					j->p++;
					break;
				}
				return (j->err = obj ? "',' or '}' expected" : "',' or ']' expected"), NULL;
			}
		}
	} else if (c == '"') {
		v->t = J_STR;
		if (!jstring(j, &v->s, &v->slen))
			return NULL;
	} else if (c == 't' || c == 'f') {
		v->t = J_BOOL;
		v->b = c == 't';
		if (!jlit(j, v->b ? "true" : "false"))
			return NULL;
	} else if (c == 'n') {
		v->t = J_NULL;
		if (!jlit(j, "null"))
			return NULL;
	} else {
		v->t = J_NUM;
		if (!jnumber(j, &v->num))
			return NULL;
	}
	j->depth--;
	return v;
}

struct jdoc {
	struct jparser j;
	struct jval *root;
};

/* Parse text strictly (one value, nothing after it but blanks); fails the test otherwise. */
static struct jval *jparse(struct jdoc *d, const char *text, size_t len)
{
	memset(d, 0, sizeof(*d));
	d->j.p = text;
	d->j.end = text + len;
	d->j.cap = 4 * len + 4096;
	d->j.arena = fx_malloc(d->j.cap);
	d->root = jvalue(&d->j);
	if (d->root) {
		jws(&d->j);
		if (d->j.p != d->j.end)
			d->j.err = "text after the value", d->root = NULL;
	}
	if (!d->root) {
		size_t at = (size_t)(d->j.p - text);
		fprintf(stderr, "%.*s<<<HERE>>>%.*s\n", (int)(at < 400 ? at : 400),
			text + (at < 400 ? 0 : at - 400), 80, d->j.p);
		fail_msg("invalid JSON at byte %zu: %s", at, d->j.err);
	}
	return d->root;
}

static void jdoc_free(struct jdoc *d)
{
	fx_free(d->j.arena);
	d->j.arena = NULL;
}

/* "a.b.0.c": members by name, array elements by index. NULL when absent. */
static const struct jval *jget(const struct jval *v, const char *path)
{
	char part[64];
	while (v && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		path += n + (path[n] == '.');
		const struct jval *c = v->child;
		if (v->t == J_OBJ) {
			while (c && strcmp(c->key, part))
				c = c->next;
		} else if (v->t == J_ARR) {
			for (long i = strtol(part, NULL, 10); c && i > 0; i--)
				c = c->next;
		} else {
			return NULL;
		}
		v = c;
	}
	return v;
}

static const struct jval *jmust(const struct jval *root, const char *path, enum jtype t)
{
	const struct jval *v = jget(root, path);
	if (!v)
		fail_msg("JSON: %s missing", path);
	if (v->t != t)
		fail_msg("JSON: %s has type %d, expected %d", path, (int)v->t, (int)t);
	return v;
}

static void test_json_parser_itself(void **state)
{
	(void)state;
	static const char *const good[] = { "{}", "[]", " {\"a\": [1, -2.5e+3, true, false, null, \"x\\u0000\\\"\"]} ",
					    "\"\"", "0" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct jdoc d;
		jparse(&d, good[i], strlen(good[i]));
		jdoc_free(&d);
	}
	struct jdoc d;
	const struct jval *v = jparse(&d, good[2], strlen(good[2]));
	assert_int_equal(jget(v, "a")->n, 6);
	assert_true(jget(v, "a.1")->num == -2500.0);
	assert_int_equal(jget(v, "a.5")->slen, 3);
	assert_memory_equal(jget(v, "a.5")->s, "x\0\"", 3);
	jdoc_free(&d);
	/* and it refuses what is not JSON (checked by hand: each must fail) */
	static const char *const bad[] = { "{", "{\"a\" 1}", "[1,]", "{\"a\":1,\"a\":2}", "01", "\"\x01\"",
					   "\"\\x41\"", "[1] 2", "tru", "\"\xc3\xa9\"", "{a:1}", "1." };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct jparser j = { .p = bad[i], .end = bad[i] + strlen(bad[i]) };
		j.cap = 4096;
		j.arena = fx_malloc(j.cap);
		struct jval *r = jvalue(&j);
		if (r) {
			jws(&j);
			if (j.p == j.end)
				fail_msg("accepted bad JSON %s", bad[i]);
		}
		fx_free(j.arena);
	}
}

/* ---- the JSON report -------------------------------------------------------------------------- */

/* The documented fields (docs/REPORT.md) with the result's values. */
static void check_json(const struct ss_result *r, const struct ss_info *info)
{
	char *text = fx_render_json(r, info);
	struct jdoc d;
	const struct jval *root = jparse(&d, text, strlen(text));
	assert_int_equal(root->t, J_OBJ);
	assert_string_equal(jmust(root, "tool", J_STR)->s, "slicscan");
	assert_string_equal(jmust(root, "verdict", J_STR)->s, ss_verdict_str(r->verdict));
	assert_true(jmust(root, "exit_code", J_NUM)->num == (double)r->exit_code);
	assert_string_equal(jmust(root, "windows7_kms", J_STR)->s, ss_kms_str(r->win7_kms));
	assert_string_equal(jmust(root, "windows7_reason", J_STR)->s, r->win7_reason);
	assert_string_equal(jmust(root, "target", J_STR)->s, ss_target_str(r->target));
	if (r->predicted_error)
		assert_string_equal(jmust(root, "predicted_error", J_STR)->s, r->predicted_error);
	else
		jmust(root, "predicted_error", J_NULL);
	assert_string_equal(jmust(root, "windows8_kms", J_STR)->s, "not-affected");
	if (r->oem_license_evidence || r->complete)
		assert_int_equal(jmust(root, "oem_license_evidence", J_BOOL)->b,
				 r->oem_license_evidence);
	else
		jmust(root, "oem_license_evidence", J_NULL);
	assert_int_equal(jmust(root, "slic.present", J_BOOL)->b, r->nslic > 0);
	assert_true(jmust(root, "slic.count", J_NUM)->num == (double)r->nslic);
	const struct jval *mv = jget(root, "slic.marker_version");
	assert_non_null(mv);
	assert_true(mv->t == J_STR || mv->t == J_NULL);
	jmust(root, "slic.oa20", J_STR);
	jmust(root, "slic.state", J_STR);
	jmust(root, "slic.signature", J_STR);
	jmust(root, "slic.consistent", J_STR);
	assert_int_equal(jmust(root, "slic.tables", J_ARR)->n, r->nslic);
	for (size_t k = 0; k < r->nslic; k++) {
		char path[64];
		static const char *const states[] = { "no-slic", "valid", "no-marker", "invalid" };
		snprintf(path, sizeof(path), "slic.tables.%zu.state", k);
		assert_string_equal(jmust(root, path, J_STR)->s, states[r->slic[k].oa20]);
		snprintf(path, sizeof(path), "slic.tables.%zu.oa20", k);
		assert_string_equal(jmust(root, path, J_STR)->s, ss_oa20_str(r->slic[k].oa20));
		snprintf(path, sizeof(path), "slic.tables.%zu.oem_id", k);
		const struct jval *id = jmust(root, path, J_STR);
		const struct ss_table *t = &r->set->t[r->slic[k].table];
		assert_int_equal(id->slen, t->has_header ? 6 : 0);
		assert_memory_equal(id->s, t->oem_id, id->slen);
		snprintf(path, sizeof(path), "slic.tables.%zu.ids.rsdt", k);
		jmust(root, path, J_STR);
		if (r->slic[k].version_present) {
			snprintf(path, sizeof(path), "slic.tables.%zu.marker_version", k);
			assert_string_equal(jmust(root, path, J_STR)->s, r->slic[k].version_str);
		}
	}
	assert_int_equal(jmust(root, "msdm.present", J_BOOL)->b, r->msdm.present);
	assert_string_equal(jmust(root, "msdm.state", J_STR)->s, ss_msdm_state_str(r->msdm.state));
	jmust(root, "machine", J_OBJ);
	const struct jval *tables = jmust(root, "tables", J_ARR);
	assert_int_equal(tables->n, r->set->n);
	for (size_t i = 0; i < r->set->n; i++) {
		char path[64];
		snprintf(path, sizeof(path), "tables.%zu.oem_id", i);
		const struct jval *id = jmust(root, path, J_STR);
		assert_memory_equal(id->s, r->set->t[i].oem_id, id->slen);
		snprintf(path, sizeof(path), "tables.%zu.bytes", i);
		assert_true(jmust(root, path, J_NUM)->num == (double)r->set->t[i].len);
		snprintf(path, sizeof(path), "tables.%zu.in_rsdt", i);
		assert_int_equal(jmust(root, path, J_BOOL)->b, !!(r->listed[i] & SS_LISTED_RSDT));
	}
	const struct jval *findings = jmust(root, "findings", J_ARR);
	assert_int_equal(findings->n, r->nf);
	size_t i = 0;
	for (const struct jval *f = findings->child; f; f = f->next, i++) {
		assert_int_equal(f->t, J_OBJ);
		assert_string_equal(jmust(f, "id", J_STR)->s, ss_finding_info(r->f[i].id)->id);
		assert_string_equal(jmust(f, "severity", J_STR)->s, ss_severity_str(r->f[i].sev));
		assert_string_equal(jmust(f, "message", J_STR)->s, r->f[i].msg);
		const struct jval *t = jget(f, "table");
		assert_non_null(t);
		if (r->f[i].table[0])
			assert_string_equal(t->s, r->f[i].table);
		else
			assert_int_equal(t->t, J_NULL);
	}
	assert_true(jmust(root, "findings_dropped", J_NUM)->num == (double)r->dropped_findings);
	if (info)
		for (size_t k = 0; k < info->n; k++) {
			const struct jval *m = jget(jget(root, "machine"), info->key[k]);
			assert_non_null(m);
			assert_string_equal(m->s, info->value[k]);
		}
	jdoc_free(&d);
	fx_free(text);
}

static void test_json_good_fixture(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	check_json(r, NULL);
	char *text = fx_render_json(r, NULL);
	struct jdoc d;
	const struct jval *root = jparse(&d, text, strlen(text));
	assert_string_equal(jget(root, "verdict")->s, "ready");
	assert_string_equal(jget(root, "slic.marker_version")->s, "2.1");
	assert_string_equal(jget(root, "slic.tables.0.marker_version_raw")->s, "0x00020001");
	assert_string_equal(jget(root, "slic.tables.0.key.fingerprint")->s, FX_KEY_FP);
	assert_true(jget(root, "slic.tables.0.key.known")->b);
	assert_string_equal(jget(root, "slic.key_vendor")->s, "Test");
	assert_string_equal(jget(root, "msdm.key")->s, FX_MSDM_KEY_MASKED);
	assert_string_equal(jget(root, "tables.4.address")->s, "0x7ff00200");
	jdoc_free(&d);
	fx_free(text);
	fx_run_free(&run);
}

/* Paths coverage showed no test ran: the text report of two SLICs (one section each), the
 * MSDM state "bad-header" in both renderers, and a JSON string longer than the renderer's
 * buffer (a machine fact), which must come back byte for byte. */
static void test_two_slics_bad_msdm_long_value(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	uint8_t s2[FX_SLIC_LEN];
	char longv[601];
	fx_init(&f);
	fx_build_slic(s2, "SSOTHR", "SSOTHRKY", "other");
	fx_add(&f, s2, sizeof(s2));
	fx_le32(f.t[FX_MSDM].b + 36, 2); /* MSDM version 2: not the documented 1 */
	fx_fix(&f, FX_MSDM);
	for (size_t i = 0; i < sizeof(longv) - 1; i++)
		longv[i] = (char)('a' + i % 26);
	longv[sizeof(longv) - 1] = '\0';
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_product", "System product", longv);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->nslic, 2);
	assert_int_equal(r->msdm.state, SS_MSDM_BAD_HEADER);
	char *text = fx_render_text(r, &info);
	assert_non_null(strstr(text, "-- SLIC 1 of 2"));
	assert_non_null(strstr(text, "-- SLIC 2 of 2"));
	assert_non_null(strstr(text, "msdm-fields"));
	char *js = fx_render_json(r, &info);
	struct jdoc d;
	const struct jval *root = jparse(&d, js, strlen(js));
	assert_int_equal((int)jget(root, "slic.count")->num, 2);
	assert_string_equal(jget(root, "slic.tables.1.oem_id")->s, "SSOTHR");
	assert_string_equal(jget(root, "msdm.state")->s, "bad-header");
	assert_string_equal(jget(root, "machine.system_product")->s, longv);
	jdoc_free(&d);
	fx_free(js);
	fx_free(text);
	fx_run_free(&run);
}

/* Many different results, all valid JSON with the right fields. */
static void test_json_many_results(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, false);
	for (int k = 0; k < 12; k++) {
		struct fx f;
		struct fx_run run;
		fx_init(&f);
		switch (k) {
		case 0: break;
		case 1: fx_drop(&f, FX_SLIC); break;
		case 2: memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36); break;
		case 3: f.t[FX_SLIC].b[FX_MK_OFF + 70] ^= 4; break;
		case 4: {
			uint8_t s2[FX_SLIC_LEN];
			fx_build_slic(s2, "SSOTHR", "SSOTHRKY", "other");
			fx_add(&f, s2, sizeof(s2));
			break;
		}
		case 5: f.t[FX_SLIC].len = FX_MK_OFF; fx_le32(f.t[FX_SLIC].b + 4, FX_MK_OFF); fx_fix(&f, FX_SLIC); break;
		case 6: memset(f.t[FX_MSDM].b + 36, 0xff, FX_MSDM_LEN - 36); break;
		case 7: fx_drop(&f, FX_RSDT); fx_drop(&f, FX_XSDT); break;
		case 8: f.t[FX_SLIC].len = 20; break;
		case 9: f.t[FX_MSDM].b[60] = 'a'; fx_fix(&f, FX_MSDM); break;
		case 10: p.target = SS_TARGET_WIN8; break;
		case 11: p.show_key = true; break;
		}
		struct ss_result *r = fx_judge(&run, &f, &p);
		check_json(r, NULL);
		fx_run_free(&run);
	}
	/* an empty input and an unreadable one */
	static const char *const texts[] = { "", "garbage\n", "SLIC @ 0x0\n    0000: 53 4C 49 43\n" };
	for (size_t i = 0; i < 3; i++) {
		struct fx_run run;
		fx_run_init(&run, 8192);
		ss_scan_acpidump(run.set, texts[i], strlen(texts[i]), &p, run.r);
		check_json(run.r, NULL);
		fx_run_free(&run);
	}
}

/* Random dumps: whatever the findings, the JSON parses. */
static void test_json_random_inputs(void **state)
{
	(void)state;
	static const char *const words[] = {
		"SLIC @ 0x7ff00200\n", "RSDT @ 0x1\n", "MSDM @ 0x2\n", "    0000:", "    0010:",
		"    0020:", " 53", " 4C", " 49", " 43", " 22", " 5C", " 00", " FF", " 80", " 7F",
		" 0A", "  \"\\", "\n", "\r\n", " ", "x",
	};
	struct ss_policy p;
	fx_policy(&p, false);
	fx_srand(1234);
	struct fx_buf b = { 0 };
	for (int it = 0; it < 400; it++) {
		b.n = 0;
		size_t target = fx_rand_below(2000);
		while (b.n < target) {
			const char *w = words[fx_rand_below(sizeof(words) / sizeof(words[0]))];
			fx_buf_add(&b, w, strlen(w));
		}
		struct fx_run run;
		fx_run_init(&run, b.n / 3 + 4096);
		ss_scan_acpidump(run.set, b.p ? b.p : "", b.n, &p, run.r);
		check_json(run.r, NULL);
		fx_run_free(&run);
	}
	free(b.p);
}

/* OEM IDs with NULs, quotes, backslashes, control and high bytes: escaped in JSON (and decoded
 * back to exactly the 6/8 bytes), shown as \xNN in the text. Info values and the source too. */
static void test_escaping(void **state)
{
	(void)state;
	static const char oem[6] = { 'A', '"', '\\', 0, 0x01, (char)0xff };
	static const char tab[8] = { '"', '\n', 0, 'x', '}', '{', ',', 0x7f };
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	for (size_t i = 0; i < f.n; i++)
		fx_set_ids(&f, i, oem, tab);
	fx_policy(&p, false);
	fx_run_init(&run, 0);
	fx_load(&run, &f);
	snprintf(run.set->source, sizeof(run.set->source), "file \"a\\b\"\t.txt");
	ss_judge(run.set, &p, run.r);
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_serial", "System serial", "S/N \"1\" \\ end");
	ss_info_add(&info, "bios_version", "BIOS version", NULL);
	check_json(run.r, &info);

	char *json = fx_render_json(run.r, &info);
	struct jdoc d;
	const struct jval *root = jparse(&d, json, strlen(json));
	const struct jval *id = jget(root, "slic.tables.0.oem_id");
	assert_int_equal(id->slen, 6);
	assert_memory_equal(id->s, oem, 6);
	id = jget(root, "slic.tables.0.oem_table_id");
	assert_int_equal(id->slen, 8);
	assert_memory_equal(id->s, tab, 8);
	id = jget(root, "msdm.oem_id");
	assert_memory_equal(id->s, oem, 6);
	assert_string_equal(jget(root, "source")->s, "file \"a\\b\"\t.txt");
	assert_string_equal(jget(root, "machine.bios_version")->s, "");
	assert_non_null(strstr(json, "\"A\\\"\\\\\\u0000\\u0001\\u00ff\""));
	jdoc_free(&d);
	fx_free(json);

	char *text = fx_render_text(run.r, &info);
	assert_non_null(strstr(text, "SLIC header OEM ID / Table ID   : \"A\\x22\\x5c\\x00\\x01\\xff\" / "
				     "\"\\x22\\x0a\\x00x}{,\\x7f\""));
	/* the table list shows unprintable bytes as '.' */
	assert_non_null(strstr(text, "  SLIC  A\"\\...  \"..x}{,."));
	fx_free(text);
	fx_run_free(&run);
}

/* ---- the text report ------------------------------------------------------------------------ */

static char *judge_text(struct fx *f, bool key, struct fx_run *run)
{
	struct ss_policy p;
	fx_policy(&p, key);
	struct ss_result *r = fx_judge(run, f, &p);
	return fx_render_text(r, NULL);
}

static void assert_has(const char *text, const char *line)
{
	if (!strstr(text, line)) {
		fprintf(stderr, "%s\n", text);
		fail_msg("report lacks \"%s\"", line);
	}
}

/* MGADiag's "OEM Activation 2.0 Data" in the four states of KB 942962. */
static void test_text_mgadiag_lines(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;

	fx_init(&f);
	char *t = judge_text(&f, true, &run);
	assert_has(t, "OEM Activation 2.0 Data (SLIC)\n");
	assert_has(t, "  BIOS valid for OA 2.0           : Yes\n");
	assert_has(t, "  Windows marker version          : 0x20001 (2.1)\n");
	assert_has(t, "  OEMID and OEMTableID consistent : yes\n");
	assert_has(t, "  Marker signature (RSA-1024)     : valid\n");
	assert_has(t, "  OEM public key                  : Test, fingerprint " FX_KEY_FP ", exponent 65537\n");
	assert_has(t, "  Windows 7 / Vista KMS           : ready (valid-marker)\n");
	assert_has(t, "|  VERDICT: READY ");
	assert_has(t, "\nVerdict: ready, exit code 0\n");
	fx_free(t);
	fx_run_free(&run);

	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	t = judge_text(&f, true, &run);
	assert_has(t, "  BIOS valid for OA 2.0           : Yes, but no SLIC table\n");
	assert_has(t, "  Windows marker version          : N/A\n");
	assert_has(t, "  OEMID and OEMTableID consistent : N/A\n");
	assert_has(t, "  Windows 7 / Vista KMS           : ready (no-slic)\n");
	fx_free(t);
	fx_run_free(&run);

	fx_init(&f);
	f.t[FX_SLIC].len = FX_MK_OFF;
	fx_le32(f.t[FX_SLIC].b + 4, FX_MK_OFF);
	fx_fix(&f, FX_SLIC);
	t = judge_text(&f, true, &run);
	assert_has(t, "  BIOS valid for OA 2.0           : Yes, but no Windows Marker\n");
	assert_has(t, "  Windows marker version          : N/A\n");
	assert_has(t, "  OEMID and OEMTableID consistent : yes\n");
	assert_has(t, "  Windows 7 / Vista KMS           : not-ready - fails with 0xC004F035 (no-marker)\n");
	assert_has(t, "|  VERDICT: NOT READY ");
	assert_has(t, "Windows 7 KMS activation will FAIL with 0xC004F035");
	/* a PC sold without Windows: a MAK or a full license, never "install the OEM Windows" */
	assert_has(t, "What to do:\n  1. This PC was not sold with Windows 7 / Vista");
	assert_null(strstr(t, "original OEM Windows (its recovery media)"));
	fx_free(t);
	fx_run_free(&run);

	fx_init(&f);
	memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36);
	fx_fix(&f, FX_SLIC);
	t = judge_text(&f, true, &run);
	assert_has(t, "  BIOS valid for OA 2.0           : No, invalid SLIC table\n");
	assert_has(t, "  Windows marker version          : N/A\n");
	assert_has(t, "  OEMID and OEMTableID consistent : N/A\n");
	assert_has(t, "  Marker signature (RSA-1024)     : not-checked\n");
	assert_has(t, "(invalid-slic:blank-ff)\n");
	assert_has(t, "  ERROR    slic-blank-ff ");
	fx_free(t);
	fx_run_free(&run);

	/* a marker whose IDs differ from the header: consistency "no" */
	fx_init(&f);
	fx_marker_subtable(f.t[FX_SLIC].b + FX_MK_OFF, fx_marker("other"));
	fx_fix(&f, FX_SLIC);
	t = judge_text(&f, true, &run);
	assert_has(t, "  OEMID and OEMTableID consistent : no\n");
	assert_has(t, "  Marker OEM ID / Table ID        : \"SSOTHR\" / \"SSOTHRKY\"\n");
	assert_has(t, "  IDs compared with               : marker no, RSDT yes, XSDT yes, FACP yes, RSDP yes\n");
	fx_free(t);
	fx_run_free(&run);

	/* no RSDT/XSDT: consistency "unverified" */
	fx_init(&f);
	fx_drop(&f, FX_RSDT);
	fx_drop(&f, FX_XSDT);
	t = judge_text(&f, true, &run);
	assert_has(t, "  OEMID and OEMTableID consistent : unverified\n");
	assert_has(t, "  Windows 7 / Vista KMS           : unverified (no-rsdt-xsdt-in-dump)\n");
	fx_free(t);
	fx_run_free(&run);
}

/* The banner's box is square for every verdict, and says why. */
static void test_banner(void **state)
{
	(void)state;
	for (int k = 0; k < 4; k++) {
		struct fx_run run;
		struct ss_policy p;
		struct ss_result *r = fx_verdict_case(k, &run, &p);
		static const char *const big[] = { "READY", "NOT READY", "READY (WITH WARNINGS)", "CANNOT JUDGE" };
		static const enum ss_verdict want[] = { SS_VERDICT_READY, SS_VERDICT_NOT_READY,
						       SS_VERDICT_READY_WITH_WARNINGS, SS_VERDICT_ERROR };
		assert_int_equal(r->verdict, want[k]);
		char *b = fx_render_banner(r);
		char head[64];
		snprintf(head, sizeof(head), "|  VERDICT: %s ", big[k]);
		assert_has(b, head);
		/* the five box lines are equally wide */
		size_t width = strcspn(b, "\n");
		const char *line = b;
		for (int i = 0; i < 5; i++) {
			size_t w = strcspn(line, "\n");
			if (w != width)
				fail_msg("banner line %d is %zu wide, not %zu:\n%s", i + 1, w, width, b);
			assert_true(line[0] == (i == 0 || i == 4 ? '+' : '|'));
			line += w + 1;
		}
		if (k) {
			assert_has(b, "Why: ");
			assert_has(b, "What to do:\n  1. "); /* every verdict but ready says what to do */
			assert_true(r->ntodo >= 1);
		} else {
			assert_null(strstr(b, "Why: "));
			assert_null(strstr(b, "What to do"));
			assert_int_equal(r->ntodo, 0);
		}
		/* no line of the banner is longer than the box (78 columns) */
		for (const char *l = b; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
			if (strcspn(l, "\n") > 78)
				fail_msg("banner line too long:\n%s", b);
		fx_free(b);
		fx_run_free(&run);
	}
}

/* A warning is something to act on: every one in the catalogue says what to do, except the
 * one whose line depends on where slicscan runs (acpi/advice.c). */
static void test_every_warning_says_what_to_do(void **state)
{
	(void)state;
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		if (fi->sev == SS_SEV_WARNING && !fi->act && i != SS_F_SLIC_IDS_UNVERIFIED)
			fail_msg("warning %s says nothing to do", fi->id);
		if (fi->sev == SS_SEV_ERROR && fi->scope == SS_SCOPE_WIN7 && fi->cause == SS_CAUSE_NONE)
			fail_msg("Windows 7 failure %s has no cause (no remedy)", fi->id);
	}
}

/* Each cause of a Windows 7 failure gets its own remedy (docs/FACTS.md §7), first line. */
static void test_what_to_do_per_cause(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int kind;
		const char *first;
	} cases[] = {
		{ "erased", 0, "Flash the vendor's latest BIOS" },
		{ "no marker", 1, "This PC was not sold with Windows" },
		{ "corrupted signature", 2, "The Windows marker is corrupted" },
		{ "RSDT IDs differ", 3, "The SLIC's OEM IDs differ from the firmware's RSDT/XSDT" },
		{ "Insyde template", 4, "The BIOS maker's template was never filled in" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;
		struct fx_run run;
		struct ss_policy p;
		fx_init(&f);
		fx_policy(&p, true);
		switch (cases[i].kind) {
		case 0:
			memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36);
			break;
		case 1:
			f.t[FX_SLIC].len = FX_MK_OFF;
			fx_le32(f.t[FX_SLIC].b + 4, FX_MK_OFF);
			break;
		case 2:
			f.t[FX_SLIC].b[FX_MK_OFF + 60] ^= 1;
			break;
		case 3:
			fx_set_ids(&f, FX_RSDT, FX_OEM, "OTHERTBL");
			break;
		case 4:
			memcpy(f.t[FX_SLIC].b + FX_MK_OFF + 12, "INSYDE", 6);
			break;
		}
		if (cases[i].kind != 3)
			fx_fix(&f, FX_SLIC);
		struct ss_result *r = fx_judge(&run, &f, &p);
		assert_int_equal(r->verdict, SS_VERDICT_NOT_READY);
		if (r->ntodo < 2 || strncmp(r->todo[0], cases[i].first, strlen(cases[i].first)))
			fail_msg("%s: what to do starts \"%s\"", cases[i].name,
				 r->ntodo ? r->todo[0] : "");
		/* every remedy list ends with the Windows 8+ line, and no cause is told to
		 * reinstall the OEM Windows as a fix */
		assert_non_null(strstr(r->todo[r->ntodo - 1], "Windows 8 / 8.1 / 10 / 11 are not affected"));
		for (size_t k = 0; k < r->ntodo; k++)
			assert_null(strstr(r->todo[k], "activates from the SLIC"));
		char *js = fx_render_json(r, NULL);
		assert_non_null(strstr(js, "\"what_to_do\": [\n    \""));
		fx_free(js);
		fx_run_free(&run);
	}
}

/* The licence line names what the judge found: a valid marker in any SLIC counts, also when
 * another SLIC fails (and decides the verdict). */
static void test_license_line_two_slics(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	uint8_t bad[FX_SLIC_LEN];
	memcpy(bad, f.t[FX_SLIC].b, FX_SLIC_LEN);
	bad[FX_MK_OFF + 60] ^= 1; /* the marker's signature */
	fx_checksum_at(bad, FX_SLIC_LEN, 9);
	fx_add(&f, bad, sizeof(bad));
	char *t = judge_text(&f, true, &run);
	assert_has(t, "|  VERDICT: NOT READY ");
	assert_has(t, "  OEM Windows license in firmware : yes (SLIC marker: Vista/7-era OEM Windows; MSDM key: Windows 8+ OEM)\n");
	fx_free(t);
	fx_run_free(&run);
}

/* Nothing read: no claim about SLIC or MSDM ("unknown"), advice that fits where it ran. */
static void test_unknown_states(void **state)
{
	(void)state;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	static const struct {
		enum ss_where where;
		bool unprivileged;
		const char *advice;
	} wh[] = {
		{ SS_WHERE_FILE, false, "Take the dump again" },
		{ SS_WHERE_OS, true, "sudo slicscan" },
		{ SS_WHERE_OS, false, "boot slicscan.efi" },
		{ SS_WHERE_FIRMWARE, false, "ACPI is enabled" },
	};
	for (size_t i = 0; i < sizeof(wh) / sizeof(wh[0]); i++) {
		fx_run_init(&run, 64);
		run.set->where = wh[i].where;
		run.set->unprivileged = wh[i].unprivileged;
		ss_scan_acpidump(run.set, "garbage\n", 8, &p, run.r);
		struct ss_result *r = run.r;
		assert_int_equal(r->verdict, SS_VERDICT_ERROR);
		assert_false(r->complete);
		assert_int_equal(r->msdm.state, SS_MSDM_UNKNOWN);
		assert_int_equal(r->ntodo, 1);
		assert_non_null(strstr(r->todo[0], wh[i].advice));
		char *t = fx_render_text(r, NULL);
		assert_has(t, "  BIOS valid for OA 2.0           : Unknown");
		assert_has(t, "  MSDM                            : unknown");
		assert_null(strstr(t, "no SLIC table"));
		assert_null(strstr(t, ": absent"));
		fx_free(t);
		char *js = fx_render_json(r, NULL);
		assert_non_null(strstr(js, "\"state\": \"unknown\",\n    \"signature\""));
		assert_non_null(strstr(js, "\"msdm\": {\n    \"present\": false,\n    \"state\": \"unknown\""));
		assert_non_null(strstr(js, "\"oem_license_evidence\": null,"));
		fx_free(js);
		fx_run_free(&run);
	}
}

/* A policy that accepts a failing SLIC: the banner says READY and also that Windows 7 fails. */
static void test_banner_policy_differs(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	struct ss_policy p;
	char err[128];
	fx_init(&f);
	memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36);
	fx_fix(&f, FX_SLIC);
	fx_policy(&p, true);
	assert_int_equal(ss_policy_parse(&p, "ignore slic-blank-ff\n", 21, err, sizeof(err)), 0);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->verdict, SS_VERDICT_READY);
	assert_true(r->policy_differs);
	char *b = fx_render_banner(r);
	assert_has(b, "|  VERDICT: READY ");
	assert_has(b, "Windows 7 KMS activation will FAIL with 0xC004F035");
	assert_null(strstr(b, "will not be blocked"));
	assert_has(b, "What to do:\n  1. Flash the vendor's latest BIOS");
	fx_free(b);
	fx_run_free(&run);
}

/* Issue 7: the JSON "known" of each SLIC in a two-SLIC set is that SLIC's own (it was computed
 * from a result-wide flag, so one SLIC's key registered to another OEM ID made every SLIC's
 * key read "known": false). The fixture's SLIC carries the trusted test key under its own OEM
 * ID; the second signs with the same key under OEM ID SSOTHR. */
static void test_json_known_per_slic(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	uint8_t second[FX_SLIC_LEN];
	fx_init(&f);
	fx_build_slic(second, "SSOTHR", "SSOTHRKY", "other");
	fx_add(&f, second, sizeof(second));
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->nslic, 2);
	char *text = fx_render_json(r, NULL);
	struct jdoc d;
	const struct jval *root = jparse(&d, text, strlen(text));
	assert_non_null(root);
	assert_string_equal(jget(root, "slic.tables.0.oem_id")->s, FX_OEM);
	assert_string_equal(jget(root, "slic.tables.0.key.fingerprint")->s, FX_KEY_FP);
	assert_true(jget(root, "slic.tables.0.key.known")->b);
	assert_string_equal(jget(root, "slic.tables.1.oem_id")->s, "SSOTHR");
	assert_string_equal(jget(root, "slic.tables.1.key.fingerprint")->s, FX_KEY_FP);
	assert_false(jget(root, "slic.tables.1.key.known")->b);
	jdoc_free(&d);
	fx_free(text);
	fx_run_free(&run);

	/* the other order: the first SLIC's key is registered elsewhere, the second's is its own */
	fx_init(&f);
	fx_build_slic(f.t[FX_SLIC].b, "SSOTHR", "SSOTHRKY", "other");
	fx_build_slic(second, FX_OEM, FX_TAB, "good");
	fx_add(&f, second, sizeof(second));
	r = fx_judge(&run, &f, &p);
	assert_int_equal(r->nslic, 2);
	text = fx_render_json(r, NULL);
	root = jparse(&d, text, strlen(text));
	assert_non_null(root);
	assert_string_equal(jget(root, "slic.tables.0.oem_id")->s, "SSOTHR");
	assert_false(jget(root, "slic.tables.0.key.known")->b);
	assert_string_equal(jget(root, "slic.tables.1.oem_id")->s, FX_OEM);
	assert_true(jget(root, "slic.tables.1.key.known")->b);
	jdoc_free(&d);
	fx_free(text);
	fx_run_free(&run);
}

/* Issue 7: the banner stays inside its box when the policy verdict differs from the Windows 7
 * prediction (warn-on / ignore turn a failing SLIC into a warning or READY, fail-on refuses a
 * PC Windows 7 would activate): every line between the borders is as wide as the borders, and
 * no line is wider than 78 columns. (The warn-on line "The policy accepts it, but Windows 7
 * KMS activation will FAIL (0xC004F035)" ran past the right edge.) */
static void test_banner_box_when_policy_differs(void **state)
{
	(void)state;
	static const struct {
		const char *policy;
		int damage; /* 0 none, 1 marker signature, 2 erased body, 3 FACP IDs */
		enum ss_verdict want;
	} cases[] = {
		{ "warn-on slic-signature-invalid\n", 1, SS_VERDICT_READY_WITH_WARNINGS },
		{ "ignore slic-signature-invalid\n", 1, SS_VERDICT_READY },
		{ "warn-on slic-blank-ff\n", 2, SS_VERDICT_READY_WITH_WARNINGS },
		{ "ignore slic-blank-ff\n", 2, SS_VERDICT_READY },
		{ "fail-on slic-ids-facp\n", 3, SS_VERDICT_NOT_READY },
		{ "warn-on slic-ids-facp\n", 3, SS_VERDICT_READY_WITH_WARNINGS },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;
		struct fx_run run;
		struct ss_policy p;
		char err[128];
		fx_init(&f);
		if (cases[i].damage == 1)
			f.t[FX_SLIC].b[FX_MK_OFF + 60] ^= 1;
		if (cases[i].damage == 2)
			memset(f.t[FX_SLIC].b + 36, 0xff, FX_SLIC_LEN - 36);
		if (cases[i].damage == 1 || cases[i].damage == 2)
			fx_fix(&f, FX_SLIC);
		if (cases[i].damage == 3)
			fx_set_ids(&f, FX_FACP, "INTEL ", "CALPELLA");
		fx_policy(&p, true);
		assert_int_equal(ss_policy_parse(&p, cases[i].policy, strlen(cases[i].policy), err,
						 sizeof(err)), 0);
		struct ss_result *r = fx_judge(&run, &f, &p);
		assert_int_equal(r->verdict, cases[i].want);
		char *b = fx_render_banner(r);
		size_t width = strcspn(b, "\n");
		if (width > 78 || b[0] != '+')
			fail_msg("%.*s: banner border %zu wide:\n%s", (int)strcspn(cases[i].policy, "\n"),
				 cases[i].policy, width, b);
		const char *line = b + width + 1;
		for (;;) {
			size_t w = strcspn(line, "\n");
			if (w != width || (line[0] != '|' && line[0] != '+') || line[w - 1] != line[0])
				fail_msg("%.*s: banner line not inside the box:\n%s",
					 (int)strcspn(cases[i].policy, "\n"), cases[i].policy, b);
			if (line[0] == '+')
				break;
			line += w + 1;
		}
		fx_free(b);
		fx_run_free(&run);
	}
}

/* Issue 7 (docs that disagree with behaviour): the FACS has no checksum field (ACPI 6.5
 * §5.2.10), yet the table list showed its checksum "ok". Text: "none"; JSON: null. */
static void test_facs_has_no_checksum(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	uint8_t facs[64] = { 'F', 'A', 'C', 'S', 64 };
	facs[9] = 0x5a; /* what would be a checksum byte in a table with a header */
	fx_init(&f);
	size_t k = fx_add(&f, facs, sizeof(facs));
	f.t[k].in_rsdt = f.t[k].in_xsdt = false; /* reached through the FACP, never listed */
	fx_relist(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	char *t = fx_render_text(r, NULL);
	const char *row = strstr(t, "\n  FACS  ");
	assert_non_null(row);
	size_t n = strcspn(row + 1, "\n");
	char line[160];
	snprintf(line, sizeof(line), "%.*s", (int)n, row + 1);
	if (!strstr(line, " none ") || strstr(line, " ok ") || strstr(line, " BAD "))
		fail_msg("FACS row claims a checksum: %s", line);
	fx_free(t);
	char *js = fx_render_json(r, NULL);
	struct jdoc d;
	const struct jval *root = jparse(&d, js, strlen(js));
	assert_non_null(root);
	const struct jval *tab = jget(root, "tables");
	int seen = 0;
	for (const struct jval *e = tab->child; e; e = e->next) {
		if (strcmp(jget(e, "signature")->s, "FACS"))
			continue;
		seen++;
		assert_int_equal(jget(e, "checksum_ok")->t, J_NULL);
	}
	assert_int_equal(seen, 1);
	jdoc_free(&d);
	fx_free(js);
	fx_run_free(&run);
}

/* Findings beyond the 128 kept: counted in both outputs, JSON still valid. */
static void test_dropped_findings(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	size_t before = r->nf;
	for (int i = 0; i < 200; i++)
		ss_result_add_finding(r, SS_F_CONFIG_INVALID, NULL, "config line %d: \"bad\" \\ value", i);
	assert_int_equal(r->nf, SS_MAX_FINDINGS);
	assert_int_equal(r->dropped_findings, before + 200 - SS_MAX_FINDINGS);
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	check_json(r, NULL);
	char *t = fx_render_text(r, NULL);
	char want[64];
	snprintf(want, sizeof(want), "  (%zu more findings not kept)\n", r->dropped_findings);
	assert_has(t, want);
	fx_free(t);
	fx_run_free(&run);
}

static void test_machine_section(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	struct ss_info info = { 0 };
	ss_info_add(&info, "system_manufacturer", "System manufacturer", "Test Computers Inc.");
	ss_info_add(&info, "firmware_time", "Firmware clock", "2026-11-24 06:00:00");
	for (int i = 0; i < 20; i++) /* more than fit: the rest are dropped */
		ss_info_add(&info, "x", "x", "x");
	assert_int_equal(info.n, SS_MAX_INFO);
	info.n = 2;
	char *t = fx_render_text(r, &info);
	assert_has(t, "\nMachine\n  System manufacturer             : Test Computers Inc.\n");
	assert_has(t, "  Firmware clock                  : 2026-11-24 06:00:00\n");
	fx_free(t);
	check_json(r, &info);
	fx_run_free(&run);
}

static void test_finding_list(void **state)
{
	(void)state;
	struct fx_buf b = { 0 };
	ss_render_finding_list(fx_sink, &b);
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		char line[128];
		snprintf(line, sizeof(line), "%s ", fi->id);
		/* at the start of exactly one line */
		size_t hits = 0;
		for (const char *l = b.p; l; l = strchr(l, '\n')) {
			if (*l == '\n')
				l++;
			hits += !strncmp(l, line, strlen(line));
		}
		assert_int_equal(hits, 1);
		assert_non_null(strstr(b.p, fi->doc));
	}
	free(b.p);
}

/* ---- ss_fmt ----------------------------------------------------------------------------------- */

/* Unchecked formats (the compiler checks only literal formats): the C library's and ours. */
static int libc_fmt(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

static size_t core_fmt(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

#define FMT_CHECK(want, ...)                                                               \
	do {                                                                               \
		char buf_[128];                                                            \
		size_t n_ = ss_fmt(buf_, sizeof(buf_), __VA_ARGS__);                      \
		assert_string_equal(buf_, want);                                           \
		assert_int_equal(n_, strlen(want));                                        \
	} while (0)

static void test_fmt_cases(void **state)
{
	(void)state;
	FMT_CHECK("abc", "%.3s", "abcdef");
	FMT_CHECK("ab", "%.3s", "ab");
	FMT_CHECK("ab   |", "%-5s|", "ab");
	FMT_CHECK("   ab|", "%5s|", "ab");
	FMT_CHECK("abcdef", "%2s", "abcdef");
	FMT_CHECK("abc  |", "%-5.3s|", "abcdef");
	FMT_CHECK("xy", "%.*s", 2, "xyz");
	FMT_CHECK("xyz", "%.*s", -1, "xyz");
	FMT_CHECK("0000beef", "%08x", 0xbeefu);
	FMT_CHECK("0000BEEF", "%08X", 0xbeefu);
	FMT_CHECK("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	FMT_CHECK("18446744073709551615", "%llu", 0xffffffffffffffffull);
	FMT_CHECK("18446744073709551615", "%zu", (size_t)-1);
	FMT_CHECK("ffffffffffffffff", "%zx", (size_t)-1);
	FMT_CHECK("4294967295", "%lu", 4294967295ul);
	FMT_CHECK("-2147483648", "%d", (int)0x80000000u);
	FMT_CHECK("-0042", "%05d", -42);
	FMT_CHECK("  -42", "%5d", -42);
	FMT_CHECK("-42  |", "%-5d|", -42);
	FMT_CHECK("0", "%x", 0u);
	FMT_CHECK("x|  y", "%c|%3c", 'x', 'y');
	FMT_CHECK("100%", "100%%");
	FMT_CHECK("0x1234", "%p", (void *)0x1234);
	FMT_CHECK("-9223372036854775808", "%lld", (long long)0x8000000000000000ull);
	FMT_CHECK("", "%s", "");
	/* what the formatter does not know is printed, not interpreted */
	char buf[32];
	core_fmt(buf, sizeof(buf), "a%qb", 1);
	assert_string_equal(buf, "a%qb");
	core_fmt(buf, sizeof(buf), "end%");
	assert_string_equal(buf, "end");
	core_fmt(buf, sizeof(buf), "%-05d|", -42); /* '-' wins over '0', as in C */
	assert_string_equal(buf, "-42  |");
	const char *nul = NULL;
	core_fmt(buf, sizeof(buf), "[%s]", nul);
	assert_string_equal(buf, "[(null)]");
}

/* Truncation: every capacity, always NUL-terminated within cap, nothing written beyond, the
 * return value is the full length. */
static void test_fmt_truncation(void **state)
{
	(void)state;
	const char *want = "OEM \"SSTEST\" 0x00020001 -17 abc";
	size_t full = strlen(want);
	for (size_t cap = 0; cap <= full + 3; cap++) {
		char buf[64];
		memset(buf, '#', sizeof(buf));
		size_t n = ss_fmt(cap ? buf : NULL, cap, "OEM \"%s\" 0x%08x %d %.3s", "SSTEST", 0x20001u, -17,
				  "abcdef");
		assert_int_equal(n, full);
		if (cap) {
			size_t k = full < cap - 1 ? full : cap - 1;
			assert_memory_equal(buf, want, k);
			assert_int_equal(buf[k], '\0');
			for (size_t i = cap; i < sizeof(buf); i++)
				assert_int_equal(buf[i], '#');
		}
	}
}

/* The C library as the oracle for the subset both implement. */
static void test_fmt_against_snprintf(void **state)
{
	(void)state;
	static const char *const int_fmts[] = { "%d", "%5d", "%-5d|", "%05d", "%-12d|", "%012d", "%u",
						"%x", "%X", "%8x", "%08X", "%-8x|", "%3u" };
	static const char *const ll_fmts[] = { "%lld", "%llu", "%llx", "%20llu", "%020llx", "%-20lld|" };
	static const char *const s_fmts[] = { "%s", "%10s", "%-10s|", "%.0s", "%.5s", "%8.3s|", "%-8.3s|" };
	static const char *const strs[] = { "", "a", "SSTEST", "a much longer string here", "\"q\"" };
	fx_srand(99);
	for (int it = 0; it < 4000; it++) {
		char want[128], got[128];
		size_t cap = 1 + fx_rand_below(40);
		int wn;
		size_t gn;
		switch (it % 3) {
		case 0: {
			const char *f = int_fmts[fx_rand_below(sizeof(int_fmts) / sizeof(int_fmts[0]))];
			int v = (int)fx_rand();
			if (fx_rand_below(4) == 0)
				v %= 1000;
			wn = libc_fmt(want, cap, f, v);
			gn = core_fmt(got, cap, f, v);
			break;
		}
		case 1: {
			const char *f = ll_fmts[fx_rand_below(sizeof(ll_fmts) / sizeof(ll_fmts[0]))];
			unsigned long long v = fx_rand() >> fx_rand_below(64);
			wn = libc_fmt(want, cap, f, v);
			gn = core_fmt(got, cap, f, v);
			break;
		}
		default: {
			const char *f = s_fmts[fx_rand_below(sizeof(s_fmts) / sizeof(s_fmts[0]))];
			const char *s = strs[fx_rand_below(sizeof(strs) / sizeof(strs[0]))];
			wn = libc_fmt(want, cap, f, s);
			gn = core_fmt(got, cap, f, s);
			break;
		}
		}
		assert_int_equal(gn, (size_t)wn);
		assert_string_equal(got, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_parser_itself),
		cmocka_unit_test(test_json_good_fixture),
		cmocka_unit_test(test_json_many_results),
		cmocka_unit_test(test_two_slics_bad_msdm_long_value),
		cmocka_unit_test(test_json_random_inputs),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_text_mgadiag_lines),
		cmocka_unit_test(test_banner),
		cmocka_unit_test(test_every_warning_says_what_to_do),
		cmocka_unit_test(test_what_to_do_per_cause),
		cmocka_unit_test(test_unknown_states),
		cmocka_unit_test(test_license_line_two_slics),
		cmocka_unit_test(test_banner_policy_differs),
		cmocka_unit_test(test_json_known_per_slic),
		cmocka_unit_test(test_banner_box_when_policy_differs),
		cmocka_unit_test(test_facs_has_no_checksum),
		cmocka_unit_test(test_dropped_findings),
		cmocka_unit_test(test_machine_section),
		cmocka_unit_test(test_finding_list),
		cmocka_unit_test(test_fmt_cases),
		cmocka_unit_test(test_fmt_truncation),
		cmocka_unit_test(test_fmt_against_snprintf),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, fx_teardown_all);
}
