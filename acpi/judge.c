/* SPDX-License-Identifier: MIT */
/* The judgement: table-wide checks, SLIC consistency with the root tables, and the verdict.
 *
 * Windows 7 / Vista KMS (KB 942962): activation fails with 0xC004F035 when a SLIC is present
 * without a valid Windows marker; no SLIC at all is fine. Windows 7 also requires the SLIC's
 * OEM ID and OEM Table ID to equal the RSDT's (and the XSDT's, which it reads on 64-bit):
 * those are decisive. FACP and RSDP IDs are only warnings, because genuine machines carry the
 * chipset vendor's IDs there (docs/FACTS.md §3, inferred). Every SLIC present is judged
 * and the worst decides: which one Windows reads when there are several is not documented. */
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

static enum ss_severity adjusted(const struct ss_result *r, enum ss_finding_id id)
{
	const struct ss_finding_info *fi = ss_finding_info(id);
	enum ss_severity sev = fi->sev;
	if (r->target == SS_TARGET_WIN8 && fi->scope == SS_SCOPE_WIN7 && sev > SS_SEV_INFO &&
	    sev < SS_SEV_FATAL)
		sev = SS_SEV_INFO;
	if (r->policy && r->policy->override[id] >= 0)
		sev = (enum ss_severity)r->policy->override[id];
	return sev;
}

static void add_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
			const char *msg)
{
	if (r->raised[id] < 255)
		r->raised[id]++;
	if (r->nf >= SS_MAX_FINDINGS) {
		r->dropped_findings++;
		return;
	}
	struct ss_finding *f = &r->f[r->nf++];
	f->id = id;
	f->sev = adjusted(r, id);
	ss_fmt(f->table, sizeof(f->table), "%s", table ? table : "");
	ss_fmt(f->msg, sizeof(f->msg), "%s", msg);
}

static void vfinding(struct ss_result *r, enum ss_finding_id id, const char *table,
		     const char *fmt, va_list ap)
{
	char msg[SS_MSG_LEN];
	ss_vfmt(msg, sizeof(msg), fmt, ap);
	add_finding(r, id, table, msg);
}

void ss_result_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfinding(r, id, table, fmt, ap);
	va_end(ap);
}

int ss_input_truncated(const struct ss_table *t)
{
	if (t->origin == SS_ORIGIN_MEMORY)
		return 0; /* firmware that lies about a length is judged, not excused */
	return !t->has_header ||
	       (t->declared_len > t->len && t->declared_len <= SS_MAX_TABLE_LEN &&
		!ss_memeq(t->rawsig, "RSDP", 4));
}

static int is_sig(const struct ss_table *t, const char *sig)
{
	return ss_memeq(t->rawsig, sig, 4);
}

/* Table-wide checks every table gets, except those SLIC and MSDM judge themselves. */
static void check_table(struct ss_result *r, const struct ss_table *t)
{
	const char *where = t->name[0] ? t->name : "input";
	if (is_sig(t, "RSDP")) {
		if (!t->has_header)
			ss_result_finding(r, SS_F_RSDP_INVALID, "RSDP", "The RSDP (%s) is only %u bytes",
					  where, t->len);
		else if (ss_sum8(t->data, 20) != 0)
			ss_result_finding(r, SS_F_RSDP_INVALID, "RSDP",
					  "The RSDP (%s) fails its 20-byte checksum", where);
		else if (t->revision >= 2 && (t->len < 36 || ss_sum8(t->data, 36) != 0))
			ss_result_finding(r, SS_F_RSDP_EXT_CHECKSUM, "RSDP",
					  "The RSDP (%s, revision %u) fails its 36-byte extended checksum",
					  where, t->revision);
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
	if (!t->has_header)
		ss_result_finding(r, SS_F_TABLE_TRUNCATED, t->sig,
				  "%s (%s) is only %u bytes, less than an ACPI header", t->sig, where,
				  t->len);
	else if (t->declared_len < 36 || t->declared_len > SS_MAX_TABLE_LEN)
		ss_result_finding(r, SS_F_TABLE_LENGTH_INVALID, t->sig,
				  "%s (%s) has an impossible length field: %u", t->sig, where,
				  t->declared_len);
	else if (t->declared_len > t->len)
		ss_result_finding(r, SS_F_TABLE_TRUNCATED, t->sig,
				  "%s (%s) claims %u bytes but only %u are present", t->sig, where,
				  t->declared_len, t->len);
	else if (!t->checksum_ok)
		ss_result_finding(r, SS_F_TABLE_CHECKSUM, t->sig, "%s (%s) has a wrong checksum",
				  t->sig, where);
}

/* Mark the tables an RSDT/XSDT points at (by address; only meaningful when addresses are known). */
static void link_roots(struct ss_result *r)
{
	const struct ss_tableset *s = r->set;
	for (size_t i = 0; i < s->n; i++) {
		const struct ss_table *root = &s->t[i];
		int x = is_sig(root, "XSDT");
		if ((!x && !is_sig(root, "RSDT")) || !root->length_ok)
			continue;
		size_t esize = x ? 8 : 4, count = (root->declared_len - 36) / esize;
		if ((root->declared_len - 36) % esize)
			ss_result_finding(r, SS_F_ROOT_PARTIAL_ENTRY, root->sig,
					  "%s length %u leaves %u byte(s) of a partial entry (ignored)",
					  root->sig, root->declared_len,
					  (unsigned)((root->declared_len - 36) % esize));
		for (size_t e = 0; e < count; e++) {
			const uint8_t *p = root->data + 36 + e * esize;
			uint64_t a = x ? ss_le64(p) : ss_le32(p);
			for (size_t k = 0; a && k < s->n; k++)
				if (s->t[k].addr == a)
					r->listed[k] |= x ? SS_LISTED_XSDT : SS_LISTED_RSDT;
		}
	}
}

/* The first table with sig, or -1; a second one of a sig that must be unique is a finding. */
static int find_unique(struct ss_result *r, const char *sig, int complain)
{
	int first = -1;
	const struct ss_tableset *s = r->set;
	for (size_t i = 0; i < s->n; i++) {
		if (!is_sig(&s->t[i], sig))
			continue;
		if (first < 0)
			first = (int)i;
		else if (complain)
			ss_result_finding(r, SS_F_TABLE_DUPLICATE, sig,
					  "A second %s (%s); the first (%s) is the one compared", sig,
					  s->t[i].name, s->t[first].name);
	}
	return first;
}

static void compare_ids(struct ss_result *r, struct ss_slic *sl, int idx, enum ss_cmp which,
			const char *sig, enum ss_finding_id bad)
{
	const struct ss_table *slic = &r->set->t[sl->table];
	if (idx < 0 || !r->set->t[idx].has_header || !slic->has_header)
		return;
	const struct ss_table *o = &r->set->t[idx];
	int rsdp = which == SS_CMP_RSDP;
	int same = ss_memeq(slic->oem_id, o->oem_id, 6) &&
		   (rsdp || ss_memeq(slic->oem_table_id, o->oem_table_id, 8));
	sl->ids[which] = same ? SS_MATCH_YES : SS_MATCH_NO;
	if (same)
		return;
	char a[32], b[40], c[32], d[40];
	ss_id_text(a, sizeof(a), slic->oem_id, 6);
	ss_id_text(b, sizeof(b), slic->oem_table_id, 8);
	ss_id_text(c, sizeof(c), o->oem_id, 6);
	ss_id_text(d, sizeof(d), o->oem_table_id, 8);
	if (rsdp)
		ss_result_finding(r, bad, "SLIC", "SLIC OEM ID \"%s\" but RSDP OEM ID \"%s\"", a, c);
	else
		ss_result_finding(r, bad, "SLIC", "SLIC \"%s\"/\"%s\" but %s \"%s\"/\"%s\"", a, b, sig,
				  c, d);
}

static int trimmed_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t la = n, lb = n;
	while (la && (a[la - 1] == ' ' || !a[la - 1]))
		la--;
	while (lb && (b[lb - 1] == ' ' || !b[lb - 1]))
		lb--;
	return la == lb && ss_memeq(a, b, la);
}

void ss_judge(const struct ss_tableset *s, const struct ss_policy *p, struct ss_result *r)
{
	ss_memfill(r, 0, sizeof(*r));
	r->set = s;
	r->policy = p;
	r->target = p->target;
	for (size_t i = 0; i < s->nf; i++)
		add_finding(r, s->f[i].id, s->f[i].table, s->f[i].msg);
	r->dropped_findings += s->dropped_findings;

	for (size_t i = 0; i < s->n; i++)
		check_table(r, &s->t[i]);
	link_roots(r);

	int rsdp = find_unique(r, "RSDP", 0); /* dumps may hold both 1.0 and 2.0 copies */
	int rsdt = find_unique(r, "RSDT", 1);
	int xsdt = find_unique(r, "XSDT", 1);
	int facp = find_unique(r, "FACP", 1);
	int have_addr = 0;
	for (size_t i = 0; i < s->n; i++)
		have_addr |= s->t[i].addr != 0;

	r->nslic = 0;
	size_t nslic_total = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!is_sig(&s->t[i], "SLIC"))
			continue;
		nslic_total++;
		if (r->nslic < SS_MAX_SLICS)
			ss_check_slic(r, i, &r->slic[r->nslic++]);
	}

	/* Nothing well-formed at all is "cannot judge". Well-formed tables without any root table
	 * or FACP (a partial copy of /sys) are judged, with a warning: a SLIC would have been
	 * among them as likely as any other table. */
	int wellformed = 0;
	for (size_t i = 0; i < s->n; i++)
		wellformed |= s->t[i].has_header && s->t[i].length_ok;
	int unusable = !wellformed;
	int fatal = 0;
	for (size_t i = 0; i < r->nf; i++)
		fatal |= r->f[i].sev == SS_SEV_FATAL;
	if (unusable && !fatal && s->n)
		ss_result_finding(r, SS_F_NO_ROOT_TABLES, 0,
				  "None of the input's %zu table(s) has a well-formed header: nothing to judge",
				  s->n);
	else if (unusable && !fatal)
		ss_result_finding(r, SS_F_NO_ROOT_TABLES, 0, "The input holds no ACPI table at all");
	else if (!unusable && rsdp < 0 && rsdt < 0 && xsdt < 0 && facp < 0)
		ss_result_finding(r, SS_F_TABLE_SET_PARTIAL, 0,
				  "The input has %zu table(s) but no RSDP, RSDT, XSDT or FACP: it may be a partial set",
				  s->n);
	if (facp < 0 && !unusable)
		ss_result_finding(r, SS_F_FACP_ABSENT, "FACP", "There is no FACP (FADT) table");
	if (rsdt < 0 && xsdt < 0 && !unusable)
		ss_result_finding(r, SS_F_ROOT_ABSENT, 0,
				  "The input has no RSDT or XSDT (usual for dumps of /sys/firmware/acpi/tables)");
	if (rsdt >= 0 && xsdt >= 0 && have_addr) {
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

	if (nslic_total > 1)
		ss_result_finding(r, SS_F_SLIC_DUPLICATE, "SLIC",
				  "%zu SLIC tables are present; each is judged and the worst decides",
				  nslic_total);
	for (size_t k = 0; k < r->nslic; k++) {
		struct ss_slic *sl = &r->slic[k];
		compare_ids(r, sl, rsdt, SS_CMP_RSDT, "RSDT", SS_F_SLIC_IDS_RSDT);
		compare_ids(r, sl, xsdt, SS_CMP_XSDT, "XSDT", SS_F_SLIC_IDS_XSDT);
		compare_ids(r, sl, facp, SS_CMP_FACP, "FACP", SS_F_SLIC_IDS_FACP);
		compare_ids(r, sl, rsdp, SS_CMP_RSDP, "RSDP", SS_F_SLIC_IDS_RSDP);
		const struct ss_table *t = &s->t[sl->table];
		if ((rsdt >= 0 || xsdt >= 0) && have_addr && t->addr && !r->listed[sl->table])
			ss_result_finding(r, SS_F_SLIC_NOT_LISTED, "SLIC",
					  "The SLIC at 0x%llx is not listed in the RSDT or XSDT, so Windows may not see it",
					  (unsigned long long)t->addr);
		if (sl->oa20 != SS_OA20_VALID)
			continue;
		if (rsdt < 0 && xsdt < 0) {
			ss_result_finding(r, SS_F_SLIC_IDS_UNVERIFIED, "SLIC",
					  "The SLIC is valid in itself, but without RSDT/XSDT its IDs cannot be checked (take the dump with acpidump, not from /sys)");
		} else if (sl->ids[SS_CMP_RSDT] != SS_MATCH_NO && sl->ids[SS_CMP_XSDT] != SS_MATCH_NO) {
			ss_result_finding(r, SS_F_SLIC_VALID, "SLIC",
					  "Valid Windows marker %s, signed with the table's key (%s); IDs match the %s",
					  sl->version_str, sl->key_vendor ? sl->key_vendor : "not on the known-good list",
					  rsdt >= 0 && xsdt >= 0 ? "RSDT and XSDT" : rsdt >= 0 ? "RSDT" : "XSDT");
		}
	}
	if (!nslic_total && !unusable)
		ss_result_finding(r, SS_F_SLIC_ABSENT, "SLIC",
				  "No SLIC table: firmware does not block Windows 7 / Vista KMS activation");

	int msdm = find_unique(r, "MSDM", 1);
	if (msdm >= 0) {
		ss_check_msdm(r, (size_t)msdm, &r->msdm);
		const struct ss_table *m = &s->t[msdm];
		for (size_t k = 0; k < r->nslic; k++) {
			const struct ss_table *t = &s->t[r->slic[k].table];
			if (m->has_header && t->has_header && !trimmed_eq(m->oem_id, t->oem_id, 6)) {
				char a[32], b[32];
				ss_id_text(a, sizeof(a), m->oem_id, 6);
				ss_id_text(b, sizeof(b), t->oem_id, 6);
				ss_result_finding(r, SS_F_MSDM_SLIC_IDS, "MSDM",
						  "MSDM OEM ID \"%s\" but SLIC OEM ID \"%s\"", a, b);
				break;
			}
		}
	} else if (!unusable) {
		ss_result_finding(r, SS_F_MSDM_ABSENT, "MSDM",
				  "No MSDM table: no Windows 8+ OEM product key in firmware");
	}

	/* The campus upgrade license needs a qualifying OEM license: a valid marker or an
	 * MSDM key. Informational unless the policy requires it. */
	int marker_ok = 0;
	for (size_t k = 0; k < r->nslic; k++)
		marker_ok |= r->slic[k].oa20 == SS_OA20_VALID;
	r->oem_license_evidence = marker_ok || r->msdm.state == SS_MSDM_KEY_OK;
	if (!unusable) {
		if (r->oem_license_evidence)
			ss_result_finding(r, SS_F_OEM_LICENSE_FOUND, 0, "OEM Windows license in firmware: %s%s%s",
					  marker_ok ? "Windows marker (Vista/7-era OEM Windows)" : "",
					  marker_ok && r->msdm.state == SS_MSDM_KEY_OK ? " and " : "",
					  r->msdm.state == SS_MSDM_KEY_OK ? "MSDM key (Windows 8+ OEM)" : "");
		else
			ss_result_finding(r, SS_F_OEM_LICENSE_NONE, 0,
					  "No OEM Windows license in firmware (no valid marker, no MSDM key)");
	}
	ss_result_finish(r);
}

void ss_result_finish(struct ss_result *r)
{
	/* Windows 7 KMS prediction from the catalogue's severities (what Windows does), not
	 * from the target or policy (what the campus wants reported). */
	const char *reason = 0;
	int fail = 0, fatal = 0, warn = 0, error = 0;
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		if (!r->raised[i])
			continue;
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		if (fi->scope == SS_SCOPE_WIN7 && fi->sev == SS_SEV_ERROR) {
			fail = 1;
			if (!reason && fi->reason)
				reason = fi->reason;
		}
	}
	for (size_t i = 0; i < r->nf; i++) {
		fatal |= r->f[i].sev == SS_SEV_FATAL;
		error |= r->f[i].sev == SS_SEV_ERROR;
		warn |= r->f[i].sev == SS_SEV_WARNING;
	}
	/* Tables refused for lack of room, or listed at addresses that could not be read, were
	 * never examined: one of them may be a SLIC, so "no SLIC, ready" would be a guess. */
	int incomplete = r->raised[SS_F_OUT_OF_SPACE] || r->raised[SS_F_TOO_MANY_TABLES] ||
			 r->raised[SS_F_ROOT_POINTER_BAD];
	if (fail)
		r->win7_kms = SS_KMS_NOT_READY;
	else if (r->raised[SS_F_SLIC_IDS_UNVERIFIED] || fatal || incomplete)
		r->win7_kms = SS_KMS_UNVERIFIED;
	else
		r->win7_kms = SS_KMS_READY;
	if (!reason)
		reason = fatal || incomplete ? "cannot-judge"
		       : r->raised[SS_F_SLIC_IDS_UNVERIFIED] ? "no-rsdt-xsdt-in-dump"
		       : r->raised[SS_F_SLIC_VALID] ? "valid-marker"
		       : r->nslic ? "unverified" : "no-slic";
	r->win7_reason = reason;

	if (fatal) {
		r->verdict = SS_VERDICT_ERROR;
		r->exit_code = SS_EXIT_CANNOT_JUDGE;
	} else if (error) {
		r->verdict = SS_VERDICT_NOT_READY;
		r->exit_code = SS_EXIT_NOT_READY;
	} else if (warn) {
		r->verdict = SS_VERDICT_READY_WITH_WARNINGS;
		r->exit_code = SS_EXIT_WARNINGS;
	} else {
		r->verdict = SS_VERDICT_READY;
		r->exit_code = SS_EXIT_READY;
	}
	r->predicted_error = r->target == SS_TARGET_WIN7 && !fatal && r->win7_kms == SS_KMS_NOT_READY
				     ? "0xC004F035" : 0;
}

void ss_result_add_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
			   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfinding(r, id, table, fmt, ap);
	va_end(ap);
	ss_result_finish(r);
}

const char *ss_verdict_str(enum ss_verdict v)
{
	switch (v) {
	case SS_VERDICT_READY: return "ready";
	case SS_VERDICT_NOT_READY: return "not-ready";
	case SS_VERDICT_READY_WITH_WARNINGS: return "ready-with-warnings";
	case SS_VERDICT_ERROR: return "error";
	}
	return "error";
}

const char *ss_kms_str(enum ss_kms k)
{
	return k == SS_KMS_READY ? "ready" : k == SS_KMS_UNVERIFIED ? "unverified" : "not-ready";
}

const char *ss_oa20_str(enum ss_oa20 o)
{
	switch (o) {
	case SS_OA20_NO_SLIC: return "Yes, but no SLIC table";
	case SS_OA20_VALID: return "Yes";
	case SS_OA20_NO_MARKER: return "Yes, but no Windows Marker";
	case SS_OA20_INVALID: return "No, invalid SLIC table";
	}
	return "?";
}

const char *ss_msdm_state_str(enum ss_msdm_state m)
{
	switch (m) {
	case SS_MSDM_ABSENT: return "absent";
	case SS_MSDM_KEY_OK: return "key-ok";
	case SS_MSDM_KEY_MALFORMED: return "key-malformed";
	case SS_MSDM_BLANK: return "blank";
	case SS_MSDM_BAD_HEADER: return "bad-header";
	}
	return "?";
}
