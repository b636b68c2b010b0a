/* SPDX-License-Identifier: MIT */
/* The stick's fleet page, regenerated after every run (see fleet_stick.h). */
#include "fleet_stick.h"

#include "bytes.h"
#include "fleet.h"

#define NAMES_MAX FW_FLEET_MAX
#define NAME_LEN 64
#define REPORT_MAX (256u << 10) /* a report JSON is a few KiB; anything larger is not one */

struct listing {
	char (*names)[NAME_LEN];
	size_t n, skipped;
};

static bool is_json(const char *name)
{
	size_t n = ss_strlen(name);
	if (n < 6)
		return false;
	const char *e = name + n - 5;
	return e[0] == '.' && (e[1] | 0x20) == 'j' && (e[2] | 0x20) == 's' && (e[3] | 0x20) == 'o' &&
	       (e[4] | 0x20) == 'n';
}

static void each(void *arg, const char *name)
{
	struct listing *l = arg;
	if (!is_json(name))
		return;
	if (l->n >= NAMES_MAX || ss_strlen(name) >= NAME_LEN) {
		l->skipped++;
		return;
	}
	ss_fmt(l->names[l->n++], NAME_LEN, "%s", name);
}

/* Byte order, as `slicscan --fleet` sorts the files it reads (strcmp). */
static int name_cmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* The names in byte order, so that the page lists the machines as `slicscan --fleet` does
 * whatever order the directory holds them in (Shell sort: in place, no recursion). */
static void sort_names(struct listing *l)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	char t[NAME_LEN];
	for (size_t g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];
		for (size_t i = gap; i < l->n; i++) {
			ss_memcopy(t, l->names[i], NAME_LEN);
			size_t j = i;
			for (; j >= gap && name_cmp(l->names[j - gap], t) > 0; j -= gap)
				ss_memcopy(l->names[j], l->names[j - gap], NAME_LEN);
			ss_memcopy(l->names[j], t, NAME_LEN);
		}
	}
}

struct counter {
	char *p;
	size_t n, cap;
};

static void to_mem(void *ctx, const char *s, size_t n)
{
	struct counter *c = ctx;
	if (c->p != NULL && ss_in_bounds(c->n, n, c->cap))
		ss_memcopy(c->p + c->n, s, n);
	c->n += n;
}

/* The report folder as the page links it: relative to the page's folder, '/'-separated
 * ("reports", or "../other/r" for a folder beside the page's). */
static void rel_dir(const char *report_dir, const char *page, char *out, size_t cap)
{
	size_t cut = ss_strlen(page), o = 0;
	while (cut > 0 && page[cut - 1] != '\\')
		cut--;
	const char *r = report_dir;
	if (cut > 0 && ss_strlen(report_dir) >= cut && ss_memeq(report_dir, page, cut)) {
		r = report_dir + cut;
	} else {
		for (size_t i = 1; i < cut && o + 4 < cap; i++) /* one "../" per folder of the page */
			if (page[i] == '\\')
				ss_memcopy(out + o, "../", 3), o += 3;
		while (*r == '\\')
			r++;
	}
	for (size_t i = 0; r[i] && o + 1 < cap; i++)
		out[o++] = r[i] == '\\' ? '/' : r[i];
	out[o] = '\0';
}

const char *fw_fleet_stick_write(const struct fw_fleet_files *ff, const char *report_dir,
				 const char *page, const char *lang)
{
	const struct fw_files *fs = ff->fs;
	void *ctx = fs->ctx;
	const char *why = NULL;
	struct listing l = { NULL, 0, 0 };
	struct fw_fleet *f = fs->alloc(ctx, sizeof(*f));
	struct fw_fleet_machine *m = fs->alloc(ctx, FW_FLEET_MAX * sizeof(*m));
	struct fw_fleet_bad *bad = fs->alloc(ctx, 64 * sizeof(*bad));
	char *html = NULL;
	l.names = fs->alloc(ctx, NAMES_MAX * sizeof(*l.names));
	if (f == NULL || m == NULL || bad == NULL || l.names == NULL) {
		why = "out of memory";
		goto out;
	}
	fw_fleet_init(f, m, FW_FLEET_MAX, bad, 64);
	int err = ff->list(ctx, report_dir, each, &l);
	if (err != 0) {
		why = fs->why(ctx, err);
		goto out;
	}
	char rel[160], path[300], file[260], tmp[300];
	sort_names(&l);
	rel_dir(report_dir, page, rel, sizeof(rel));
	for (size_t i = 0; i < l.n; i++) {
		char *data = NULL;
		size_t len = 0;
		ss_fmt(path, sizeof(path), "%s\\%s", report_dir, l.names[i]);
		ss_fmt(file, sizeof(file), "%s%s%s", rel, rel[0] ? "/" : "", l.names[i]);
		err = ff->read(ctx, path, REPORT_MAX, &data, &len);
		if (err != 0) {
			fw_fleet_add_bad(f, file, fs->why(ctx, err));
			continue;
		}
		fw_fleet_add(f, file, data, len);
		fs->release(ctx, data);
	}
	/* measure, then render into an exact buffer */
	struct counter c = { NULL, 0, 0 };
	fw_fleet_html(f, lang, "USB stick", to_mem, &c);
	html = fs->alloc(ctx, c.n ? c.n : 1);
	if (html == NULL) {
		why = "out of memory";
		goto out;
	}
	c.p = html, c.cap = c.n, c.n = 0;
	fw_fleet_html(f, lang, "USB stick", to_mem, &c);
	if (ss_fmt(tmp, sizeof(tmp), "%s.new", page) >= sizeof(tmp)) {
		why = "path too long";
		goto out;
	}
	(void)fs->remove(ctx, tmp); /* left by a cut during an earlier run */
	err = fs->write_new(ctx, tmp, html, c.n);
	if (err == 0 && fs->exists(ctx, page))
		err = fs->remove(ctx, page);
	if (err == 0) {
		size_t b = ss_strlen(page);
		while (b > 0 && page[b - 1] != '\\')
			b--;
		err = ff->rename(ctx, tmp, page + b);
	}
	if (err != 0)
		why = fs->why(ctx, err);
out:
	if (html != NULL)
		fs->release(ctx, html);
	if (l.names != NULL)
		fs->release(ctx, l.names);
	if (bad != NULL)
		fs->release(ctx, bad);
	if (m != NULL)
		fs->release(ctx, m);
	if (f != NULL)
		fs->release(ctx, f);
	return why;
}

void fw_fleet_stick_note(struct fw_saved *saved, const char *page, const char *why)
{
	ss_fmt(saved->fleet, sizeof(saved->fleet), "%s", page);
	ss_fmt(saved->fleet_no, sizeof(saved->fleet_no), "%s", why ? why : "");
}
