/* SPDX-License-Identifier: MIT */
/* Renderers: the text report a person reads, the JSON a script reads, and the verdict banner.
 * Both print the same facts from struct ss_result; neither decides anything. The JSON field
 * names are a stable interface (docs/REPORT.md). */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

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
	ss_id_text(a, sizeof(a), t->oem_id, 6);
	ss_id_text(b, sizeof(b), t->oem_table_id, 8);
	ss_out(s, "  SLIC header OEM ID / Table ID   : \"%s\" / \"%s\"\n", a, b);
	if (sl->version_present) {
		ss_id_text(a, sizeof(a), sl->marker_oem_id, 6);
		ss_id_text(b, sizeof(b), sl->marker_oem_table_id, 8);
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
		char a[8], b[12];
		id_plain(a, t->oem_id, 6);
		id_plain(b, t->oem_table_id, 8);
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

static void json_str(struct ss_sink *s, const char *p, size_t n)
{
	char buf[256];
	size_t o = 0;
	buf[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (o > sizeof(buf) - 8) {
			s->w(s->ctx, buf, o);
			o = 0;
		}
		uint8_t c = (uint8_t)p[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			o += ss_fmt(buf + o, sizeof(buf) - o, "\\u%04x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o++] = '"';
	s->w(s->ctx, buf, o);
}

static void json_cstr(struct ss_sink *s, const char *p)
{
	if (p)
		json_str(s, p, ss_strlen(p));
	else
		ss_out(s, "null");
}

static void json_key(struct ss_sink *s, const char *indent, const char *key)
{
	ss_out(s, "%s\"%s\": ", indent, key);
}

static void json_slic(struct ss_sink *s, const struct ss_result *r, const struct ss_slic *sl,
		      const char *ind)
{
	const struct ss_table *t = &r->set->t[sl->table];
	char fp[17], ver[16];
	ss_out(s, "{\n");
	json_key(s, ind, "oa20"); json_cstr(s, ss_oa20_str(sl->oa20)); ss_out(s, ",\n");
	json_key(s, ind, "state"); json_cstr(s, ss_oa20_state_str(sl->oa20)); ss_out(s, ",\n");
	json_key(s, ind, "marker_version");
	if (sl->version_present) {
		json_cstr(s, sl->version_str);
		ss_out(s, ",\n");
		ss_fmt(ver, sizeof(ver), "0x%08x", sl->version);
		json_key(s, ind, "marker_version_raw"); json_cstr(s, ver);
	} else {
		ss_out(s, "null,\n");
		json_key(s, ind, "marker_version_raw"); ss_out(s, "null");
	}
	ss_out(s, ",\n");
	json_key(s, ind, "signature"); json_cstr(s, sig_state(sl)); ss_out(s, ",\n");
	json_key(s, ind, "consistent"); json_cstr(s, ss_consistency_str(sl->consistent)); ss_out(s, ",\n");
	json_key(s, ind, "oem_id"); json_str(s, (const char *)t->oem_id, t->has_header ? 6 : 0); ss_out(s, ",\n");
	json_key(s, ind, "oem_table_id"); json_str(s, (const char *)t->oem_table_id, t->has_header ? 8 : 0); ss_out(s, ",\n");
	json_key(s, ind, "marker_oem_id");
	if (sl->version_present) json_str(s, (const char *)sl->marker_oem_id, 6); else ss_out(s, "null");
	ss_out(s, ",\n");
	json_key(s, ind, "marker_oem_table_id");
	if (sl->version_present) json_str(s, (const char *)sl->marker_oem_table_id, 8); else ss_out(s, "null");
	ss_out(s, ",\n");
	json_key(s, ind, "ids");
	ss_out(s, "{\"marker\": \"%s\", \"rsdt\": \"%s\", \"xsdt\": \"%s\", \"facp\": \"%s\", \"rsdp\": \"%s\"},\n",
	    match_str(sl->ids[SS_CMP_MARKER]), match_str(sl->ids[SS_CMP_RSDT]),
	    match_str(sl->ids[SS_CMP_XSDT]), match_str(sl->ids[SS_CMP_FACP]),
	    match_str(sl->ids[SS_CMP_RSDP]));
	json_key(s, ind, "key");
	if (sl->key_well_formed) {
		fp_hex(fp, sl->key_fp);
		ss_out(s, "{\"fingerprint\": \"%s\", \"bits\": %u, \"exponent\": %u, \"vendor\": ", fp,
		    sl->key_bits, sl->key_exp);
		json_cstr(s, sl->key_vendor);
		ss_out(s, ", \"known\": %s}\n", sl->key_known ? "true" : "false");
	} else {
		ss_out(s, "null\n");
	}
}

void ss_render_json(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx)
{
	struct ss_sink s = { w, ctx };
	const struct ss_tableset *set = r->set;
	const struct ss_slic *sl = ss_main_slic(r);
	ss_out(&s, "{\n");
	ss_out(&s, "  \"tool\": \"slicscan\",\n  \"version\": \"%s\",\n", SS_VERSION);
	json_key(&s, "  ", "source"); json_cstr(&s, set->source); ss_out(&s, ",\n");
	ss_out(&s, "  \"target\": \"%s\",\n", ss_target_str(r->target));
	ss_out(&s, "  \"verdict\": \"%s\",\n  \"exit_code\": %d,\n", ss_verdict_str(r->verdict), (int)r->exit_code);
	ss_out(&s, "  \"windows7_kms\": \"%s\",\n  \"windows7_reason\": \"%s\",\n", ss_kms_str(r->win7_kms), r->win7_reason);
	json_key(&s, "  ", "predicted_error"); json_cstr(&s, r->predicted_error); ss_out(&s, ",\n");
	ss_out(&s, "  \"windows8_kms\": \"not-affected\",\n");
	ss_out(&s, "  \"oem_license_evidence\": %s,\n", r->oem_license_evidence ? "true" : "false");
	json_key(&s, "  ", "why");
	json_cstr(&s, r->deciding >= 0 ? r->f[r->deciding].msg : 0);
	ss_out(&s, ",\n");
	json_key(&s, "  ", "what_to_do");
	ss_out(&s, "[");
	for (size_t i = 0; i < r->ntodo; i++) {
		ss_out(&s, "%s\n    ", i ? "," : "");
		json_cstr(&s, r->todo[i]);
	}
	ss_out(&s, "%s],\n", r->ntodo ? "\n  " : "");

	ss_out(&s, "  \"slic\": {\n    \"present\": %s,\n    \"count\": %zu,\n", r->nslic ? "true" : "false", r->nslic);
	if (sl) {
		ss_out(&s, "    \"marker_version\": ");
		if (sl->version_present) json_cstr(&s, sl->version_str); else ss_out(&s, "null");
		ss_out(&s, ",\n    \"oa20\": ");
		json_cstr(&s, ss_oa20_str(sl->oa20));
		ss_out(&s, ",\n    \"state\": \"%s\",\n    \"signature\": \"%s\",\n    \"consistent\": \"%s\",\n    \"key_vendor\": ",
		    ss_oa20_state_str(sl->oa20), sig_state(sl), ss_consistency_str(sl->consistent));
		json_cstr(&s, sl->key_vendor);
		ss_out(&s, ",\n    \"tables\": [");
		for (size_t k = 0; k < r->nslic; k++) {
			ss_out(&s, k ? ", " : "");
			json_slic(&s, r, &r->slic[k], "      ");
			ss_out(&s, "    }");
		}
		ss_out(&s, "]\n  },\n");
	} else {
		enum ss_oa20 none = r->complete ? SS_OA20_NO_SLIC : SS_OA20_UNKNOWN;
		ss_out(&s, "    \"marker_version\": null,\n    \"oa20\": \"%s\",\n    \"state\": \"%s\",\n"
			"    \"signature\": \"not-checked\",\n    \"consistent\": \"n/a\",\n    \"key_vendor\": null,\n"
			"    \"tables\": []\n  },\n", ss_oa20_str(none), ss_oa20_state_str(none));
	}

	ss_out(&s, "  \"msdm\": {\n    \"present\": %s,\n    \"state\": \"%s\"", r->msdm.present ? "true" : "false",
	    ss_msdm_state_str(r->msdm.state));
	if (r->msdm.state == SS_MSDM_KEY_OK || r->msdm.state == SS_MSDM_KEY_MALFORMED) {
		ss_out(&s, ",\n    \"key\": ");
		json_cstr(&s, r->policy->show_key ? r->msdm.key : r->msdm.key_masked);
		ss_out(&s, ",\n    \"key_masked\": %s", r->policy->show_key ? "false" : "true");
	}
	if (r->msdm.present) {
		const struct ss_table *m = &set->t[r->msdm.table];
		ss_out(&s, ",\n    \"oem_id\": ");
		json_str(&s, (const char *)m->oem_id, m->has_header ? 6 : 0);
		ss_out(&s, ",\n    \"oem_table_id\": ");
		json_str(&s, (const char *)m->oem_table_id, m->has_header ? 8 : 0);
	}
	ss_out(&s, "\n  },\n");

	ss_out(&s, "  \"machine\": {");
	for (size_t i = 0; info && i < info->n; i++) {
		ss_out(&s, "%s\n    \"%s\": ", i ? "," : "", info->key[i]);
		json_cstr(&s, info->value[i]);
	}
	ss_out(&s, "%s},\n", info && info->n ? "\n  " : "");

	ss_out(&s, "  \"tables\": [");
	for (size_t i = 0; i < set->n; i++) {
		const struct ss_table *t = &set->t[i];
		ss_out(&s, "%s\n    {\"signature\": ", i ? "," : "");
		json_cstr(&s, t->sig);
		ss_out(&s, ", \"oem_id\": ");
		json_str(&s, (const char *)t->oem_id, t->has_header ? 6 : 0);
		ss_out(&s, ", \"oem_table_id\": ");
		json_str(&s, (const char *)t->oem_table_id, t->has_header && !ss_memeq(t->rawsig, "RSDP", 4) ? 8 : 0);
		ss_out(&s, ", \"revision\": %u, \"length\": %u, \"bytes\": %u, \"checksum_ok\": %s, \"address\": \"0x%llx\", \"in_rsdt\": %s, \"in_xsdt\": %s}",
		    t->revision, t->declared_len, t->len,
		    !t->has_checksum ? "null" : t->checksum_ok ? "true" : "false",
		    (unsigned long long)t->addr, r->listed[i] & SS_LISTED_RSDT ? "true" : "false",
		    r->listed[i] & SS_LISTED_XSDT ? "true" : "false");
	}
	ss_out(&s, "%s],\n", set->n ? "\n  " : "");

	ss_out(&s, "  \"findings\": [");
	for (size_t i = 0; i < r->nf; i++) {
		const struct ss_finding *f = &r->f[i];
		ss_out(&s, "%s\n    {\"id\": \"%s\", \"severity\": \"%s\", \"table\": ", i ? "," : "",
		    ss_finding_info(f->id)->id, ss_severity_str(f->sev));
		if (f->table[0]) json_cstr(&s, f->table); else ss_out(&s, "null");
		ss_out(&s, ", \"message\": ");
		json_cstr(&s, f->msg);
		ss_out(&s, "}");
	}
	ss_out(&s, "%s],\n", r->nf ? "\n  " : "");
	ss_out(&s, "  \"findings_dropped\": %zu\n}\n", r->dropped_findings);
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
