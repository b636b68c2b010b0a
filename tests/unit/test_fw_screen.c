/* SPDX-License-Identifier: MIT */
/* Unit tests of the console layout (fw/screen.c): word wrapping never breaks a word
 * that fits a line, keeps every word in order, never fills the last column, indents what
 * follows under the value; the text mode choice; the verdict block's plan keeps the verdict,
 * its banner and the tail on the last screen. The oracle for wrapping is the report itself:
 * the core's text report of the fixture, wrapped at every width, read back word by word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "screen.h"
#include "fixture.h"

struct lines {
	char text[16384];
	size_t n, count;
	unsigned width;
	size_t widest;
};

static void collect(void *ctx, const char *s, size_t n)
{
	struct lines *l = ctx;
	assert_true(l->n + n + 1 < sizeof(l->text));
	assert_null(memchr(s, '\n', n));
	memcpy(l->text + l->n, s, n);
	l->n += n;
	l->text[l->n++] = '\n';
	l->text[l->n] = '\0';
	l->count++;
	l->widest = n > l->widest ? n : l->widest;
}

/* The words (runs of non-blanks) of a text, one per call. */
static const char *next_word(const char **p, size_t *len)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\n')
		s++;
	if (*s == '\0')
		return NULL;
	const char *e = s;
	while (*e && *e != ' ' && *e != '\n')
		e++;
	*len = (size_t)(e - s);
	*p = e;
	return s;
}

/* Wrapping text at width gives the same words in the same order (no word split: every word
 * fits the widths tested), every line at most width wide, no blank line added or lost. */
static void check_wrap(const char *text, unsigned width)
{
	struct lines l;
	struct fw_wrap w;
	memset(&l, 0, sizeof(l));
	fw_wrap_init(&w, width, collect, &l);
	fw_wrap_write(&w, text, strlen(text));
	fw_wrap_flush(&w);
	assert_int_equal(w.lines, l.count);
	assert_true(l.widest <= width);
	const char *a = text, *b = l.text, *wa, *wb;
	size_t na, nb;
	while ((wa = next_word(&a, &na)) != NULL) {
		wb = next_word(&b, &nb);
		assert_non_null(wb);
		if (na != nb || memcmp(wa, wb, na) != 0)
			fail_msg("width %u: \"%.*s\" became \"%.*s\"", width, (int)na, wa, (int)nb, wb);
	}
	assert_null(next_word(&b, &nb));
	size_t in_lines = 0;
	for (const char *p = text; *p; p++)
		in_lines += *p == '\n';
	assert_true(l.count >= in_lines);
}

static void test_wrap_the_report(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, false); /* the test key is unknown: a warning with a long message */
	struct ss_result *r = fx_judge(&run, &f, &p);
	char *text = fx_render_text(r, NULL);
	/* 80x25 and 100x31 consoles (one column less), and every width down to the longest word
	 * (the banner's box, 76 columns) */
	for (unsigned width = 76; width <= 120; width++)
		check_wrap(text, width);
	fx_free(text);
	fx_run_free(&run);
}

static void test_wrap_breaks_at_blanks_and_hangs(void **state)
{
	(void)state;
	struct lines l;
	memset(&l, 0, sizeof(l));
	/* "label : value": the rest goes under the value */
	const char *kv = "  Firmware clock   : aaaa bbbb cccc dddd eeee ffff gggg hhhh";
	assert_int_equal(fw_wrap_line(kv, strlen(kv), 44, collect, &l), 2);
	assert_string_equal(l.text, "  Firmware clock   : aaaa bbbb cccc dddd\n"
				    "                     eeee ffff gggg hhhh\n");
	/* ... unless the value starts right of the middle: two columns in */
	memset(&l, 0, sizeof(l));
	fw_wrap_line(kv, strlen(kv), 40, collect, &l);
	assert_string_equal(l.text, "  Firmware clock   : aaaa bbbb cccc dddd\n"
				    "    eeee ffff gggg hhhh\n");
	/* columns: under the last one */
	memset(&l, 0, sizeof(l));
	const char *cols = "  INFO     slic-absent   No SLIC table: firmware does not block it";
	fw_wrap_line(cols, strlen(cols), 50, collect, &l);
	assert_string_equal(l.text, "  INFO     slic-absent   No SLIC table: firmware\n"
				    "                         does not block it\n");
	/* plain text: two columns in */
	memset(&l, 0, sizeof(l));
	const char *plain = "Why:one-two three-four five-six seven-eight nine-ten";
	fw_wrap_line(plain, strlen(plain), 24, collect, &l);
	assert_string_equal(l.text, "Why:one-two three-four\n  five-six seven-eight\n  nine-ten\n");
	/* exactly the width: one line; trailing blanks do not count */
	memset(&l, 0, sizeof(l));
	assert_int_equal(fw_wrap_line("abcdefghij klmnopqrst    ", 25, 21, collect, &l), 1);
	/* a word longer than a line is the one thing that is cut */
	memset(&l, 0, sizeof(l));
	const char *longw = "x 0123456789012345678901234567890123456789";
	fw_wrap_line(longw, strlen(longw), 20, collect, &l);
	assert_true(l.widest <= 20);
	/* an empty line stays a line */
	memset(&l, 0, sizeof(l));
	assert_int_equal(fw_wrap_line("", 0, 20, collect, &l), 1);
	assert_string_equal(l.text, "\n");
}

/* Pieces of any size, CRLF input, a flush without '\n', and a line longer than the buffer. */
static void test_wrap_stream(void **state)
{
	(void)state;
	static struct lines l;
	struct fw_wrap w;
	memset(&l, 0, sizeof(l));
	fw_wrap_init(&w, 1000, collect, &l); /* clamped to FW_WRAP_WIDTH_MAX */
	assert_int_equal(w.width, FW_WRAP_WIDTH_MAX);
	fw_wrap_init(&w, 30, collect, &l);
	const char *t = "one\r\ntwo three\nfour";
	for (size_t i = 0; t[i]; i++)
		fw_wrap_write(&w, t + i, 1);
	assert_string_equal(l.text, "one\ntwo three\n");
	fw_wrap_flush(&w);
	assert_string_equal(l.text, "one\ntwo three\nfour\n");
	memset(&l, 0, sizeof(l));
	char big[3 * FW_WRAP_LINE_MAX];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = i % 7 == 6 ? ' ' : 'a';
	fw_wrap_write(&w, big, sizeof(big));
	fw_wrap_write(&w, "\n", 1);
	assert_true(l.widest <= 30);
	assert_true(l.count > sizeof(big) / 30);
}

static void test_mode_choice(void **state)
{
	(void)state;
	assert_false(fw_use_mode0(false, true, 100, 31));
	assert_false(fw_use_mode0(false, true, 80, 25));
	assert_true(fw_use_mode0(true, true, 100, 31));  /* asked for */
	assert_true(fw_use_mode0(false, false, 100, 31)); /* size unknown */
	assert_true(fw_use_mode0(false, true, 40, 25));   /* too narrow */
	assert_true(fw_use_mode0(false, true, 80, 24));   /* too short */
	assert_int_equal(fw_wrap_width(80), 79);
	assert_int_equal(fw_wrap_width(100), 99);
}

static void test_plan(void **state)
{
	(void)state;
	struct fw_plan p;
	size_t probs[3] = { 2, 1, 3 };
	/* plenty of room: everything, both gaps */
	fw_plan_verdict(31, 5, 13, probs, 3, 2, &p);
	assert_true(p.gap_top && p.gap_mid && p.fits);
	assert_int_equal(p.problems_shown, 3);
	assert_false(p.problems_more);
	assert_int_equal(p.lines, 1 + 5 + 1 + 13 + 1 + 6 + 2);
	/* 80x25: 24 lines; 5 + 13 + 2 = 20: the heading, the first problem (2 lines) and
	 * "... N more" fill the rest; no room for a blank line */
	fw_plan_verdict(25, 5, 13, probs, 3, 2, &p);
	assert_false(p.gap_top || p.gap_mid);
	assert_int_equal(p.problems_shown, 1);
	assert_true(p.problems_more && p.fits);
	assert_int_equal(p.lines, 24);
	/* room for one line only: it says how many problems there are and where */
	fw_plan_verdict(25, 5, 16, probs, 3, 2, &p);
	assert_int_equal(p.problems_shown, 0);
	assert_true(p.problems_more && p.fits);
	assert_int_equal(p.lines, 24);
	/* no room at all: nothing about the problems */
	fw_plan_verdict(25, 5, 17, probs, 3, 2, &p);
	assert_false(p.problems_more);
	assert_int_equal(p.lines, 24);
	/* no problems: no heading, both gaps */
	fw_plan_verdict(25, 5, 5, NULL, 0, 1, &p);
	assert_int_equal(p.lines, 1 + 5 + 1 + 5 + 1);
	/* the must-haves never shrink, even when they do not fit */
	fw_plan_verdict(10, 5, 13, probs, 3, 2, &p);
	assert_false(p.fits || p.problems_more);
	assert_int_equal(p.lines, 5 + 13 + 2);
}

/* Whenever the letters, the banner and the tail fit, the whole block fits: the problems and
 * the gaps only take room that is left (a "... more" line once pushed a letter row off). */
static void test_plan_never_overflows(void **state)
{
	(void)state;
	size_t probs[4] = { 1, 2, 1, 3 };
	struct fw_plan p;
	for (unsigned rows = 25; rows <= 31; rows += 6)
		for (size_t banner = 1; banner + 5 + 3 <= rows - 1; banner++)
			for (size_t np = 0; np <= 4; np++) {
				fw_plan_verdict(rows, 5, banner, probs, np, 3, &p);
				assert_true(p.fits);
				assert_true(p.lines <= rows - 1);
				assert_true(p.problems_shown <= np);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_the_report),
		cmocka_unit_test(test_wrap_breaks_at_blanks_and_hangs),
		cmocka_unit_test(test_wrap_stream),
		cmocka_unit_test(test_mode_choice),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_plan_never_overflows),
	};
	return cmocka_run_group_tests_name("efi_screen", tests, NULL, NULL);
}
