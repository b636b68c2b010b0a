/* SPDX-License-Identifier: MIT */
/* libFuzzer target: report JSON bytes -> the fleet (fw/jsonread.c, fw/fleet.c) -> the page
 * (fw/fleet_html.c). Every input is either one machine or one unreadable file, and the page
 * never carries a raw '<' from a report (the input's "<" must come out escaped). */
#include <stdlib.h>
#include <string.h>

#include "fleet.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

struct page {
	char *p;
	size_t n, cap;
};

static void sink(void *ctx, const char *s, size_t n)
{
	struct page *pg = ctx;
	if (pg->n + n + 1 > pg->cap) {
		pg->cap = (pg->n + n + 1) * 2;
		pg->p = realloc(pg->p, pg->cap);
	}
	memcpy(pg->p + pg->n, s, n);
	pg->n += n;
	pg->p[pg->n] = 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t c = 0;
	for (const char *q = hay; (q = strstr(q, needle)) != NULL; q++)
		c++;
	return c;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static struct fw_fleet f;
	static struct fw_fleet_machine m[2];
	static struct fw_fleet_bad bad[2];
	char *text = malloc(len ? len : 1);
	memcpy(text, data, len);
	fw_fleet_init(&f, m, 2, bad, 2);
	fw_fleet_add(&f, "reports/x.json", text, len);
	if (f.n + f.nbad != 1 || fw_fleet_total(&f) != f.n)
		abort();
	for (size_t i = 0; i < f.n; i++) {
		const struct fw_fleet_machine *x = &f.m[i];
		if (!memchr(x->manufacturer, 0, sizeof(x->manufacturer)) ||
		    !memchr(x->why, 0, sizeof(x->why)) || x->verdict >= FW_FV_COUNT)
			abort();
	}
	struct page pg = { 0 };
	fw_fleet_html(&f, "en", "fuzz", sink, &pg);
	/* whatever the report holds, the page has our one script and balanced isolates */
	if (count(pg.p, "<script") != 1 || count(pg.p, "<bdi") != count(pg.p, "</bdi>"))
		abort();
	free(pg.p);
	free(text);
	return 0;
}
