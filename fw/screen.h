/* SPDX-License-Identifier: MIT */
/* Laying text out on a pre-boot text console (pure logic, reusable by any front end that has a
 * grid of character cells: UEFI ConOut today, a BIOS text screen later).
 *
 * - Word wrapping: a console wraps a long line at its last column, in the middle of a word,
 *   and a line of exactly the console's width makes the cursor wrap on its own (an empty line
 *   follows). The wrapper cuts every line at a space so that it fits width columns, and indents
 *   the rest of a wrapped line under its "value" column (after "label : " or a run of two
 *   spaces) or two columns further than the line. A word is cut only when it alone is wider
 *   than a line.
 * - The console's size: which text mode to use.
 * - The verdict block: what the last screenful holds, so that the verdict, its reason and what
 *   to do stay where the person looks after the report has scrolled. */
#ifndef FW_SCREEN_H
#define FW_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#define FW_WRAP_WIDTH_MAX 255  /* wider consoles are laid out 255 columns wide */
#define FW_WRAP_WIDTH_MIN 20
#define FW_WRAP_LINE_MAX 1024  /* a longer logical line is wrapped in pieces of this size */

/* Receives one screen line (no line end, never wider than the wrap width). */
typedef void (*fw_line_fn)(void *ctx, const char *s, size_t n);

struct fw_wrap {
	unsigned width;     /* columns a line may fill */
	fw_line_fn out; /* NULL: only count */
	void *ctx;
	char buf[FW_WRAP_LINE_MAX];
	size_t n;
	size_t lines;       /* screen lines emitted so far */
};

/* width is clamped to FW_WRAP_WIDTH_MIN..FW_WRAP_WIDTH_MAX. */
void fw_wrap_init(struct fw_wrap *w, unsigned width, fw_line_fn out, void *ctx);
/* An ss_write_fn (ctx: the struct fw_wrap): text in any pieces; each '\n' ends a line,
 * which is then wrapped and passed on. '\r' is dropped. */
void fw_wrap_write(void *ctx, const char *s, size_t n);
/* A pending line without its '\n' is wrapped and passed on. */
void fw_wrap_flush(struct fw_wrap *w);
/* Wrap one logical line (no '\n'); returns the number of screen lines it took (at least 1). */
size_t fw_wrap_line(const char *s, size_t n, unsigned width, fw_line_fn out, void *ctx);

/* The text mode to use. cur_ok: the firmware told the current mode's size (cols x rows).
 * Mode 0 (80x25, which every UEFI console must support) when asked for (want_80x25), when the
 * size is unknown, or when it is smaller than 80x25; else the current mode. */
bool fw_use_mode0(bool want_80x25, bool cur_ok, unsigned cols, unsigned rows);
/* The wrap width for a console of cols columns: one less, so no line ever fills the last
 * column (the console would move the cursor on by itself). */
unsigned fw_wrap_width(unsigned cols);

/* The verdict block, printed last: [gap] big letters, [gap] banner (box, reason, what to do),
 * [problems: a heading, then each warning or error, wrapped], tail (where the report went,
 * what happens next). Everything but the gaps and the problems must be there; those fill the
 * room left on a screen of rows lines (the last row holds the cursor). */
struct fw_plan {
	bool gap_top, gap_mid;
	size_t problems_shown; /* how many problems fit; the heading is shown when > 0 */
	bool problems_more;    /* a line "... N more" follows the problems shown (with none
				* shown: one line that says how many and where they are) */
	size_t lines;          /* the block's height */
	bool fits;             /* lines <= rows - 1 */
};

/* big, banner, tail: their heights in screen lines; problem_lines[i]: the height of problem i
 * (wrapped). */
void fw_plan_verdict(unsigned rows, size_t big, size_t banner, const size_t *problem_lines,
			 size_t nproblems, size_t tail, struct fw_plan *p);

#endif
