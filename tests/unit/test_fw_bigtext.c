/* SPDX-License-Identifier: MIT */
/* Unit tests of the five-line verdict letters (fw/bigtext.c): every verdict word
 * fits an 80-column console, the letters it uses are all drawn and all different, a word is
 * its letters side by side, and what is not a letter stays blank. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bigtext.h"

static const enum ss_verdict verdicts[] = { SS_VERDICT_READY, SS_VERDICT_READY_WITH_WARNINGS,
					    SS_VERDICT_NOT_READY, SS_VERDICT_ERROR };

/* A letter's 5x5 cell as one string of 25 characters (rows padded to 5). */
static void cell_of(char c, char out[26])
{
	char w[2] = { c, 0 }, row[16];
	for (unsigned r = 0; r < FW_BIG_ROWS; r++) {
		size_t n = fw_big_row(w, r, row, sizeof(row));
		assert_true(n <= 5);
		memset(out + 5 * r, ' ', 5);
		memcpy(out + 5 * r, row, n);
	}
	out[25] = '\0';
}

static void test_words_fit_and_are_distinct(void **state)
{
	(void)state;
	const char *seen[4];
	for (size_t v = 0; v < 4; v++) {
		const char *w = fw_big_word(verdicts[v]);
		seen[v] = w;
		for (size_t k = 0; k < v; k++)
			assert_string_not_equal(seen[k], w);
		char row[128];
		size_t widest = 0;
		for (unsigned r = 0; r < FW_BIG_ROWS; r++) {
			size_t n = fw_big_row(w, r, row, sizeof(row));
			assert_int_equal(n, strlen(row));
			assert_true(n <= 78); /* 2 columns of margin on an 80-column console */
			for (size_t i = 0; i < n; i++)
				assert_true(row[i] == '#' || row[i] == ' ');
			widest = n > widest ? n : widest;
		}
		assert_int_equal(widest, strlen(w) * FW_BIG_CELL - 1 -
					 (w[strlen(w) - 1] == ' ' ? FW_BIG_CELL : 0));
	}
}

/* Every letter of every verdict word is drawn, and no two letters look alike. */
static void test_letters_drawn_and_different(void **state)
{
	(void)state;
	char letters[32] = "";
	for (size_t v = 0; v < 4; v++)
		for (const char *p = fw_big_word(verdicts[v]); *p; p++)
			if (*p != ' ' && !strchr(letters, *p))
				letters[strlen(letters)] = *p;
	size_t n = strlen(letters);
	assert_true(n >= 10);
	char cells[32][26];
	for (size_t i = 0; i < n; i++) {
		cell_of(letters[i], cells[i]);
		assert_non_null(strchr(cells[i], '#'));
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(cells[i], cells[k]);
	}
}

/* A word is its letters, each in a 6-column cell; blanks and unknown characters are empty. */
static void test_word_is_its_letters(void **state)
{
	(void)state;
	const char *w = "NOT READY";
	char row[128], cell[26];
	for (unsigned r = 0; r < FW_BIG_ROWS; r++) {
		size_t n = fw_big_row(w, r, row, sizeof(row));
		memset(row + n, ' ', sizeof(row) - n - 1);
		row[sizeof(row) - 1] = '\0';
		for (size_t i = 0; w[i]; i++) {
			cell_of(w[i], cell);
			assert_memory_equal(row + i * FW_BIG_CELL, cell + 5 * r, 5);
			assert_int_equal(row[i * FW_BIG_CELL + 5], ' ');
		}
	}
	cell_of(' ', cell);
	assert_null(strchr(cell, '#'));
	cell_of('?', cell);
	assert_null(strchr(cell, '#'));
	/* the top row of READY, as a person reads it */
	fw_big_row("READY", 0, row, sizeof(row));
	assert_string_equal(row, "####  #####  ###  ####  #   #");
}

static void test_bounds(void **state)
{
	(void)state;
	char small[8];
	memset(small, 'x', sizeof(small));
	size_t n = fw_big_row("CANNOT JUDGE", 0, small, sizeof(small));
	assert_true(n < sizeof(small));
	assert_int_equal(small[n], '\0');
	assert_int_equal(fw_big_row("READY", 0, small, 0), 0);
	assert_int_equal(fw_big_row("READY", FW_BIG_ROWS, small, sizeof(small)), 0);
	assert_string_equal(small, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_fit_and_are_distinct),
		cmocka_unit_test(test_letters_drawn_and_different),
		cmocka_unit_test(test_word_is_its_letters),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests_name("efi_bigtext", tests, NULL, NULL);
}
