/* SPDX-License-Identifier: MIT */
/* The summary line and report files (host/output.h). */
#include "output.h"
#include "plat.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void host_write_file(void *ctx, const char *s, size_t n)
{
	fwrite(s, 1, n, (FILE *)ctx);
}

static const char *info_value(const struct ss_info *info, const char *key)
{
	for (size_t i = 0; info && i < info->n; i++)
		if (!strcmp(info->key[i], key))
			return info->value[i];
	return "";
}

void host_render_summary(const struct ss_result *r, const struct ss_info *info, ss_write_fn w,
			 void *ctx)
{
	char line[900], ids[512] = "";
	size_t o = 0;
	for (size_t i = 0; i < r->nf; i++) {
		const char *fid = ss_finding_info(r->f[i].id)->id;
		int dup = r->f[i].sev < SS_SEV_WARNING;
		for (size_t k = 0; k < i && !dup; k++)
			dup = r->f[k].id == r->f[i].id && r->f[k].sev >= SS_SEV_WARNING;
		if (dup)
			continue;
		if (o + strlen(fid) + 2 < sizeof(ids))
			o += ss_fmt(ids + o, sizeof(ids) - o, "%s%s", o ? " " : "", fid);
	}
	const char *serial = info_value(info, "system_serial");
	size_t n = ss_fmt(line, sizeof(line),
			  "verdict=%s;exit=%d;win7=%s;reason=%s;error=%s;msdm=%s;problems=%s%s%s\n",
			  ss_verdict_str(r->verdict), (int)r->exit_code, ss_kms_str(r->win7_kms),
			  r->win7_reason ? r->win7_reason : "",
			  r->predicted_error ? r->predicted_error : "",
			  ss_msdm_state_str(r->msdm.state), ids, serial[0] ? ";serial=" : "", serial);
	w(ctx, line, n < sizeof(line) ? n : sizeof(line) - 1);
}

/* Writes through to a FILE, every "\n" as "\r\n" (the core's text and JSON end lines in LF;
 * its CSV already in CRLF, which is left alone). */
struct crlf {
	FILE *f;
	char last;
};

static void write_crlf(void *ctx, const char *s, size_t n)
{
	struct crlf *c = ctx;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && c->last != '\r')
			fputc('\r', c->f);
		fputc(s[i], c->f);
		c->last = s[i];
	}
}

int host_ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	if (a < b)
		return 0;
	for (size_t i = 0; i < b; i++)
		if ((s[a - b + i] | 0x20) != tail[i])
			return 0;
	return 1;
}

int host_write_report(const char *path, const struct ss_result *r, const struct ss_info *info,
		      enum ss_lang lang)
{
	FILE *f = plat_create(path);
	if (!f)
		return -1;
	struct crlf c = { f, 0 };
	if (host_ends_with(path, ".json")) {
		ss_render_json(r, info, write_crlf, &c);
	} else if (host_ends_with(path, ".csv")) {
		ss_render_csv_header(write_crlf, &c);
		ss_render_csv(r, info, write_crlf, &c);
	} else {
		if (lang != SS_LANG_EN) /* a UTF-8 BOM: Notepad on Windows 7 then reads it as UTF-8 */
			fputs("\xEF\xBB\xBF", f);
		ss_render_text_lang(r, info, lang, write_crlf, &c);
	}
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
