/* SPDX-License-Identifier: MIT */
/* The result: how findings are recorded (severity adjusted for target and policy) and how the
 * verdict, the Windows 7 prediction and everything the renderers print follow from them.
 *
 * The rule files (slic.c, msdm.c, judge.c) only raise findings here; ss_result_finish() is the
 * one place that turns findings into decisions, so a front end that adds a finding after the
 * judgement (report not saved, clock wrong) gets the same treatment. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

static enum ss_severity adjusted(const struct ss_result *r, enum ss_finding_id id)
{
	const struct ss_finding_info *fi = ss_finding_info(id);
	enum ss_severity sev = fi->sev;
	/* A rule for another Windows than the target is information (never fatal). */
	int other = (fi->scope == SS_SCOPE_WIN7 && r->target != SS_TARGET_WIN7) ||
		    (fi->scope == SS_SCOPE_WIN8 && r->target != SS_TARGET_WIN8);
	if (other && sev > SS_SEV_INFO && sev < SS_SEV_FATAL)
		sev = SS_SEV_INFO;
	if (r->policy && r->policy->override[id] >= 0)
		sev = (enum ss_severity)r->policy->override[id];
	return sev;
}

void ss_result_record(struct ss_result *r, enum ss_finding_id id, const char *table,
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
	ss_result_record(r, id, table, msg);
}

void ss_result_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfinding(r, id, table, fmt, ap);
	va_end(ap);
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

/* How well a finding explains a verdict of its severity: a named placeholder says most to
 * staff ("the vendor never filled it in"), then the Windows 7 licensing rules, then the rest. */
static int explains(const struct ss_finding *f)
{
	return f->id == SS_F_SLIC_PLACEHOLDER ? 2 : ss_finding_info(f->id)->reason ? 1 : 0;
}

/* The finding that explains the verdict: of the highest severity, the most telling one, the
 * first of those; -1 when every finding is information. */
static int deciding(const struct ss_result *r)
{
	int best = -1;
	for (size_t i = 0; i < r->nf; i++) {
		const struct ss_finding *f = &r->f[i];
		if (f->sev == SS_SEV_INFO)
			continue;
		if (best < 0 || f->sev > r->f[best].sev ||
		    (f->sev == r->f[best].sev && explains(f) > explains(&r->f[best])))
			best = (int)i;
	}
	return best;
}

/* The SLIC the summary reports: the first failing one, else the first. */
static int choose_main_slic(const struct ss_result *r)
{
	for (size_t i = 0; i < r->nslic; i++)
		if (r->slic[i].oa20 != SS_OA20_VALID)
			return (int)i;
	return r->nslic ? 0 : -1;
}

const struct ss_slic *ss_main_slic(const struct ss_result *r)
{
	return r->main_slic >= 0 && (size_t)r->main_slic < r->nslic ? &r->slic[r->main_slic] : 0;
}

int ss_result_complete(const struct ss_result *r)
{
	for (unsigned i = 0; i < SS_F_COUNT; i++)
		if (r->raised[i] && ss_finding_info((enum ss_finding_id)i)->sev == SS_SEV_FATAL)
			return 0;
	/* a SLIC Windows would not let slicscan.exe read may be the failing one */
	return !r->raised[SS_F_OUT_OF_SPACE] && !r->raised[SS_F_TOO_MANY_TABLES] &&
	       !r->raised[SS_F_ROOT_POINTER_BAD] && !r->raised[SS_F_WIN_SLIC_HIDDEN];
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
	r->complete = !fatal && ss_result_complete(r);
	if (fail)
		r->win7_kms = SS_KMS_NOT_READY;
	else if (r->raised[SS_F_SLIC_IDS_UNVERIFIED] || !r->complete)
		r->win7_kms = SS_KMS_UNVERIFIED;
	else
		r->win7_kms = SS_KMS_READY;
	if (!reason)
		reason = !r->complete ? "cannot-judge"
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
	/* The policy (or the target) made the verdict say something the Windows 7 prediction
	 * does not: a failing SLIC accepted, or a working PC refused by a fail-on rule. */
	r->policy_differs = !fatal && r->target == SS_TARGET_WIN7 && ((r->win7_kms == SS_KMS_NOT_READY &&
					r->verdict != SS_VERDICT_NOT_READY) ||
				       (r->win7_kms == SS_KMS_READY && r->verdict == SS_VERDICT_NOT_READY));
	r->deciding = deciding(r);
	/* With the firmware fine for Windows 7, a network check that decides the verdict names
	 * the error activation will show (docs/NETWORK.md). */
	if (!fatal && !r->predicted_error && r->deciding >= 0 && r->win7_kms != SS_KMS_NOT_READY) {
		enum ss_finding_id d = r->f[r->deciding].id;
		if (d == SS_F_CLOCK_SKEW)
			r->predicted_error = "0xC004F06C";
		else if (d == SS_F_KMS_UNREACHABLE)
			r->predicted_error = "0xC004F039";
	}
	r->main_slic = choose_main_slic(r);
	if (!r->complete && !r->msdm.present)
		r->msdm.state = SS_MSDM_UNKNOWN;
	ss_advise(r);
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
	case SS_OA20_UNKNOWN: return "Unknown (the tables could not be read)";
	}
	return "?";
}

const char *ss_oa20_state_str(enum ss_oa20 o)
{
	static const char *const states[] = { "no-slic", "valid", "no-marker", "invalid", "unknown" };
	return (unsigned)o <= SS_OA20_UNKNOWN ? states[o] : "unknown";
}

const char *ss_msdm_state_str(enum ss_msdm_state m)
{
	switch (m) {
	case SS_MSDM_ABSENT: return "absent";
	case SS_MSDM_KEY_OK: return "key-ok";
	case SS_MSDM_KEY_MALFORMED: return "key-malformed";
	case SS_MSDM_BLANK: return "blank";
	case SS_MSDM_BAD_HEADER: return "bad-header";
	case SS_MSDM_UNKNOWN: return "unknown";
	}
	return "?";
}

const char *ss_consistency_str(enum ss_consistency c)
{
	switch (c) {
	case SS_CONS_YES: return "yes";
	case SS_CONS_NO: return "no";
	case SS_CONS_UNVERIFIED: return "unverified";
	case SS_CONS_NA: break;
	}
	return "n/a";
}
