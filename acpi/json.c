/* SPDX-License-Identifier: MIT */
/* The JSON emitter (acpi/json.h): commas, newlines and indentation placed from a small stack
 * of open containers, so a writer never decides whether a member is the last one. */
#include "json.h"
#include "bytes.h"

void ss_json_init(struct ss_json *j, ss_write_fn w, void *ctx)
{
	ss_memfill(j, 0, sizeof(*j));
	j->s.w = w;
	j->s.ctx = ctx;
}

bool ss_json_ok(const struct ss_json *j)
{
	return !j->failed;
}

/* A newline and 2 * level spaces (level <= SS_JSON_DEPTH), after an optional comma. */
static size_t line_break(char *b, bool comma, size_t level)
{
	size_t n = 0;
	if (comma)
		b[n++] = ',';
	b[n++] = '\n';
	for (size_t i = 0; i < 2 * level; i++)
		b[n++] = ' ';
	return n;
}

/* Before a member of the open container: the separator from the previous one and, one per
 * line, the newline and indentation. */
static void separate(struct ss_json *j)
{
	size_t d = j->depth - 1, n = 0;
	char b[2 + 2 * SS_JSON_DEPTH];
	if (j->layout[d] == SS_JSON_LINES) {
		n = line_break(b, j->count[d] != 0, j->level[d]);
	} else if (j->count[d]) {
		b[n++] = ',';
		b[n++] = ' ';
	}
	j->count[d]++;
	if (n)
		j->s.w(j->s.ctx, b, n);
}

/* Before any value: false when it is to be dropped (inside a container nested too deep). */
static bool value_begin(struct ss_json *j)
{
	if (j->dropped)
		return false;
	if (j->after_key) {
		j->after_key = false;
		return true;
	}
	if (j->depth) {
		if (j->close[j->depth - 1] == '}')
			j->failed = true; /* a member without a name: written, but not valid JSON */
		separate(j);
	}
	return true;
}

/* After a value: the outermost one ends the document with a newline. */
static void value_end(struct ss_json *j)
{
	if (!j->depth)
		j->s.w(j->s.ctx, "\n", 1);
}

/* A quoted, escaped string followed by tail (at most 2 characters). */
static void quoted(struct ss_json *j, const char *p, size_t n, const char *tail)
{
	char buf[256];
	size_t o = 0;
	buf[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (o > sizeof(buf) - 16) {
			j->s.w(j->s.ctx, buf, o);
			o = 0;
		}
		uint8_t c = (uint8_t)p[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c >= 0x80) {
			/* a UTF-8 character (a path, a name) as its code point, so a reader gets the
			 * same text back; any other byte as \u00XX, the byte read as Latin-1 */
			size_t len = 1;
			uint32_t cp = ss_utf8_next(p + i, n - i, &len);
			if (len == 1)
				cp = c;
			if (cp > 0xFFFF) { /* a UTF-16 surrogate pair */
				unsigned hi = 0xD800u + (unsigned)((cp - 0x10000) >> 10);
				o += ss_fmt(buf + o, sizeof(buf) - o, "\\u%04x", hi);
				cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			}
			o += ss_fmt(buf + o, sizeof(buf) - o, "\\u%04x", (unsigned)cp);
			i += len - 1;
		} else if (c < 0x20 || c == 0x7f) {
			o += ss_fmt(buf + o, sizeof(buf) - o, "\\u%04x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o++] = '"';
	while (*tail)
		buf[o++] = *tail++;
	j->s.w(j->s.ctx, buf, o);
}

static void begin(struct ss_json *j, char open, char close, enum ss_json_layout layout)
{
	if (j->dropped) {
		j->dropped++;
		return;
	}
	if (j->depth == SS_JSON_DEPTH) {
		/* too deep: null in its place, its contents dropped up to the matching end */
		value_begin(j);
		j->s.w(j->s.ctx, "null", 4);
		j->failed = true;
		j->dropped = 1;
		return;
	}
	value_begin(j);
	size_t d = j->depth, parent = d ? j->level[d - 1] : 0;
	if (d && j->layout[d - 1] == SS_JSON_INLINE)
		layout = SS_JSON_INLINE;
	j->close[d] = close;
	j->layout[d] = (uint8_t)layout;
	j->level[d] = (uint8_t)(layout == SS_JSON_LINES ? parent + 1 : parent);
	j->count[d] = 0;
	j->depth++;
	j->s.w(j->s.ctx, &open, 1);
}

static void end(struct ss_json *j, char close)
{
	if (j->dropped) {
		j->dropped--;
		return;
	}
	if (!j->depth) {
		j->failed = true;
		return;
	}
	if (j->after_key) { /* a name without a value */
		j->after_key = false;
		j->failed = true;
		j->s.w(j->s.ctx, "null", 4);
	}
	size_t d = --j->depth, n = 0;
	char b[3 + 2 * SS_JSON_DEPTH];
	if (j->close[d] != close)
		j->failed = true;
	if (j->layout[d] == SS_JSON_LINES && j->count[d])
		n = line_break(b, false, j->level[d] - 1u);
	b[n++] = j->close[d];
	j->s.w(j->s.ctx, b, n);
	value_end(j);
}

void ss_json_begin_object(struct ss_json *j, enum ss_json_layout layout)
{
	begin(j, '{', '}', layout);
}

void ss_json_end_object(struct ss_json *j)
{
	end(j, '}');
}

void ss_json_begin_array(struct ss_json *j, enum ss_json_layout layout)
{
	begin(j, '[', ']', layout);
}

void ss_json_end_array(struct ss_json *j)
{
	end(j, ']');
}

void ss_json_key(struct ss_json *j, const char *key)
{
	if (j->dropped)
		return;
	if (!j->depth || j->close[j->depth - 1] != '}' || j->after_key) {
		j->failed = true; /* a name outside an object, or two in a row: dropped */
		return;
	}
	if (!key) {
		j->failed = true; /* a NULL name: written as "" */
		key = "";
	}
	separate(j);
	quoted(j, key, ss_strlen(key), ": ");
	j->after_key = true;
}

void ss_json_bytes(struct ss_json *j, const void *p, size_t n)
{
	if (!value_begin(j))
		return;
	quoted(j, p, n, "");
	value_end(j);
}

void ss_json_string(struct ss_json *j, const char *s)
{
	if (s)
		ss_json_bytes(j, s, ss_strlen(s));
	else
		ss_json_null(j);
}

void ss_json_uint(struct ss_json *j, unsigned long long v)
{
	if (!value_begin(j))
		return;
	ss_out(&j->s, "%llu", v);
	value_end(j);
}

void ss_json_int(struct ss_json *j, long long v)
{
	if (v >= 0) {
		ss_json_uint(j, (unsigned long long)v);
	} else if (value_begin(j)) {
		ss_out(&j->s, "-%llu", 0ull - (unsigned long long)v);
		value_end(j);
	}
}

static void word(struct ss_json *j, const char *w, size_t n)
{
	if (!value_begin(j))
		return;
	j->s.w(j->s.ctx, w, n);
	value_end(j);
}

void ss_json_bool(struct ss_json *j, bool v)
{
	if (v)
		word(j, "true", 4);
	else
		word(j, "false", 5);
}

void ss_json_null(struct ss_json *j)
{
	word(j, "null", 4);
}
