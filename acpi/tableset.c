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

static void printable_sig(char out[SS_SIG_LEN + 1], const uint8_t *raw)
{
	for (size_t i = 0; i < SS_SIG_LEN; i++)
		out[i] = (raw[i] >= 0x20 && raw[i] < 0x7f) ? (char)raw[i] : '?';
	out[SS_SIG_LEN] = '\0';
}

/* Decode the header of t->data (layouts: acpi/layout.h). RSDP is recognised by its 8-byte
 * signature; its checksums cover 20 bytes and, for revision >= 2, 36 bytes — never its own
 * length field (ACPICA tbxfroot.c does the same). */
static void decode(struct ss_table *t)
{
	const uint8_t *d = t->data;
	size_t n = t->len;
	if (n >= SS_RSDP_SIG_LEN &&
	    ss_memeq(d + SS_RSDP_AT(signature), SS_RSDP_SIGNATURE, SS_RSDP_SIG_LEN)) {
		ss_memcopy(t->rawsig, "RSDP", SS_SIG_LEN);
		ss_memcopy(t->sig, "RSDP", SS_SIG_LEN + 1);
		t->has_checksum = true;
		t->has_header = n >= SS_RSDP_V1_LEN;
		if (!t->has_header)
			return;
		t->revision = d[SS_RSDP_AT(revision)];
		ss_memcopy(t->oem_id, d + SS_RSDP_AT(oem_id), SS_OEM_ID_LEN);
		size_t need = t->revision >= 2 ? SS_RSDP_V2_LEN : SS_RSDP_V1_LEN;
		t->declared_len = t->revision >= 2 && n >= SS_RSDP_AT(length) + SS_RSDP_SIZE(length)
					  ? ss_le32(d + SS_RSDP_AT(length)) : SS_RSDP_V1_LEN;
		t->length_ok = n >= need;
		t->checksum_ok = ss_sum8(d, SS_RSDP_V1_LEN) == 0 &&
				 (need == SS_RSDP_V1_LEN ||
				  (n >= SS_RSDP_V2_LEN && ss_sum8(d, SS_RSDP_V2_LEN) == 0));
		return;
	}
	if (n >= SS_SIG_LEN) {
		ss_memcopy(t->rawsig, d + SS_HDR_AT(signature), SS_SIG_LEN);
		printable_sig(t->sig, d + SS_HDR_AT(signature));
	}
	if (n >= SS_TABLE_HEAD_LEN && ss_memeq(d + SS_HEAD_AT(signature), "FACS", SS_SIG_LEN)) {
		/* The FACS has no checksum and no OEM IDs (ACPI 6.5 §5.2.10): only a length. */
		t->has_header = true;
		t->declared_len = ss_le32(d + SS_HEAD_AT(length));
		t->length_ok = t->declared_len >= SS_TABLE_HEAD_LEN && t->declared_len <= n;
		t->checksum_ok = t->length_ok; /* nothing to fail; has_checksum says there is none */
		return;
	}
	t->has_checksum = true;
	t->has_header = n >= SS_HEADER_LEN;
	if (!t->has_header)
		return;
	t->declared_len = ss_le32(d + SS_HDR_AT(length));
	t->revision = d[SS_HDR_AT(revision)];
	ss_memcopy(t->oem_id, d + SS_HDR_AT(oem_id), SS_OEM_ID_LEN);
	ss_memcopy(t->oem_table_id, d + SS_HDR_AT(oem_table_id), SS_OEM_TABLE_ID_LEN);
	t->length_ok = t->declared_len >= SS_HEADER_LEN && t->declared_len <= n &&
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
	return root->rawsig[0] == 'X' ? SS_XSDT_ENTRY_LEN : SS_RSDT_ENTRY_LEN;
}

size_t ss_root_count(const struct ss_table *root)
{
	return (root->declared_len - SS_ROOT_ENTRIES_AT) / root_esize(root);
}

size_t ss_root_partial(const struct ss_table *root)
{
	return (root->declared_len - SS_ROOT_ENTRIES_AT) % root_esize(root);
}

uint64_t ss_root_entry(const struct ss_table *root, size_t e)
{
	const uint8_t *p = root->data + SS_ROOT_ENTRIES_AT + e * root_esize(root);
	return root_esize(root) == SS_XSDT_ENTRY_LEN ? ss_le64(p) : ss_le32(p);
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
	return ss_memeq(a->oem_id, b->oem_id, n < SS_OEM_ID_LEN ? n : SS_OEM_ID_LEN) &&
	       (n <= SS_OEM_ID_LEN || ss_memeq(a->oem_table_id, b->oem_table_id, n - SS_OEM_ID_LEN));
}
