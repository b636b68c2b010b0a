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

static const char *const not_affected =
	"Windows 8 / 8.1 / 10 / 11 are not affected: their KMS ignores the SLIC.";

/* Short lines: the whole list must fit under the verdict on an 80x25 console. */
static const char *const erased[] = {
	"Flash the vendor's latest BIOS for this model: a PC sold with Windows gets its marker back (KB 942962, resolution 1; reinstalling OEM Windows does not help).",
	"Or ask the vendor for a BIOS without the SLIC table: then KMS works.",
	"Or activate with a MAK or a retail key instead of KMS (resolution 2).",
	0,
};
static const char *const placeholder[] = {
	"The BIOS maker's template was never filled in: the PC was most likely sold without Windows, so the campus upgrade license does not cover it.",
	"Activate it with a MAK or a full license instead of KMS (KB 942962, resolution 2).",
	"Or ask the vendor for a BIOS without the SLIC table: then KMS works.",
	0,
};
static const char *const no_marker[] = {
	"This PC was not sold with Windows 7 / Vista (no Windows marker): the campus upgrade license does not cover it.",
	"Activate it with a MAK or a full license instead of KMS (KB 942962, resolution 2).",
	"Or ask the vendor for a BIOS without the SLIC table: then KMS works.",
	0,
};
static const char *const damaged[] = {
	"The Windows marker is corrupted: flash the vendor's latest BIOS for this model (KB 942962, resolution 1).",
	"Or activate with a MAK or a retail key instead of KMS (resolution 2).",
	"Or ask the vendor for a BIOS without the SLIC table: then KMS works.",
	0,
};
static const char *const ids[] = {
	"The SLIC's OEM IDs differ from the firmware's RSDT/XSDT (a modified or cross-flashed BIOS): flash the vendor's original BIOS for this model.",
	"Or activate with a MAK or a retail key instead of KMS.",
	0,
};
static const char *const version[] = {
	"The campus policy does not accept this marker version: check the policy's accept-versions line, or use a MAK.",
	0,
};

static const char *const *remedies(enum ss_cause c)
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

const char *ss_cause_next(enum ss_cause c, size_t i)
{
	const char *const *lines = remedies(c);
	for (size_t k = 0; lines && lines[k]; k++)
		if (k == i)
			return lines[k];
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
			? "Run it as root (sudo slicscan): the ACPI tables are readable by root only."
			: "This system shows no usable ACPI tables: boot slicscan.efi from the stick on this PC instead.";
	case SS_WHERE_FIRMWARE:
		/* Windows Vista and 7 support only PCs with ACPI (docs/FACTS.md §5): with no table
		 * at all there is nothing to install on and check afterwards. */
		if (no_rsdp_published(r))
			return "This firmware publishes no ACPI tables at all, and Windows Vista / 7 run only on PCs with ACPI: switch ACPI on in the BIOS setup (or the virtual machine's settings) or update the BIOS, then run slicscan again.";
		return "This firmware hands over no usable ACPI tables: check that ACPI is enabled in the BIOS setup and update the BIOS from the PC vendor, or check activation after installing (MGADiag).";
	case SS_WHERE_FILE:
		break;
	}
	return "Take the dump again on the PC (sudo acpidump > acpi.txt, or acpidump.exe on Windows) and copy it whole, or boot slicscan.efi from the stick on that PC.";
}

/* ... and a valid SLIC whose IDs could not be compared with the RSDT/XSDT. */
static const char *unverified(const struct ss_tableset *s)
{
	switch (s ? s->where : SS_WHERE_FILE) {
	case SS_WHERE_OS:
		return s->unprivileged
			? "Run it as root (sudo slicscan) so the RSDT/XSDT can be read and the SLIC's IDs checked against them."
			: "This system does not let slicscan read the RSDT/XSDT: boot slicscan.efi from the stick to check the SLIC's IDs against them.";
	case SS_WHERE_FIRMWARE:
		return "The firmware lists no RSDT/XSDT to check the SLIC's IDs against: install one PC of this model and check activation before imaging the rest.";
	case SS_WHERE_FILE:
		break;
	}
	return "Take a full dump on the PC (sudo acpidump > acpi.txt, or acpidump.exe), or boot slicscan.efi on it: the SLIC's IDs must be checked against the RSDT/XSDT.";
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
		return "The campus policy file marks a finding below as a failure (fail-on): resolve it, or change the policy.";
	if (f->sev == SS_SEV_WARNING && fi->sev != SS_SEV_WARNING)
		return "The campus policy file asks for a look at a finding below (warn-on): check it before imaging this model.";
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
		const char *const *lines = remedies(cause_of(r));
		for (size_t i = 0; lines && lines[i]; i++)
			add(r, lines[i]);
		add(r, not_affected);
	}
	for (int sev = SS_SEV_ERROR; sev >= SS_SEV_WARNING; sev--)
		for (size_t i = 0; i < r->nf; i++)
			if ((int)r->f[i].sev == sev)
				add(r, act(r, &r->f[i]));
}
