/* SPDX-License-Identifier: MIT */
/* The finding catalogue (acpi/findings.def) as data, and lookups by id. */
#include "slicscan.h"
#include "bytes.h"

#define INFO SS_SEV_INFO
#define WARNING SS_SEV_WARNING
#define ERROR SS_SEV_ERROR
#define FATAL SS_SEV_FATAL
#define GENERAL SS_SCOPE_GENERAL
#define WIN7 SS_SCOPE_WIN7
#define WIN8 SS_SCOPE_WIN8
#define OA_NONE SS_OA_NONE
#define OA_INVALID SS_OA_INVALID
#define OA_NO_MARKER SS_OA_NO_MARKER
#define CAUSE_NONE SS_CAUSE_NONE
#define CAUSE_ERASED SS_CAUSE_ERASED
#define CAUSE_PLACEHOLDER SS_CAUSE_PLACEHOLDER
#define CAUSE_NO_MARKER SS_CAUSE_NO_MARKER
#define CAUSE_DAMAGED SS_CAUSE_DAMAGED
#define CAUSE_IDS SS_CAUSE_IDS
#define CAUSE_VERSION SS_CAUSE_VERSION

static const struct ss_finding_info catalogue[SS_F_COUNT] = {
#define SS_FINDING(sym, id, sev, scope, reason, oa20, cause, doc, act) \
	{ id, sev, scope, reason, oa20, cause, doc, act },
#include "findings.def"
#undef SS_FINDING
};

const struct ss_finding_info *ss_finding_info(enum ss_finding_id f)
{
	return (unsigned)f < SS_F_COUNT ? &catalogue[f] : 0;
}

enum ss_finding_id ss_finding_by_id(const char *id, size_t len)
{
	for (unsigned i = 0; i < SS_F_COUNT; i++)
		if (ss_strlen(catalogue[i].id) == len && ss_memeq(catalogue[i].id, id, len))
			return (enum ss_finding_id)i;
	return SS_F_COUNT;
}

const char *ss_severity_str(enum ss_severity s)
{
	switch (s) {
	case SS_SEV_INFO: return "info";
	case SS_SEV_WARNING: return "warning";
	case SS_SEV_ERROR: return "error";
	case SS_SEV_FATAL: return "fatal";
	}
	return "?";
}
