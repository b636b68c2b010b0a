/* SPDX-License-Identifier: MIT */
/* The report files on the stick (see report.h). */
#include "report.h"

#include "bytes.h"
#include "naming.h"
#include "printable.h"

/* label: the catalogue's English text, which the text report translates (ss_tr) */
static void put_info(struct fw_facts *f, const char *key, enum ss_msg_id label, const char *value)
{
	if (value != NULL && value[0] != '\0')
		ss_info_add(&f->info, key, ss_msg(SS_LANG_EN, label), value);
}

static void printable(const char *raw, char *out, size_t cap)
{
	fw_printable((const uint8_t *)raw, ss_strlen(raw), out, cap);
}

void fw_facts_fill(struct fw_facts *f, const char *app, const char *mode,
		   const struct fw_smbios_info *smb, const char *smbios_why,
		   const struct fw_time *t)
{
	ss_memfill(f, 0, sizeof(*f));
	ss_fmt(f->app, sizeof(f->app), "%s", app);
	ss_fmt(f->mode, sizeof(f->mode), "%s", mode);
	if (smb != NULL) {
		printable(smb->sys_manufacturer, f->sys_manufacturer, sizeof(f->sys_manufacturer));
		printable(smb->sys_product, f->sys_product, sizeof(f->sys_product));
		printable(smb->sys_serial, f->sys_serial, sizeof(f->sys_serial));
		printable(smb->bios_vendor, f->bios_vendor, sizeof(f->bios_vendor));
		printable(smb->bios_version, f->bios_version, sizeof(f->bios_version));
		printable(smb->bios_date, f->bios_date, sizeof(f->bios_date));
		if (smb->has_uuid) {
			char name[FW_NAME_MAX];
			if (fw_report_base(NULL, 0, smb->uuid, smb->uuid_le, name, sizeof(name)) ==
			    FW_NAME_UUID)
				ss_fmt(f->sys_uuid, sizeof(f->sys_uuid), "%s", name + 5);
		}
	} else {
		ss_fmt(f->smbios_note, sizeof(f->smbios_note), "%.60s",
		       smbios_why ? smbios_why : "unavailable");
	}
	if (t != NULL)
		fw_clock_iso(t, f->clock, sizeof(f->clock));
	else
		ss_fmt(f->clock, sizeof(f->clock), "unreadable");

	put_info(f, "app_version", SS_M_I_APP, f->app);
	put_info(f, "run_mode", SS_M_I_RUN_MODE, f->mode);
	put_info(f, "system_manufacturer", SS_M_I_SYS_MANUFACTURER, f->sys_manufacturer);
	put_info(f, "system_product", SS_M_I_SYS_PRODUCT, f->sys_product);
	put_info(f, "system_serial", SS_M_I_SYS_SERIAL, f->sys_serial);
	put_info(f, "system_uuid", SS_M_I_SYS_UUID, f->sys_uuid);
	put_info(f, "bios_vendor", SS_M_I_BIOS_VENDOR, f->bios_vendor);
	put_info(f, "bios_version", SS_M_I_BIOS_VERSION, f->bios_version);
	put_info(f, "bios_date", SS_M_I_BIOS_DATE, f->bios_date);
	put_info(f, "smbios", SS_M_I_SMBIOS, f->smbios_note);
	put_info(f, "firmware_time", SS_M_I_FW_CLOCK, f->clock);
}

void fw_report_base_of(const struct fw_smbios_info *smb, char *out, size_t cap)
{
	if (smb != NULL)
		fw_report_base((const uint8_t *)smb->sys_serial, ss_strlen(smb->sys_serial),
			       smb->has_uuid ? smb->uuid : NULL, smb->uuid_le, out, cap);
	else
		fw_report_base(NULL, 0, NULL, false, out, cap);
}

/* ---- rendering into memory ---- */

struct membuf {
	char *p; /* NULL while measuring */
	size_t n, cap;
	bool crlf;
	enum ss_lang lang; /* for the text report */
};

static void mem_write(void *ctx, const char *s, size_t n)
{
	struct membuf *b = ctx;
	for (size_t i = 0; i < n; i++) {
		if (b->crlf && s[i] == '\n') {
			if (b->p != NULL && b->n < b->cap)
				b->p[b->n] = '\r';
			b->n++;
		}
		if (b->p != NULL && b->n < b->cap)
			b->p[b->n] = s[i];
		b->n++;
	}
}

typedef void (*render_fn)(const struct ss_result *, const struct ss_info *, ss_write_fn, void *);

/* The text report in the membuf's language; a zh-TW one starts with a UTF-8 BOM, so that
 * Notepad (before Windows 10 1903 it guesses the local code page) opens it as UTF-8. */
static void render_text_in(const struct ss_result *r, const struct ss_info *info, ss_write_fn w,
			   void *ctx)
{
	struct membuf *b = ctx;
	if (b->lang != SS_LANG_EN)
		w(ctx, "\xEF\xBB\xBF", 3);
	ss_render_text_lang(r, info, b->lang, w, ctx);
}

/* Render twice: once to measure, once into an exact buffer from the front end. */
static char *render(const struct fw_files *fs, render_fn fn, const struct ss_result *r,
		    const struct ss_info *info, bool crlf, enum ss_lang lang, size_t *len)
{
	struct membuf b = { NULL, 0, 0, crlf, lang };
	fn(r, info, mem_write, &b);
	size_t need = b.n;
	b.p = fs->alloc(fs->ctx, need ? need : 1);
	if (b.p == NULL)
		return NULL;
	b.cap = need;
	b.n = 0;
	fn(r, info, mem_write, &b);
	*len = b.n < need ? b.n : need;
	return b.p;
}

/* ---- names ---- */

struct exists_ctx {
	const struct fw_files *fs;
	const char *dir;
};

static const char *sep_after(const char *dir)
{
	size_t n = ss_strlen(dir);
	return n > 0 && dir[n - 1] != '\\' && dir[n - 1] != ':' ? "\\" : "";
}

static bool report_exists(void *ctx, const char *name)
{
	struct exists_ctx *e = ctx;
	char path[300];
	const char *sep = sep_after(e->dir);
	if (ss_fmt(path, sizeof(path), "%s%s%s.txt", e->dir, sep, name) >= sizeof(path))
		return true;
	if (e->fs->exists(e->fs->ctx, path))
		return true;
	ss_fmt(path, sizeof(path), "%s%s%s.json", e->dir, sep, name);
	return e->fs->exists(e->fs->ctx, path);
}

/* Append this machine's line to the summary CSV (the header first on a new file), after its
 * report pair was saved: the line names the pair. Returns NULL, or why the line was not added.
 * The summary is an index of the reports, not a report: its failure is told on the screen but
 * changes neither the verdict nor the exit code, so the saved report stays the whole truth. */
static const char *summary_append(const struct fw_files *fs, const char *path,
				  const struct ss_result *r, const struct ss_info *info,
				  const char *report)
{
	char head[512], line[2048], parent[160];
	struct membuf hb = { head, 0, sizeof(head), false, SS_LANG_EN },
		      lb = { line, 0, sizeof(line), false, SS_LANG_EN };
	struct ss_info with = *info;
	int err = 0;

	ss_info_add(&with, "report", ss_msg(SS_LANG_EN, SS_M_I_REPORT), report);
	ss_render_csv_header(mem_write, &hb);
	ss_render_csv(r, &with, mem_write, &lb);
	if (hb.n > hb.cap || lb.n > lb.cap)
		return "line too long";
	size_t cut = ss_strlen(path);
	while (cut > 0 && path[cut - 1] != '\\')
		cut--;
	if (cut > 1 && cut <= sizeof(parent)) { /* "\dir\file.csv": make "\dir" first */
		ss_memcopy(parent, path, cut - 1);
		parent[cut - 1] = '\0';
		err = fs->mkdirs(fs->ctx, parent);
	}
	if (err == 0)
		err = fs->append(fs->ctx, path, head, hb.n, line, lb.n);
	return err == 0 ? NULL : fs->why(fs->ctx, err);
}

bool fw_report_write(const struct fw_files *fs, const char *dir, const char *summary,
		     const struct fw_smbios_info *smb, struct ss_result *r,
		     const struct ss_info *info, enum ss_lang lang, struct fw_saved *saved)
{
	char base[FW_NAME_MAX], name[FW_NAME_MAX], txt[300], json[300];
	const char *why = NULL;
	char *t = NULL, *j = NULL;
	size_t tlen = 0, jlen = 0;
	int err;

	ss_memfill(saved, 0, sizeof(*saved));
	fw_report_base_of(smb, base, sizeof(base));
	err = fs->mkdirs(fs->ctx, dir);
	if (err != 0) {
		why = fs->why(fs->ctx, err);
		goto fail;
	}
	struct exists_ctx e = { fs, dir };
	if (fw_unique_name(base, report_exists, &e, name, sizeof(name)) != 0) {
		why = "999 reports of this machine are already there";
		goto fail;
	}
	const char *sep = sep_after(dir);
	ss_fmt(txt, sizeof(txt), "%s%s%s.txt", dir, sep, name);
	ss_fmt(json, sizeof(json), "%s%s%s.json", dir, sep, name);

	/* Render both before writing either, so a failure leaves no half-written pair. The
	 * report states the facts as judged; a write failure is added to r afterwards. */
	t = render(fs, render_text_in, r, info, true, lang, &tlen);
	j = render(fs, ss_render_json, r, info, false, SS_LANG_EN, &jlen);
	if (t == NULL || j == NULL) {
		why = "out of memory";
		goto fail;
	}
	err = fs->write_new(fs->ctx, txt, t, tlen);
	if (err == 0) {
		err = fs->write_new(fs->ctx, json, j, jlen);
		if (err != 0)
			(void)fs->remove(fs->ctx, txt); /* never leave half a pair */
	}
	if (err != 0) {
		why = fs->why(fs->ctx, err);
		goto fail;
	}
	fs->release(fs->ctx, t);
	fs->release(fs->ctx, j);
	ss_fmt(saved->txt, sizeof(saved->txt), "%s", txt);
	if (summary != NULL && summary[0] != '\0') {
		const char *no = summary_append(fs, summary, r, info, txt);
		ss_fmt(saved->summary, sizeof(saved->summary), "%s", summary);
		ss_fmt(saved->summary_no, sizeof(saved->summary_no), "%s", no ? no : "");
	}
	return true;

fail:
	if (t != NULL)
		fs->release(fs->ctx, t);
	if (j != NULL)
		fs->release(fs->ctx, j);
	ss_result_add_finding(r, SS_F_REPORT_NOT_SAVED, "", "report not saved in %.100s: %s",
			      dir, why);
	return false;
}

/* One tail line: a catalogue format (its conversions checked by test_lang.c) and '\n'. */
static size_t tail_line(char *out, size_t cap, size_t n, const char *fmt, ...)
{
	va_list ap;
	if (n + 1 >= cap)
		return n;
	va_start(ap, fmt);
	n += ss_vfmt(out + n, cap - n, fmt, ap);
	va_end(ap);
	if (n + 1 >= cap)
		return cap - 1;
	out[n++] = '\n';
	out[n] = '\0';
	return n;
}

size_t fw_tail_text(const struct fw_saved *s, const char *sent, enum ss_lang lang, char *out,
		    size_t cap)
{
	size_t n = 0;
	if (cap == 0)
		return 0;
	out[0] = '\0';
	if (s != NULL && s->txt[0] != '\0') {
		n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_SAVED), s->txt);
		if (s->summary[0] != '\0' && s->summary_no[0] == '\0')
			n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_SUMMARY_OK), s->summary);
		else if (s->summary[0] != '\0')
			n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_SUMMARY_NO), s->summary,
				      s->summary_no);
		if (s->fleet[0] != '\0' && s->fleet_no[0] == '\0')
			n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_FLEET_OK), s->fleet);
		else if (s->fleet[0] != '\0')
			n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_FLEET_NO), s->fleet,
				      s->fleet_no);
	}
	if (sent != NULL && sent[0] != '\0')
		n = tail_line(out, cap, n, ss_msg(lang, SS_M_TL_SENT), sent);
	return n;
}
