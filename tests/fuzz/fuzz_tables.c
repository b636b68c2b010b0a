/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes split into raw tables (and served as firmware memory through the
 * read seam) -> the whole core -> verdict. Reaches the SLIC/MSDM rules far faster than text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "slicscan.h"

struct mem {
	const unsigned char *d;
	size_t n;
	uint64_t base;
};

/* Physical memory = the fuzz input mapped at 0x1000; anything else is unreadable. */
static int mem_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	const struct mem *m = ctx;
	if (addr < m->base || addr - m->base > m->n || len > m->n - (addr - m->base))
		return -1;
	memcpy(dst, m->d + (addr - m->base), len);
	return 0;
}

static void sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	(void)s;
	(void)n;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static struct ss_tableset set;
	static struct ss_result r;
	static struct ss_policy p;
	static unsigned char arena[1 << 20];
	ss_policy_init(&p);
	if (len && (data[0] & 1))
		p.target = SS_TARGET_WIN8;

	/* 1. raw tables: each chunk is [u16 length][bytes], copied to exact-size buffers */
	unsigned char *bufs[64];
	size_t nb = 0, off = len ? 1 : 0;
	ss_tableset_init(&set, NULL, 0);
	while (off + 2 <= len && nb < 64) {
		size_t n = (size_t)data[off] | (size_t)data[off + 1] << 8;
		off += 2;
		if (n > len - off)
			n = len - off;
		bufs[nb] = malloc(n ? n : 1);
		memcpy(bufs[nb], data + off, n);
		ss_tableset_add(&set, bufs[nb], n, 0, SS_ORIGIN_RAW, "fuzz");
		nb++;
		off += n;
	}
	ss_judge(&set, &p, &r);
	ss_render_json(&r, NULL, sink, NULL);
	ss_render_text(&r, NULL, sink, NULL);
	ss_render_csv(&r, NULL, sink, NULL);
	for (size_t i = 0; i < nb; i++)
		free(bufs[i]);

	/* 2. the same bytes as firmware memory: RSDP at 0x1000 (the input's start) */
	struct mem m = { data, len, 0x1000 };
	ss_tableset_init(&set, arena, sizeof(arena));
	ss_collect_firmware(&set, mem_read, &m, 0x1000, 0x1000);
	ss_judge(&set, &p, &r);
	ss_render_json(&r, NULL, sink, NULL);
	if ((unsigned)r.exit_code > SS_EXIT_CANNOT_JUDGE)
		abort();
	return 0;
}
