/* SPDX-License-Identifier: MIT */
/* The verdict block every pre-boot screen ends with (pure logic): the verdict in big letters,
 * the banner in its coloured box, the warnings and errors as far as they fit, and the tail
 * (where the report went, what happens next), planned with fw_plan_verdict() so that it is
 * the last screenful a person sees. The front end only draws lines and cells: UEFI ConOut
 * (efi/console.c) or the VGA text screen and COM1 (bios/console.c).
 *
 * Colours are PC text attributes: foreground | background << 4, with the IBM PC colour
 * numbers, which are also UEFI's EFI_TEXT_ATTR values, so both front ends pass the byte on. */
#ifndef FW_VERDICT_H
#define FW_VERDICT_H

#include <stddef.h>
#include <stdint.h>

#include "slicscan.h"

enum fw_colour {
	FW_BLACK = 0, FW_BLUE, FW_GREEN, FW_CYAN, FW_RED, FW_MAGENTA, FW_BROWN, FW_LIGHTGRAY,
	FW_DARKGRAY, FW_LIGHTBLUE, FW_LIGHTGREEN, FW_LIGHTCYAN, FW_LIGHTRED, FW_LIGHTMAGENTA,
	FW_YELLOW, FW_WHITE,
};

#define FW_ATTR(fg, bg) ((uint8_t)((fg) | ((bg) << 4)))
#define FW_ATTR_NORMAL FW_ATTR(FW_LIGHTGRAY, FW_BLACK)
#define FW_ATTR_NOTICE FW_ATTR(FW_YELLOW, FW_BLACK)

/* The banner's box (white or black on the verdict's colour) and the big letters (the bright
 * verdict colour on black: block glyphs read best from across a room). Green READY, yellow
 * WARNINGS, red NOT READY, magenta CANNOT JUDGE; the words say it without colour too. */
void fw_verdict_colours(enum ss_verdict v, uint8_t *box, uint8_t *big);

/* Blank columns before each row of big letters. */
#define FW_BIG_INDENT 2

/* A screen the block is drawn on. */
struct fw_term {
	unsigned width; /* columns a line may fill: fw_wrap_width() of the screen's columns */
	unsigned rows;  /* the screen's height in lines */
	/* One screen line, at most width characters, no line end: drawn in attr, then the line
	 * end in FW_ATTR_NORMAL (a console fills the rest of a line with the current colour). */
	void (*line)(void *ctx, const char *s, size_t n, uint8_t attr);
	/* One row of big letters (fw_big_row: '#' a filled cell, ' ' a blank): FW_BIG_INDENT
	 * blanks in FW_ATTR_NORMAL, the row in attr, the line end in FW_ATTR_NORMAL. A front end
	 * draws '#' as a block glyph where it can, as '#' on a serial line. */
	void (*big)(void *ctx, const char *s, size_t n, uint8_t attr);
	void *ctx;
	enum ss_lang lang; /* of the banner (a zh-TW screen needs a console that draws it) */
};

/* Draw the block for r; tail: lines ending in '\n' (may be ""). Colour covers exactly the
 * letters and the box's lines (those starting with '+' or '|'). Not reentrant. */
void fw_verdict_block(const struct fw_term *t, const struct ss_result *r, const char *tail);

#endif
