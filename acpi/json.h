/* SPDX-License-Identifier: MIT */
/* A small JSON emitter for the core's report (acpi/render.c): the caller says what comes
 * (begin/end object or array, key, value) and the emitter places the commas, the newlines and
 * the indentation, so no writer has to remember which member is the last one.
 *
 * Freestanding like the rest of acpi/: no allocation, a fixed-depth stack, output through the
 * same ss_write_fn sink as every renderer. Strings are escaped for untrusted bytes (OEM IDs,
 * SMBIOS text): '"' and '\' get a backslash, bytes below 0x20 and from 0x7f up become \u00XX
 * (a byte is taken as the code point of the same value), everything else is written as is.
 *
 * Layouts (chosen per container when it begins):
 *   SS_JSON_LINES   one member per line, indented two spaces a level:
 *                     {\n  "a": 1,\n  "b": [\n    2\n  ]\n}      empty: {} and []
 *   SS_JSON_INLINE  on one line: {"a": 1, "b": [2, 3]}; what it contains is inline too
 *   SS_JSON_HUG     an array whose elements follow the brackets on the same line and add no
 *                   indentation: [{\n  "a": 1\n}, {\n  "a": 2\n}] (the report's "slic.tables")
 * A newline follows the outermost value when it ends.
 *
 * Misuse has a defined result, never a write out of bounds: a container that would be nested
 * deeper than SS_JSON_DEPTH is written as null and everything inside it is dropped (the output
 * stays valid JSON); an end that does not match the open container still closes it, and an end
 * with nothing open writes nothing. Both leave ss_json_ok() false. */
#ifndef SS_JSON_H
#define SS_JSON_H

#include "internal.h"

#define SS_JSON_DEPTH 8

enum ss_json_layout { SS_JSON_LINES = 0, SS_JSON_INLINE, SS_JSON_HUG };

struct ss_json {
	struct ss_sink s;
	size_t depth;                     /* open containers on the stack */
	size_t dropped;                   /* open containers beyond SS_JSON_DEPTH, written as null */
	bool after_key;                   /* a key was written: its value comes next */
	bool failed;                      /* overflow or mismatched end (ss_json_ok) */
	char close[SS_JSON_DEPTH];        /* '}' or ']' */
	uint8_t layout[SS_JSON_DEPTH];    /* enum ss_json_layout, inherited as INLINE */
	uint8_t level[SS_JSON_DEPTH];     /* indentation level of the container's members */
	size_t count[SS_JSON_DEPTH];      /* members or elements written so far */
};

void ss_json_init(struct ss_json *j, ss_write_fn w, void *ctx);
/* No container was dropped or closed by the wrong end (the output is what was asked for). */
bool ss_json_ok(const struct ss_json *j);

void ss_json_begin_object(struct ss_json *j, enum ss_json_layout layout);
void ss_json_end_object(struct ss_json *j);
void ss_json_begin_array(struct ss_json *j, enum ss_json_layout layout);
void ss_json_end_array(struct ss_json *j);

/* A member name inside an object; its value is the next thing written. Escaped like a string. */
void ss_json_key(struct ss_json *j, const char *key);
/* A NUL-terminated string; NULL is written as null. */
void ss_json_string(struct ss_json *j, const char *s);
/* n raw bytes (NULs included) as a string. */
void ss_json_bytes(struct ss_json *j, const void *p, size_t n);
void ss_json_int(struct ss_json *j, long long v);
void ss_json_uint(struct ss_json *j, unsigned long long v);
void ss_json_bool(struct ss_json *j, bool v);
void ss_json_null(struct ss_json *j);

#endif
