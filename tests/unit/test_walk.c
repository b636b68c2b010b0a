/* SPDX-License-Identifier: MIT */
/* Unit tests of the firmware walk (acpi/walk.c) through its one mock seam, the ss_read_fn
 * callback: a fake physical memory made of a few regions holding the fixture tables at their
 * addresses. The mock refuses (returns failure for) every read that does not lie wholly inside
 * one region and never touches memory outside it; it counts reads so the walk can be shown to
 * be bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

#define LOW_BASE 0x000f0000ull  /* the BIOS area: RSDPs */
#define LOW_SIZE 0x100u
#define MAIN_BASE 0x7ff00000ull /* ACPI reclaim memory: the tables */
#define MAIN_SIZE 0x4000u
#define HIGH_BASE 0x100000000ull /* above 4 GiB: reachable only through 64-bit XSDT entries */
#define HIGH_SIZE 0x1000u
#define RSDP1_ADDR 0x000f0080ull /* a revision-0 (ACPI 1.0) RSDP */

struct region {
	uint64_t base;
	size_t size;
	uint8_t *bytes;
};

struct mem {
	struct region reg[8];
	size_t nreg;
	size_t reads, failed, bytes;
	size_t max_len;
	/* reads of more than watch_len bytes starting at watch_addr (0: not watched) */
	uint64_t watch_addr;
	size_t watch_len, watch_violations;
};

static int mock_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	struct mem *m = ctx;
	m->reads++;
	if (!dst)
		fail_msg("read into NULL");
	if (len > m->max_len)
		m->max_len = len;
	if (m->watch_addr && addr == m->watch_addr && len > m->watch_len)
		m->watch_violations++;
	for (size_t i = 0; i < m->nreg; i++) {
		const struct region *r = &m->reg[i];
		if (addr >= r->base && len <= r->size && addr - r->base <= r->size - len) {
			memcpy(dst, r->bytes + (addr - r->base), len);
			m->bytes += len;
			return 0;
		}
	}
	m->failed++;
	return -1;
}

static void mem_region(struct mem *m, uint64_t base, size_t size)
{
	assert_true(m->nreg < sizeof(m->reg) / sizeof(m->reg[0]));
	struct region *r = &m->reg[m->nreg++];
	r->base = base;
	r->size = size;
	r->bytes = fx_malloc(size);
	memset(r->bytes, 0xaf, size); /* not zero: unused memory must not look like anything */
}

static void mem_put(struct mem *m, uint64_t addr, const void *p, size_t len)
{
	for (size_t i = 0; i < m->nreg; i++) {
		struct region *r = &m->reg[i];
		if (addr >= r->base && len <= r->size && addr - r->base <= r->size - len) {
			memcpy(r->bytes + (addr - r->base), p, len);
			return;
		}
	}
	fail_msg("fixture: 0x%llx+%zu is outside the mock memory", (unsigned long long)addr, len);
}

/* The mock memory with every present fixture table at its address. */
static void mem_from_fx(struct mem *m, const struct fx *f)
{
	memset(m, 0, sizeof(*m));
	mem_region(m, LOW_BASE, LOW_SIZE);
	mem_region(m, MAIN_BASE, MAIN_SIZE);
	mem_region(m, HIGH_BASE, HIGH_SIZE);
	for (size_t i = 0; i < f->n; i++)
		if (f->t[i].present)
			mem_put(m, f->t[i].addr, f->t[i].b, f->t[i].len);
}

static void mem_free(struct mem *m)
{
	for (size_t i = 0; i < m->nreg; i++)
		fx_free(m->reg[i].bytes);
	m->nreg = 0;
}

/* Walk from rsdp (2.0 pointer) / rsdp1 (1.0 pointer) with an arena of arena_cap, then judge. */
static struct ss_result *walk(struct fx_run *run, struct mem *m, uint64_t rsdp, uint64_t rsdp1,
			      size_t arena_cap, const struct ss_policy *p)
{
	fx_run_init(run, arena_cap);
	ss_collect_firmware(run->set, mock_read, m, rsdp, rsdp1);
	assert_true(run->set->walked_firmware);
	assert_true(run->set->arena_used <= run->set->arena_cap);
	for (size_t i = 0; i < run->set->n; i++) {
		const struct ss_table *t = &run->set->t[i];
		assert_int_equal(t->origin, SS_ORIGIN_MEMORY);
		assert_true(t->data >= run->arena && t->data + t->len <= run->arena + arena_cap);
	}
	ss_judge(run->set, p, run->r);
	return run->r;
}

/* Rewrite a root table's entries (and its checksum). */
static void set_entries(struct fx *f, size_t root, const uint64_t *a, size_t n)
{
	struct fx_tab *t = &f->t[root];
	size_t es = root == FX_XSDT ? 8 : 4;
	assert_true(36 + es * n <= FX_CAP);
	for (size_t i = 0; i < n; i++) {
		if (es == 8)
			fx_le64(t->b + 36 + 8 * i, a[i]);
		else
			fx_le32(t->b + 36 + 4 * i, (uint32_t)a[i]);
	}
	t->len = 36 + es * n;
	fx_le32(t->b + 4, (uint32_t)t->len);
	fx_fix(f, root);
}

static const struct ss_table *find_table(const struct ss_tableset *s, uint64_t addr)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].addr == addr)
			return &s->t[i];
	return NULL;
}

/* ---- the good walk -------------------------------------------------------------------------- */

static void test_good_walk(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	mem_from_fx(&m, &f);
	fx_policy(&p, true);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_problems(r, "");
	assert_string_equal(r->win7_reason, "valid-marker");
	assert_int_equal(run.set->n, FX_NSTD);
	for (size_t i = 0; i < FX_NSTD; i++) {
		const struct ss_table *t = find_table(run.set, f.t[i].addr);
		assert_non_null(t);
		assert_int_equal(t->len, f.t[i].len);
		assert_memory_equal(t->data, f.t[i].b, f.t[i].len);
		size_t k = (size_t)(t - run.set->t);
		unsigned want = i >= FX_FACP ? SS_LISTED_RSDT | SS_LISTED_XSDT : 0;
		assert_int_equal(r->listed[k], want);
	}
	assert_int_equal(m.failed, 0);
	/* RSDP, then per table a header read and a whole read */
	assert_true(m.reads <= 1 + 2 * 5);
	fx_run_free(&run);
	mem_free(&m);
}

/* The same tables walked and handed over raw judge alike. */
static void test_walk_judges_like_raw(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run, raw;
	fx_init(&f);
	f.t[FX_SLIC].b[FX_MK_OFF + 60] ^= 1; /* signature */
	fx_fix(&f, FX_SLIC);
	mem_from_fx(&m, &f);
	fx_policy(&p, true);
	struct ss_result *a = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	struct ss_result *b = fx_judge(&raw, &f, &p);
	char x[512], y[512];
	assert_string_equal(fx_ids(a, SS_SEV_INFO, x, sizeof(x)), fx_ids(b, SS_SEV_INFO, y, sizeof(y)));
	assert_string_equal(a->win7_reason, "invalid-marker:signature");
	assert_int_equal(a->exit_code, SS_EXIT_NOT_READY);
	fx_run_free(&run);
	fx_run_free(&raw);
	mem_free(&m);
}

/* ---- the RSDP -------------------------------------------------------------------------------- */

static void put_rsdp1(struct mem *m, uint32_t rsdt)
{
	uint8_t b[20] = { 0 };
	memcpy(b, "RSD PTR ", 8);
	memcpy(b + 9, FX_OEM, 6);
	b[15] = 0;
	fx_le32(b + 16, rsdt);
	fx_checksum_at(b, 20, 8);
	mem_put(m, RSDP1_ADDR, b, sizeof(b));
}

static void test_rsdp_fallback(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);

	/* the 2.0 RSDP's 20-byte checksum is bad: the 1.0 pointer is used */
	fx_init(&f);
	f.t[FX_RSDP].b[8] ^= 0x55;
	mem_from_fx(&m, &f);
	put_rsdp1(&m, (uint32_t)FX_RSDT_ADDR);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, RSDP1_ADDR, 1 << 16, &p);
	assert_finding(r, SS_F_RSDP_INVALID, SS_SEV_WARNING);
	assert_non_null(find_table(run.set, RSDP1_ADDR));
	assert_null(find_table(run.set, FX_RSDP_ADDR));
	assert_null(find_table(run.set, FX_XSDT_ADDR)); /* a 1.0 RSDP has no XSDT pointer */
	assert_non_null(find_table(run.set, FX_SLIC_ADDR));
	assert_int_equal(r->slic[0].ids[SS_CMP_RSDT], SS_MATCH_YES);
	assert_int_equal(r->slic[0].ids[SS_CMP_XSDT], SS_MATCH_NA);
	assert_problems(r, "rsdp-invalid");
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	fx_run_free(&run);
	mem_free(&m);

	/* no signature at the 2.0 pointer, the 2.0 pointer unreadable, or 0: same fallback */
	static const uint64_t bad2[] = { FX_RSDP_ADDR + 1, 0xdead0000, 0 };
	for (size_t i = 0; i < 3; i++) {
		fx_init(&f);
		mem_from_fx(&m, &f);
		put_rsdp1(&m, (uint32_t)FX_RSDT_ADDR);
		r = walk(&run, &m, bad2[i], RSDP1_ADDR, 1 << 16, &p);
		assert_problems(r, bad2[i] ? "rsdp-invalid" : "");
		assert_non_null(find_table(run.set, FX_SLIC_ADDR));
		assert_int_equal(r->win7_kms, SS_KMS_READY);
		fx_run_free(&run);
		mem_free(&m);
	}

	/* both bad: nothing can be read, cannot judge */
	fx_init(&f);
	f.t[FX_RSDP].b[8] ^= 0x55;
	mem_from_fx(&m, &f);
	put_rsdp1(&m, (uint32_t)FX_RSDT_ADDR);
	uint8_t junk = 0x11;
	mem_put(&m, RSDP1_ADDR + 8, &junk, 1); /* the 1.0 checksum byte */
	r = walk(&run, &m, FX_RSDP_ADDR, RSDP1_ADDR, 1 << 16, &p);
	assert_int_equal(fx_count(r, SS_F_RSDP_INVALID), 2);
	assert_finding(r, SS_F_NO_ROOT_TABLES, SS_SEV_FATAL);
	assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	assert_int_equal(run.set->n, 0);
	assert_string_equal(r->win7_reason, "cannot-judge");
	assert_null(r->predicted_error);
	fx_run_free(&run);

	/* no pointer at all: nothing is read */
	size_t before = m.reads;
	r = walk(&run, &m, 0, 0, 1 << 16, &p);
	assert_finding(r, SS_F_NO_ROOT_TABLES, SS_SEV_FATAL);
	assert_int_equal(m.reads, before);
	fx_run_free(&run);
	mem_free(&m);
}

/* Cannot judge in firmware: the screen must fit the case. No RSDP pointer at all (a machine
 * without ACPI: the QEMU no-acpi scenarios) is not told to install Windows and check
 * activation afterwards (Vista / 7 need ACPI); a broken pointer, where slicscan may be the
 * one that cannot read what Windows can, keeps that way out. Both banners say plainly that
 * not one table was read. */
static void test_cannot_judge_advice(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	mem_from_fx(&m, &f);
	static const struct {
		uint64_t rsdp;
		const char *has, *lacks;
	} c[] = {
		{ 0, "publishes no ACPI tables at all, and Windows Vista / 7 run only on PCs with ACPI",
		  "MGADiag" },
		{ 0xdead0000, "check activation after installing (MGADiag)", "publishes no ACPI" },
		{ FX_RSDP_ADDR + 1, "check activation after installing (MGADiag)", "publishes no ACPI" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct ss_result *r = walk(&run, &m, c[i].rsdp, 0, 1 << 16, &p);
		run.set->where = SS_WHERE_FIRMWARE;
		ss_judge(run.set, &p, r);
		assert_verdict(r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
		assert_int_equal(fx_count(r, SS_F_RSDP_INVALID), c[i].rsdp ? 1 : 0);
		assert_int_equal(r->ntodo, 1);
		/* the Why line tells "none" from "not valid" */
		const struct ss_finding *nr = NULL;
		for (size_t k = 0; k < r->nf; k++)
			if (r->f[k].id == SS_F_NO_ROOT_TABLES)
				nr = &r->f[k];
		assert_non_null(nr);
		assert_non_null(strstr(nr->msg, c[i].rsdp ? "publishes no valid RSDP"
							  : "publishes no RSDP (ACPI is off"));
		assert_non_null(strstr(r->todo[0], c[i].has));
		assert_null(strstr(r->todo[0], c[i].lacks));
		char *b = fx_render_banner(r);
		assert_non_null(strstr(b, "|  VERDICT: CANNOT JUDGE "));
		assert_non_null(strstr(b, "|  No ACPI table could be read: there is nothing to judge "));
		assert_null(strstr(b, "well enough"));
		fx_free(b);
		fx_run_free(&run);
	}
	/* elsewhere the advice fits there: a file or the running system */
	struct ss_result *r = walk(&run, &m, 0, 0, 1 << 16, &p);
	assert_non_null(strstr(r->todo[0], "Take the dump again"));
	run.set->where = SS_WHERE_OS;
	ss_judge(run.set, &p, r);
	assert_non_null(strstr(r->todo[0], "boot slicscan.efi"));
	fx_run_free(&run);
	mem_free(&m);
}

/* An RSDP at the very end of readable memory: 20 bytes readable, 36 not. */
static void test_rsdp_at_end_of_memory(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	mem_from_fx(&m, &f);
	uint64_t at = LOW_BASE + LOW_SIZE - 20;
	mem_put(&m, at, f.t[FX_RSDP].b, 20);
	struct ss_result *r = walk(&run, &m, at, 0, 1 << 16, &p);
	/* the revision-2 RSDP is kept with the 20 bytes that could be read; its XSDT pointer is
	 * not used, and its extended checksum cannot hold */
	const struct ss_table *t = find_table(run.set, at);
	assert_non_null(t);
	assert_int_equal(t->len, 20);
	assert_null(find_table(run.set, FX_XSDT_ADDR));
	assert_finding(r, SS_F_RSDP_EXT_CHECKSUM, SS_SEV_WARNING);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	fx_run_free(&run);
	mem_free(&m);
}

static void test_rsdp_ext_checksum(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	f.t[FX_RSDP].b[32] ^= 1;
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_problems(r, "rsdp-ext-checksum");
	fx_run_free(&run);
	mem_free(&m);
}

/* ---- root table entries --------------------------------------------------------------------- */

static void test_entry_outside_memory(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	uint64_t ra[] = { FX_FACP_ADDR, FX_SLIC_ADDR, FX_MSDM_ADDR, 0x12345678 };
	set_entries(&f, FX_RSDT, ra, 4);
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_ROOT_POINTER_BAD)->msg, "0x12345678"));
	assert_problems(r, "root-pointer-bad");
	assert_int_equal(run.set->n, FX_NSTD);
	/* the unread table could have been a SLIC: the prediction is not "ready" but unverified */
	assert_int_equal(r->win7_kms, SS_KMS_UNVERIFIED);
	assert_string_equal(r->win7_reason, "cannot-judge");
	assert_int_equal(r->exit_code, SS_EXIT_WARNINGS);
	fx_run_free(&run);
	mem_free(&m);

	/* the RSDP's own RSDT pointer into nowhere: the XSDT still leads to the tables */
	fx_init(&f);
	fx_le32(f.t[FX_RSDP].b + 16, 0x0badf00d);
	fx_fix(&f, FX_RSDP);
	mem_from_fx(&m, &f);
	r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_null(find_table(run.set, FX_RSDT_ADDR));
	assert_non_null(find_table(run.set, FX_SLIC_ADDR));
	assert_int_equal(r->slic[0].ids[SS_CMP_XSDT], SS_MATCH_YES);
	fx_run_free(&run);
	mem_free(&m);

	/* an RSDT pointer to a table that is not an RSDT */
	fx_init(&f);
	fx_le32(f.t[FX_RSDP].b + 16, (uint32_t)FX_FACP_ADDR);
	fx_fix(&f, FX_RSDP);
	mem_from_fx(&m, &f);
	r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_ROOT_POINTER_BAD)->msg, "FACP"));
	fx_run_free(&run);
	mem_free(&m);
}

static void test_entry_null(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	uint64_t xa[] = { FX_FACP_ADDR, 0, FX_SLIC_ADDR, FX_MSDM_ADDR };
	set_entries(&f, FX_XSDT, xa, 4);
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_NULL, SS_SEV_INFO); /* ignored, as OSes do */
	assert_string_equal(fx_find(r, SS_F_ROOT_POINTER_NULL)->table, "XSDT");
	assert_problems(r, "");
	assert_int_equal(run.set->n, FX_NSTD);
	fx_run_free(&run);
	mem_free(&m);
}

static void test_entry_cycle(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	uint64_t xa[] = { FX_FACP_ADDR, FX_XSDT_ADDR, FX_SLIC_ADDR, FX_MSDM_ADDR };
	set_entries(&f, FX_XSDT, xa, 4);
	uint64_t ra[] = { FX_FACP_ADDR, FX_SLIC_ADDR, FX_MSDM_ADDR, FX_XSDT_ADDR };
	set_entries(&f, FX_RSDT, ra, 4);
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_int_equal(fx_count(r, SS_F_ROOT_CYCLE), 2);
	assert_finding(r, SS_F_ROOT_CYCLE, SS_SEV_INFO);
	assert_int_equal(run.set->n, FX_NSTD);
	assert_problems(r, "");
	assert_int_equal(m.failed, 0);
	fx_run_free(&run);
	mem_free(&m);
}

static void test_entry_duplicate(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	uint64_t ra[] = { FX_FACP_ADDR, FX_SLIC_ADDR, FX_MSDM_ADDR, FX_SLIC_ADDR };
	set_entries(&f, FX_RSDT, ra, 4);
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_DUPLICATE_ENTRY, SS_SEV_INFO); /* read once: harmless */
	assert_problems(r, "");
	assert_int_equal(run.set->n, FX_NSTD);
	assert_int_equal(r->nslic, 1);
	fx_run_free(&run);
	mem_free(&m);
}

static void test_rsdt_xsdt_differ(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	f.t[FX_MSDM].in_xsdt = false;
	fx_relist(&f);
	mem_from_fx(&m, &f);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_RSDT_XSDT_DIFFER, SS_SEV_INFO); /* common on healthy PCs */
	assert_non_null(strstr(fx_find(r, SS_F_RSDT_XSDT_DIFFER)->msg, "1 table(s) only in the RSDT, 0 only"));
	assert_problems(r, "");
	const struct ss_table *t = find_table(run.set, FX_MSDM_ADDR);
	assert_int_equal(r->listed[t - run.set->t], SS_LISTED_RSDT);
	fx_run_free(&run);
	mem_free(&m);

	/* the SLIC only in the XSDT */
	fx_init(&f);
	f.t[FX_SLIC].in_rsdt = false;
	fx_relist(&f);
	mem_from_fx(&m, &f);
	r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_problems(r, "");
	t = find_table(run.set, FX_SLIC_ADDR);
	assert_int_equal(r->listed[t - run.set->t], SS_LISTED_XSDT);
	fx_run_free(&run);
	mem_free(&m);
}

/* RSDT length 36 + 4n + 2: the partial entry is ignored and reported. */
static void test_partial_entry(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	for (size_t extra = 1; extra < 8; extra++) {
		size_t root = extra < 4 ? FX_RSDT : FX_XSDT;
		size_t es = root == FX_XSDT ? 8 : 4;
		fx_init(&f);
		struct fx_tab *t = &f.t[root];
		/* the partial entry's bytes point at a table that must not be loaded */
		memset(t->b + t->len, 0x00, 8);
		fx_le32(t->b + t->len, (uint32_t)(FX_EXTRA_ADDR));
		t->len += extra % es ? extra % es : 1;
		fx_le32(t->b + 4, (uint32_t)t->len);
		fx_fix(&f, root);
		mem_from_fx(&m, &f);
		uint8_t other[36];
		fx_header(other, "OEMZ", 36, 1, FX_OEM, FX_TAB);
		fx_checksum_at(other, 36, 9);
		mem_put(&m, FX_EXTRA_ADDR, other, sizeof(other));
		struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
		assert_finding(r, SS_F_ROOT_PARTIAL_ENTRY, SS_SEV_INFO); /* never read */
		assert_problems(r, "");
		assert_null(find_table(run.set, FX_EXTRA_ADDR));
		assert_int_equal(run.set->n, FX_NSTD);
		fx_run_free(&run);
		mem_free(&m);
	}
}

/* A table whose header claims 0xFFFFFFFF bytes: only its header is read. */
static void test_huge_length_capped(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	static const uint32_t lens[] = { 0xffffffffu, SS_MAX_TABLE_LEN + 1, 0x80000000u, 0, 35 };
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		fx_init(&f);
		uint8_t t[36];
		fx_header(t, "OEMY", lens[i], 1, FX_OEM, FX_TAB);
		size_t k = fx_add(&f, t, sizeof(t));
		mem_from_fx(&m, &f);
		m.watch_addr = f.t[k].addr;
		m.watch_len = 36;
		struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
		assert_int_equal(m.watch_violations, 0);
		assert_true(m.max_len <= FX_SLIC_LEN);
		const struct ss_table *tt = find_table(run.set, f.t[k].addr);
		assert_non_null(tt);
		assert_int_equal(tt->len, 36);
		assert_int_equal(tt->declared_len, lens[i]);
		/* a table activation never reads: a fact, not a warning */
		assert_finding(r, SS_F_TABLE_OTHER_DAMAGED, SS_SEV_INFO);
		assert_non_null(strstr(fx_find(r, SS_F_TABLE_OTHER_DAMAGED)->msg, "length"));
		assert_int_equal(r->win7_kms, SS_KMS_READY);
		fx_run_free(&run);
		mem_free(&m);
	}

	/* the SLIC itself claiming 0xFFFFFFFF: judged (firmware memory), not ready */
	fx_init(&f);
	fx_le32(f.t[FX_SLIC].b + 4, 0xffffffffu);
	fx_fix(&f, FX_SLIC);
	mem_from_fx(&m, &f);
	m.watch_addr = FX_SLIC_ADDR;
	m.watch_len = 36;
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_int_equal(m.watch_violations, 0);
	assert_finding(r, SS_F_SLIC_SHORT, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	fx_run_free(&run);
	mem_free(&m);
}

/* A SLIC that straddles the end of readable memory: its header can be read, its body not. */
static void test_table_straddles_end(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	f.t[FX_SLIC].addr = MAIN_BASE + MAIN_SIZE - 100;
	fx_relist(&f);
	f.t[FX_SLIC].present = false; /* placed by hand below: only 100 bytes fit */
	mem_from_fx(&m, &f);
	f.t[FX_SLIC].present = true;
	mem_put(&m, f.t[FX_SLIC].addr, f.t[FX_SLIC].b, 100);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_ROOT_POINTER_BAD)->msg, "past readable memory"));
	const struct ss_table *t = find_table(run.set, f.t[FX_SLIC].addr);
	assert_non_null(t);
	assert_int_equal(t->len, 36);
	/* firmware memory: the SLIC is judged as it can be read */
	assert_finding(r, SS_F_SLIC_SHORT, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	fx_run_free(&run);

	/* the header itself straddles: a bad pointer, no table */
	fx_init(&f);
	f.t[FX_SLIC].addr = MAIN_BASE + MAIN_SIZE - 20;
	fx_relist(&f);
	f.t[FX_SLIC].present = false;
	mem_free(&m);
	mem_from_fx(&m, &f);
	mem_put(&m, MAIN_BASE + MAIN_SIZE - 20, f.t[FX_SLIC].b, 20);
	r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_null(find_table(run.set, MAIN_BASE + MAIN_SIZE - 20));
	assert_int_equal(r->nslic, 0);
	fx_run_free(&run);
	mem_free(&m);
}

/* XSDT entries are 64-bit and unaligned (the XSDT body starts at +36): they must be read by
 * value, all 8 bytes. The XSDT sits at an odd address too. */
static void test_xsdt_unaligned_64bit(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	struct fx_run run;
	fx_policy(&p, true);
	fx_init(&f);
	f.t[FX_XSDT].addr = MAIN_BASE + 0x3001; /* odd */
	/* the SLIC only above 4 GiB in the XSDT; in the RSDT (32-bit) at its usual place */
	uint64_t high_slic = HIGH_BASE + 0x13;
	uint64_t xa[] = { FX_FACP_ADDR, high_slic, FX_MSDM_ADDR,
			  /* low 32 bits = the SLIC's, high bits set, nothing mapped there: it must
			   * not be taken for the SLIC */
			  0x0000000500000000ull | FX_SLIC_ADDR };
	set_entries(&f, FX_XSDT, xa, 4);
	fx_le64(f.t[FX_RSDP].b + 24, f.t[FX_XSDT].addr);
	fx_fix(&f, FX_RSDP);
	mem_from_fx(&m, &f);
	mem_put(&m, high_slic, f.t[FX_SLIC].b, f.t[FX_SLIC].len);
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 16, &p);
	const struct ss_table *hs = find_table(run.set, high_slic);
	assert_non_null(hs);
	assert_int_equal(hs->len, FX_SLIC_LEN);
	assert_memory_equal(hs->data, f.t[FX_SLIC].b, FX_SLIC_LEN);
	assert_null(find_table(run.set, 0x0000000500000000ull | FX_SLIC_ADDR));
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_non_null(strstr(fx_find(r, SS_F_ROOT_POINTER_BAD)->msg, "0x57ff00200"));
	/* two SLICs (same bytes at two addresses), each listed by one root */
	assert_int_equal(r->nslic, 2);
	assert_int_equal(r->listed[hs - run.set->t], SS_LISTED_XSDT);
	const struct ss_table *ls = find_table(run.set, FX_SLIC_ADDR);
	assert_int_equal(r->listed[ls - run.set->t], SS_LISTED_RSDT);
	assert_finding(r, SS_F_RSDT_XSDT_DIFFER, SS_SEV_INFO);
	/* the same bytes twice: one SLIC, a fact, not a warning */
	assert_finding(r, SS_F_SLIC_COPIES, SS_SEV_INFO);
	assert_no_finding(r, SS_F_SLIC_DUPLICATE);
	assert_int_equal(r->win7_kms, SS_KMS_UNVERIFIED); /* an entry could not be read */
	fx_run_free(&run);
	mem_free(&m);
}

/* ---- limits ----------------------------------------------------------------------------------- */

/* Arenas too small for the tables: out-of-space, never a write past the arena, and never a
 * confident "ready" for Windows 7 (the SLIC may be among the tables not read). */
static void test_arena_too_small(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct ss_policy p;
	fx_policy(&p, true);
	fx_init(&f);
	mem_from_fx(&m, &f);
	static const size_t caps[] = { 0, 8, 19, 20, 35, 36, 40, 80, 100, 200, 400, 700, 800 };
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		struct fx_run run;
		struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, caps[i], &p);
		if (!fx_find(r, SS_F_OUT_OF_SPACE)) {
			fx_print_findings(r);
			fail_msg("arena of %zu bytes: no out-of-space finding", caps[i]);
		}
		assert_int_equal(fx_count(r, SS_F_OUT_OF_SPACE), 1);
		assert_true(run.set->full);
		assert_true(r->win7_kms != SS_KMS_READY);
		assert_true(r->exit_code == SS_EXIT_WARNINGS || r->exit_code == SS_EXIT_CANNOT_JUDGE ||
			    r->exit_code == SS_EXIT_NOT_READY);
		if (run.set->n == 0)
			assert_int_equal(r->exit_code, SS_EXIT_CANNOT_JUDGE);
		fx_run_free(&run);
	}
	/* enough room: no finding */
	struct fx_run run;
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1024, &p);
	assert_no_finding(r, SS_F_OUT_OF_SPACE);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);
	mem_free(&m);
}

/* Root tables with very many entries: the walk is bounded (1024 entries per root, 256
 * tables), reads are counted. */
static void test_bounded(void **state)
{
	(void)state;
	struct ss_policy p;
	fx_policy(&p, true);
	struct fx f;
	fx_init(&f);
	struct mem m;
	mem_from_fx(&m, &f);
	/* a big XSDT (5000 entries) in its own region, entries into unmapped memory */
	const size_t n = 5000;
	size_t xlen = 36 + 8 * n;
	uint8_t *x = fx_malloc(xlen);
	fx_header(x, "XSDT", (uint32_t)xlen, 1, FX_OEM, FX_TAB);
	for (size_t i = 0; i < n; i++)
		fx_le64(x + 36 + 8 * i, 0x900000000ull + 0x1000 * i);
	fx_checksum_at(x, xlen, 9);
	mem_region(&m, 0x800000000ull, xlen);
	mem_put(&m, 0x800000000ull, x, xlen);
	uint8_t rsdp[36];
	fx_build_rsdp(rsdp, FX_OEM, 0, 0x800000000ull);
	mem_put(&m, FX_RSDP_ADDR, rsdp, sizeof(rsdp));
	struct fx_run run;
	m.reads = m.failed = 0;
	struct ss_result *r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 20, &p);
	/* RSDP (1) + XSDT (2) + one failed header read per entry, at most 1024 of them */
	assert_true(m.reads <= 3 + 1024);
	assert_true(m.reads >= 3 + 1024 - 1);
	assert_int_equal(run.set->n, 2);
	assert_finding(r, SS_F_ROOT_POINTER_BAD, SS_SEV_WARNING);
	assert_true(r->nf + r->dropped_findings >= 1024);
	assert_int_equal(r->nf, SS_MAX_FINDINGS);
	fx_run_free(&run);

	/* 1024 entries, each a real table: the set fills at 256 tables and the walk stops */
	for (size_t i = 0; i < 1024; i++)
		fx_le64(x + 36 + 8 * i, 0xa00000000ull + 64 * i);
	fx_le32(x + 4, 36 + 8 * 1024);
	fx_checksum_at(x, 36 + 8 * 1024, 9);
	mem_put(&m, 0x800000000ull, x, 36 + 8 * 1024);
	mem_region(&m, 0xa00000000ull, 64 * 1024);
	for (size_t i = 0; i < 1024; i++) {
		uint8_t t[48];
		fx_header(t, "OEMT", sizeof(t), 1, FX_OEM, FX_TAB);
		fx_le32(t + 36, (uint32_t)i);
		fx_checksum_at(t, sizeof(t), 9);
		mem_put(&m, 0xa00000000ull + 64 * i, t, sizeof(t));
	}
	m.reads = 0;
	r = walk(&run, &m, FX_RSDP_ADDR, 0, 1 << 20, &p);
	assert_int_equal(run.set->n, SS_MAX_TABLES);
	assert_finding(r, SS_F_TOO_MANY_TABLES, SS_SEV_WARNING);
	assert_true(m.reads <= 3 + 2 * (SS_MAX_TABLES + 1));
	/* tables were left unexamined: Windows 7 cannot be called ready */
	assert_int_equal(r->win7_kms, SS_KMS_UNVERIFIED);
	assert_int_equal(r->exit_code, SS_EXIT_WARNINGS);
	fx_run_free(&run);
	fx_free(x);
	mem_free(&m);
}

/* The roots-only walk (the Linux CLI adds these to its sysfs tables): exactly RSDP, RSDT and
 * XSDT, byte for byte, and not one read of a listed table. */
static void test_roots_only(void **state)
{
	(void)state;
	struct fx f;
	struct mem m;
	struct fx_run run;
	fx_init(&f);
	mem_from_fx(&m, &f);
	fx_run_init(&run, 1 << 16);
	ss_collect_firmware_roots(run.set, mock_read, &m, FX_RSDP_ADDR, 0);
	assert_false(run.set->walked_firmware);
	assert_int_equal(run.set->n, 3);
	assert_int_equal(run.set->nf, 0);
	for (size_t i = FX_RSDP; i <= FX_XSDT; i++) {
		const struct ss_table *t = find_table(run.set, f.t[i].addr);
		assert_non_null(t);
		assert_int_equal(t->len, f.t[i].len);
		assert_memory_equal(t->data, f.t[i].b, f.t[i].len);
	}
	for (size_t i = FX_FACP; i < f.n; i++)
		assert_null(find_table(run.set, f.t[i].addr));
	/* RSDP, then a header read and a whole read of each root table */
	assert_true(m.reads <= 1 + 2 * 2);
	assert_int_equal(m.failed, 0);
	fx_run_free(&run);
	mem_free(&m);
}

/* The BIOS-area scan: only a 16-byte aligned "RSD PTR " whose 20-byte checksum holds. */
static void test_rsdp_find(void **state)
{
	(void)state;
	struct fx f;
	static uint8_t area[0x400];
	size_t off = 12345;
	fx_init(&f);
	memset(area, 0, sizeof(area));
	assert_int_equal(ss_rsdp_find(area, sizeof(area), &off), -1);
	assert_int_equal(off, 12345);
	/* decoys: a signature off the 16-byte grid, one with a bad checksum */
	memcpy(area + 0x108, f.t[FX_RSDP].b, 20);
	memcpy(area + 0x200, f.t[FX_RSDP].b, 20);
	area[0x200 + 8] ^= 1;
	assert_int_equal(ss_rsdp_find(area, sizeof(area), &off), -1);
	memcpy(area + 0x3f0, f.t[FX_RSDP].b, 16); /* cut by the end of the area */
	assert_int_equal(ss_rsdp_find(area, sizeof(area), &off), -1);
	memcpy(area + 0x2e0, f.t[FX_RSDP].b, 20);
	assert_int_equal(ss_rsdp_find(area, sizeof(area), &off), 0);
	assert_int_equal(off, 0x2e0);
	memcpy(area + 0x30, f.t[FX_RSDP].b, 20); /* the first one wins */
	assert_int_equal(ss_rsdp_find(area, sizeof(area), &off), 0);
	assert_int_equal(off, 0x30);
	assert_int_equal(ss_rsdp_find(area, 0x30 + 19, &off), -1);
	assert_int_equal(ss_rsdp_find(NULL, 0, &off), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_walk),
		cmocka_unit_test(test_walk_judges_like_raw),
		cmocka_unit_test(test_rsdp_fallback),
		cmocka_unit_test(test_cannot_judge_advice),
		cmocka_unit_test(test_rsdp_at_end_of_memory),
		cmocka_unit_test(test_rsdp_ext_checksum),
		cmocka_unit_test(test_entry_outside_memory),
		cmocka_unit_test(test_entry_null),
		cmocka_unit_test(test_entry_cycle),
		cmocka_unit_test(test_entry_duplicate),
		cmocka_unit_test(test_rsdt_xsdt_differ),
		cmocka_unit_test(test_partial_entry),
		cmocka_unit_test(test_huge_length_capped),
		cmocka_unit_test(test_table_straddles_end),
		cmocka_unit_test(test_xsdt_unaligned_64bit),
		cmocka_unit_test(test_arena_too_small),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_roots_only),
		cmocka_unit_test(test_rsdp_find),
	};
	return cmocka_run_group_tests_name("walk", tests, NULL, fx_teardown_all);
}
