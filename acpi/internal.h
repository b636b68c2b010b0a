/* SPDX-License-Identifier: MIT */
/* Functions shared between the core's own files; not part of the public interface. */
#ifndef SS_INTERNAL_H
#define SS_INTERNAL_H

#include "slicscan.h"

/* Bump allocation from the set's arena (8-byte aligned); NULL when it does not fit. */
void *ss_arena_alloc(struct ss_tableset *s, size_t len);

/* Findings are collected into the result by these (acpi/result.c); severity is adjusted for
 * target and policy. */
void ss_result_record(struct ss_result *r, enum ss_finding_id id, const char *table,
		      const char *msg);
void ss_result_finding(struct ss_result *r, enum ss_finding_id id, const char *table,
		       const char *fmt, ...)
	SS_PRINTF(4, 5)
	;

/* RSDT/XSDT entries (acpi/tableset.c): how many whole entries, how many bytes of a partial
 * one, and entry e (< ss_root_count) as an address. root must have length_ok. */
size_t ss_root_count(const struct ss_table *root);
size_t ss_root_partial(const struct ss_table *root);
uint64_t ss_root_entry(const struct ss_table *root, size_t e);
/* The first n ID bytes of two headers are equal (SS_OEM_ID_LEN: the OEM ID; SS_OEM_IDS_LEN:
 * OEM ID + OEM Table ID), byte for byte: real IDs contain NULs and trailing spaces, and
 * Windows compares all 14 bytes. */
int ss_oem_ids_equal(const struct ss_table *a, const struct ss_table *b, size_t n);
/* Two IDs of na and nb bytes are equal once trailing spaces and NULs are dropped ("DELL  " ==
 * "DELL\0\0"): for IDs written by different tools (MSDM vs SLIC, the known-key list). */
int ss_id_trimmed_eq(const uint8_t *a, size_t na, const uint8_t *b, size_t nb);
/* Every table was read and judged: no fatal finding, nothing skipped (acpi/result.c). */
int ss_result_complete(const struct ss_result *r);

/* A table from a dump or file with fewer bytes than its header claims (not firmware memory). */
int ss_input_truncated(const struct ss_table *t);

/* Per-table rule files called by ss_judge(). */
void ss_check_slic(struct ss_result *r, size_t table_index, struct ss_slic *out);
void ss_check_msdm(struct ss_result *r, size_t table_index, struct ss_msdm *out);

/* The known-good lists (acpi/known.c). */
struct ss_placeholder {
	const char *oem_id;      /* marker or header OEM ID prefix that identifies it */
	const char *message;
};
/* The known key for fp: one whose OEM ID matches oem (or that has none). When fp is known
 * only under other OEM IDs, returns NULL and sets *other to that entry. */
const struct ss_known_key *ss_known_key_for(const struct ss_policy *p, const uint8_t fp[32],
					    const uint8_t oem[SS_OEM_ID_LEN], const struct ss_known_key **other);
const char *ss_placeholder_message(const uint8_t *slic, size_t len, const uint8_t *marker_oem);
extern const uint32_t ss_known_versions[];
extern const size_t ss_known_versions_count;

/* The SLIC whose state the summary fields report (r->main_slic), or NULL: every renderer
 * prints this one choice (acpi/result.c). */
const struct ss_slic *ss_main_slic(const struct ss_result *r);

/* Fill r->todo from the verdict, its cause and the warnings (acpi/advice.c). */
void ss_advise(struct ss_result *r);

/* A renderer's output: the front end's write function and its context. ss_out() formats
 * (ss_vfmt, at most 767 bytes) and writes once (acpi/fmt.c). */
struct ss_sink {
	ss_write_fn w;
	void *ctx;
};
void ss_out(struct ss_sink *s, const char *fmt, ...)
	SS_PRINTF(2, 3)
	;

/* ss_out with a va_list and a format the compiler cannot see (a catalogue text). */
void ss_vout(struct ss_sink *s, const char *fmt, va_list ap);

/* Escape an OEM ID for text: printable ASCII as is, others as \xNN. */
void ss_id_text(char *out, size_t cap, const uint8_t *id, size_t n);

#endif
