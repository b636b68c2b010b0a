/* SPDX-License-Identifier: MIT */
/* The summary CSV: one line per judged machine, so that the reports of fifty machines on one
 * stick can be read at a glance (the UEFI app appends a line to \slicscan\summary.csv; the
 * Linux command prints one with --csv). RFC 4180: comma-separated, every field in double
 * quotes with quotes doubled, CRLF line ends (what Excel and LibreOffice open directly).
 *
 * Contract: the values are untrusted (SMBIOS strings and OEM IDs come from firmware). A field
 * never breaks the line: control characters become spaces, bytes outside ASCII become '?', and
 * a field that a spreadsheet would run as a formula (first character = + - @) gets a leading
 * apostrophe. The MSDM product key is never written, masked or not. Columns: docs/REPORT.md. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

/* Header names; the order of the fields in ss_render_csv(). */
static const char *const columns[] = {
	"firmware_time", "system_serial", "system_manufacturer", "system_product",
	"bios_version", "bios_date", "verdict", "exit_code", "windows7_kms", "windows7_reason",
	"predicted_error", "marker_version", "slic_oem_id", "slic_oem_table_id", "msdm_state",
	"oem_license_evidence", "problems", "report", "source", "app_version", "target",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

struct line {
	ss_write_fn w;
	void *ctx;
	size_t fields;
};

static void field(struct line *l, const char *v, size_t n)
{
	char buf[256];
	size_t o = 0;
	if (l->fields++)
		buf[o++] = ',';
	buf[o++] = '"';
	if (n && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
		buf[o++] = '\'';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (o + 3 > sizeof(buf)) { /* flush, keeping room for a doubled quote */
			l->w(l->ctx, buf, o);
			o = 0;
		}
		if (c == '"')
			buf[o++] = '"';
		buf[o++] = c < 0x20 || c == 0x7f ? ' ' : c > 0x7f ? '?' : (char)c;
	}
	buf[o++] = '"';
	l->w(l->ctx, buf, o);
}

static void cfield(struct line *l, const char *v)
{
	field(l, v ? v : "", v ? ss_strlen(v) : 0);
}

static const char *info_get(const struct ss_info *info, const char *key)
{
	for (size_t i = 0; info && i < info->n; i++)
		if (ss_strlen(info->key[i]) == ss_strlen(key) &&
		    ss_memeq(info->key[i], key, ss_strlen(key)))
			return info->value[i];
	return "";
}

void ss_render_csv_header(ss_write_fn w, void *ctx)
{
	struct line l = { w, ctx, 0 };
	for (size_t i = 0; i < NCOLUMNS; i++)
		cfield(&l, columns[i]);
	w(ctx, "\r\n", 2);
}

void ss_render_csv(const struct ss_result *r, const struct ss_info *info, ss_write_fn w,
		   void *ctx)
{
	struct line l = { w, ctx, 0 };
	const struct ss_slic *sl = ss_main_slic(r);
	const struct ss_table *st = sl ? &r->set->t[sl->table] : 0;
	char num[8], id[32], tid[40], problems[512], app[32];

	for (size_t i = 0; i < 6; i++)
		cfield(&l, info_get(info, columns[i]));
	cfield(&l, ss_verdict_str(r->verdict));
	ss_fmt(num, sizeof(num), "%d", (int)r->exit_code);
	cfield(&l, num);
	cfield(&l, ss_kms_str(r->win7_kms));
	cfield(&l, r->win7_reason);
	cfield(&l, r->predicted_error);
	cfield(&l, sl && sl->version_present ? sl->version_str : "");
	int ids = st && st->has_header;
	ss_id_text(id, sizeof(id), ids ? st->oem_id : (const uint8_t *)"", ids ? SS_OEM_ID_LEN : 0);
	ss_id_text(tid, sizeof(tid), ids ? st->oem_table_id : (const uint8_t *)"",
		   ids ? SS_OEM_TABLE_ID_LEN : 0);
	cfield(&l, id);
	cfield(&l, tid);
	cfield(&l, ss_msdm_state_str(r->msdm.state));
	cfield(&l, r->oem_license_evidence ? "yes" : r->complete ? "no" : "unknown");

	/* Every warning, error and fatal finding as its id, once each, in the order raised. */
	size_t o = 0;
	problems[0] = '\0';
	for (size_t i = 0; i < r->nf; i++) {
		if (r->f[i].sev < SS_SEV_WARNING)
			continue;
		const char *fid = ss_finding_info(r->f[i].id)->id;
		int dup = 0;
		for (size_t k = 0; k < i; k++)
			dup |= r->f[k].id == r->f[i].id && r->f[k].sev >= SS_SEV_WARNING;
		if (!dup && o + ss_strlen(fid) + 2 < sizeof(problems))
			o += ss_fmt(problems + o, sizeof(problems) - o, "%s%s", o ? " " : "", fid);
	}
	cfield(&l, problems);
	cfield(&l, info_get(info, "report"));
	cfield(&l, r->set ? r->set->source : "");
	const char *a = info_get(info, "app_version");
	if (!a[0]) {
		ss_fmt(app, sizeof(app), "slicscan %s", SS_VERSION);
		a = app;
	}
	cfield(&l, a);
	cfield(&l, ss_target_str(r->target));
	w(ctx, "\r\n", 2);
}
