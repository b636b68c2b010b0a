/* SPDX-License-Identifier: MIT */
/* The judgement: table-wide checks, SLIC consistency with the root tables, MSDM, licence.
 *
 * Windows 7 / Vista KMS (KB 942962): activation fails with 0xC004F035 when a SLIC is present
 * without a valid Windows marker; no SLIC at all is fine. Windows 7 also requires the SLIC's
 * OEM ID and OEM Table ID to equal the RSDT's (and the XSDT's, which it reads on 64-bit):
 * those are decisive. FACP and RSDP IDs are information only: genuine machines carry the
 * chipset vendor's IDs there (docs/FACTS.md §3). Every SLIC present is judged and the worst
 * decides: which one Windows reads when there are several is not documented.
 *
 * ss_judge() runs named passes in order; each raises findings (acpi/result.c), and
 * ss_result_finish() turns them into the verdict and everything the renderers print. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

void ss_id_text(char *out, size_t cap, const uint8_t *id, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < cap; i++) {
		uint8_t c = id[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[o++] = (char)c;
		else
			o += ss_fmt(out + o, cap - o, "\\x%02x", c);
	}
	if (cap)
		out[o < cap ? o : cap - 1] = '\0';
}

int ss_input_truncated(const struct ss_table *t)
{
	if (t->origin == SS_ORIGIN_MEMORY)
		return 0; /* firmware that lies about a length is judged, not excused */
	return !t->has_header ||
	       (t->declared_len > t->len && t->declared_len <= SS_MAX_TABLE_LEN &&
		!ss_memeq(t->rawsig, "RSDP", SS_SIG_LEN));
}

static int is_sig(const struct ss_table *t, const char *sig)
{
	return ss_memeq(t->rawsig, sig, SS_SIG_LEN);
}

/* The tables the rules compare (indices into the set, -1 when absent). */
struct roots {
	int rsdp, rsdt, xsdt, facp;
	int have_addr; /* the source gives table addresses (so "listed" means something) */
};

/* ---- pass: every table's own bytes ---- */

static void check_rsdp(struct ss_result *r, const struct ss_table *t, const char *where)
{
	if (!t->has_header)
		ss_result_finding(r, SS_F_RSDP_INVALID, "RSDP", "The RSDP (%s) is only %u bytes", where,
				  t->len);
	else if (ss_sum8(t->data, SS_RSDP_V1_LEN) != 0)
		ss_result_finding(r, SS_F_RSDP_INVALID, "RSDP",
				  "The RSDP (%s) fails its 20-byte checksum", where);
	else if (t->revision >= 2 &&
		 (t->len < SS_RSDP_V2_LEN || ss_sum8(t->data, SS_RSDP_V2_LEN) != 0))
		ss_result_finding(r, SS_F_RSDP_EXT_CHECKSUM, "RSDP",
				  "The RSDP (%s, revision %u) fails its 36-byte extended checksum", where,
				  t->revision);
}

/* Damage in the RSDT/XSDT is finding id; in any other table it is table-other-damaged. */
static enum ss_finding_id damage(int root, enum ss_finding_id id)
{
	return root ? id : SS_F_TABLE_OTHER_DAMAGED;
}

/* Table-wide checks every table gets, except those SLIC and MSDM judge themselves. Only the
 * RSDT and XSDT matter to activation (Windows finds the SLIC through them); damage in any
 * other table is recorded as information (healthy PCs have it: AMI OEMB, Gigabyte TAMG). */
static void check_table(struct ss_result *r, const struct ss_table *t)
{
	const char *where = t->name[0] ? t->name : "input";
	if (is_sig(t, "RSDP")) {
		check_rsdp(r, t, where);
		return;
	}
	if (ss_input_truncated(t)) {
		/* A dump or file cut short says nothing about the firmware: cannot judge. */
		if (!t->has_header)
			ss_result_finding(r, SS_F_INPUT_TRUNCATED, t->sig,
					  "%s has only %u byte(s), less than a table header: the input is cut short",
					  where, t->len);
		else
			ss_result_finding(r, SS_F_INPUT_TRUNCATED, t->sig,
					  "%s (%s) has %u of the %u bytes its header claims: the input is cut short; take the dump again",
					  t->sig, where, t->len, t->declared_len);
		return;
	}
	if (is_sig(t, "SLIC") || is_sig(t, "MSDM"))
		return;
	/* (a table too short to show its signature may be anything, a SLIC too) */
	int root = is_sig(t, "RSDT") || is_sig(t, "XSDT") || t->len < 4;
	if (!t->has_header)
		ss_result_finding(r, damage(root, SS_F_TABLE_TRUNCATED), t->sig,
				  "%s (%s) is only %u bytes, less than an ACPI header", t->sig, where,
				  t->len);
	else if (t->declared_len < SS_HEADER_LEN || t->declared_len > SS_MAX_TABLE_LEN)
		ss_result_finding(r, damage(root, SS_F_TABLE_LENGTH_INVALID), t->sig,
				  "%s (%s) has an impossible length field: %u", t->sig, where,
				  t->declared_len);
	else if (t->declared_len > t->len)
		ss_result_finding(r, damage(root, SS_F_TABLE_TRUNCATED), t->sig,
				  "%s (%s) claims %u bytes but only %u are present", t->sig, where,
				  t->declared_len, t->len);
	else if (!t->checksum_ok)
		ss_result_finding(r, damage(root, SS_F_TABLE_CHECKSUM), t->sig,
				  "%s (%s) has a wrong checksum%s", t->sig, where,
				  root ? "" : " (a table activation does not read)");
}

/* ---- pass: the root tables ---- */

/* Mark the tables an RSDT/XSDT points at (by address; only meaningful when addresses are known). */
static void link_roots(struct ss_result *r)
{
	const struct ss_tableset *s = r->set;
	for (size_t i = 0; i < s->n; i++) {
		const struct ss_table *root = &s->t[i];
		int x = is_sig(root, "XSDT");
		if ((!x && !is_sig(root, "RSDT")) || !root->length_ok)
			continue;
		size_t count = ss_root_count(root), partial = ss_root_partial(root);
		if (partial)
			ss_result_finding(r, SS_F_ROOT_PARTIAL_ENTRY, root->sig,
					  "%s length %u leaves %zu byte(s) of a partial entry (ignored)",
					  root->sig, root->declared_len, partial);
		for (size_t e = 0; e < count; e++) {
			uint64_t a = ss_root_entry(root, e);
			for (size_t k = 0; a && k < s->n; k++)
				if (s->t[k].addr == a)
					r->listed[k] |= x ? SS_LISTED_XSDT : SS_LISTED_RSDT;
		}
	}
}

/* The first table with sig, or -1; a second one is finding dup (SS_F_COUNT: none). */
static int find_unique(struct ss_result *r, const char *sig, enum ss_finding_id dup)
{
	int first = -1;
	const struct ss_tableset *s = r->set;
	for (size_t i = 0; i < s->n; i++) {
		if (!is_sig(&s->t[i], sig))
			continue;
		if (first < 0)
			first = (int)i;
		else if (dup != SS_F_COUNT)
			ss_result_finding(r, dup, sig, "A second %s (%s); the first (%s) is the one compared",
					  sig, s->t[i].name, s->t[first].name);
	}
	return first;
}

static struct roots find_roots(struct ss_result *r)
{
	struct roots ro;
	ro.rsdp = find_unique(r, "RSDP", SS_F_COUNT); /* dumps may hold both 1.0 and 2.0 copies */
	ro.rsdt = find_unique(r, "RSDT", SS_F_TABLE_DUPLICATE);
	ro.xsdt = find_unique(r, "XSDT", SS_F_TABLE_DUPLICATE);
	ro.facp = find_unique(r, "FACP", SS_F_COUNT); /* compared for information only */
	ro.have_addr = 0;
	for (size_t i = 0; i < r->set->n; i++)
		ro.have_addr |= r->set->t[i].addr != 0;
	return ro;
}

/* Nothing well-formed at all is "cannot judge". Well-formed tables without any root table or
 * FACP (a partial copy of /sys) are judged, with a warning: a SLIC would have been among them
 * as likely as any other table. Returns whether the set is usable. */
static int check_set(struct ss_result *r, const struct roots *ro)
{
	const struct ss_tableset *s = r->set;
	int wellformed = 0;
	for (size_t i = 0; i < s->n; i++)
		wellformed |= s->t[i].has_header && s->t[i].length_ok;
	int fatal = 0;
	for (size_t i = 0; i < r->nf; i++)
		fatal |= r->f[i].sev == SS_SEV_FATAL;
	if (!wellformed) {
		if (fatal)
			return 0;
		if (s->n)
			ss_result_finding(r, SS_F_NO_ROOT_TABLES, 0,
					  "None of the input's %zu table(s) has a well-formed header: nothing to judge",
					  s->n);
		else
			ss_result_finding(r, SS_F_NO_ROOT_TABLES, 0, "The input holds no ACPI table at all");
		return 0;
	}
	if (ro->rsdp < 0 && ro->rsdt < 0 && ro->xsdt < 0 && ro->facp < 0)
		ss_result_finding(r, SS_F_TABLE_SET_PARTIAL, 0,
				  "The input has %zu table(s) but no RSDP, RSDT, XSDT or FACP: it may be a partial set",
				  s->n);
	if (ro->facp < 0)
		ss_result_finding(r, SS_F_FACP_ABSENT, "FACP", "There is no FACP (FADT) table");
	if (ro->rsdt < 0 && ro->xsdt < 0)
		ss_result_finding(r, SS_F_ROOT_ABSENT, 0,
				  "The input has no RSDT or XSDT (usual for dumps of /sys/firmware/acpi/tables)");
	if (ro->rsdt >= 0 && ro->xsdt >= 0 && ro->have_addr) {
		size_t only_r = 0, only_x = 0;
		for (size_t i = 0; i < s->n; i++) {
			only_r += r->listed[i] == SS_LISTED_RSDT;
			only_x += r->listed[i] == SS_LISTED_XSDT;
		}
		if (only_r || only_x)
			ss_result_finding(r, SS_F_RSDT_XSDT_DIFFER, 0,
					  "The RSDT and XSDT disagree: %zu table(s) only in the RSDT, %zu only in the XSDT",
					  only_r, only_x);
	}
	return 1;
}

/* ---- pass: the SLICs ---- */

static void compare_ids(struct ss_result *r, struct ss_slic *sl, int idx, enum ss_cmp which,
			const char *sig, enum ss_finding_id bad)
{
	const struct ss_table *slic = &r->set->t[sl->table];
	if (idx < 0 || !r->set->t[idx].has_header || !slic->has_header)
		return;
	const struct ss_table *o = &r->set->t[idx];
	int rsdp = which == SS_CMP_RSDP;
	/* the RSDP has an OEM ID but no OEM Table ID */
	int same = ss_oem_ids_equal(slic, o, rsdp ? SS_OEM_ID_LEN : SS_OEM_IDS_LEN);
	sl->ids[which] = same ? SS_MATCH_YES : SS_MATCH_NO;
	if (same)
		return;
	char a[32], b[40], c[32], d[40];
	ss_id_text(a, sizeof(a), slic->oem_id, SS_OEM_ID_LEN);
	ss_id_text(b, sizeof(b), slic->oem_table_id, SS_OEM_TABLE_ID_LEN);
	ss_id_text(c, sizeof(c), o->oem_id, SS_OEM_ID_LEN);
	ss_id_text(d, sizeof(d), o->oem_table_id, SS_OEM_TABLE_ID_LEN);
	if (rsdp)
		ss_result_finding(r, bad, "SLIC",
				  "SLIC OEM ID \"%s\" but RSDP OEM ID \"%s\" (information: Windows 7 compares the RSDT/XSDT)",
				  a, c);
	else
		ss_result_finding(r, bad, "SLIC", "SLIC \"%s\"/\"%s\" but %s \"%s\"/\"%s\"%s", a, b, sig,
				  c, d, which == SS_CMP_FACP ? " (information: Windows 7 compares the RSDT/XSDT)" : "");
}

/* MGADiag's "OEMID and OEMTableID consistent" for one SLIC. */
static enum ss_consistency consistency(const struct ss_slic *sl)
{
	if (sl->oa20 == SS_OA20_INVALID && !sl->has_marker)
		return SS_CONS_NA;
	if (sl->ids[SS_CMP_MARKER] == SS_MATCH_NO || sl->ids[SS_CMP_RSDT] == SS_MATCH_NO ||
	    sl->ids[SS_CMP_XSDT] == SS_MATCH_NO)
		return SS_CONS_NO;
	if (sl->ids[SS_CMP_RSDT] == SS_MATCH_NA && sl->ids[SS_CMP_XSDT] == SS_MATCH_NA)
		return SS_CONS_UNVERIFIED;
	return SS_CONS_YES;
}

/* A SLIC that neither root table lists is invisible to Windows (a SLIC listed in only one of
 * them is normal enough on real firmware, and Windows reads the XSDT when there is one). */
static void check_listed(struct ss_result *r, const struct roots *ro, size_t ti)
{
	const struct ss_table *t = &r->set->t[ti];
	if (!ro->have_addr || !t->addr || (ro->rsdt < 0 && ro->xsdt < 0) || r->listed[ti])
		return;
	ss_result_finding(r, SS_F_SLIC_NOT_LISTED, "SLIC",
			  "The SLIC at 0x%llx is not listed in the RSDT or XSDT, so Windows may not see it",
			  (unsigned long long)t->addr);
}

static int same_bytes(const struct ss_table *a, const struct ss_table *b)
{
	return a->len == b->len && ss_memeq(a->data, b->data, a->len);
}

static void judge_slics(struct ss_result *r, const struct roots *ro, int usable)
{
	const struct ss_tableset *s = r->set;
	size_t total = 0, identical = 0;
	int first = -1;
	for (size_t i = 0; i < s->n; i++) {
		if (!is_sig(&s->t[i], "SLIC"))
			continue;
		total++;
		if (first < 0)
			first = (int)i;
		else
			identical += same_bytes(&s->t[first], &s->t[i]);
		if (r->nslic < SS_MAX_SLICS)
			ss_check_slic(r, i, &r->slic[r->nslic++]);
	}
	if (total > 1 && identical == total - 1)
		ss_result_finding(r, SS_F_SLIC_COPIES, "SLIC",
				  "%zu copies of the same SLIC, byte for byte; judged as one", total);
	else if (total > 1)
		ss_result_finding(r, SS_F_SLIC_DUPLICATE, "SLIC",
				  "%zu SLIC tables are present and they differ; each is judged and the worst decides",
				  total);

	for (size_t k = 0; k < r->nslic; k++) {
		struct ss_slic *sl = &r->slic[k];
		compare_ids(r, sl, ro->rsdt, SS_CMP_RSDT, "RSDT", SS_F_SLIC_IDS_RSDT);
		compare_ids(r, sl, ro->xsdt, SS_CMP_XSDT, "XSDT", SS_F_SLIC_IDS_XSDT);
		compare_ids(r, sl, ro->facp, SS_CMP_FACP, "FACP", SS_F_SLIC_IDS_FACP);
		compare_ids(r, sl, ro->rsdp, SS_CMP_RSDP, "RSDP", SS_F_SLIC_IDS_RSDP);
		sl->consistent = consistency(sl);
		check_listed(r, ro, sl->table);
		if (sl->oa20 != SS_OA20_VALID)
			continue;
		if (ro->rsdt < 0 && ro->xsdt < 0)
			ss_result_finding(r, SS_F_SLIC_IDS_UNVERIFIED, "SLIC",
					  "The SLIC is valid in itself, but without RSDT/XSDT its IDs cannot be checked");
		else if (sl->consistent != SS_CONS_NO)
			ss_result_finding(r, SS_F_SLIC_VALID, "SLIC",
					  "Valid Windows marker %s, signed with the table's key (%s); IDs match the %s",
					  sl->version_str,
					  sl->key_known ? sl->key_vendor : "a key not on the known-good list",
					  ro->rsdt >= 0 && ro->xsdt >= 0 ? "RSDT and XSDT"
					  : ro->rsdt >= 0 ? "RSDT" : "XSDT");
	}
	if (!total && usable && ss_result_complete(r))
		ss_result_finding(r, SS_F_SLIC_ABSENT, "SLIC",
				  "No SLIC table: firmware does not block Windows 7 / Vista KMS activation");
}

/* ---- pass: the MSDM ---- */

static void judge_msdm(struct ss_result *r, int usable)
{
	const struct ss_tableset *s = r->set;
	int msdm = find_unique(r, "MSDM", SS_F_MSDM_DUPLICATE);
	if (msdm < 0) {
		if (usable && ss_result_complete(r))
			ss_result_finding(r, SS_F_MSDM_ABSENT, "MSDM",
					  "No MSDM table: no Windows 8+ OEM product key in firmware");
		return;
	}
	ss_check_msdm(r, (size_t)msdm, &r->msdm);
	const struct ss_table *m = &s->t[msdm];
	for (size_t k = 0; k < r->nslic; k++) {
		const struct ss_table *t = &s->t[r->slic[k].table];
		/* trimmed: MSDM and SLIC are written by different tools, and only a different
		 * vendor is worth a word */
		if (m->has_header && t->has_header &&
		    !ss_id_trimmed_eq(m->oem_id, SS_OEM_ID_LEN, t->oem_id, SS_OEM_ID_LEN)) {
			char a[32], b[32];
			ss_id_text(a, sizeof(a), m->oem_id, SS_OEM_ID_LEN);
			ss_id_text(b, sizeof(b), t->oem_id, SS_OEM_ID_LEN);
			ss_result_finding(r, SS_F_MSDM_SLIC_IDS, "MSDM",
					  "MSDM OEM ID \"%s\" but SLIC OEM ID \"%s\"", a, b);
			break;
		}
	}
}

/* ---- pass: the campus upgrade license ---- */

/* The upgrade license needs a qualifying OEM license: a valid marker or an MSDM key.
 * Information unless the policy requires it; "none" is only said when every table was read. */
static void judge_license(struct ss_result *r, int usable)
{
	int marker_ok = 0;
	for (size_t k = 0; k < r->nslic; k++)
		marker_ok |= r->slic[k].oa20 == SS_OA20_VALID;
	int key_ok = r->msdm.state == SS_MSDM_KEY_OK;
	r->marker_evidence = marker_ok;
	r->oem_license_evidence = marker_ok || key_ok;
	if (r->oem_license_evidence)
		ss_result_finding(r, SS_F_OEM_LICENSE_FOUND, 0, "OEM Windows license in firmware: %s%s%s",
				  marker_ok ? "Windows marker (Vista/7-era OEM Windows)" : "",
				  marker_ok && key_ok ? " and " : "", key_ok ? "MSDM key (Windows 8+ OEM)" : "");
	else if (usable && ss_result_complete(r))
		ss_result_finding(r, SS_F_OEM_LICENSE_NONE, 0,
				  "No OEM Windows license in firmware (no valid marker, no MSDM key)");
}

void ss_judge(const struct ss_tableset *s, const struct ss_policy *p, struct ss_result *r)
{
	ss_memfill(r, 0, sizeof(*r));
	r->set = s;
	r->policy = p;
	r->target = p->target;
	for (size_t i = 0; i < s->nf; i++)
		ss_result_record(r, s->f[i].id, s->f[i].table, s->f[i].msg);
	r->dropped_findings += s->dropped_findings;

	for (size_t i = 0; i < s->n; i++)
		check_table(r, &s->t[i]);
	link_roots(r);
	struct roots ro = find_roots(r);
	int usable = check_set(r, &ro);
	judge_slics(r, &ro, usable);
	judge_msdm(r, usable);
	judge_license(r, usable);
	ss_result_finish(r);
}
