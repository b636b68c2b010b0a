/* SPDX-License-Identifier: MIT */
/* The strict JSON reader (see jsonread.h; grammar of RFC 8259). */
#include "jsonread.h"

#include "slicscan.h"

#include "bytes.h"

struct st {
	struct fw_json_reader *rd;
	const unsigned char *p;
	size_t n, i;
	fw_json_fn fn;
	void *ctx;
};

static int fail(struct st *s, const char *why)
{
	if (s->rd->why == 0) {
		s->rd->why = why;
		s->rd->at = s->i;
	}
	return -1;
}

static void skip_ws(struct st *s)
{
	while (s->i < s->n && (s->p[s->i] == ' ' || s->p[s->i] == '\t' || s->p[s->i] == '\n' ||
			       s->p[s->i] == '\r'))
		s->i++;
}

static int literal(struct st *s, const char *lit)
{
	size_t l = ss_strlen(lit);
	if (!ss_in_bounds(s->i, l, s->n) || !ss_memeq(s->p + s->i, lit, l))
		return fail(s, "not a JSON value");
	s->i += l;
	return 0;
}

/* Append one code point as UTF-8 to out[*o..cap), never splitting a sequence. */
static void put_utf8(char *out, size_t cap, size_t *o, unsigned long cp, bool *ended)
{
	unsigned char b[4];
	size_t k;
	if (*ended)
		return;
	if (cp == 0) {
		*ended = true; /* C strings end here: nothing after a NUL reaches a caller */
		return;
	}
	if (cp < 0x80) {
		b[0] = (unsigned char)cp, k = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | cp >> 6), b[1] = (unsigned char)(0x80 | (cp & 0x3F)), k = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F)), k = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F)), k = 4;
	}
	if (!ss_in_bounds(*o, k, cap)) {
		*ended = true;
		return;
	}
	ss_memcopy(out + *o, b, k);
	*o += k;
}

static int hex4(struct st *s, unsigned long *v)
{
	if (!ss_in_bounds(s->i, 4, s->n))
		return fail(s, "a \\u escape is cut short");
	*v = 0;
	for (size_t k = 0; k < 4; k++) {
		int h = ss_hexval((char)s->p[s->i + k]);
		if (h < 0)
			return fail(s, "a \\u escape needs four hex digits");
		*v = *v << 4 | (unsigned long)h;
	}
	s->i += 4;
	return 0;
}

/* One UTF-8 sequence starting at s->i, checked (no overlongs, no surrogates, <= U+10FFFF):
 * the core's one decoder (ss_utf8_next). */
static int utf8(struct st *s, unsigned long *cp)
{
	size_t len = 1;
	uint32_t c = ss_utf8_next((const char *)s->p + s->i, s->n - s->i, &len);
	if (len == 1 && s->p[s->i] >= 0x80)
		return fail(s, "not UTF-8");
	*cp = c;
	s->i += len;
	return 0;
}

/* A string at s->i (the opening quote), decoded into out (cap includes the NUL). */
static int string(struct st *s, char *out, size_t cap)
{
	size_t o = 0;
	bool ended = false;
	s->i++; /* the quote */
	for (;;) {
		unsigned long cp;
		if (s->i >= s->n)
			return fail(s, "a string is not closed");
		unsigned char c = s->p[s->i];
		if (c == '"') {
			s->i++;
			break;
		}
		if (c < 0x20)
			return fail(s, "a control character inside a string");
		if (c == '\\') {
			if (++s->i >= s->n)
				return fail(s, "a string is not closed");
			char e = (char)s->p[s->i++];
			switch (e) {
			case '"': cp = '"'; break;
			case '\\': cp = '\\'; break;
			case '/': cp = '/'; break;
			case 'b': cp = 8; break;
			case 'f': cp = 12; break;
			case 'n': cp = 10; break;
			case 'r': cp = 13; break;
			case 't': cp = 9; break;
			case 'u':
				if (hex4(s, &cp) != 0)
					return -1;
				if (cp >= 0xD800 && cp <= 0xDBFF) { /* a pair makes one code point */
					unsigned long lo;
					if (!ss_in_bounds(s->i, 2, s->n) || s->p[s->i] != '\\' ||
					    s->p[s->i + 1] != 'u')
						return fail(s, "a lone UTF-16 surrogate");
					s->i += 2;
					if (hex4(s, &lo) != 0)
						return -1;
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(s, "a lone UTF-16 surrogate");
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return fail(s, "a lone UTF-16 surrogate");
				}
				break;
			default:
				s->i--;
				return fail(s, "an unknown escape in a string");
			}
		} else if (utf8(s, &cp) != 0) {
			return -1;
		}
		put_utf8(out, cap - 1, &o, cp, &ended);
	}
	out[o] = '\0';
	return 0;
}

static int number(struct st *s)
{
	size_t start = s->i, o = 0;
	if (s->i < s->n && s->p[s->i] == '-')
		s->i++;
	if (s->i < s->n && s->p[s->i] == '0') {
		s->i++;
	} else if (s->i < s->n && s->p[s->i] >= '1' && s->p[s->i] <= '9') {
		while (s->i < s->n && s->p[s->i] >= '0' && s->p[s->i] <= '9')
			s->i++;
	} else {
		return fail(s, "not a JSON value");
	}
	if (s->i < s->n && s->p[s->i] == '.') {
		size_t d = ++s->i;
		while (s->i < s->n && s->p[s->i] >= '0' && s->p[s->i] <= '9')
			s->i++;
		if (s->i == d)
			return fail(s, "a number needs digits after its point");
	}
	if (s->i < s->n && (s->p[s->i] == 'e' || s->p[s->i] == 'E')) {
		s->i++;
		if (s->i < s->n && (s->p[s->i] == '+' || s->p[s->i] == '-'))
			s->i++;
		size_t d = s->i;
		while (s->i < s->n && s->p[s->i] >= '0' && s->p[s->i] <= '9')
			s->i++;
		if (s->i == d)
			return fail(s, "a number needs digits in its exponent");
	}
	for (size_t k = start; k < s->i && o < FW_JSON_VALUE_MAX; k++)
		s->rd->value[o++] = (char)s->p[k];
	s->rd->value[o] = '\0';
	return 0;
}

static int value(struct st *s);

/* Members or elements after the opening bracket; obj says which. */
static int container(struct st *s, bool obj)
{
	struct fw_json_path *pa = &s->rd->path;
	char close = obj ? '}' : ']';
	if (pa->depth >= FW_JSON_DEPTH)
		return fail(s, "nested too deep");
	size_t d = pa->depth++;
	s->i++;
	skip_ws(s);
	if (s->i < s->n && s->p[s->i] == (unsigned char)close) {
		s->i++;
	} else {
		for (;;) {
			skip_ws(s);
			if (obj) {
				if (s->i >= s->n || s->p[s->i] != '"')
					return fail(s, "an object member needs a string key");
				if (string(s, pa->key[d], FW_JSON_KEY_MAX) != 0)
					return -1;
				skip_ws(s);
				if (s->i >= s->n || s->p[s->i] != ':')
					return fail(s, "a key needs a ':'");
				s->i++;
			} else {
				ss_memcopy(pa->key[d], "[]", 3);
			}
			if (value(s) != 0)
				return -1;
			skip_ws(s);
			if (s->i < s->n && s->p[s->i] == ',') {
				s->i++;
				continue;
			}
			if (s->i < s->n && s->p[s->i] == (unsigned char)close) {
				s->i++;
				break;
			}
			return fail(s, obj ? "an object is not closed" : "an array is not closed");
		}
	}
	pa->depth = d;
	if (obj) {
		s->rd->value[0] = '\0';
		s->fn(s->ctx, pa, FW_JSON_OBJECT_END, s->rd->value);
	}
	return 0;
}

static int value(struct st *s)
{
	enum fw_json_kind k;
	skip_ws(s);
	if (s->i >= s->n)
		return fail(s, "the text ends where a value should be");
	switch (s->p[s->i]) {
	case '{': return container(s, true);
	case '[': return container(s, false);
	case '"':
		if (string(s, s->rd->value, FW_JSON_VALUE_MAX + 1) != 0)
			return -1;
		k = FW_JSON_STRING;
		break;
	case 't':
		if (literal(s, "true") != 0)
			return -1;
		k = FW_JSON_TRUE;
		s->rd->value[0] = '\0';
		break;
	case 'f':
		if (literal(s, "false") != 0)
			return -1;
		k = FW_JSON_FALSE;
		s->rd->value[0] = '\0';
		break;
	case 'n':
		if (literal(s, "null") != 0)
			return -1;
		k = FW_JSON_NULL;
		s->rd->value[0] = '\0';
		break;
	default:
		if (number(s) != 0)
			return -1;
		k = FW_JSON_NUMBER;
		break;
	}
	s->fn(s->ctx, &s->rd->path, k, s->rd->value);
	return 0;
}

int fw_json_read(struct fw_json_reader *rd, const char *text, size_t len, fw_json_fn fn,
		 void *ctx)
{
	struct st s = { rd, (const unsigned char *)text, len, 0, fn, ctx };
	rd->path.depth = 0;
	rd->why = 0;
	rd->at = 0;
	if (len >= 3 && s.p[0] == 0xEF && s.p[1] == 0xBB && s.p[2] == 0xBF)
		s.i = 3;
	if (value(&s) != 0)
		return -1;
	skip_ws(&s);
	if (s.i != s.n)
		return fail(&s, s.p[s.i] == 0 ? "NUL bytes after the JSON value (a cut write?)"
					       : "text after the JSON value");
	return 0;
}
