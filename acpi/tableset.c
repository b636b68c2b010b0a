/* SPDX-License-Identifier: MIT */
/* The table set: every table a collector found, with its header decoded and bounds-checked. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

void ss_tableset_init(struct ss_tableset *s, uint8_t *arena, size_t arena_cap)
{
	ss_memfill(s, 0, sizeof(*s));
	s->arena = arena;
	s->arena_cap = arena ? arena_cap : 0;
}

void ss_tableset_finding(struct ss_tableset *s, enum ss_finding_id id, const char *table,
			 const char *fmt, ...)
{
	if (s->nf >= SS_MAX_FINDINGS) {
		s->dropped_findings++;
		return;
	}
	struct ss_finding *f = &s->f[s->nf++];
	f->id = id;
	f->sev = ss_finding_info(id)->sev;
	ss_fmt(f->table, sizeof(f->table), "%s", table ? table : "");
	va_list ap;
	va_start(ap, fmt);
	ss_vfmt(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
}

static void printable_sig(char out[5], const uint8_t *raw)
{
	for (int i = 0; i < 4; i++)
		out[i] = (raw[i] >= 0x20 && raw[i] < 0x7f) ? (char)raw[i] : '?';
	out[4] = '\0';
}

/* Decode the header of t->data. RSDP is recognised by its 8-byte signature; its checksums
 * cover 20 bytes and, for revision >= 2, 36 bytes — never its own length field (ACPICA
 * tbxfroot.c does the same). */
static void decode(struct ss_table *t)
{
	const uint8_t *d = t->data;
	size_t n = t->len;
	if (n >= 8 && ss_memeq(d, "RSD PTR ", 8)) {
		ss_memcopy(t->rawsig, "RSDP", 4);
		ss_memcopy(t->sig, "RSDP", 5);
		t->has_checksum = true;
		t->has_header = n >= 20;
		if (!t->has_header)
			return;
		t->revision = d[15];
		ss_memcopy(t->oem_id, d + 9, 6);
		size_t need = t->revision >= 2 ? 36 : 20;
		t->declared_len = t->revision >= 2 && n >= 24 ? ss_le32(d + 20) : 20;
		t->length_ok = n >= need;
		t->checksum_ok = ss_sum8(d, 20) == 0 && (need == 20 || (n >= 36 && ss_sum8(d, 36) == 0));
		return;
	}
	if (n >= 4) {
		ss_memcopy(t->rawsig, d, 4);
		printable_sig(t->sig, d);
	}
	if (n >= 8 && ss_memeq(d, "FACS", 4)) {
		/* The FACS has no checksum and no OEM IDs (ACPI 6.5 §5.2.10): only a length. */
		t->has_header = true;
		t->declared_len = ss_le32(d + 4);
		t->length_ok = t->declared_len >= 8 && t->declared_len <= n;
		t->checksum_ok = t->length_ok; /* nothing to fail; has_checksum says there is none */
		return;
	}
	t->has_checksum = true;
	t->has_header = n >= 36;
	if (!t->has_header)
		return;
	t->declared_len = ss_le32(d + 4);
	t->revision = d[8];
	ss_memcopy(t->oem_id, d + 10, 6);
	ss_memcopy(t->oem_table_id, d + 16, 8);
	t->length_ok = t->declared_len >= 36 && t->declared_len <= n &&
		       t->declared_len <= SS_MAX_TABLE_LEN;
	t->checksum_ok = t->length_ok && ss_sum8(d, t->declared_len) == 0;
}

int ss_tableset_add(struct ss_tableset *s, const uint8_t *data, size_t len, uint64_t addr,
		    enum ss_origin origin, const char *name)
{
	if (s->n >= SS_MAX_TABLES) {
		if (!s->full)
			ss_tableset_finding(s, SS_F_TOO_MANY_TABLES, 0,
					    "More than %u tables; %s and later ones were not examined",
					    SS_MAX_TABLES, name && *name ? name : "the next");
		s->full = true;
		return -1;
	}
	struct ss_table *t = &s->t[s->n++];
	ss_memfill(t, 0, sizeof(*t));
	t->data = data;
	t->len = len > 0xffffffffu ? 0xffffffffu : (uint32_t)len;
	t->addr = addr;
	t->origin = origin;
	ss_fmt(t->name, sizeof(t->name), "%s", name ? name : "");
	decode(t);
	return 0;
}

void *ss_arena_alloc(struct ss_tableset *s, size_t len)
{
	if (!s->arena || len > s->arena_cap - s->arena_used)
		return 0;
	void *p = s->arena + s->arena_used;
	s->arena_used += (len + 7) & ~(size_t)7;
	if (s->arena_used > s->arena_cap)
		s->arena_used = s->arena_cap;
	return p;
}

/* RSDT/XSDT entries (ACPI spec 5.2.7/5.2.8; ACPICA tbutils.c): (length - 36) / entry size
 * entries of 4 (RSDT) or 8 (XSDT, unaligned) bytes; a trailing partial entry is never read.
 * The caller has checked length_ok, so declared_len >= 36 and <= the bytes held. */
static size_t root_esize(const struct ss_table *root)
{
	return root->rawsig[0] == 'X' ? 8 : 4;
}

size_t ss_root_count(const struct ss_table *root)
{
	return (root->declared_len - 36) / root_esize(root);
}

size_t ss_root_partial(const struct ss_table *root)
{
	return (root->declared_len - 36) % root_esize(root);
}

uint64_t ss_root_entry(const struct ss_table *root, size_t e)
{
	const uint8_t *p = root->data + 36 + e * root_esize(root);
	return root_esize(root) == 8 ? ss_le64(p) : ss_le32(p);
}

int ss_id_trimmed_eq(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	while (na && (a[na - 1] == ' ' || !a[na - 1]))
		na--;
	while (nb && (b[nb - 1] == ' ' || !b[nb - 1]))
		nb--;
	return na == nb && ss_memeq(a, b, na);
}

int ss_oem_ids_equal(const struct ss_table *a, const struct ss_table *b, size_t n)
{
	/* oem_id[6] and oem_table_id[8] are adjacent in the header but separate arrays here */
	return ss_memeq(a->oem_id, b->oem_id, n < 6 ? n : 6) &&
	       (n <= 6 || ss_memeq(a->oem_table_id, b->oem_table_id, n - 6));
}
