/* SPDX-License-Identifier: MIT */
/* A small strict JSON reader for slicscan's own report files (docs/REPORT.md), read back
 * from a stick or a collector folder by the fleet page. The bytes are untrusted (a report cut
 * by a power loss, a file someone edited): the reader checks the whole text against RFC 8259
 * before anyone trusts a value, allocates nothing, nests at most FW_JSON_DEPTH deep and hands
 * every scalar value to a callback with the keys that lead to it. */
#ifndef FW_JSONREAD_H
#define FW_JSONREAD_H
#include <stdbool.h>
#include <stddef.h>

#define FW_JSON_DEPTH 16
#define FW_JSON_KEY_MAX 48    /* longer keys are cut (no key of ours comes near) */
#define FW_JSON_VALUE_MAX 512 /* longer string values are cut at a UTF-8 boundary */

enum fw_json_kind { FW_JSON_STRING, FW_JSON_NUMBER, FW_JSON_TRUE, FW_JSON_FALSE, FW_JSON_NULL,
		    FW_JSON_OBJECT_END };

/* Where a value sits: key[0..depth-1] are the keys (an array element's key is "[]"). */
struct fw_json_path {
	size_t depth;
	char key[FW_JSON_DEPTH][FW_JSON_KEY_MAX];
};

/* Called for every scalar (value decoded to UTF-8, NUL-terminated, cut at FW_JSON_VALUE_MAX;
 * a \u0000 ends it early) and at the end of every object (value ""). Calls made before a
 * syntax error are not taken back: a caller keeps what it learns aside until the reader
 * returns 0. */
typedef void (*fw_json_fn)(void *ctx, const struct fw_json_path *at, enum fw_json_kind kind,
			   const char *value);

/* Scratch the reader works in; the caller owns it (a few KiB, no allocation). */
struct fw_json_reader {
	struct fw_json_path path;
	char value[FW_JSON_VALUE_MAX + 4];
	const char *why; /* on failure: what was wrong */
	size_t at;       /* on failure: the byte offset */
};

/* Read one JSON value (an optional UTF-8 BOM and whitespace around it) from text[0..len).
 * Returns 0 when the whole text is one valid value, -1 otherwise (rd->why, rd->at). */
int fw_json_read(struct fw_json_reader *rd, const char *text, size_t len, fw_json_fn fn,
		 void *ctx);
#endif
