/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON emitter (acpi/json.c), byte for byte: commas, newlines and
 * indentation of nested objects and arrays in each layout; empty containers; the escaping of
 * every byte value (expected strings built here with snprintf, not with the core's formatter)
 * across the emitter's write chunks; numbers at their limits; and misuse with a defined
 * result: nesting deeper than SS_JSON_DEPTH (null in place of the container, output still
 * valid), ends that do not match, names outside objects. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json.h"

/* ---- an output buffer the emitter writes into ---- */

struct buf {
	char *p;
	size_t n, cap, writes;
};

static void buf_write(void *ctx, const char *s, size_t n)
{
	struct buf *b = ctx;
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	b->writes++;
}

static struct ss_json j;
static struct buf out;

static int setup(void **state)
{
	(void)state;
	memset(&out, 0, sizeof(out));
	ss_json_init(&j, buf_write, &out);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(out.p);
	memset(&out, 0, sizeof(out));
	return 0;
}

static const char *text(void)
{
	return out.p ? out.p : "";
}

/* ---- layouts ---- */

static void test_nested_objects(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "a"); ss_json_int(&j, 1);
	ss_json_key(&j, "b");
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "c");
	ss_json_begin_array(&j, SS_JSON_LINES);
	ss_json_string(&j, "x");
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "d"); ss_json_null(&j);
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	ss_json_key(&j, "e"); ss_json_bool(&j, true);
	ss_json_end_object(&j);
	ss_json_key(&j, "f"); ss_json_bool(&j, false);
	ss_json_end_object(&j);
	assert_string_equal(text(), "{\n"
				    "  \"a\": 1,\n"
				    "  \"b\": {\n"
				    "    \"c\": [\n"
				    "      \"x\",\n"
				    "      {\n"
				    "        \"d\": null\n"
				    "      }\n"
				    "    ],\n"
				    "    \"e\": true\n"
				    "  },\n"
				    "  \"f\": false\n"
				    "}\n");
	assert_true(ss_json_ok(&j));
}

static void test_empty_containers(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "o"); ss_json_begin_object(&j, SS_JSON_LINES); ss_json_end_object(&j);
	ss_json_key(&j, "a"); ss_json_begin_array(&j, SS_JSON_LINES); ss_json_end_array(&j);
	ss_json_key(&j, "oi"); ss_json_begin_object(&j, SS_JSON_INLINE); ss_json_end_object(&j);
	ss_json_key(&j, "ai"); ss_json_begin_array(&j, SS_JSON_INLINE); ss_json_end_array(&j);
	ss_json_key(&j, "ah"); ss_json_begin_array(&j, SS_JSON_HUG); ss_json_end_array(&j);
	ss_json_end_object(&j);
	assert_string_equal(text(), "{\n  \"o\": {},\n  \"a\": [],\n  \"oi\": {},\n  \"ai\": [],\n"
				    "  \"ah\": []\n}\n");
	assert_true(ss_json_ok(&j));
	/* an empty document's container */
	teardown(state);
	setup(state);
	ss_json_begin_array(&j, SS_JSON_LINES);
	ss_json_end_array(&j);
	assert_string_equal(text(), "[]\n");
}

static void test_inline_and_hug(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "list");
	ss_json_begin_array(&j, SS_JSON_LINES);
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_key(&j, "n"); ss_json_uint(&j, 7);
	ss_json_key(&j, "v");
	ss_json_begin_array(&j, SS_JSON_LINES); /* inside an inline container: inline */
	ss_json_int(&j, -1); ss_json_int(&j, 2);
	ss_json_begin_object(&j, SS_JSON_LINES); ss_json_end_object(&j);
	ss_json_end_array(&j);
	ss_json_end_object(&j);
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	ss_json_key(&j, "hug");
	ss_json_begin_array(&j, SS_JSON_HUG);
	for (int i = 0; i < 2; i++) {
		ss_json_begin_object(&j, SS_JSON_LINES);
		ss_json_key(&j, "i"); ss_json_int(&j, i);
		ss_json_key(&j, "s"); ss_json_string(&j, "t");
		ss_json_end_object(&j);
	}
	ss_json_end_array(&j);
	ss_json_key(&j, "hug1");
	ss_json_begin_array(&j, SS_JSON_HUG);
	ss_json_int(&j, 1);
	ss_json_int(&j, 2);
	ss_json_end_array(&j);
	ss_json_end_object(&j);
	assert_string_equal(text(), "{\n"
				    "  \"list\": [\n"
				    "    {\"n\": 7, \"v\": [-1, 2, {}]},\n"
				    "    {}\n"
				    "  ],\n"
				    "  \"hug\": [{\n"
				    "    \"i\": 0,\n"
				    "    \"s\": \"t\"\n"
				    "  }, {\n"
				    "    \"i\": 1,\n"
				    "    \"s\": \"t\"\n"
				    "  }],\n"
				    "  \"hug1\": [1, 2]\n"
				    "}\n");
	assert_true(ss_json_ok(&j));
}

/* The report's layout at the depth it uses (root, "slic", its hugged "tables", an element
 * with inline "ids"): the element's members one level deeper than "tables". */
static void test_report_shape(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "slic");
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "tables");
	ss_json_begin_array(&j, SS_JSON_HUG);
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "ids");
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_key(&j, "marker"); ss_json_string(&j, "yes");
	ss_json_key(&j, "rsdt"); ss_json_string(&j, "n/a");
	ss_json_end_object(&j);
	ss_json_key(&j, "key"); ss_json_null(&j);
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	ss_json_end_object(&j);
	ss_json_key(&j, "n"); ss_json_uint(&j, 0);
	ss_json_end_object(&j);
	assert_string_equal(text(), "{\n"
				    "  \"slic\": {\n"
				    "    \"tables\": [{\n"
				    "      \"ids\": {\"marker\": \"yes\", \"rsdt\": \"n/a\"},\n"
				    "      \"key\": null\n"
				    "    }]\n"
				    "  },\n"
				    "  \"n\": 0\n"
				    "}\n");
}

/* ---- values ---- */

/* What the escaping promises for one byte, built with the C library. */
static size_t expect_byte(char *o, unsigned char c)
{
	if (c == '"' || c == '\\')
		return (size_t)sprintf(o, "\\%c", c);
	if (c < 0x20 || c >= 0x7f)
		return (size_t)sprintf(o, "\\u%04x", c);
	o[0] = (char)c;
	o[1] = '\0';
	return 1;
}

static void test_escaping_every_byte(void **state)
{
	(void)state;
	unsigned char all[256];
	char want[256 * 6 + 8];
	size_t n = 0;
	want[n++] = '"';
	for (int i = 0; i < 256; i++) {
		all[i] = (unsigned char)i;
		n += expect_byte(want + n, (unsigned char)i);
	}
	want[n++] = '"';
	want[n++] = '\n';
	want[n] = '\0';
	ss_json_bytes(&j, all, sizeof(all));
	assert_int_equal(out.n, n); /* the NUL byte is escaped, never written raw */
	assert_string_equal(text(), want);
	/* and the same spelled out for the first 0x82 bytes */
	static const char head[] =
		"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
		"\\u0008\\u0009\\u000a\\u000b\\u000c\\u000d\\u000e\\u000f"
		"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
		"\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
		" !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\u007f\\u0080\\u0081";
	assert_memory_equal(text() + 1, head, sizeof(head) - 1);
}

/* UTF-8 (a path, a name) comes out as its code points, so a JSON reader gets the same text
 * back; bytes that are not UTF-8 (overlong, surrogate, cut, stray) stay \u00XX each. */
static void test_utf8(void **state)
{
	(void)state;
	static const struct { const char *in, *want; } cases[] = {
		{ "\xc3\xbc", "\"\\u00fc\"\n" },                       /* u-umlaut */
		{ "\xe4\xb8\xad\xe6\x96\x87", "\"\\u4e2d\\u6587\"\n" }, /* CJK */
		{ "\xf0\x9f\x98\x80", "\"\\ud83d\\ude00\"\n" },          /* past U+FFFF */
		{ "\xc0\xaf", "\"\\u00c0\\u00af\"\n" },                 /* overlong '/' */
		{ "\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"\n" },        /* a surrogate */
		{ "a\xe4\xb8", "\"a\\u00e4\\u00b8\"\n" },               /* cut at the end */
		{ "\xff\xc3\xa9", "\"\\u00ff\\u00e9\"\n" },             /* stray, then e-acute */
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		teardown(state);
		setup(state);
		ss_json_bytes(&j, (const unsigned char *)cases[k].in, strlen(cases[k].in));
		assert_string_equal(text(), cases[k].want);
	}
}

/* Long strings and names cross the emitter's 256-byte chunks; no escape is split or lost. */
static void test_long_strings(void **state)
{
	(void)state;
	static const unsigned char kinds[] = { 'a', '"', 0x01, 0xe9, '\\' };
	for (size_t k = 0; k < sizeof(kinds); k++) {
		for (size_t len = 0; len < 700; len++) {
			unsigned char in[700];
			char want[700 * 6 + 4], one[8];
			size_t n = 0, w = expect_byte(one, kinds[k]);
			for (size_t i = 0; i < len; i++) {
				/* vary the neighbours so an escape lands on every chunk boundary */
				in[i] = i % 3 ? kinds[k] : 'z';
				if (i % 3) {
					memcpy(want + n + 1, one, w);
					n += w;
				} else {
					want[n + 1] = 'z';
					n++;
				}
			}
			want[0] = '"';
			want[n + 1] = '"';
			want[n + 2] = '\0';
			teardown(state);
			setup(state);
			ss_json_begin_array(&j, SS_JSON_INLINE);
			ss_json_bytes(&j, in, len);
			ss_json_end_array(&j);
			char *got = strdup(text());
			assert_non_null(got);
			assert_int_equal(strlen(got), n + 2 + 3);
			assert_int_equal(got[0], '[');
			assert_memory_equal(got + 1, want, n + 2);
			assert_string_equal(got + n + 3, "]\n");
			free(got);
			/* the same bytes as a name, whose ": " follows in the same chunk */
			char key[701];
			memcpy(key, in, len);
			key[len] = '\0';
			teardown(state);
			setup(state);
			ss_json_begin_object(&j, SS_JSON_INLINE);
			ss_json_key(&j, key);
			ss_json_int(&j, 0);
			ss_json_end_object(&j);
			got = strdup(text());
			assert_non_null(got);
			assert_int_equal(strlen(got), n + 2 + 6);
			assert_memory_equal(got + 1, want, n + 2);
			assert_string_equal(got + n + 3, ": 0}\n");
			free(got);
		}
	}
}

static void test_strings_and_keys(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_key(&j, "q\"k\\\n"); ss_json_string(&j, "v\t\"");
	ss_json_key(&j, "null"); ss_json_string(&j, NULL);
	ss_json_key(&j, "empty"); ss_json_string(&j, "");
	ss_json_key(&j, "id"); ss_json_bytes(&j, "DELL\0\0", 6);
	ss_json_key(&j, "none"); ss_json_bytes(&j, NULL, 0);
	ss_json_end_object(&j);
	assert_string_equal(text(), "{\"q\\\"k\\\\\\u000a\": \"v\\u0009\\\"\", \"null\": null, "
				    "\"empty\": \"\", \"id\": \"DELL\\u0000\\u0000\", \"none\": \"\"}\n");
	assert_true(ss_json_ok(&j));
}

static void test_numbers(void **state)
{
	(void)state;
	char want[256];
	ss_json_begin_array(&j, SS_JSON_INLINE);
	ss_json_int(&j, 0);
	ss_json_int(&j, -1);
	ss_json_int(&j, LLONG_MIN);
	ss_json_int(&j, LLONG_MAX);
	ss_json_uint(&j, ULLONG_MAX);
	ss_json_uint(&j, 4294967296ull);
	ss_json_bool(&j, true);
	ss_json_bool(&j, false);
	ss_json_null(&j);
	ss_json_end_array(&j);
	snprintf(want, sizeof(want), "[0, -1, %lld, %lld, %llu, 4294967296, true, false, null]\n",
		 LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	assert_string_equal(text(), want);
	/* a scalar alone is a whole document */
	teardown(state);
	setup(state);
	ss_json_uint(&j, 42);
	assert_string_equal(text(), "42\n");
}

/* ---- misuse: defined results ---- */

static void test_depth_overflow(void **state)
{
	(void)state;
	char want[512];
	size_t n = 0;
	/* SS_JSON_DEPTH inline arrays are fine; the next one is written as null and everything
	 * inside it (containers, names, values) is dropped up to its own end */
	for (int i = 0; i < SS_JSON_DEPTH; i++) {
		ss_json_begin_array(&j, SS_JSON_INLINE);
		want[n++] = '[';
	}
	assert_true(ss_json_ok(&j));
	ss_json_int(&j, 1);
	ss_json_begin_array(&j, SS_JSON_LINES);
	ss_json_int(&j, 2);
	ss_json_begin_object(&j, SS_JSON_LINES);
	ss_json_key(&j, "k");
	ss_json_string(&j, "dropped");
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	ss_json_int(&j, 3);
	n += (size_t)sprintf(want + n, "1, null, 3");
	for (int i = 0; i < SS_JSON_DEPTH; i++) {
		ss_json_end_array(&j);
		want[n++] = ']';
	}
	want[n++] = '\n';
	want[n] = '\0';
	assert_string_equal(text(), want);
	assert_false(ss_json_ok(&j));
	assert_int_equal(j.depth, 0);
	assert_int_equal(j.dropped, 0);
}

/* Far deeper than the stack, in the LINES layout whose indentation grows with depth. */
static void test_depth_overflow_deep(void **state)
{
	(void)state;
	ss_json_begin_object(&j, SS_JSON_LINES);
	for (int i = 0; i < 10000; i++) {
		ss_json_key(&j, "k");
		ss_json_begin_object(&j, SS_JSON_LINES);
	}
	for (int i = 0; i < 10000; i++)
		ss_json_end_object(&j);
	ss_json_key(&j, "after"); ss_json_bool(&j, true);
	ss_json_end_object(&j);
	assert_false(ss_json_ok(&j));
	/* SS_JSON_DEPTH objects open, the next is null; what follows the overflow stays in place */
	const char *t = text();
	assert_non_null(strstr(t, "\"k\": null\n"));
	assert_non_null(strstr(t, "\n  \"after\": true\n}\n"));
	size_t opens = 0, closes = 0;
	for (; *t; t++) {
		opens += *t == '{';
		closes += *t == '}';
	}
	assert_int_equal(opens, SS_JSON_DEPTH);
	assert_int_equal(closes, SS_JSON_DEPTH);
	assert_int_equal(j.depth, 0);
}

static void test_mismatched_use(void **state)
{
	(void)state;
	/* an end with nothing open writes nothing */
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	assert_int_equal(out.n, 0);
	assert_false(ss_json_ok(&j));

	teardown(state);
	setup(state);
	/* the wrong end still closes the open container with its own bracket */
	ss_json_begin_array(&j, SS_JSON_INLINE);
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_end_array(&j);
	ss_json_end_array(&j);
	assert_string_equal(text(), "[{}]\n");
	assert_false(ss_json_ok(&j));

	teardown(state);
	setup(state);
	/* a name in an array is dropped; a name without a value gets null; two names in a row:
	 * the second is dropped; a NULL name is "" */
	ss_json_begin_array(&j, SS_JSON_INLINE);
	ss_json_key(&j, "no");
	ss_json_int(&j, 1);
	ss_json_begin_object(&j, SS_JSON_INLINE);
	ss_json_key(&j, "a");
	ss_json_key(&j, "b");
	ss_json_int(&j, 2);
	ss_json_key(&j, NULL);
	ss_json_int(&j, 3);
	ss_json_key(&j, "c");
	ss_json_end_object(&j);
	ss_json_end_array(&j);
	assert_string_equal(text(), "[1, {\"a\": 2, \"\": 3, \"c\": null}]\n");
	assert_false(ss_json_ok(&j));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nested_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_containers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inline_and_hug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_shape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escaping_every_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_and_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth_overflow_deep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mismatched_use, setup, teardown),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
