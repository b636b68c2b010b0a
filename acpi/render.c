/* SPDX-License-Identifier: MIT */
/* Renderers: the text report a person reads, the JSON a script reads, and the verdict banner.
 * Both print the same facts from struct ss_result; neither decides anything. The JSON field
 * names are a stable interface (docs/REPORT.md). */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"
#include "json.h"

void ss_info_add(struct ss_info *info, const char *key, const char *label, const char *value)
{
	if (info->n >= SS_MAX_INFO)
		return;
	info->key[info->n] = key;
	info->label[info->n] = label;
	info->value[info->n] = value ? value : "";
	info->n++;
}

static const char *match_str(enum ss_match m)
{
	return m == SS_MATCH_YES ? "yes" : m == SS_MATCH_NO ? "no" : "n/a";
}

static const char *sig_state(const struct ss_slic *sl)
{
	return !sl || !sl->sig_checked ? "not-checked" : sl->sig_valid ? "valid" : "invalid";
}

static void fp_hex(char out16[17], const uint8_t *fp)
{
	ss_fmt(out16, 17, "%02x%02x%02x%02x%02x%02x%02x%02x", fp[0], fp[1], fp[2], fp[3], fp[4],
	       fp[5], fp[6], fp[7]);
}

/* Spaces up to a display width: labels and box lines are padded by columns, not bytes, so
 * that zh-TW text (two columns per character) lines up like English. */
static void pad(struct ss_sink *s, size_t cols, size_t want)
{
	static const char spaces[] = "                                                                                ";
	if (cols < want)
		ss_out(s, "%.*s", (int)(want - cols), spaces);
}

/* Print text word-wrapped to width columns: the first line after first, the others indented
 * by as many columns as first takes. Long texts are written in pieces (ss_out formats at
 * most 767 bytes). */
static void wrapped(struct ss_sink *s, const char *first, const char *text, size_t width)
{
	size_t ind = ss_text_cols(first, ss_strlen(first)), n = ss_strlen(text);
	const char *lead = first;
	while (n) {
		size_t take = ss_text_fit(text, n, width > ind + 10 ? width - ind : 10);
		if (lead)
			ss_out(s, "%s", lead);
		else
			pad(s, 0, ind);
		ss_out(s, "%.*s\n", (int)take, text);
		text += take;
		n -= take;
		while (n && *text == ' ')
			text++, n--;
		lead = 0;
	}
}

/* For the table list: printable ASCII as is, anything else as '.', as acpidump shows it. */
static void id_plain(char *out, const uint8_t *id, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = id[i] >= 0x20 && id[i] < 0x7f ? (char)id[i] : '.';
	out[n] = '\0';
}

#define M(sym) ss_msg(lang, SS_M_##sym)

/* Formatting with a catalogue text as the format (ss_out and ss_fmt want a literal): the
 * conversions of both languages' texts are checked against each other by
 * tests/unit/test_lang.c. */
static void out_msg(struct ss_sink *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ss_vout(s, fmt, ap);
	va_end(ap);
}

/* A finding's text in lang: English: its message; zh-TW: the finding's sentence, then
 * "細節：" and the English message, which carries the table's own values. */
static const char *finding_line(char *buf, size_t cap, const struct ss_finding *f, enum ss_lang lang)
{
	if (lang == SS_LANG_EN)
		return f->msg;
	ss_fmt(buf, cap, "%s %s%s", ss_finding_text(lang, f->id), M(B_DETAIL), f->msg);
	return buf;
}

/* ---- banner ---- */

/* One line inside the box (72 columns of text); a longer line wraps inside the box. */
static void box_line(struct ss_sink *s, const char *text)
{
	size_t n = ss_strlen(text);
	do {
		size_t take = ss_text_fit(text, n, 71);
		ss_out(s, "|  %.*s", (int)take, text);
		pad(s, ss_text_cols(text, take), 71);
		ss_out(s, " |\n");
		text += take;
		n -= take;
		while (n && *text == ' ')
			text++, n--;
	} while (n);
}

void ss_render_banner_lang(const struct ss_result *r, enum ss_lang lang, ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	const char *big, *line2, *line3 = 0;
	int win7 = r->target == SS_TARGET_WIN7;
	switch (r->verdict) {
	case SS_VERDICT_READY:
		big = M(V_READY);
		line2 = !win7 ? M(B_WIN8_NOT_AFFECTED)
		      : r->policy_differs ? M(B_POLICY_ACCEPTS)
		      : M(B_WIN7_NOT_BLOCKED);
		if (r->policy_differs)
			line3 = M(B_WIN7_FAIL);
		break;
	case SS_VERDICT_READY_WITH_WARNINGS:
		big = M(V_WARNINGS);
		line2 = r->policy_differs ? M(B_POLICY_ACCEPTS)
		      : r->win7_kms == SS_KMS_UNVERIFIED && win7 ? M(B_WIN7_UNVERIFIED)
		      : M(B_EXPECTED);
		if (r->policy_differs)
			line3 = M(B_WIN7_FAIL);
		break;
	case SS_VERDICT_NOT_READY:
		big = M(V_NOT_READY);
		line2 = r->predicted_error ? M(B_WIN7_FAIL) : M(B_POLICY_NOT_MET);
		if (r->policy_differs)
			line3 = M(B_ITSELF_NOT_BLOCKED);
		break;
	default:
		big = M(V_CANNOT_JUDGE);
		/* not one table read (no RSDP, an empty or unrecognised input): say so plainly */
		line2 = r->set && r->set->n == 0 ? M(B_NO_TABLE) : M(B_NOT_WELL);
		break;
	}
	/* A network check decided it (clock-skew, kms-unreachable): name that error instead. */
	char net[160];
	int netcheck = r->predicted_error && r->win7_kms != SS_KMS_NOT_READY;
	if (netcheck && !r->policy_differs) {
		ss_fmt_msg(net, sizeof(net), M(B_NET_FAIL), r->predicted_error);
		if (r->verdict != SS_VERDICT_NOT_READY && win7)
			line2 = M(B_WIN7_NOT_BLOCKED);
		if (r->verdict == SS_VERDICT_NOT_READY)
			line2 = net;
		else
			line3 = net;
	}
	char head[160];
	ss_fmt_msg(head, sizeof(head), M(B_VERDICT), big);
	ss_out(&s, "+--------------------------------------------------------------------------+\n");
	box_line(&s, head);
	box_line(&s, line2);
	if (line3)
		box_line(&s, line3);
	ss_fmt_msg(head, sizeof(head), M(B_EXIT), (int)r->exit_code);
	box_line(&s, head);
	ss_out(&s, "+--------------------------------------------------------------------------+\n");
	char buf[SS_MSG_LEN + 512];
	if (r->deciding >= 0)
		wrapped(&s, M(B_WHY), finding_line(buf, sizeof(buf), &r->f[r->deciding], lang), 78);
	if (r->ntodo)
		ss_out(&s, "%s\n", M(B_TODO));
	for (size_t i = 0; i < r->ntodo; i++) {
		char num[8];
		ss_fmt(num, sizeof(num), "  %zu. ", i + 1);
		wrapped(&s, num, ss_tr(lang, r->todo[i]), 78);
	}
}

void ss_render_banner(const struct ss_result *r, ss_write_fn w, void *ctx)
{
	ss_render_banner_lang(r, SS_LANG_EN, w, ctx);
}

/* ---- text report ---- */

/* "  label<padding to 32 columns>: " */
static void label(struct ss_sink *s, const char *text)
{
	ss_out(s, "  %s", text);
	pad(s, ss_text_cols(text, ss_strlen(text)), 32);
	ss_out(s, ": ");
}

static const char *match_text(enum ss_match m, enum ss_lang lang)
{
	return m == SS_MATCH_YES ? M(C_YES) : m == SS_MATCH_NO ? M(C_NO) : M(C_NA);
}

static const char *oa20_text(enum ss_oa20 o, enum ss_lang lang)
{
	switch (o) {
	case SS_OA20_NO_SLIC: return M(OA_NO_SLIC);
	case SS_OA20_VALID: return M(OA_VALID);
	case SS_OA20_NO_MARKER: return M(OA_NO_MARKER);
	case SS_OA20_INVALID: return M(OA_INVALID);
	case SS_OA20_UNKNOWN: break;
	}
	return M(OA_UNKNOWN);
}

static const char *consistency_text(enum ss_consistency c, enum ss_lang lang)
{
	return c == SS_CONS_YES ? M(C_YES) : c == SS_CONS_NO ? M(C_NO)
	     : c == SS_CONS_UNVERIFIED ? M(C_UNVERIFIED) : M(T_NA);
}

static const char *kms_text(enum ss_kms k, enum ss_lang lang)
{
	return k == SS_KMS_READY ? M(K_READY) : k == SS_KMS_UNVERIFIED ? M(K_UNVERIFIED) : M(K_NOT_READY);
}

static const char *sig_text(const struct ss_slic *sl, enum ss_lang lang)
{
	return !sl || !sl->sig_checked ? M(S_NOT_CHECKED) : sl->sig_valid ? M(S_VALID) : M(S_INVALID);
}

static void text_slic(struct ss_sink *s, const struct ss_result *r, const struct ss_slic *sl, size_t k,
		      enum ss_lang lang)
{
	const struct ss_table *t = &r->set->t[sl->table];
	char a[32], b[40], fp[17];
	if (r->nslic > 1) {
		out_msg(s, M(T_SLIC_N), k + 1, r->nslic, t->name);
		ss_out(s, "\n");
	}
	label(s, M(L_OA20));
	ss_out(s, "%s\n", oa20_text(sl->oa20, lang));
	label(s, M(L_MARKER_VERSION));
	if (sl->version_present)
		ss_out(s, "0x%x (%s)%s\n", sl->version, sl->version_str,
		    sl->version_accepted ? "" : M(T_NOT_ACCEPTED));
	else
		ss_out(s, "%s\n", M(T_NA));
	label(s, M(L_CONSISTENT));
	ss_out(s, "%s\n", consistency_text(sl->consistent, lang));
	ss_id_text(a, sizeof(a), t->oem_id, SS_OEM_ID_LEN);
	ss_id_text(b, sizeof(b), t->oem_table_id, SS_OEM_TABLE_ID_LEN);
	label(s, M(L_SLIC_IDS));
	ss_out(s, "\"%s\" / \"%s\"\n", a, b);
	if (sl->version_present) {
		ss_id_text(a, sizeof(a), sl->marker_oem_id, SS_OEM_ID_LEN);
		ss_id_text(b, sizeof(b), sl->marker_oem_table_id, SS_OEM_TABLE_ID_LEN);
		label(s, M(L_MARKER_IDS));
		ss_out(s, "\"%s\" / \"%s\"\n", a, b);
	}
	label(s, M(L_COMPARED));
	out_msg(s, M(T_COMPARED), match_text(sl->ids[SS_CMP_MARKER], lang),
	    match_text(sl->ids[SS_CMP_RSDT], lang), match_text(sl->ids[SS_CMP_XSDT], lang),
	    match_text(sl->ids[SS_CMP_FACP], lang), match_text(sl->ids[SS_CMP_RSDP], lang));
	ss_out(s, "\n");
	label(s, M(L_SIGNATURE));
	ss_out(s, "%s\n", sig_text(sl, lang));
	label(s, M(L_KEY));
	if (sl->key_well_formed) {
		fp_hex(fp, sl->key_fp);
		out_msg(s, M(T_KEY_VALUE),
		    sl->key_known ? sl->key_vendor
		    : sl->key_vendor ? M(T_KEY_OTHER) : M(T_KEY_UNKNOWN),
		    fp, sl->key_exp);
		ss_out(s, "\n");
	} else {
		ss_out(s, "%s\n", sl->has_key ? M(T_KEY_MALFORMED) : M(T_KEY_NONE));
	}
}

const char *ss_severity_text(enum ss_severity v, enum ss_lang lang)
{
	switch (v) {
	case SS_SEV_INFO: return M(SEV_INFO);
	case SS_SEV_WARNING: return M(SEV_WARNING);
	case SS_SEV_ERROR: return M(SEV_ERROR);
	case SS_SEV_FATAL: break;
	}
	return M(SEV_FATAL);
}

static const char *verdict_text(enum ss_verdict v, enum ss_lang lang)
{
	switch (v) {
	case SS_VERDICT_READY: return M(V_READY);
	case SS_VERDICT_NOT_READY: return M(V_NOT_READY);
	case SS_VERDICT_READY_WITH_WARNINGS: return M(V_WARNINGS);
	case SS_VERDICT_ERROR: break;
	}
	return M(V_CANNOT_JUDGE);
}

void ss_render_text_lang(const struct ss_result *r, const struct ss_info *info, enum ss_lang lang,
			 ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	const struct ss_tableset *set = r->set;
	out_msg(&s, M(T_TITLE), SS_VERSION);
	ss_out(&s, "\n");
	out_msg(&s, M(T_SOURCE), set->source, set->n);
	ss_out(&s, "\n");
	out_msg(&s, M(T_TARGET), r->target == SS_TARGET_WIN7 ? M(T_TARGET_W7) : M(T_TARGET_W8));
	ss_out(&s, "\n\n");
	ss_render_banner_lang(r, lang, w, ctx);

	ss_out(&s, "\n%s\n", M(T_SUMMARY));
	label(&s, M(L_WIN7));
	ss_out(&s, "%s", kms_text(r->win7_kms, lang));
	if (r->win7_kms == SS_KMS_NOT_READY)
		ss_out(&s, "%s", M(T_FAILS_WITH));
	ss_out(&s, " (%s)\n", r->win7_reason);
	label(&s, M(L_WIN8));
	out_msg(&s, M(T_WIN8_VALUE), r->msdm.present ? M(W_PRESENT) : r->complete ? M(W_ABSENT) : M(W_UNKNOWN));
	ss_out(&s, "\n");
	label(&s, M(L_OEM_LICENSE));
	ss_out(&s, "%s\n",
	    !r->oem_license_evidence && !r->complete ? M(O_UNREADABLE)
	    : !r->oem_license_evidence ? M(O_NONE)
	    : r->msdm.state != SS_MSDM_KEY_OK ? M(O_SLIC)
	    : r->marker_evidence ? M(O_BOTH)
	    : M(O_MSDM));

	ss_out(&s, "\n%s\n", M(T_OA20));
	if (!r->nslic) {
		label(&s, M(L_OA20));
		ss_out(&s, "%s\n", oa20_text(r->complete ? SS_OA20_NO_SLIC : SS_OA20_UNKNOWN, lang));
		label(&s, M(L_MARKER_VERSION));
		ss_out(&s, "%s\n", M(T_NA));
		label(&s, M(L_CONSISTENT));
		ss_out(&s, "%s\n", M(T_NA));
	}
	for (size_t k = 0; k < r->nslic; k++)
		text_slic(&s, r, &r->slic[k], k, lang);

	ss_out(&s, "\n%s\n", M(T_OA30));
	label(&s, M(L_MSDM));
	if (!r->msdm.present) {
		ss_out(&s, "%s\n", r->complete ? M(W_ABSENT) : M(O_UNREADABLE));
	} else {
		ss_out(&s, "%s\n", r->msdm.state == SS_MSDM_KEY_OK ? M(M_KEY_OK)
			       : r->msdm.state == SS_MSDM_BLANK ? M(M_BLANK)
			       : r->msdm.state == SS_MSDM_KEY_MALFORMED ? M(M_KEY_BAD)
			       : M(M_TABLE_BAD));
		if (r->msdm.state == SS_MSDM_KEY_OK || r->msdm.state == SS_MSDM_KEY_MALFORMED) {
			label(&s, M(L_PRODUCT_KEY));
			ss_out(&s, "%s%s\n", r->policy->show_key ? r->msdm.key : r->msdm.key_masked,
			    r->policy->show_key ? "" : M(T_MASKED));
		}
	}

	if (info && info->n) {
		ss_out(&s, "\n%s\n", M(T_MACHINE));
		for (size_t i = 0; i < info->n; i++) {
			label(&s, ss_tr(lang, info->label[i])); /* catalogue texts: fw/report.c */
			ss_out(&s, "%s\n", info->value[i]);
		}
	}

	ss_out(&s, "\n");
	out_msg(&s, M(T_TABLES), set->n);
	ss_out(&s, "\n");
	ss_out(&s, "%s\n", M(T_TABLES_HEAD));
	for (size_t i = 0; i < set->n; i++) {
		const struct ss_table *t = &set->t[i];
		char a[SS_OEM_ID_LEN + 1], b[SS_OEM_TABLE_ID_LEN + 1];
		const char *ck = !t->has_header ? M(CK_SHORT) : !t->has_checksum ? M(CK_NONE)
			       : t->checksum_ok ? M(CK_OK) : M(CK_BAD);
		id_plain(a, t->oem_id, SS_OEM_ID_LEN);
		id_plain(b, t->oem_table_id, SS_OEM_TABLE_ID_LEN);
		ss_out(&s, "  %-4s  %-6s  %-8s  %3u  %9u  %s", t->sig, a, b, t->revision,
		    t->declared_len, ck);
		pad(&s, ss_text_cols(ck, ss_strlen(ck)), 8);
		ss_out(&s, "  0x%llx%s%s\n", (unsigned long long)t->addr,
		    r->listed[i] & SS_LISTED_RSDT ? " R" : "", r->listed[i] & SS_LISTED_XSDT ? " X" : "");
	}

	ss_out(&s, "\n");
	out_msg(&s, M(T_FINDINGS), r->nf);
	ss_out(&s, "\n");
	for (size_t i = 0; i < r->nf; i++) {
		const struct ss_finding *f = &r->f[i];
		const char *sv = ss_severity_text(f->sev, lang);
		ss_out(&s, "  %s", sv);
		pad(&s, ss_text_cols(sv, ss_strlen(sv)), 7);
		ss_out(&s, "  %-26s ", ss_finding_info(f->id)->id);
		if (lang != SS_LANG_EN)
			ss_out(&s, "%s %s", ss_finding_text(lang, f->id), M(B_DETAIL));
		ss_out(&s, "%s\n", f->msg);
	}
	if (r->dropped_findings) {
		out_msg(&s, M(T_DROPPED), r->dropped_findings);
		ss_out(&s, "\n");
	}
	ss_out(&s, "\n");
	out_msg(&s, M(T_VERDICT), lang == SS_LANG_EN ? ss_verdict_str(r->verdict)
						    : verdict_text(r->verdict, lang),
	       (int)r->exit_code);
	ss_out(&s, "\n");
}

void ss_render_text(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx)
{
	ss_render_text_lang(r, info, SS_LANG_EN, w, ctx);
}

#undef M

/* ---- JSON ---- */

static void json_slic(struct ss_json *j, const struct ss_result *r, const struct ss_slic *sl)
{
	static const struct { enum ss_cmp c; const char *name; } cmp[] = {
		{ SS_CMP_MARKER, "marker" }, { SS_CMP_RSDT, "rsdt" }, { SS_CMP_XSDT, "xsdt" },
		{ SS_CMP_FACP, "facp" }, { SS_CMP_RSDP, "rsdp" },
	};
	const struct ss_table *t = &r->set->t[sl->table];
	char fp[17], ver[16];
	ss_json_begin_object(j, SS_JSON_LINES);
	ss_json_key(j, "oa20"); ss_json_string(j, ss_oa20_str(sl->oa20));
	ss_json_key(j, "state"); ss_json_string(j, ss_oa20_state_str(sl->oa20));
	ss_json_key(j, "marker_version"); ss_json_string(j, sl->version_present ? sl->version_str : 0);
	ss_json_key(j, "marker_version_raw");
	if (sl->version_present) {
		ss_fmt(ver, sizeof(ver), "0x%08x", sl->version);
		ss_json_string(j, ver);
	} else {
		ss_json_null(j);
	}
	ss_json_key(j, "signature"); ss_json_string(j, sig_state(sl));
	ss_json_key(j, "consistent"); ss_json_string(j, ss_consistency_str(sl->consistent));
	ss_json_key(j, "oem_id"); ss_json_bytes(j, t->oem_id, t->has_header ? SS_OEM_ID_LEN : 0);
	ss_json_key(j, "oem_table_id"); ss_json_bytes(j, t->oem_table_id, t->has_header ? SS_OEM_TABLE_ID_LEN : 0);
	ss_json_key(j, "marker_oem_id");
	if (sl->version_present) ss_json_bytes(j, sl->marker_oem_id, SS_OEM_ID_LEN); else ss_json_null(j);
	ss_json_key(j, "marker_oem_table_id");
	if (sl->version_present) ss_json_bytes(j, sl->marker_oem_table_id, SS_OEM_TABLE_ID_LEN); else ss_json_null(j);
	ss_json_key(j, "ids");
	ss_json_begin_object(j, SS_JSON_INLINE);
	for (size_t i = 0; i < sizeof(cmp) / sizeof(cmp[0]); i++) {
		ss_json_key(j, cmp[i].name);
		ss_json_string(j, match_str(sl->ids[cmp[i].c]));
	}
	ss_json_end_object(j);
	ss_json_key(j, "key");
	if (sl->key_well_formed) {
		fp_hex(fp, sl->key_fp);
		ss_json_begin_object(j, SS_JSON_INLINE);
		ss_json_key(j, "fingerprint"); ss_json_string(j, fp);
		ss_json_key(j, "bits"); ss_json_uint(j, sl->key_bits);
		ss_json_key(j, "exponent"); ss_json_uint(j, sl->key_exp);
		ss_json_key(j, "vendor"); ss_json_string(j, sl->key_vendor);
		ss_json_key(j, "known"); ss_json_bool(j, sl->key_known);
		ss_json_end_object(j);
	} else {
		ss_json_null(j);
	}
	ss_json_end_object(j);
}

void ss_render_json(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx)
{
	const struct ss_tableset *set = r->set;
	const struct ss_slic *sl = ss_main_slic(r);
	enum ss_oa20 oa20 = sl ? sl->oa20 : r->complete ? SS_OA20_NO_SLIC : SS_OA20_UNKNOWN;
	struct ss_json j;
	ss_json_init(&j, w, ctx);
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "tool"); ss_json_string(&j, "slicscan");
	ss_json_key(&j, "version"); ss_json_string(&j, SS_VERSION);
	ss_json_key(&j, "source"); ss_json_string(&j, set->source);
	ss_json_key(&j, "target"); ss_json_string(&j, ss_target_str(r->target));
	ss_json_key(&j, "verdict"); ss_json_string(&j, ss_verdict_str(r->verdict));
	ss_json_key(&j, "exit_code"); ss_json_int(&j, r->exit_code);
	ss_json_key(&j, "windows7_kms"); ss_json_string(&j, ss_kms_str(r->win7_kms));
	ss_json_key(&j, "windows7_reason"); ss_json_string(&j, r->win7_reason);
	ss_json_key(&j, "predicted_error"); ss_json_string(&j, r->predicted_error);
	ss_json_key(&j, "windows8_kms"); ss_json_string(&j, "not-affected");
	ss_json_key(&j, "oem_license_evidence");
	if (!r->oem_license_evidence && !r->complete)
		ss_json_null(&j); /* nothing read: no claim either way */
	else
		ss_json_bool(&j, r->oem_license_evidence);
	ss_json_key(&j, "why"); ss_json_string(&j, r->deciding >= 0 ? r->f[r->deciding].msg : 0);
	ss_json_key(&j, "what_to_do");
	ss_json_begin_array(&j, SS_JSON_LINES);
	for (size_t i = 0; i < r->ntodo; i++)
		ss_json_string(&j, r->todo[i]);
	ss_json_end_array(&j);

	/* The summary's SLIC (or none), then every SLIC judged. */
	ss_json_key(&j, "slic");
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "present"); ss_json_bool(&j, r->nslic != 0);
	ss_json_key(&j, "count"); ss_json_uint(&j, r->nslic);
	ss_json_key(&j, "marker_version");
	ss_json_string(&j, sl && sl->version_present ? sl->version_str : 0);
	ss_json_key(&j, "oa20"); ss_json_string(&j, ss_oa20_str(oa20));
	ss_json_key(&j, "state"); ss_json_string(&j, ss_oa20_state_str(oa20));
	ss_json_key(&j, "signature"); ss_json_string(&j, sig_state(sl));
	ss_json_key(&j, "consistent");
	ss_json_string(&j, ss_consistency_str(sl ? sl->consistent : SS_CONS_NA));
	ss_json_key(&j, "key_vendor"); ss_json_string(&j, sl ? sl->key_vendor : 0);
	ss_json_key(&j, "tables");
	ss_json_begin_array(&j, SS_JSON_HUG);
	for (size_t k = 0; sl && k < r->nslic; k++)
		json_slic(&j, r, &r->slic[k]);
	ss_json_end_array(&j);
	ss_json_end_object(&j);

	ss_json_key(&j, "msdm");
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "present"); ss_json_bool(&j, r->msdm.present);
	ss_json_key(&j, "state"); ss_json_string(&j, ss_msdm_state_str(r->msdm.state));
	if (r->msdm.state == SS_MSDM_KEY_OK || r->msdm.state == SS_MSDM_KEY_MALFORMED) {
		ss_json_key(&j, "key");
		ss_json_string(&j, r->policy->show_key ? r->msdm.key : r->msdm.key_masked);
		ss_json_key(&j, "key_masked"); ss_json_bool(&j, !r->policy->show_key);
	}
	if (r->msdm.present) {
		const struct ss_table *m = &set->t[r->msdm.table];
		ss_json_key(&j, "oem_id"); ss_json_bytes(&j, m->oem_id, m->has_header ? SS_OEM_ID_LEN : 0);
		ss_json_key(&j, "oem_table_id");
		ss_json_bytes(&j, m->oem_table_id, m->has_header ? SS_OEM_TABLE_ID_LEN : 0);
	}
	ss_json_end_object(&j);

	ss_json_key(&j, "machine");
	ss_json_begin_object(&j, SS_JSON_LINES);
	for (size_t i = 0; info && i < info->n; i++) {
		ss_json_key(&j, info->key[i]);
		ss_json_string(&j, info->value[i]);
	}
	ss_json_end_object(&j);

	ss_json_key(&j, "tables");
	ss_json_begin_array(&j, SS_JSON_LINES);
	for (size_t i = 0; i < set->n; i++) {
		const struct ss_table *t = &set->t[i];
		char addr[24];
		ss_fmt(addr, sizeof(addr), "0x%llx", (unsigned long long)t->addr);
		ss_json_begin_object(&j, SS_JSON_INLINE);
		ss_json_key(&j, "signature"); ss_json_string(&j, t->sig);
		ss_json_key(&j, "oem_id"); ss_json_bytes(&j, t->oem_id, t->has_header ? SS_OEM_ID_LEN : 0);
		ss_json_key(&j, "oem_table_id");
		ss_json_bytes(&j, t->oem_table_id,
			      t->has_header && !ss_memeq(t->rawsig, "RSDP", SS_SIG_LEN) ? SS_OEM_TABLE_ID_LEN : 0);
		ss_json_key(&j, "revision"); ss_json_uint(&j, t->revision);
		ss_json_key(&j, "length"); ss_json_uint(&j, t->declared_len);
		ss_json_key(&j, "bytes"); ss_json_uint(&j, t->len);
		ss_json_key(&j, "checksum_ok");
		if (t->has_checksum) ss_json_bool(&j, t->checksum_ok); else ss_json_null(&j);
		ss_json_key(&j, "address"); ss_json_string(&j, addr);
		ss_json_key(&j, "in_rsdt"); ss_json_bool(&j, r->listed[i] & SS_LISTED_RSDT);
		ss_json_key(&j, "in_xsdt"); ss_json_bool(&j, r->listed[i] & SS_LISTED_XSDT);
		ss_json_end_object(&j);
	}
	ss_json_end_array(&j);

	ss_json_key(&j, "findings");
	ss_json_begin_array(&j, SS_JSON_LINES);
	for (size_t i = 0; i < r->nf; i++) {
		const struct ss_finding *f = &r->f[i];
		ss_json_begin_object(&j, SS_JSON_INLINE);
		ss_json_key(&j, "id"); ss_json_string(&j, ss_finding_info(f->id)->id);
		ss_json_key(&j, "severity"); ss_json_string(&j, ss_severity_str(f->sev));
		ss_json_key(&j, "table"); ss_json_string(&j, f->table[0] ? f->table : 0);
		ss_json_key(&j, "message"); ss_json_string(&j, f->msg);
		ss_json_end_object(&j);
	}
	ss_json_end_array(&j);
	ss_json_key(&j, "findings_dropped"); ss_json_uint(&j, r->dropped_findings);
	ss_json_end_object(&j);
}

void ss_render_finding_list(ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		ss_out(&s, "%-28s %-8s %-8s %s\n", fi->id, ss_severity_str(fi->sev),
		    fi->scope == SS_SCOPE_WIN7 ? "windows7" : "all", fi->doc);
	}
}

void ss_scan_acpidump(struct ss_tableset *s, const char *text, size_t len,
		      const struct ss_policy *p, struct ss_result *r)
{
	ss_collect_acpidump(s, text, len);
	ss_judge(s, p, r);
}
