/* SPDX-License-Identifier: MIT */
/* What to do: the advice that goes with a verdict, decided here once for every renderer.
 *
 * A Windows 7 KMS failure (0xC004F035) has different remedies depending on its cause
 * (Microsoft KB 942962; docs/FACTS.md §7): a marker that was erased or corrupted comes back
 * with the vendor's BIOS (resolution 1), a PC sold without Windows has no qualifying license
 * and needs a MAK or a full license (resolution 2), and a BIOS without the SLIC table lets KMS
 * activate (the campus guide's third option). Reinstalling the OEM Windows does not fix a
 * broken marker: OEM activation reads the same SLIC. Every warning carries one line of its
 * own (acpi/findings.def); the lines that depend on where slicscan runs are chosen here. */
#include "slicscan.h"
#include "internal.h"

/* The lines are catalogue texts (acpi/messages.def): r->todo holds the English ones, and a
 * renderer shows them in its language (ss_tr). Short lines: the whole list must fit under the
 * verdict on an 80x25 console. SS_M_COUNT ends a list. */
#define EN(sym) ss_msg(SS_LANG_EN, SS_M_##sym)

static const enum ss_msg_id erased[] = { SS_M_A_FLASH_LATEST, SS_M_A_NO_SLIC_BIOS, SS_M_A_MAK_RETAIL_2, SS_M_COUNT };
static const enum ss_msg_id placeholder[] = { SS_M_A_TEMPLATE, SS_M_A_MAK_FULL, SS_M_A_NO_SLIC_BIOS, SS_M_COUNT };
static const enum ss_msg_id no_marker[] = { SS_M_A_NO_MARKER, SS_M_A_MAK_FULL, SS_M_A_NO_SLIC_BIOS, SS_M_COUNT };
static const enum ss_msg_id damaged[] = { SS_M_A_CORRUPTED, SS_M_A_MAK_RETAIL_2, SS_M_A_NO_SLIC_BIOS, SS_M_COUNT };
static const enum ss_msg_id ids[] = { SS_M_A_IDS, SS_M_A_MAK_RETAIL, SS_M_COUNT };
static const enum ss_msg_id version[] = { SS_M_A_VERSION, SS_M_COUNT };

static const enum ss_msg_id *remedies(enum ss_cause c)
{
	switch (c) {
	case SS_CAUSE_ERASED: return erased;
	case SS_CAUSE_PLACEHOLDER: return placeholder;
	case SS_CAUSE_NO_MARKER: return no_marker;
	case SS_CAUSE_DAMAGED: return damaged;
	case SS_CAUSE_IDS: return ids;
	case SS_CAUSE_VERSION: return version;
	case SS_CAUSE_NONE: break;
	}
	return 0;
}

enum ss_cause ss_cause_fold(enum ss_cause sofar, enum ss_finding_id id, enum ss_severity sev)
{
	if (id >= SS_F_COUNT)
		return sofar;
	const struct ss_finding_info *fi = ss_finding_info(id);
	if (fi->scope != SS_SCOPE_WIN7 || sev != SS_SEV_ERROR || !fi->cause)
		return sofar;
	if (sofar == SS_CAUSE_PLACEHOLDER || fi->cause == SS_CAUSE_PLACEHOLDER)
		return SS_CAUSE_PLACEHOLDER;
	return sofar ? sofar : fi->cause;
}

/* The cause of a Windows 7 failure: a named placeholder explains more than the broken
 * signature that comes with it; otherwise the first failing rule met. A rule's own severity
 * counts here, not the one a policy gave it: the remedy follows what is wrong. */
static enum ss_cause cause_of(const struct ss_result *r)
{
	enum ss_cause c = SS_CAUSE_NONE;
	for (size_t i = 0; i < r->nf; i++)
		c = ss_cause_fold(c, r->f[i].id, ss_finding_info(r->f[i].id)->sev);
	return c;
}

const char *ss_cause_next(enum ss_cause c, size_t i, enum ss_lang lang)
{
	const enum ss_msg_id *lines = remedies(c);
	for (size_t k = 0; lines && lines[k] != SS_M_COUNT; k++)
		if (k == i)
			return ss_msg(lang, lines[k]);
	return 0;
}

const char *ss_cause_name(enum ss_cause c)
{
	switch (c) {
	case SS_CAUSE_ERASED: return "erased";
	case SS_CAUSE_PLACEHOLDER: return "placeholder";
	case SS_CAUSE_NO_MARKER: return "no-marker";
	case SS_CAUSE_DAMAGED: return "damaged";
	case SS_CAUSE_IDS: return "ids-differ";
	case SS_CAUSE_VERSION: return "version";
	case SS_CAUSE_NONE: break;
	}
	return "none";
}

bool ss_cause_needs_bios(enum ss_cause c)
{
	return c == SS_CAUSE_ERASED || c == SS_CAUSE_DAMAGED || c == SS_CAUSE_IDS;
}

static bool no_rsdp_published(const struct ss_result *r)
{
	const struct ss_tableset *s = r->set;
	if (!s || !s->walked_firmware || s->n || s->full)
		return false;
	for (size_t i = 0; i < r->nf; i++)
		if (r->f[i].id == SS_F_RSDP_INVALID || r->f[i].id == SS_F_OUT_OF_SPACE)
			return false;
	return true;
}

/* Advice that depends on where slicscan runs: nothing could be read at all. */
static const char *cannot_judge(const struct ss_result *r)
{
	const struct ss_tableset *s = r->set;
	switch (s ? s->where : SS_WHERE_FILE) {
	case SS_WHERE_OS:
		return s->unprivileged
			? EN(A_ROOT)
			: EN(A_OS_NO_TABLES);
	case SS_WHERE_FIRMWARE:
		/* Windows Vista and 7 support only PCs with ACPI (docs/FACTS.md §5): with no table
		 * at all there is nothing to install on and check afterwards. */
		if (no_rsdp_published(r))
			return EN(A_FW_NO_ACPI);
		return EN(A_FW_NO_USABLE);
	case SS_WHERE_FILE:
		break;
	}
	return EN(A_DUMP_AGAIN);
}

/* ... and a valid SLIC whose IDs could not be compared with the RSDT/XSDT. */
static const char *unverified(const struct ss_tableset *s)
{
	switch (s ? s->where : SS_WHERE_FILE) {
	case SS_WHERE_OS:
		return s->unprivileged
			? EN(A_UNV_ROOT)
			: EN(A_UNV_OS);
	case SS_WHERE_FIRMWARE:
		return EN(A_UNV_FW);
	case SS_WHERE_FILE:
		break;
	}
	return EN(A_UNV_FILE);
}

static void add(struct ss_result *r, const char *line)
{
	if (!line || r->ntodo >= SS_MAX_TODO)
		return;
	for (size_t i = 0; i < r->ntodo; i++)
		if (r->todo[i] == line)
			return;
	r->todo[r->ntodo++] = line;
}

/* One line for a finding that is a warning or (by policy) an error. */
static const char *act(const struct ss_result *r, const struct ss_finding *f)
{
	const struct ss_finding_info *fi = ss_finding_info(f->id);
	if (f->id == SS_F_SLIC_IDS_UNVERIFIED)
		return unverified(r->set);
	if (fi->act)
		return fi->act;
	if (f->sev == SS_SEV_ERROR && fi->sev != SS_SEV_ERROR)
		return EN(A_FAIL_ON);
	if (f->sev == SS_SEV_WARNING && fi->sev != SS_SEV_WARNING)
		return EN(A_WARN_ON);
	return 0;
}

void ss_advise(struct ss_result *r)
{
	r->ntodo = 0;
	if (r->verdict == SS_VERDICT_ERROR) {
		add(r, cannot_judge(r));
		return;
	}
	if (r->win7_kms == SS_KMS_NOT_READY && r->target == SS_TARGET_WIN7) {
		const enum ss_msg_id *lines = remedies(cause_of(r));
		for (size_t i = 0; lines && lines[i] != SS_M_COUNT; i++)
			add(r, ss_msg(SS_LANG_EN, lines[i]));
		add(r, EN(A_NOT_AFFECTED));
	}
	for (int sev = SS_SEV_ERROR; sev >= SS_SEV_WARNING; sev--)
		for (size_t i = 0; i < r->nf; i++)
			if ((int)r->f[i].sev == sev)
				add(r, act(r, &r->f[i]));
}
