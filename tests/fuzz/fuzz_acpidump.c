/* SPDX-License-Identifier: MIT */
/* libFuzzer target: acpidump text bytes (ASCII, or UTF-16 with a BOM: scripts/fuzz seeds both)
 * -> the whole core -> verdict, text and JSON. */
#include <stdlib.h>
#include <string.h>

#include "slicscan.h"

static void sink(void *ctx, const char *s, size_t n)
{
	size_t *total = ctx;
	for (size_t i = 0; i < n; i++)
		*total += (unsigned char)s[i]; /* touch every byte the renderer produced */
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static struct ss_tableset set;
	static struct ss_result r;
	static struct ss_policy p;
	size_t cap = len / 3 + 4096;
	unsigned char *arena = malloc(cap);
	char *text = malloc(len ? len : 1); /* exact size so ASan sees any over-read */
	if (!arena || !text)
		abort();
	memcpy(text, data, len);
	ss_policy_init(&p);
	ss_tableset_init(&set, arena, cap);
	ss_scan_acpidump(&set, text, len, &p, &r);
	if ((unsigned)r.exit_code > SS_EXIT_CANNOT_JUDGE)
		abort();
	size_t total = 0;
	ss_render_text(&r, NULL, sink, &total);
	ss_render_text_lang(&r, NULL, SS_LANG_ZH_TW, sink, &total);
	/* display width and line breaks over arbitrary bytes (malformed UTF-8 too): every
	 * piece is at least one byte and no more than what is left */
	for (size_t off = 0, k; off < len; off += k) {
		k = ss_text_fit(text + off, len - off, 1 + (unsigned char)text[off] % 80);
		if (k == 0 || k > len - off)
			abort();
		total += ss_text_cols(text + off, k);
	}
	ss_render_json(&r, NULL, sink, &total);
	ss_render_csv(&r, NULL, sink, &total);
	free(text);
	free(arena);
	return 0;
}
