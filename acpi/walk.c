/* SPDX-License-Identifier: MIT */
/* The firmware walk: RSDP -> RSDT and XSDT -> every listed table (ACPI 6.5 §5.2.5-5.2.8).
 *
 * Contract: addresses come from firmware and are untrusted. The core never dereferences one;
 * every byte is fetched through the caller's read callback (the UEFI app checks each range
 * against the memory map there; tests mock it). Lengths are capped before anything is read,
 * cycles and duplicates are caught, and a pointer into nowhere becomes a finding. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

#define MAX_ROOT_ENTRIES 1024

struct walk {
	struct ss_tableset *s;
	ss_read_fn read;
	void *ctx;
	bool roots_only; /* stop after the RSDP, RSDT and XSDT themselves */
};

static int find_addr(const struct ss_tableset *s, uint64_t addr)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].addr == addr && s->t[i].origin == SS_ORIGIN_MEMORY)
			return (int)i;
	return -1;
}

/* Copy one table into the arena and add it. Returns its index, or -1 (a finding says why). */
static int load_table(struct walk *w, uint64_t addr, const char *what)
{
	struct ss_tableset *s = w->s;
	uint8_t hdr[SS_HEADER_LEN];
	char name[48];
	ss_fmt(name, sizeof(name), "memory 0x%llx", (unsigned long long)addr);
	if (w->read(w->ctx, addr, hdr, sizeof(hdr)) != 0) {
		ss_tableset_finding(s, SS_F_ROOT_POINTER_BAD, 0,
				    "%s points to 0x%llx, which is not readable memory", what,
				    (unsigned long long)addr);
		return -1;
	}
	uint32_t len = ss_le32(hdr + SS_HDR_AT(length));
	size_t take = sizeof(hdr);
	if (len > sizeof(hdr) && len <= SS_MAX_TABLE_LEN)
		take = len;
	uint8_t *buf = ss_arena_alloc(s, take);
	if (!buf) {
		if (!s->full)
			ss_tableset_finding(s, SS_F_OUT_OF_SPACE, 0,
					    "No room left to copy the table at 0x%llx (%u bytes)",
					    (unsigned long long)addr, len);
		s->full = true;
		return -1;
	}
	if (take > sizeof(hdr) && w->read(w->ctx, addr, buf, take) != 0) {
		char sig[SS_SIG_LEN + 1];
		for (size_t i = 0; i < SS_SIG_LEN; i++)
			sig[i] = hdr[i] >= 0x20 && hdr[i] < 0x7f ? (char)hdr[i] : '?';
		sig[SS_SIG_LEN] = 0;
		ss_tableset_finding(s, SS_F_ROOT_POINTER_BAD, sig,
				    "%s at 0x%llx claims %u bytes that run past readable memory; only its header was read",
				    sig, (unsigned long long)addr, len);
		take = sizeof(hdr);
	}
	if (take == sizeof(hdr))
		ss_memcopy(buf, hdr, sizeof(hdr));
	if (ss_tableset_add(s, buf, take, addr, SS_ORIGIN_MEMORY, name) != 0)
		return -1;
	return (int)(s->n - 1);
}

/* Read and check an RSDP candidate; returns its table index or -1. The 36 bytes of a 2.0
 * RSDP may run into unreadable memory where a 1.0 one ends: then only 20 are read. */
static int load_rsdp(struct walk *w, uint64_t addr, const char *which)
{
	struct ss_tableset *s = w->s;
	uint8_t tmp[SS_RSDP_V2_LEN];
	size_t got = SS_RSDP_V2_LEN;
	if (!addr)
		return -1;
	if (w->read(w->ctx, addr, tmp, SS_RSDP_V2_LEN) != 0) {
		got = SS_RSDP_V1_LEN;
		if (w->read(w->ctx, addr, tmp, SS_RSDP_V1_LEN) != 0) {
			ss_tableset_finding(s, SS_F_RSDP_INVALID, "RSDP",
					    "The %s RSDP pointer 0x%llx is not readable memory", which,
					    (unsigned long long)addr);
			return -1;
		}
	}
	int sig_ok = ss_memeq(tmp + SS_RSDP_AT(signature), SS_RSDP_SIGNATURE, SS_RSDP_SIG_LEN);
	if (!sig_ok || ss_sum8(tmp, SS_RSDP_V1_LEN) != 0) {
		ss_tableset_finding(s, SS_F_RSDP_INVALID, "RSDP",
				    "The %s RSDP at 0x%llx has %s", which, (unsigned long long)addr,
				    sig_ok ? "a bad 20-byte checksum" : "no \"RSD PTR \" signature");
		return -1;
	}
	if (tmp[SS_RSDP_AT(revision)] < 2)
		got = SS_RSDP_V1_LEN;
	uint8_t *buf = ss_arena_alloc(s, got);
	if (!buf) {
		if (!s->full)
			ss_tableset_finding(s, SS_F_OUT_OF_SPACE, "RSDP",
					    "No room left to copy the %s RSDP at 0x%llx", which,
					    (unsigned long long)addr);
		s->full = true;
		return -1;
	}
	ss_memcopy(buf, tmp, got);
	char name[48];
	ss_fmt(name, sizeof(name), "memory 0x%llx (%s)", (unsigned long long)addr, which);
	if (ss_tableset_add(s, buf, got, addr, SS_ORIGIN_MEMORY, name) != 0)
		return -1;
	return (int)(s->n - 1);
}

static void walk_root(struct walk *w, uint64_t addr, const char *sig, uint64_t other_root)
{
	struct ss_tableset *s = w->s;
	if (!addr)
		return;
	char what[32];
	ss_fmt(what, sizeof(what), "The RSDP's %s pointer", sig);
	int ri = find_addr(s, addr);
	if (ri < 0)
		ri = load_table(w, addr, what);
	if (ri < 0)
		return;
	const struct ss_table *root = &s->t[ri];
	if (!ss_memeq(root->rawsig, sig, SS_SIG_LEN)) {
		ss_tableset_finding(s, SS_F_ROOT_POINTER_BAD, sig,
				    "The RSDP's %s pointer 0x%llx leads to a table signed \"%s\", not %s",
				    sig, (unsigned long long)addr, root->sig, sig);
		return;
	}
	if (!root->length_ok || w->roots_only)
		return; /* judge reports the length; entries beyond the bytes are never read */
	size_t count = ss_root_count(root);
	if (count > MAX_ROOT_ENTRIES)
		count = MAX_ROOT_ENTRIES;
	for (size_t e = 0; e < count; e++) {
		/* s->t is an array whose indices are stable across ss_tableset_add: use the index */
		uint64_t a = ss_root_entry(&s->t[ri], e);
		if (!a) {
			ss_tableset_finding(s, SS_F_ROOT_POINTER_NULL, sig, "%s entry %zu is zero", sig, e);
			continue;
		}
		if (a == addr || a == other_root) {
			ss_tableset_finding(s, SS_F_ROOT_CYCLE, sig,
					    "%s entry %zu points back at a root table (0x%llx)", sig, e,
					    (unsigned long long)a);
			continue;
		}
		int dup = 0;
		for (size_t k = 0; k < e; k++)
			dup |= ss_root_entry(&s->t[ri], k) == a;
		if (dup) {
			ss_tableset_finding(s, SS_F_ROOT_DUPLICATE_ENTRY, sig,
					    "%s lists the table at 0x%llx more than once", sig,
					    (unsigned long long)a);
			continue;
		}
		if (find_addr(s, a) >= 0)
			continue; /* already loaded through the other root table */
		char ewhat[40];
		ss_fmt(ewhat, sizeof(ewhat), "%s entry %zu", sig, e);
		if (load_table(w, a, ewhat) < 0 && s->full)
			return;
	}
}

static void collect(struct ss_tableset *s, ss_read_fn read, void *ctx, uint64_t rsdp,
		    uint64_t rsdp1, bool roots_only)
{
	struct walk w = { s, read, ctx, roots_only };
	s->walked_firmware = !roots_only;
	if (!s->source[0])
		ss_fmt(s->source, sizeof(s->source), "firmware memory");
	int ri = load_rsdp(&w, rsdp, "ACPI 2.0");
	if (ri < 0)
		ri = load_rsdp(&w, rsdp1, "ACPI 1.0");
	if (ri < 0) {
		ss_tableset_finding(s, SS_F_NO_ROOT_TABLES, 0, "%s",
				    s->full ? "No room to copy even the RSDP: no ACPI tables were read"
				    : rsdp == 0 && rsdp1 == 0
					    ? "The firmware publishes no RSDP (ACPI is off or absent): no ACPI tables can be read"
					    : "The firmware publishes no valid RSDP: no ACPI tables can be read");
		return;
	}
	const uint8_t *d = s->t[ri].data;
	uint64_t rsdt = ss_le32(d + SS_RSDP_AT(rsdt_address));
	uint64_t xsdt = s->t[ri].revision >= 2 && s->t[ri].len >= SS_RSDP_V2_LEN
				? ss_le64(d + SS_RSDP_AT(xsdt_address)) : 0;
	walk_root(&w, rsdt, "RSDT", xsdt);
	walk_root(&w, xsdt, "XSDT", rsdt);
}

void ss_collect_firmware(struct ss_tableset *s, ss_read_fn read, void *ctx, uint64_t rsdp,
			 uint64_t rsdp1)
{
	collect(s, read, ctx, rsdp, rsdp1, false);
}

int ss_rsdp_find(const uint8_t *area, size_t len, size_t *off)
{
	for (size_t o = 0; area != NULL && ss_in_bounds(o, SS_RSDP_V1_LEN, len); o += SS_RSDP_ALIGN)
		if (ss_memeq(area + o + SS_RSDP_AT(signature), SS_RSDP_SIGNATURE, SS_RSDP_SIG_LEN) &&
		    ss_sum8(area + o, SS_RSDP_V1_LEN) == 0) {
			*off = o;
			return 0;
		}
	return -1;
}

void ss_collect_firmware_roots(struct ss_tableset *s, ss_read_fn read, void *ctx, uint64_t rsdp,
			       uint64_t rsdp1)
{
	collect(s, read, ctx, rsdp, rsdp1, true);
}
