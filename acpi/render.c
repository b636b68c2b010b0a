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

/* How much of text[0..n) goes on a line of room columns: all of it when it fits, else up to
 * the last blank within room (never breaking inside a word; a word longer than a line is cut). */
static size_t piece(const char *text, size_t n, size_t room)
{
	if (n <= room)
		return n;
	size_t take = room;
	while (take && text[take] != ' ')
		take--;
	return take ? take : room;
}

/* Print text word-wrapped to width columns: the first line after first, the others after
 * indent. */
static void wrapped(struct ss_sink *s, const char *first, const char *indent, const char *text,
		    size_t width)
{
	size_t ind = ss_strlen(first), n = ss_strlen(text);
	const char *lead = first;
	while (n) {
		size_t take = piece(text, n, width > ind + 10 ? width - ind : 10);
		ss_out(s, "%s%.*s\n", lead, (int)take, text);
		text += take;
		n -= take;
		while (n && *text == ' ')
			text++, n--;
		lead = indent;
		ind = ss_strlen(indent);
	}
}

/* For the table list: printable ASCII as is, anything else as '.', as acpidump shows it. */
static void id_plain(char *out, const uint8_t *id, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = id[i] >= 0x20 && id[i] < 0x7f ? (char)id[i] : '.';
	out[n] = '\0';
}

/* ---- banner ---- */

/* One line inside the box (72 columns of text); a longer line wraps inside the box. */
static void box_line(struct ss_sink *s, const char *text)
{
	char line[80];
	size_t n = ss_strlen(text);
	do {
		size_t take = piece(text, n, 71);
		ss_fmt(line, sizeof(line), "%.*s", (int)take, text);
		ss_out(s, "|  %-71s |\n", line);
		text += take;
		n -= take;
		while (n && *text == ' ')
			text++, n--;
	} while (n);
}

void ss_render_banner(const struct ss_result *r, ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	const char *big, *line2, *line3 = 0;
	int win7 = r->target == SS_TARGET_WIN7;
	switch (r->verdict) {
	case SS_VERDICT_READY:
		big = "READY";
		line2 = !win7 ? "Windows 8+ KMS activation is not affected by these tables"
		      : r->policy_differs ? "The campus policy accepts this PC, but"
		      : "Windows 7 KMS activation will not be blocked by firmware";
		if (r->policy_differs)
			line3 = "Windows 7 KMS activation will FAIL with 0xC004F035";
		break;
	case SS_VERDICT_READY_WITH_WARNINGS:
		big = "READY (WITH WARNINGS)";
		line2 = r->policy_differs ? "The campus policy accepts this PC, but"
		      : r->win7_kms == SS_KMS_UNVERIFIED && win7
			      ? "Windows 7 KMS activation: not fully verified; see What to do"
			      : "Activation is expected to work; see What to do";
		if (r->policy_differs)
			line3 = "Windows 7 KMS activation will FAIL with 0xC004F035";
		break;
	case SS_VERDICT_NOT_READY:
		big = "NOT READY";
		line2 = r->predicted_error ? "Windows 7 KMS activation will FAIL with 0xC004F035"
		      : "The campus policy is not met: see What to do";
		if (r->policy_differs)
			line3 = "(Windows 7 KMS activation itself would not be blocked by firmware)";
		break;
	default:
		big = "CANNOT JUDGE";
		/* not one table read (no RSDP, an empty or unrecognised input): say so plainly */
		line2 = r->set && r->set->n == 0 ? "No ACPI table could be read: there is nothing to judge"
		      : "The ACPI tables could not be read well enough to decide";
		break;
	}
	/* A network check decided it (clock-skew, kms-unreachable): name that error instead. */
	char net[80];
	int netcheck = r->predicted_error && r->win7_kms != SS_KMS_NOT_READY;
	if (netcheck && !r->policy_differs) {
		ss_fmt(net, sizeof(net), "KMS activation will FAIL with %s until fixed: see What to do",
		       r->predicted_error);
		if (r->verdict != SS_VERDICT_NOT_READY && win7)
			line2 = "Windows 7 KMS activation will not be blocked by firmware";
		if (r->verdict == SS_VERDICT_NOT_READY)
			line2 = net;
		else
			line3 = net;
	}
	char head[80];
	ss_fmt(head, sizeof(head), "VERDICT: %s", big);
	ss_out(&s, "+--------------------------------------------------------------------------+\n");
	box_line(&s, head);
	box_line(&s, line2);
	if (line3)
		box_line(&s, line3);
	ss_fmt(head, sizeof(head), "Exit code %d  (0 ready, 1 not ready, 2 warnings, 3 cannot judge)",
	       (int)r->exit_code);
	box_line(&s, head);
	ss_out(&s, "+--------------------------------------------------------------------------+\n");
	if (r->deciding >= 0)
		wrapped(&s, "Why: ", "     ", r->f[r->deciding].msg, 78);
	if (r->ntodo)
		ss_out(&s, "What to do:\n");
	for (size_t i = 0; i < r->ntodo; i++) {
		char num[8];
		ss_fmt(num, sizeof(num), "  %zu. ", i + 1);
		wrapped(&s, num, "     ", r->todo[i], 78);
	}
}

/* ---- text report ---- */

static void text_slic(struct ss_sink *s, const struct ss_result *r, const struct ss_slic *sl, size_t k)
{
	const struct ss_table *t = &r->set->t[sl->table];
	char a[32], b[40], fp[17];
	if (r->nslic > 1)
		ss_out(s, "  -- SLIC %zu of %zu (%s)\n", k + 1, r->nslic, t->name);
	ss_out(s, "  BIOS valid for OA 2.0           : %s\n", ss_oa20_str(sl->oa20));
	if (sl->version_present)
		ss_out(s, "  Windows marker version          : 0x%x (%s)%s\n", sl->version, sl->version_str,
		    sl->version_accepted ? "" : " - not accepted");
	else
		ss_out(s, "  Windows marker version          : N/A\n");
	ss_out(s, "  OEMID and OEMTableID consistent : %s\n",
	    sl->consistent == SS_CONS_NA ? "N/A" : ss_consistency_str(sl->consistent));
	ss_id_text(a, sizeof(a), t->oem_id, SS_OEM_ID_LEN);
	ss_id_text(b, sizeof(b), t->oem_table_id, SS_OEM_TABLE_ID_LEN);
	ss_out(s, "  SLIC header OEM ID / Table ID   : \"%s\" / \"%s\"\n", a, b);
	if (sl->version_present) {
		ss_id_text(a, sizeof(a), sl->marker_oem_id, SS_OEM_ID_LEN);
		ss_id_text(b, sizeof(b), sl->marker_oem_table_id, SS_OEM_TABLE_ID_LEN);
		ss_out(s, "  Marker OEM ID / Table ID        : \"%s\" / \"%s\"\n", a, b);
	}
	ss_out(s, "  IDs compared with               : marker %s, RSDT %s, XSDT %s, FACP %s, RSDP %s\n",
	    match_str(sl->ids[SS_CMP_MARKER]), match_str(sl->ids[SS_CMP_RSDT]),
	    match_str(sl->ids[SS_CMP_XSDT]), match_str(sl->ids[SS_CMP_FACP]),
	    match_str(sl->ids[SS_CMP_RSDP]));
	ss_out(s, "  Marker signature (RSA-1024)     : %s\n", sig_state(sl));
	if (sl->key_well_formed) {
		fp_hex(fp, sl->key_fp);
		ss_out(s, "  OEM public key                  : %s, fingerprint %s, exponent %u\n",
		    sl->key_known ? sl->key_vendor
	    : sl->key_vendor ? "known as another OEM's" : "not on the known-good list",
	    fp, sl->key_exp);
	} else {
		ss_out(s, "  OEM public key                  : %s\n", sl->has_key ? "malformed" : "none");
	}
}

void ss_render_text(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	const struct ss_tableset *set = r->set;
	ss_out(&s, "slicscan %s - firmware licensing check (ACPI SLIC / MSDM)\n", SS_VERSION);
	ss_out(&s, "Source : %s (%zu tables)\n", set->source, set->n);
	ss_out(&s, "Target : %s\n\n",
	    r->target == SS_TARGET_WIN7 ? "Windows 7 / Vista volume license, KMS (default)"
					: "Windows 8 / 8.1 / 10 / 11 volume license, KMS");
	ss_render_banner(r, w, ctx);

	ss_out(&s, "\nSummary\n");
	ss_out(&s, "  Windows 7 / Vista KMS           : %s", ss_kms_str(r->win7_kms));
	if (r->win7_kms == SS_KMS_NOT_READY)
		ss_out(&s, " - fails with 0xC004F035");
	ss_out(&s, " (%s)\n", r->win7_reason);
	ss_out(&s, "  Windows 8 / 8.1 / 10 / 11 KMS   : not affected by these tables; MSDM %s\n",
	    r->msdm.present ? "present" : r->complete ? "absent" : "unknown");
	ss_out(&s, "  OEM Windows license in firmware : %s\n",
	    !r->oem_license_evidence && !r->complete ? "unknown (the tables could not be read)"
	    : !r->oem_license_evidence ? "none found (the campus upgrade license requires one)"
	    : r->msdm.state != SS_MSDM_KEY_OK ? "yes (SLIC marker: Vista/7-era OEM Windows)"
	    : r->marker_evidence
		    ? "yes (SLIC marker: Vista/7-era OEM Windows; MSDM key: Windows 8+ OEM)"
		    : "yes (MSDM key: Windows 8+ OEM)");

	ss_out(&s, "\nOEM Activation 2.0 Data (SLIC)\n");
	if (!r->nslic) {
		ss_out(&s, "  BIOS valid for OA 2.0           : %s\n",
		    ss_oa20_str(r->complete ? SS_OA20_NO_SLIC : SS_OA20_UNKNOWN));
		ss_out(&s, "  Windows marker version          : N/A\n");
		ss_out(&s, "  OEMID and OEMTableID consistent : N/A\n");
	}
	for (size_t k = 0; k < r->nslic; k++)
		text_slic(&s, r, &r->slic[k], k);

	ss_out(&s, "\nOEM Activation 3.0 Data (MSDM)\n");
	if (!r->msdm.present) {
		ss_out(&s, "  MSDM                            : %s\n",
		    r->complete ? "absent" : "unknown (the tables could not be read)");
	} else {
		const char *st = r->msdm.state == SS_MSDM_KEY_OK ? "present, well-formed product key"
			       : r->msdm.state == SS_MSDM_BLANK ? "present, erased (no key)"
			       : r->msdm.state == SS_MSDM_KEY_MALFORMED ? "present, malformed key"
			       : "present, malformed table";
		ss_out(&s, "  MSDM                            : %s\n", st);
		if (r->msdm.state == SS_MSDM_KEY_OK || r->msdm.state == SS_MSDM_KEY_MALFORMED)
			ss_out(&s, "  Product key                     : %s%s\n",
			    r->policy->show_key ? r->msdm.key : r->msdm.key_masked,
			    r->policy->show_key ? "" : "  (masked; --show-key shows it)");
	}

	if (info && info->n) {
		ss_out(&s, "\nMachine\n");
		for (size_t i = 0; i < info->n; i++)
			ss_out(&s, "  %-32s: %s\n", info->label[i], info->value[i]);
	}

	ss_out(&s, "\nTables (%zu)\n", set->n);
	ss_out(&s, "  SIG   OEM ID  TABLE ID  REV     LENGTH  CHECKSUM  ADDRESS (R/X: listed in RSDT/XSDT)\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct ss_table *t = &set->t[i];
		char a[SS_OEM_ID_LEN + 1], b[SS_OEM_TABLE_ID_LEN + 1];
		id_plain(a, t->oem_id, SS_OEM_ID_LEN);
		id_plain(b, t->oem_table_id, SS_OEM_TABLE_ID_LEN);
		ss_out(&s, "  %-4s  %-6s  %-8s  %3u  %9u  %-8s  0x%llx%s%s\n", t->sig, a, b,
		    t->revision, t->declared_len,
		    !t->has_header ? "short" : !t->has_checksum ? "none" : t->checksum_ok ? "ok" : "BAD",
		    (unsigned long long)t->addr, r->listed[i] & SS_LISTED_RSDT ? " R" : "",
		    r->listed[i] & SS_LISTED_XSDT ? " X" : "");
	}

	ss_out(&s, "\nFindings (%zu)\n", r->nf);
	for (size_t i = 0; i < r->nf; i++) {
		const struct ss_finding *f = &r->f[i];
		char sev[10];
		const char *sv = ss_severity_str(f->sev);
		size_t n = 0;
		for (; sv[n] && n < sizeof(sev) - 1; n++)
			sev[n] = (char)(sv[n] >= 'a' && sv[n] <= 'z' ? sv[n] - 32 : sv[n]);
		sev[n] = 0;
		ss_out(&s, "  %-7s  %-26s %s\n", sev, ss_finding_info(f->id)->id, f->msg);
	}
	if (r->dropped_findings)
		ss_out(&s, "  (%zu more findings not kept)\n", r->dropped_findings);
	ss_out(&s, "\nVerdict: %s, exit code %d\n", ss_verdict_str(r->verdict), (int)r->exit_code);
}

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
