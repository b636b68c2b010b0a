/* SPDX-License-Identifier: MIT */
/* The verdict in letters five lines tall, for a screen read from across the room (pure logic).
 *
 * Only the letters the verdicts need exist (A C D E G I J N O R S T U W Y and the space); any
 * other character is drawn as a blank cell. Each letter is 5 columns wide plus 1 of space, so
 * "CANNOT JUDGE", the longest word, takes 12 * 6 = 72 columns: an 80-column console fits it. */
#ifndef FW_BIGTEXT_H
#define FW_BIGTEXT_H

#include <stddef.h>

#include "slicscan.h"

#define FW_BIG_ROWS 5
#define FW_BIG_CELL 6 /* glyph width 5 + 1 column of space */

/* The word a verdict is shown as: READY, WARNINGS, NOT READY or CANNOT JUDGE. */
const char *fw_big_word(enum ss_verdict v);

/* Row (0..4) of word in '#' and ' ', NUL-terminated and cut to cap - 1 characters, trailing
 * blanks removed. Returns the length written. */
size_t fw_big_row(const char *word, unsigned row, char *out, size_t cap);

#endif
