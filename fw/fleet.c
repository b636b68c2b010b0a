/* SPDX-License-Identifier: MIT */
/* The fleet read back from report JSON files (see fleet.h). */
#include "fleet.h"

#include "bytes.h"

static const char *const verdicts[FW_FV_COUNT] = { "ready", "ready-with-warnings", "not-ready",
						    "error" };

const char *fw_fleet_verdict_str(enum fw_fleet_verdict v)
{
	return v < FW_FV_COUNT ? verdicts[v] : "error";
}

void fw_fleet_init(struct fw_fleet *f, struct fw_fleet_machine *m, size_t cap,
		   struct fw_fleet_bad *bad, size_t badcap)
{
	ss_memfill(f, 0, sizeof(*f));
	f->m = m;
	f->cap = cap;
	f->bad = bad;
	f->badcap = badcap;
}

size_t fw_fleet_total(const struct fw_fleet *f)
{
	size_t t = 0;
	for (size_t v = 0; v < FW_FV_COUNT; v++)
		t += f->count[v];
	return t;
}

/* Copy, cut on a UTF-8 character boundary when it does not fit (a cut never leaves half a
 * character for the page to show as a replacement mark). */
static void copy(char *dst, size_t cap, const char *src)
{
	size_t n = ss_strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	ss_memcopy(dst, src, n);
	dst[n] = '\0';
}

/* Where each field of a report lives (docs/REPORT.md). */
struct field {
	const char *parent; /* NULL: a top-level key */
	const char *key;
	size_t off, cap;
};
#define F(parent, key, member)                                                            \
	{ parent, key, offsetof(struct fw_fleet_machine, member),                         \
	  sizeof(((struct fw_fleet_machine *)0)->member) }
static const struct field fields[] = {
	F(0, "windows7_kms", windows7_kms),
	F(0, "windows7_reason", reason),
	F(0, "predicted_error", predicted_error),
	F(0, "why", why),
	F("machine", "system_manufacturer", manufacturer),
	F("machine", "system_product", model),
	F("machine", "system_serial", serial),
	F("machine", "bios_version", bios_version),
	F("machine", "firmware_time", time),
};
#undef F

struct seen {
	struct fw_fleet *f;
	bool tool, verdict;
};

static void on_value(void *ctx, const struct fw_json_path *at, enum fw_json_kind kind,
		     const char *v)
{
	struct seen *s = ctx;
	struct fw_fleet *f = s->f;
	struct fw_fleet_machine *m = &f->cur;
	if (at->depth == 1 && kind == FW_JSON_STRING) {
		if (ss_streq(at->key[0], "tool") && ss_streq(v, "slicscan"))
			s->tool = true;
		if (ss_streq(at->key[0], "verdict"))
			for (size_t i = 0; i < FW_FV_COUNT; i++)
				if (ss_streq(v, verdicts[i])) {
					m->verdict = (enum fw_fleet_verdict)i;
					s->verdict = true;
				}
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct field *fd = &fields[i];
		bool here = fd->parent ? at->depth == 2 && ss_streq(at->key[0], fd->parent) &&
						 ss_streq(at->key[1], fd->key)
				       : at->depth == 1 && ss_streq(at->key[0], fd->key);
		if (here && kind == FW_JSON_STRING)
			copy((char *)m + fd->off, fd->cap, v);
	}
	/* findings[].id / .severity: the cause of a failure, as acpi/advice.c decides it */
	if (at->depth == 3 && ss_streq(at->key[0], "findings")) {
		if (kind == FW_JSON_STRING && ss_streq(at->key[2], "id"))
			copy(f->cur_id, sizeof(f->cur_id), v);
		if (kind == FW_JSON_STRING && ss_streq(at->key[2], "severity"))
			copy(f->cur_sev, sizeof(f->cur_sev), v);
	}
	if (at->depth == 2 && kind == FW_JSON_OBJECT_END && ss_streq(at->key[0], "findings")) {
		enum ss_finding_id id = ss_finding_by_id(f->cur_id, ss_strlen(f->cur_id));
		if (ss_streq(f->cur_sev, "error"))
			m->cause = ss_cause_fold(m->cause, id, SS_SEV_ERROR);
		f->cur_id[0] = f->cur_sev[0] = '\0';
	}
}

static void add_bad(struct fw_fleet *f, const char *file, const char *why)
{
	if (f->nbad >= f->badcap) {
		f->bad_dropped++;
		return;
	}
	copy(f->bad[f->nbad].file, sizeof(f->bad[0].file), file);
	copy(f->bad[f->nbad].why, sizeof(f->bad[0].why), why);
	f->nbad++;
}

void fw_fleet_add_bad(struct fw_fleet *f, const char *file, const char *why)
{
	add_bad(f, file, why);
}

/* The report's name and its .txt beside it, from "dir/NAME.json". */
static void names(struct fw_fleet_machine *m, const char *file)
{
	size_t n = ss_strlen(file), b = n;
	while (b > 0 && file[b - 1] != '/' && file[b - 1] != '\\')
		b--;
	size_t stem = n;
	if (n >= 5 && ss_streq(file + n - 5, ".json"))
		stem = n - 5;
	ss_fmt(m->name, sizeof(m->name), "%.*s", (int)(stem - b), file + b);
	if (ss_fmt(m->link, sizeof(m->link), "%.*s.txt", (int)stem, file) >= sizeof(m->link))
		m->link[0] = '\0';
}

void fw_fleet_add(struct fw_fleet *f, const char *file, const char *data, size_t len)
{
	struct seen s = { f, false, false };
	ss_memfill(&f->cur, 0, sizeof(f->cur));
	f->cur_id[0] = f->cur_sev[0] = '\0';
	if (fw_json_read(&f->rd, data, len, on_value, &s) != 0) {
		char why[96];
		ss_fmt(why, sizeof(why), "%s (byte %lu of %lu)", f->rd.why,
		       (unsigned long)f->rd.at, (unsigned long)len);
		add_bad(f, file, len == 0 ? "empty file" : why);
		return;
	}
	if (!s.tool || !s.verdict) {
		add_bad(f, file, s.tool ? "no known verdict in it" : "not a slicscan report");
		return;
	}
	f->count[f->cur.verdict]++;
	if (f->n >= f->cap) {
		f->dropped++;
		return;
	}
	names(&f->cur, file);
	f->m[f->n++] = f->cur;
}
