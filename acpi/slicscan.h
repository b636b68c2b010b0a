/* SPDX-License-Identifier: MIT */
/* The slicscan core's whole public interface: collect ACPI tables, judge them, render the result.
 *
 * The core is freestanding C99 (only <stdint.h>, <stddef.h>, <stdbool.h>, <stdarg.h>); it never
 * allocates, never calls libc and never touches a platform. Front ends (efi/, host/) hand it bytes
 * through one of three doors and get back a struct ss_result they can render:
 *
 *   firmware memory   ss_collect_firmware()  RSDP address + a read callback (the one mock seam)
 *   acpidump text     ss_collect_acpidump()  ACPICA "SIG @ 0xADDR / offset: hex" format
 *   single raw tables ss_tableset_add()      a folder of *.dat files, /sys/firmware/acpi/tables
 *
 * then ss_judge() applies every rule (acpi/judge.c, acpi/slic.c, acpi/msdm.c; findings are listed
 * once in acpi/findings.def) and ss_render_text()/ss_render_json() print the same facts.
 * All input bytes are untrusted: every length is checked before it is used. */
#ifndef SLICSCAN_H
#define SLICSCAN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

#define SS_VERSION "1.0.0"

/* printf-style checking of the core's formatters (acpi/fmt.c: %zu, %llu ...). MinGW's plain
 * "printf" attribute means msvcrt's dialect, which lacks %zu: name GNU's there. */
#if defined(__MINGW32__)
#define SS_PRINTF(fmt, first) __attribute__((format(gnu_printf, fmt, first)))
#elif defined(__GNUC__)
#define SS_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define SS_PRINTF(fmt, first)
#endif

#define SS_MAX_TABLES 256
#define SS_MAX_FINDINGS 128
#define SS_MAX_SLICS 4
#define SS_MSG_LEN 200
/* Largest single table the core accepts; a header claiming more is a finding, never a read. */
#define SS_MAX_TABLE_LEN (4u * 1024 * 1024)

/* ---- findings -------------------------------------------------------------------------- */

enum ss_severity {
	SS_SEV_INFO = 0, /* a fact, no effect on the verdict */
	SS_SEV_WARNING,  /* the verdict becomes "ready-with-warnings" (exit 2) */
	SS_SEV_ERROR,    /* the verdict becomes "not-ready" (exit 1) */
	SS_SEV_FATAL,    /* the input cannot be judged (exit 3) */
};

/* Which rule set a finding belongs to. Windows-7 findings are decisive only for target
 * windows7; for target windows8 they are shown as information. */
enum ss_scope {
	SS_SCOPE_GENERAL = 0,
	SS_SCOPE_WIN7, /* SLIC rules: only Windows 7 / Vista KMS looks at them */
	SS_SCOPE_WIN8, /* MSDM rules: only Windows 8 and later read the MSDM */
};

/* What a finding makes of MGADiag's "BIOS valid for OA 2.0" line for its SLIC. */
enum ss_oa20_effect { SS_OA_NONE = 0, SS_OA_INVALID, SS_OA_NO_MARKER };

/* Why Windows 7 KMS activation fails, as far as the remedy goes (docs/FACTS.md §7): each
 * cause has its own advice (acpi/advice.c). */
enum ss_cause {
	SS_CAUSE_NONE = 0,
	SS_CAUSE_ERASED,      /* the licensing area is blank: erased, or a BIOS flashed without it */
	SS_CAUSE_PLACEHOLDER, /* a BIOS vendor's template, never filled in by the PC maker */
	SS_CAUSE_NO_MARKER,   /* a key but no marker: the PC was not sold with Windows */
	SS_CAUSE_DAMAGED,     /* a marker or table that is there but corrupted */
	SS_CAUSE_IDS,         /* SLIC IDs differ from the RSDT/XSDT (modified/cross-flashed BIOS) */
	SS_CAUSE_VERSION,     /* the policy does not accept the marker version */
};

enum ss_finding_id {
#define SS_FINDING(sym, id, sev, scope, reason, oa20, cause, doc, act) SS_F_##sym,
#include "findings.def"
#undef SS_FINDING
	SS_F_COUNT
};

struct ss_finding_info {
	const char *id;          /* stable kebab-case id, e.g. "slic-no-marker" */
	enum ss_severity sev;    /* default severity */
	enum ss_scope scope;
	const char *reason;      /* Windows 7 KMS reason tag (docs/FINDINGS.md), or NULL */
	enum ss_oa20_effect oa20;
	enum ss_cause cause;
	const char *doc;         /* one sentence for the documentation */
	const char *act;         /* what to do when it is a warning, or NULL */
};

const struct ss_finding_info *ss_finding_info(enum ss_finding_id f);
/* The advice catalogue by cause (acpi/advice.c), for readers of saved reports (the fleet
 * page): fold one finding into the cause found so far (a placeholder wins, else the first
 * Windows 7 error met), the i-th remedy line of a cause (NULL past the last;
 * ss_cause_next, below enum ss_lang), a short stable
 * name, and whether the remedy is the vendor's BIOS. */
enum ss_cause ss_cause_fold(enum ss_cause sofar, enum ss_finding_id id, enum ss_severity sev);
const char *ss_cause_name(enum ss_cause c);
bool ss_cause_needs_bios(enum ss_cause c);
/* Look a finding up by its id string; returns SS_F_COUNT when unknown. */
enum ss_finding_id ss_finding_by_id(const char *id, size_t len);
const char *ss_severity_str(enum ss_severity s);

struct ss_finding {
	enum ss_finding_id id;
	enum ss_severity sev; /* after target and policy adjustments */
	char table[SS_SIG_LEN + 1]; /* signature of the table concerned, "" when none */
	char msg[SS_MSG_LEN]; /* one line, plain ASCII */
};

/* ---- targets and policy ---------------------------------------------------------------- */

enum ss_target {
	SS_TARGET_WIN7 = 0, /* Windows 7 / Vista volume license: SLIC decides KMS activation */
	SS_TARGET_WIN8,     /* Windows 8 / 8.1 / 10 / 11: SLIC is informational */
};

#define SS_POLICY_MAX_KEYS 32
#define SS_POLICY_MAX_VERSIONS 16

struct ss_known_key {
	char oem_id[SS_OEM_ID_LEN + 1]; /* 6-byte OEM ID as in the table (NUL-terminated copy) */
	uint8_t fp[8];         /* first 8 bytes of SHA-256 over the 128 modulus bytes as stored */
	char vendor[64];
};

/* What the policy file can change; ss_policy_init() gives the documented defaults. */
struct ss_policy {
	enum ss_target target;
	/* Accepted marker versions (u32 as at marker+34, 0x00020001 = 2.1) for target windows7. */
	uint32_t versions[SS_POLICY_MAX_VERSIONS];
	size_t nversions;
	/* Keys added by the policy file, checked after the built-in list in acpi/known.c. */
	struct ss_known_key keys[SS_POLICY_MAX_KEYS];
	size_t nkeys;
	/* Per-finding severity override: -1 keep the default, else an enum ss_severity. */
	signed char override[SS_F_COUNT];
	bool show_key; /* print the MSDM product key in full */
};

void ss_policy_init(struct ss_policy *p);

/* Parse a policy file (plain text, docs/POLICY.md) into p, on top of what p holds.
 * Returns 0, or -1 with a one-line message "line N: ..." in err. */
int ss_policy_parse(struct ss_policy *p, const char *text, size_t len, char *err, size_t errlen);
/* Parse a target name ("windows7", "7", "windows8", "8", "10", "11", ...); -1 if unknown. */
int ss_target_parse(const char *s, size_t len, enum ss_target *out);
const char *ss_target_str(enum ss_target t);

/* ---- the table set --------------------------------------------------------------------- */

enum ss_origin {
	SS_ORIGIN_RAW = 0, /* handed over as a lone table (file, sysfs) */
	SS_ORIGIN_DUMP,    /* parsed from acpidump text */
	SS_ORIGIN_MEMORY,  /* read from firmware memory through the read callback */
};

/* Where slicscan runs, for advice that fits: a file can be taken again, a running PC cannot. */
enum ss_where {
	SS_WHERE_FILE = 0, /* a dump or table files, judged anywhere */
	SS_WHERE_OS,       /* the running operating system's view of this PC (sysfs, Windows API) */
	SS_WHERE_FIRMWARE, /* straight from firmware (UEFI app, BIOS kernel) */
};

#define SS_LISTED_RSDT 1u
#define SS_LISTED_XSDT 2u

struct ss_table {
	char sig[SS_SIG_LEN + 1]; /* printable copy of the 4 signature bytes ('?' for others) */
	uint8_t rawsig[SS_SIG_LEN];
	uint64_t addr;           /* physical address, 0 when the source does not say */
	const uint8_t *data;     /* the bytes we have */
	uint32_t len;            /* how many bytes we have */
	uint32_t declared_len;   /* header length field (RSDP: 20 or 36) */
	bool has_header;         /* at least 36 bytes (RSDP: 20) */
	bool length_ok;          /* declared length >= header size and <= bytes we have */
	bool checksum_ok;        /* sum over the declared length is 0 (RSDP: 20 and 36 bytes) */
	bool has_checksum;       /* the table kind has a checksum at all (the FACS has none) */
	uint8_t revision;
	uint8_t oem_id[SS_OEM_ID_LEN];
	uint8_t oem_table_id[SS_OEM_TABLE_ID_LEN];
	enum ss_origin origin;
	char name[48];           /* where it came from: file name, "dump line 12", ... */
};

/* The set does not own table bytes unless they are copied into its arena
 * (acpidump text and firmware memory are, raw tables handed over are not). */
struct ss_tableset {
	struct ss_table t[SS_MAX_TABLES];
	size_t n;
	uint8_t *arena;   /* caller-provided scratch for table copies */
	size_t arena_cap;
	size_t arena_used;
	/* findings raised while collecting (bad lines, pointers into nowhere, ...) */
	struct ss_finding f[SS_MAX_FINDINGS];
	size_t nf;
	size_t dropped_findings;
	bool walked_firmware;   /* tables came from a full firmware RSDP walk */
	bool full;              /* a table was refused for lack of room */
	enum ss_where where;    /* set by the front end; SS_WHERE_FILE after init */
	bool unprivileged;      /* SS_WHERE_OS without the rights to read every table (not root) */
	char source[128];       /* "acpidump file x.txt", "firmware (UEFI configuration table)" */
};

void ss_tableset_init(struct ss_tableset *s, uint8_t *arena, size_t arena_cap);
/* Add one table whose bytes stay owned by the caller (and must outlive the set).
 * Returns 0, or -1 when the set is full (a finding says so). */
int ss_tableset_add(struct ss_tableset *s, const uint8_t *data, size_t len, uint64_t addr,
		    enum ss_origin origin, const char *name);
/* Record a finding against the set (used by collectors and front ends alike). */
void ss_tableset_finding(struct ss_tableset *s, enum ss_finding_id id, const char *table,
			 const char *fmt, ...);

/* Parse ACPICA acpidump text. Tables are copied into the arena; an arena of
 * len/3 + 4096 bytes is always enough. Returns the number of tables found (0 = garbage,
 * a finding says why). */
size_t ss_collect_acpidump(struct ss_tableset *s, const char *text, size_t len);

/* The mock seam: copy len bytes of physical memory at addr into dst.
 * Return 0 on success, non-zero when the range is not readable (not described
 * by the memory map, unmapped, ...). The core never dereferences an address itself. */
typedef int (*ss_read_fn)(void *ctx, uint64_t addr, void *dst, size_t len);

/* Walk RSDP -> RSDT and XSDT -> every listed table, copying into the arena.
 * rsdp is the ACPI 2.0 configuration-table pointer (0 if none), rsdp1 the 1.0 one.
 * Bad pointers, cycles, duplicates and RSDT/XSDT disagreements become findings. */
void ss_collect_firmware(struct ss_tableset *s, ss_read_fn read, void *ctx, uint64_t rsdp,
			 uint64_t rsdp1);
/* The same walk, stopped after the RSDP, RSDT and XSDT themselves: for a set whose other
 * tables came from elsewhere (Linux: sysfs holds every table but these three). */
void ss_collect_firmware_roots(struct ss_tableset *s, ss_read_fn read, void *ctx, uint64_t rsdp,
			       uint64_t rsdp1);
/* Where there is no pointer to the RSDP (legacy BIOS PCs), firmware leaves it in the first KiB
 * of the EBDA or in 0xE0000-0xFFFFF (ACPI 6.5 §5.2.5.1): the first "RSD PTR " on a 16-byte
 * boundary of area (a copy of such memory, area[0] 16-byte aligned) whose 20-byte checksum
 * holds. Returns 0 with *off set, or -1. The walk then checks the rest (revision, the
 * extended checksum) like any RSDP. */
int ss_rsdp_find(const uint8_t *area, size_t len, size_t *off);

/* ---- the judgement --------------------------------------------------------------------- */

enum ss_verdict {
	SS_VERDICT_READY = 0,
	SS_VERDICT_NOT_READY,
	SS_VERDICT_READY_WITH_WARNINGS,
	SS_VERDICT_ERROR,
};

/* The process exit codes, identical in the Linux CLI and the UEFI app. */
enum ss_exit {
	SS_EXIT_READY = 0,
	SS_EXIT_NOT_READY = 1,
	SS_EXIT_WARNINGS = 2,
	SS_EXIT_CANNOT_JUDGE = 3,
	SS_EXIT_USAGE = 4,
};

enum ss_kms { SS_KMS_READY = 0, SS_KMS_UNVERIFIED, SS_KMS_NOT_READY };

/* MGADiag's "BIOS valid for OA 2.0" line. */
enum ss_oa20 {
	SS_OA20_NO_SLIC = 0, /* "yes, but no SLIC table" */
	SS_OA20_VALID,       /* "yes" */
	SS_OA20_NO_MARKER,   /* "yes, but no Windows marker" */
	SS_OA20_INVALID,     /* "no, invalid SLIC table" */
	SS_OA20_UNKNOWN,     /* nothing could be read: no claim either way */
};

/* "OEMID and OEMTableID consistent", per SLIC. */
enum ss_consistency { SS_CONS_NA = 0, SS_CONS_YES, SS_CONS_NO, SS_CONS_UNVERIFIED };

enum ss_match { SS_MATCH_NA = 0, SS_MATCH_YES, SS_MATCH_NO };

/* Tables the SLIC header IDs are compared with, in report order. */
enum ss_cmp { SS_CMP_MARKER = 0, SS_CMP_RSDT, SS_CMP_XSDT, SS_CMP_FACP, SS_CMP_RSDP, SS_CMP_COUNT };

struct ss_slic {
	size_t table;             /* index into the set */
	enum ss_oa20 oa20;
	const char *reason;       /* Windows 7 reason tag, e.g. "valid-marker", "invalid-slic:blank-ff" */
	bool has_key, has_marker;
	bool key_well_formed;
	uint32_t key_bits, key_exp;
	uint8_t key_fp[32];       /* SHA-256 of the 128 modulus bytes as stored */
	const char *key_vendor;   /* known-good list vendor (or the other OEM's), or NULL */
	bool key_known;           /* on the known-good list for this SLIC's own OEM ID */
	char key_owner[SS_OEM_ID_LEN + 1]; /* OEM ID the known key belongs to, "" when unknown */
	bool version_present;
	uint32_t version;         /* effective marker version (marker+34, or dwVersion when 0) */
	uint32_t dw_version;
	char version_str[16];     /* "2.1" */
	bool version_accepted;
	bool sig_checked, sig_valid;
	int rsa_result;           /* enum ss_rsa_result */
	enum ss_match ids[SS_CMP_COUNT];
	enum ss_consistency consistent;
	uint8_t marker_oem_id[SS_OEM_ID_LEN], marker_oem_table_id[SS_OEM_TABLE_ID_LEN];
};

enum ss_msdm_state {
	SS_MSDM_ABSENT = 0,
	SS_MSDM_KEY_OK,
	SS_MSDM_KEY_MALFORMED,
	SS_MSDM_BLANK,
	SS_MSDM_BAD_HEADER,
	SS_MSDM_UNKNOWN, /* nothing could be read: no claim either way */
};

struct ss_msdm {
	bool present;
	size_t table;
	enum ss_msdm_state state;
	uint32_t version, data_type, data_length;
	char key_masked[SS_MSDM_KEY_LEN + 1]; /* "XXXXX-XXXXX-XXXXX-XXXXX-AB3CD" */
	char key[SS_MSDM_KEY_LEN + 1]; /* full key: rendered only with policy show_key */
};

#define SS_MAX_TODO 8

struct ss_result {
	enum ss_target target;
	enum ss_verdict verdict;
	enum ss_exit exit_code;
	enum ss_kms win7_kms;
	const char *win7_reason;       /* the deciding reason tag */
	const char *predicted_error;   /* "0xC004F035" or NULL, for the chosen target */
	size_t nslic;
	struct ss_slic slic[SS_MAX_SLICS];
	struct ss_msdm msdm;
	bool oem_license_evidence;     /* valid marker or well-formed MSDM key */
	bool marker_evidence;          /* ... of which: a SLIC with a valid marker */
	/* What the judge decided for the renderers (they print, never decide): */
	bool complete;                 /* every table was read: "no SLIC"/"no MSDM" are facts */
	int main_slic;                 /* the SLIC the summary reports (first failing, else first), -1 */
	int deciding;                  /* index in f of the finding that explains the verdict, -1 */
	/* The verdict (target + policy) and the Windows 7 prediction say different things: the
	 * banner must say both. */
	bool policy_differs;
	const char *todo[SS_MAX_TODO]; /* what to do, in order; empty for a clean "ready" */
	size_t ntodo;
	struct ss_finding f[SS_MAX_FINDINGS];
	size_t nf;
	size_t dropped_findings;
	unsigned char raised[SS_F_COUNT];      /* how often each finding was raised (saturates) */
	unsigned char listed[SS_MAX_TABLES];   /* SS_LISTED_* per table: an RSDT/XSDT points here */
	const struct ss_tableset *set;
	const struct ss_policy *policy;
};

/* Apply every rule. Never fails: an unusable set gives verdict "error" (exit 3). */
void ss_judge(const struct ss_tableset *s, const struct ss_policy *p, struct ss_result *r);

/* For front ends: add a finding after ss_judge() (report not saved, ...) and recompute the
 * verdict and exit code. */
void ss_result_add_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
			   const char *fmt, ...)
	SS_PRINTF(4, 5)
	;
/* Recompute verdict, exit code, Windows 7 prediction and reason from the findings. */
void ss_result_finish(struct ss_result *r);

const char *ss_verdict_str(enum ss_verdict v);   /* "ready", "not-ready", ... */
const char *ss_kms_str(enum ss_kms k);           /* "ready", "unverified", "not-ready" */
const char *ss_oa20_str(enum ss_oa20 o);         /* MGADiag wording */
const char *ss_oa20_state_str(enum ss_oa20 o);   /* "no-slic", "valid", ..., "unknown" */
const char *ss_msdm_state_str(enum ss_msdm_state m); /* "absent", "key-ok", ..., "unknown" */
const char *ss_consistency_str(enum ss_consistency c); /* "yes", "no", "unverified", "n/a" */

/* ---- rendering -------------------------------------------------------------------------- */

/* Output goes through a sink so the same bytes reach a terminal, a UEFI console or a file. */
typedef void (*ss_write_fn)(void *ctx, const char *s, size_t n);

/* Extra facts a front end adds to the report (SMBIOS, firmware clock, app name), in order. */
#define SS_MAX_INFO 16
struct ss_info {
	const char *key[SS_MAX_INFO];   /* JSON member name, e.g. "system_serial" */
	const char *label[SS_MAX_INFO]; /* text label, e.g. "System serial" */
	const char *value[SS_MAX_INFO];
	size_t n;
};

void ss_info_add(struct ss_info *info, const char *key, const char *label, const char *value);

void ss_render_text(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx);
void ss_render_json(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx);
/* A few lines: the verdict in large words, the predicted error, what to do. */
void ss_render_banner(const struct ss_result *r, ss_write_fn w, void *ctx);
/* CSV (RFC 4180: every field quoted, CRLF): a header line, and one line per judged machine
 * with the verdict fields and the machine facts of info (docs/REPORT.md, "Summary CSV").
 * Fifty machines' lines under one header are the collection's overview. */
void ss_render_csv_header(ss_write_fn w, void *ctx);
void ss_render_csv(const struct ss_result *r, const struct ss_info *info, ss_write_fn w, void *ctx);
/* The list of all findings with severities and documentation (for --list-findings and docs). */
void ss_render_finding_list(ss_write_fn w, void *ctx);

/* ---- languages (acpi/messages.c, acpi/messages.def, acpi/findings_zh.def) ------------ */

/* The language of the text report, the banner and the screen. The JSON report, the CSV line,
 * ids and exit codes are the same in every language. */
enum ss_lang { SS_LANG_EN = 0, SS_LANG_ZH_TW };

enum ss_msg_id {
#define SS_MSG(sym, en, zh) SS_M_##sym,
#include "messages.def"
#undef SS_MSG
	SS_M_COUNT
};

/* A catalogue text in lang (English for an unknown id or language). */
const char *ss_msg(enum ss_lang lang, enum ss_msg_id id);
/* The text in lang of an English line the core hands out (a "what to do" line of r->todo: a
 * catalogue text or a finding's act line); the line itself when it has no translation. */
const char *ss_tr(enum ss_lang lang, const char *en);
/* A finding's sentence (its doc line) in lang; NULL for an unknown id. */
const char *ss_finding_text(enum ss_lang lang, enum ss_finding_id f);
/* A finding's act line in lang (NULL when it has none). */
const char *ss_finding_act(enum ss_lang lang, enum ss_finding_id f);
/* A severity as the text report shows it (INFO, WARNING, ...; zh-TW: 資訊, 警告, ...). */
const char *ss_severity_text(enum ss_severity s, enum ss_lang lang);
/* "en" or "zh-TW" (also "zh_TW", any case) -> 0 and *out; -1 otherwise. */
int ss_lang_parse(const char *s, size_t n, enum ss_lang *out);
/* The i-th remedy line of a cause in a language (NULL past the last): acpi/advice.c. */
const char *ss_cause_next(enum ss_cause c, size_t i, enum ss_lang lang);
/* The language the environment asks for: the first set and non-empty of LC_ALL, LC_MESSAGES,
 * LANG (POSIX precedence) selects zh-TW when it starts with "zh_TW" (or "zh-TW"); anything
 * else is English. Arguments may be NULL. */
enum ss_lang ss_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang);
/* "en" / "zh-TW". */
const char *ss_lang_str(enum ss_lang lang);

/* One UTF-8 character at s (n > 0): its code point and *len bytes; a malformed, overlong or
 * surrogate sequence is one byte (*len 1) read as U+FFFD (acpi/width.c). */
uint32_t ss_utf8_next(const char *s, size_t n, size_t *len);
/* UTF-8 text on a grid of cells (acpi/width.c): an East Asian Wide character takes two
 * columns, every other character one. Malformed bytes count as one column each. */
size_t ss_text_cols(const char *s, size_t n);
/* How many bytes of s[0..n) go on a line of room columns: all when they fit; else up to the
 * last blank, or (for CJK text, which has no blanks) after the last whole character that
 * fits, never inside a UTF-8 sequence nor before closing punctuation; at least one character. */
size_t ss_text_fit(const char *s, size_t n, size_t room);

void ss_render_text_lang(const struct ss_result *r, const struct ss_info *info, enum ss_lang lang,
			 ss_write_fn w, void *ctx);
void ss_render_banner_lang(const struct ss_result *r, enum ss_lang lang, ss_write_fn w, void *ctx);

/* ---- small freestanding formatting (acpi/fmt.c) ---------------------------------------- */

/* vsnprintf subset: %s %c %d %u %x %X %lu %lx %llu %llx %zu %zx %p, flags '-' '0', width,
 * precision for %s and "%.*s". Always NUL-terminates when cap > 0. Returns the length it
 * would have written. */
size_t ss_vfmt(char *buf, size_t cap, const char *fmt, va_list ap);
size_t ss_fmt(char *buf, size_t cap, const char *fmt, ...)
	SS_PRINTF(3, 4)
	;
/* ss_fmt with a catalogue text (ss_msg) as the format, which the compiler cannot check: the
 * conversions of both languages' texts are checked against each other by
 * tests/unit/test_lang.c. */
size_t ss_fmt_msg(char *buf, size_t cap, const char *fmt, ...);

/* Convenience: one whole run over acpidump text (fuzz target, tests, benchmarks). */
void ss_scan_acpidump(struct ss_tableset *s, const char *text, size_t len,
		      const struct ss_policy *p, struct ss_result *r);

#endif
