/* SPDX-License-Identifier: MIT */
/* The fleet page: one self-contained HTML file (inline CSS and script, nothing fetched, so it
 * opens from file:// on a stick). Every string from a report goes in escaped as text (a model
 * name can hold "<script>"), isolated with <bdi> (right-to-left text cannot reorder the row),
 * and the script only reads textContent: it never builds HTML. Counts sit in elements with
 * data-verdict and data-count for scripts and tests. */
#include "fleet.h"

#include "bytes.h"

/* Every label of the page, one table per language (vocabulary of the campus guide). */
enum lab { L_TITLE, L_MACHINES, L_FILES_READ, L_READY, L_WARN, L_NOT_READY, L_ERROR,
	   L_GROUPS, L_GROUPS_NONE, L_MANUFACTURER, L_MODEL, L_BIOS, L_COUNT_COL, L_CAUSE,
	   L_BIOS_UPDATE, L_TODO, L_YES, L_NO, L_TABLE, L_FILTER, L_ALL, L_REPORT, L_VERDICT,
	   L_SERIAL, L_TIME, L_WHY, L_UNREADABLE, L_DROPPED, L_BAD_DROPPED, L_SORT_HINT,
	   L_UNKNOWN, L_COUNT };

static const char *const en[L_COUNT] = {
	[L_TITLE] = "slicscan: the fleet",
	[L_MACHINES] = "machines",
	[L_FILES_READ] = "reports read from",
	[L_READY] = "Ready",
	[L_WARN] = "Ready (with warnings)",
	[L_NOT_READY] = "Not ready",
	[L_ERROR] = "Cannot judge",
	[L_GROUPS] = "Failing models: manufacturer, model and BIOS version",
	[L_GROUPS_NONE] = "No machine fails.",
	[L_MANUFACTURER] = "Manufacturer",
	[L_MODEL] = "Model",
	[L_BIOS] = "BIOS version",
	[L_COUNT_COL] = "Machines",
	[L_CAUSE] = "Cause",
	[L_BIOS_UPDATE] = "BIOS update?",
	[L_TODO] = "What to do",
	[L_YES] = "yes",
	[L_NO] = "no",
	[L_TABLE] = "Machines",
	[L_FILTER] = "Filter",
	[L_ALL] = "All verdicts",
	[L_REPORT] = "Report",
	[L_VERDICT] = "Verdict",
	[L_SERIAL] = "Serial",
	[L_TIME] = "Time",
	[L_WHY] = "Why",
	[L_UNREADABLE] = "Files that could not be read",
	[L_DROPPED] = "more reports were counted above but are not listed (the page lists at most",
	[L_BAD_DROPPED] = "more unreadable files are not listed",
	[L_SORT_HINT] = "Click a column heading to sort.",
	[L_UNKNOWN] = "(unknown)",
};

static const char *const zh[L_COUNT] = {
	[L_TITLE] = "slicscan：全部電腦",
	[L_MACHINES] = "台電腦",
	[L_FILES_READ] = "報告讀自",
	[L_READY] = "就緒",
	[L_WARN] = "就緒（有警告）",
	[L_NOT_READY] = "未就緒",
	[L_ERROR] = "無法判斷",
	[L_GROUPS] = "未就緒的機型：製造商、型號與 BIOS 版本",
	[L_GROUPS_NONE] = "沒有未就緒的電腦。",
	[L_MANUFACTURER] = "製造商",
	[L_MODEL] = "型號",
	[L_BIOS] = "BIOS 版本",
	[L_COUNT_COL] = "電腦數",
	[L_CAUSE] = "原因",
	[L_BIOS_UPDATE] = "需更新 BIOS？",
	[L_TODO] = "處理方式",
	[L_YES] = "是",
	[L_NO] = "否",
	[L_TABLE] = "電腦",
	[L_FILTER] = "篩選",
	[L_ALL] = "全部判定",
	[L_REPORT] = "報告",
	[L_VERDICT] = "判定",
	[L_SERIAL] = "序號",
	[L_TIME] = "時間",
	[L_WHY] = "原因（英文）",
	[L_UNREADABLE] = "無法讀取的檔案",
	[L_DROPPED] = "份報告已計入上方數字，但未列出（本頁最多列出",
	[L_BAD_DROPPED] = "個無法讀取的檔案未列出",
	[L_SORT_HINT] = "按欄位標題即可排序。",
	[L_UNKNOWN] = "（不明）",
};

static enum ss_lang lang_of(const char *lang)
{
	enum ss_lang l = SS_LANG_EN;
	if (lang)
		(void)ss_lang_parse(lang, ss_strlen(lang), &l);
	return l;
}

static const char *lab(const char *lang, enum lab l)
{
	return lang_of(lang) == SS_LANG_ZH_TW ? zh[l] : en[l];
}

struct out {
	ss_write_fn w;
	void *ctx;
	const char *lang;
};

static void put(const struct out *o, const char *s)
{
	o->w(o->ctx, s, ss_strlen(s));
}

/* Text from a report: safe in element content and in quoted attribute values. */
static void text(const struct out *o, const char *s)
{
	size_t start = 0, i = 0;
	for (; s[i]; i++) {
		const char *rep = 0;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				rep = " ";
		}
		if (rep) {
			o->w(o->ctx, s + start, i - start);
			put(o, rep);
			start = i + 1;
		}
	}
	o->w(o->ctx, s + start, i - start);
}

/* A firmware string as isolated text; an empty one as "(unknown)". */
static void fwtext(const struct out *o, const char *s)
{
	put(o, s[0] ? "<bdi>" : "<bdi class=\"unk\">");
	text(o, s[0] ? s : lab(o->lang, L_UNKNOWN));
	put(o, "</bdi>");
}

static void num(const struct out *o, size_t n)
{
	char b[24];
	ss_fmt(b, sizeof(b), "%lu", (unsigned long)n);
	put(o, b);
}

/* A relative link: bytes outside a safe set are percent-encoded, '\' becomes '/'. */
static void href(const struct out *o, const char *s)
{
	static const char hexd[] = "0123456789ABCDEF";
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		char b[4];
		if (c == '\\')
			c = '/';
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '~' || c == '-' || (c == '/' && i > 0)) {
			b[0] = (char)c, b[1] = 0;
		} else {
			b[0] = '%', b[1] = hexd[c >> 4], b[2] = hexd[c & 15], b[3] = 0;
		}
		put(o, b);
	}
}

static const enum lab verdict_lab[FW_FV_COUNT] = { L_READY, L_WARN, L_NOT_READY, L_ERROR };

static const char css[] =
	"body{font:15px/1.4 system-ui,'Noto Sans CJK TC',sans-serif;margin:1.5em;color:#111;background:#fff}"
	"h1{font-size:1.5em;margin:0}h2{font-size:1.15em;margin:1.4em 0 .4em}"
	".src{color:#555;margin:.2em 0 1em;overflow-wrap:anywhere}"
	"#counts{display:flex;gap:.8em;flex-wrap:wrap}"
	".count{border-radius:6px;padding:.5em 1em;min-width:8em;color:#fff}"
	".count .n{display:block;font-size:2em;font-weight:bold}"
	".v-ready{background:#1b7a2e}.v-ready-with-warnings{background:#a86b00}"
	".v-not-ready{background:#b3261e}.v-error{background:#555}"
	"table{border-collapse:collapse;width:100%;table-layout:auto}"
	"th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere;max-width:28em}"
	"th{background:#eee;position:sticky;top:0;white-space:nowrap}td.v,.unk{white-space:nowrap}.unk{color:#888}#machine-table th{cursor:pointer;user-select:none}"
	"th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}"
	"tr.not-ready td.v{color:#b3261e;font-weight:bold}tr.error td.v{color:#555;font-weight:bold}"
	"tr.ready td.v{color:#1b7a2e}tr.ready-with-warnings td.v{color:#a86b00}"
	"ol{margin:0;padding-left:1.3em}.bios-yes{font-weight:bold;color:#b3261e}"
	".tools{margin:.4em 0;display:flex;gap:.6em;align-items:center;flex-wrap:wrap}"
	"input,select{font:inherit;padding:.2em .4em}.note{color:#555}";

/* Sorting and filtering read textContent and move existing rows; no HTML is built. */
static const char script[] =
	"(function(){'use strict';"
	"var t=document.getElementById('machine-table');if(!t)return;"
	"var tb=t.tBodies[0],rows=Array.prototype.slice.call(tb.rows);"
	"var keys=rows.map(function(r){return Array.prototype.map.call(r.cells,function(c){return c.textContent;});});"
	"rows.forEach(function(r,i){r._k=keys[i];r._s=keys[i].join('\\u0001').toLowerCase();});"
	"var coll=new Intl.Collator(undefined,{numeric:true,sensitivity:'base'});"
	"var ths=t.tHead.rows[0].cells;"
	"Array.prototype.forEach.call(ths,function(th,col){th.addEventListener('click',function(){"
	"var asc=th.getAttribute('aria-sort')!=='ascending';"
	"Array.prototype.forEach.call(ths,function(h){h.removeAttribute('aria-sort');});"
	"th.setAttribute('aria-sort',asc?'ascending':'descending');"
	"rows.sort(function(a,b){var c=coll.compare(a._k[col],b._k[col]);return asc?c:-c;});"
	"var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});tb.appendChild(f);});});"
	"var q=document.getElementById('filter'),v=document.getElementById('vfilter'),shown=document.getElementById('shown');"
	"function apply(){var s=q.value.trim().toLowerCase(),want=v.value,n=0;"
	"rows.forEach(function(r){var ok=(!want||r.getAttribute('data-verdict')===want)&&(!s||r._s.indexOf(s)>=0);"
	"r.hidden=!ok;if(ok)n++;});shown.textContent=n+' / '+rows.length;}"
	"q.addEventListener('input',apply);v.addEventListener('change',apply);apply();"
	"})();";

static bool same_group(const struct fw_fleet_machine *a, const struct fw_fleet_machine *b)
{
	return a->cause == b->cause && ss_streq(a->manufacturer, b->manufacturer) &&
	       ss_streq(a->model, b->model) && ss_streq(a->bios_version, b->bios_version);
}

static void th(const struct out *o, enum lab l)
{
	put(o, "<th>");
	text(o, lab(o->lang, l));
	put(o, "</th>");
}

static void groups(const struct out *o, const struct fw_fleet *f)
{
	size_t shown = 0;
	put(o, "<section id=\"groups\"><h2>");
	text(o, lab(o->lang, L_GROUPS));
	put(o, "</h2>\n<table id=\"groups-table\"><thead><tr>");
	static const enum lab cols[] = { L_MANUFACTURER, L_MODEL, L_BIOS, L_COUNT_COL, L_CAUSE,
					 L_BIOS_UPDATE, L_TODO };
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		th(o, cols[i]);
	put(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct fw_fleet_machine *m = &f->m[i];
		if (m->verdict != FW_FV_NOT_READY)
			continue;
		size_t count = 0, j;
		for (j = 0; j < i; j++)
			if (f->m[j].verdict == FW_FV_NOT_READY && same_group(&f->m[j], m))
				break;
		if (j < i)
			continue; /* an earlier machine leads this group */
		for (j = i; j < f->n; j++)
			count += f->m[j].verdict == FW_FV_NOT_READY && same_group(&f->m[j], m);
		bool bios = ss_cause_needs_bios(m->cause);
		put(o, "<tr data-cause=\"");
		put(o, ss_cause_name(m->cause));
		put(o, "\" data-bios-update=\"");
		put(o, bios ? "yes" : "no");
		put(o, "\" data-machines=\"");
		num(o, count);
		put(o, "\"><td>");
		fwtext(o, m->manufacturer);
		put(o, "</td><td>");
		fwtext(o, m->model);
		put(o, "</td><td>");
		fwtext(o, m->bios_version);
		put(o, "</td><td>");
		num(o, count);
		put(o, "</td><td>");
		text(o, ss_cause_name(m->cause));
		if (m->reason[0]) {
			put(o, " (");
			text(o, m->reason);
			put(o, ")");
		}
		put(o, bios ? "</td><td class=\"bios-yes\">" : "</td><td>");
		text(o, lab(o->lang, bios ? L_YES : L_NO));
		put(o, "</td><td><ol>");
		const char *line;
		for (size_t k = 0; (line = ss_cause_next(m->cause, k, lang_of(o->lang))) != 0; k++) {
			put(o, "<li>");
			text(o, line);
			put(o, "</li>");
		}
		if (m->cause == SS_CAUSE_NONE && m->why[0]) { /* a policy failure: its own words */
			put(o, "<li>");
			text(o, m->why);
			put(o, "</li>");
		}
		put(o, "</ol></td></tr>\n");
		shown++;
	}
	put(o, "</tbody></table>\n");
	if (shown == 0) {
		put(o, "<p class=\"note\">");
		text(o, lab(o->lang, L_GROUPS_NONE));
		put(o, "</p>");
	}
	put(o, "</section>\n");
}

static void machines(const struct out *o, const struct fw_fleet *f)
{
	put(o, "<section id=\"machines\"><h2>");
	text(o, lab(o->lang, L_TABLE));
	put(o, "</h2>\n<div class=\"tools\"><input id=\"filter\" type=\"search\" placeholder=\"");
	text(o, lab(o->lang, L_FILTER));
	put(o, "\" aria-label=\"");
	text(o, lab(o->lang, L_FILTER));
	put(o, "\"><select id=\"vfilter\"><option value=\"\">");
	text(o, lab(o->lang, L_ALL));
	put(o, "</option>");
	for (size_t v = 0; v < FW_FV_COUNT; v++) {
		put(o, "<option value=\"");
		put(o, fw_fleet_verdict_str((enum fw_fleet_verdict)v));
		put(o, "\">");
		text(o, lab(o->lang, verdict_lab[v]));
		put(o, "</option>");
	}
	put(o, "</select><span id=\"shown\"></span><span class=\"note\">");
	text(o, lab(o->lang, L_SORT_HINT));
	put(o, "</span></div>\n<table id=\"machine-table\"><thead><tr>");
	static const enum lab cols[] = { L_REPORT, L_VERDICT, L_MANUFACTURER, L_MODEL, L_BIOS,
					 L_SERIAL, L_TIME, L_WHY };
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		th(o, cols[i]);
	put(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct fw_fleet_machine *m = &f->m[i];
		const char *vs = fw_fleet_verdict_str(m->verdict);
		put(o, "<tr class=\"");
		put(o, vs);
		put(o, "\" data-verdict=\"");
		put(o, vs);
		put(o, "\"><td>");
		if (m->link[0]) {
			put(o, "<a href=\"");
			href(o, m->link);
			put(o, "\">");
			fwtext(o, m->name);
			put(o, "</a>");
		} else {
			fwtext(o, m->name);
		}
		put(o, "</td><td class=\"v\">");
		text(o, lab(o->lang, verdict_lab[m->verdict]));
		const char *cols2[] = { m->manufacturer, m->model, m->bios_version, m->serial, m->time };
		for (size_t k = 0; k < 5; k++) {
			put(o, "</td><td>");
			fwtext(o, cols2[k]);
		}
		put(o, "</td><td>");
		text(o, m->why);
		put(o, "</td></tr>\n");
	}
	put(o, "</tbody></table>\n");
	if (f->dropped) {
		put(o, "<p class=\"note\" id=\"dropped\">");
		num(o, f->dropped);
		put(o, " ");
		text(o, lab(o->lang, L_DROPPED));
		put(o, " ");
		num(o, f->cap);
		put(o, ").</p>\n");
	}
	put(o, "</section>\n");
}

static void unreadable(const struct out *o, const struct fw_fleet *f)
{
	if (f->nbad == 0 && f->bad_dropped == 0)
		return;
	put(o, "<section id=\"unreadable\" data-count=\"");
	num(o, f->nbad + f->bad_dropped);
	put(o, "\"><h2>");
	text(o, lab(o->lang, L_UNREADABLE));
	put(o, "</h2>\n<ul>");
	for (size_t i = 0; i < f->nbad; i++) {
		put(o, "<li><code><bdi>");
		text(o, f->bad[i].file);
		put(o, "</bdi></code>: ");
		text(o, f->bad[i].why);
		put(o, "</li>\n");
	}
	put(o, "</ul>");
	if (f->bad_dropped) {
		put(o, "<p class=\"note\">");
		num(o, f->bad_dropped);
		put(o, " ");
		text(o, lab(o->lang, L_BAD_DROPPED));
		put(o, ".</p>");
	}
	put(o, "</section>\n");
}

void fw_fleet_html(const struct fw_fleet *f, const char *lang, const char *title,
		   ss_write_fn w, void *ctx)
{
	struct out o = { w, ctx, lang ? lang : "en" };
	put(&o, "<!DOCTYPE html>\n<html lang=\"");
	text(&o, o.lang);
	put(&o, "\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		"<meta name=\"generator\" content=\"slicscan " SS_VERSION "\"><title>");
	text(&o, lab(o.lang, L_TITLE));
	put(&o, "</title>\n<style>");
	put(&o, css);
	put(&o, "</style></head>\n<body>\n<h1>");
	text(&o, lab(o.lang, L_TITLE));
	put(&o, "</h1>\n<p class=\"src\"><span id=\"total\" data-count=\"");
	num(&o, fw_fleet_total(f));
	put(&o, "\">");
	num(&o, fw_fleet_total(f));
	put(&o, "</span> ");
	text(&o, lab(o.lang, L_MACHINES));
	put(&o, ", ");
	text(&o, lab(o.lang, L_FILES_READ));
	put(&o, " <bdi>");
	text(&o, title ? title : "");
	put(&o, "</bdi></p>\n<section id=\"counts\">");
	for (size_t v = 0; v < FW_FV_COUNT; v++) {
		const char *vs = fw_fleet_verdict_str((enum fw_fleet_verdict)v);
		put(&o, "<div class=\"count v-");
		put(&o, vs);
		put(&o, "\" data-verdict=\"");
		put(&o, vs);
		put(&o, "\" data-count=\"");
		num(&o, f->count[v]);
		put(&o, "\"><span class=\"n\">");
		num(&o, f->count[v]);
		put(&o, "</span><span class=\"l\">");
		text(&o, lab(o.lang, verdict_lab[v]));
		put(&o, "</span></div>");
	}
	put(&o, "</section>\n");
	groups(&o, f);
	machines(&o, f);
	unreadable(&o, f);
	put(&o, "<script>");
	put(&o, script);
	put(&o, "</script>\n</body></html>\n");
}
