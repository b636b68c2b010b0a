/* SPDX-License-Identifier: MIT */
/* Unit tests of the verdict block (fw/verdict.c), through a fake screen that records every
 * line and its colour: the big letters are the verdict's word, the box's lines (and only they)
 * carry the box colour, the block fits the last screenful of 80x25 and 100x31 screens with the
 * banner and the tail always there, problems are counted and cut with a line saying where the
 * rest are, and no line is wider than the screen allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bigtext.h"
#include "screen.h"
#include "verdict.h"
#include "fixture.h"

#define MAX_LINES 256

struct screen {
	char text[MAX_LINES][512];
	uint8_t attr[MAX_LINES];
	bool big[MAX_LINES];
	size_t n;
	unsigned width;
};

static void rec(struct screen *s, const char *p, size_t n, uint8_t attr, bool big)
{
	assert_true(s->n < MAX_LINES);
	assert_true(n < sizeof(s->text[0]));
	assert_null(memchr(p, '\n', n));
	memcpy(s->text[s->n], p, n);
	s->text[s->n][n] = '\0';
	s->attr[s->n] = attr;
	s->big[s->n] = big;
	s->n++;
}

static void on_line(void *ctx, const char *p, size_t n, uint8_t attr)
{
	struct screen *s = ctx;
	assert_true(ss_text_cols(p, n) <= s->width); /* columns: a CJK character takes two */
	rec(s, p, n, attr, false);
}

static void on_big(void *ctx, const char *p, size_t n, uint8_t attr)
{
	struct screen *s = ctx;
	assert_true(n + FW_BIG_INDENT <= s->width);
	rec(s, p, n, attr, true);
}

static void draw_lang(struct screen *s, unsigned cols, unsigned rows, const struct ss_result *r,
		      const char *tail, enum ss_lang lang)
{
	memset(s, 0, sizeof(*s));
	s->width = fw_wrap_width(cols);
	struct fw_term t = { s->width, rows, on_line, on_big, s, lang };
	fw_verdict_block(&t, r, tail);
}

static void draw(struct screen *s, unsigned cols, unsigned rows, const struct ss_result *r,
		 const char *tail)
{
	draw_lang(s, cols, rows, r, tail, SS_LANG_EN);
}

/* Index of the first line containing needle, or -1. */
static int find(const struct screen *s, const char *needle)
{
	for (size_t i = 0; i < s->n; i++)
		if (strstr(s->text[i], needle) != NULL)
			return (int)i;
	return -1;
}

static void check_block(const struct screen *s, const struct ss_result *r, unsigned rows,
			const char *last)
{
	uint8_t box, big;
	char row[128];
	fw_verdict_colours(r->verdict, &box, &big);
	assert_true(s->n <= rows - 1);
	/* five rows of letters, the verdict's word, in the letters' colour */
	size_t first = s->big[0] ? 0 : 1;
	for (unsigned k = 0; k < FW_BIG_ROWS; k++) {
		assert_true(s->big[first + k]);
		assert_int_equal(s->attr[first + k], big);
		fw_big_row(fw_big_word(r->verdict), k, row, sizeof(row));
		assert_string_equal(s->text[first + k], row);
	}
	/* colour on the box lines only */
	int v = find(s, "VERDICT: ");
	if (v < 0)
		v = find(s, "判定：");
	assert_true(v > 0);
	for (size_t i = 0; i < s->n; i++) {
		if (s->big[i])
			continue;
		bool boxed = s->text[i][0] == '+' || s->text[i][0] == '|';
		assert_int_equal(s->attr[i], boxed && (int)i >= v - 1 ? box : FW_ATTR_NORMAL);
	}
	assert_string_equal(s->text[s->n - 1], last);
}

static void test_ready(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	struct screen s;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_int_equal(r->verdict, SS_VERDICT_READY);
	draw(&s, 80, 25, r, "Press any key.\n");
	check_block(&s, r, 25, "Press any key.");
	assert_int_equal(find(&s, "Problems"), -1);
	/* room to spare: a blank line above the letters and between letters and box */
	assert_int_equal(s.text[0][0], '\0');
	assert_false(s.big[0]);
	uint8_t box, big;
	fw_verdict_colours(SS_VERDICT_READY, &box, &big);
	assert_int_equal(box, 0x2F);   /* white on green, as EFI_TEXT_ATTR(EFI_WHITE, EFI_GREEN) */
	assert_int_equal(big, 0x0A);   /* light green on black */
	fx_run_free(&run);
}

static void test_problems_cut_to_fit(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	struct screen s;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	ss_result_add_finding(r, SS_F_SLIC_BLANK_FF, "SLIC", "an error only this test adds");
	for (int i = 0; i < 20; i++)
		ss_result_add_finding(r, SS_F_REPORT_NOT_SAVED, "", "warning number %d of a long "
				      "list that a 25-line screen cannot hold whole", i);
	assert_int_equal(r->verdict, SS_VERDICT_NOT_READY);
	draw(&s, 80, 25, r, "Report saved: nowhere\nSwitch the PC off now.\n");
	check_block(&s, r, 25, "Switch the PC off now.");
	/* 80x25: the remedies leave room only for the line that says where the problems are */
	assert_true(find(&s, "Also found: 20, listed in the report's findings") > 0);
	assert_true(find(&s, "Report saved: nowhere") > 0);
	/* taller: the first ones, then how many more */
	draw(&s, 100, 40, r, "Bye.\n");
	check_block(&s, r, 40, "Bye.");
	assert_true(find(&s, "Also found (20):") > 0);
	/* the deciding error is the banner's Why line, not repeated in the list */
	assert_int_equal(find(&s, "error: an error only this test adds"), -1);
	assert_true(find(&s, "Why: an error only this test adds") > 0);
	assert_true(find(&s, "more in the report's findings") > 0);
	/* tall enough for all */
	draw(&s, 100, 80, r, "Bye.\n");
	check_block(&s, r, 80, "Bye.");
	assert_int_equal(find(&s, "more in the report's findings"), -1);
	assert_true(find(&s, "warning number 19") > 0);
	/* zh-TW: the headings and each problem from the catalogue, the ids as they are */
	draw_lang(&s, 100, 40, r, "Bye.\n", SS_LANG_ZH_TW);
	assert_true(find(&s, "另外發現（20 項）：") > 0);
	assert_true(find(&s, "  警告：報告檔案無法寫入（隨身碟唯讀或已滿）。（report-not-saved）") > 0);
	assert_true(find(&s, "（report-not-saved）") > 0);
	assert_true(find(&s, "另有 ") > 0);
	assert_int_equal(find(&s, "Also found"), -1);
	assert_int_equal(find(&s, "more in the report's findings"), -1);
	/* 80x25 in zh-TW (shorter lines than English): still the whole block on one screen */
	draw_lang(&s, 80, 25, r, "Bye.\n", SS_LANG_ZH_TW);
	check_block(&s, r, 25, "Bye.");
	assert_true(find(&s, "處理方式：") > 0);
	assert_true(find(&s, "另有 18 項，見報告的檢查結果") > 0);
	fx_run_free(&run);
}

static void test_colours(void **state)
{
	(void)state;
	uint8_t box, big;
	fw_verdict_colours(SS_VERDICT_READY_WITH_WARNINGS, &box, &big);
	assert_int_equal(box, 0x60);
	assert_int_equal(big, 0x0E);
	fw_verdict_colours(SS_VERDICT_NOT_READY, &box, &big);
	assert_int_equal(box, 0x4F);
	assert_int_equal(big, 0x0C);
	fw_verdict_colours(SS_VERDICT_ERROR, &box, &big);
	assert_int_equal(box, 0x5F);
	assert_int_equal(big, 0x0D);
	/* no background colour that a VGA would show blinking (bit 7) */
	assert_int_equal(box & 0x80, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ready),
		cmocka_unit_test(test_problems_cut_to_fit),
		cmocka_unit_test(test_colours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
