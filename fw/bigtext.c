/* SPDX-License-Identifier: MIT */
/* Five-line letters for the verdict banner (bigtext.h). */
#include "bigtext.h"

struct glyph {
	char c;
	const char *rows[FW_BIG_ROWS];
};

static const struct glyph glyphs[] = {
	{ 'A', { " ### ", "#   #", "#####", "#   #", "#   #" } },
	{ 'C', { " ####", "#    ", "#    ", "#    ", " ####" } },
	{ 'D', { "#### ", "#   #", "#   #", "#   #", "#### " } },
	{ 'E', { "#####", "#    ", "#### ", "#    ", "#####" } },
	{ 'G', { " ####", "#    ", "#  ##", "#   #", " ####" } },
	{ 'I', { "#####", "  #  ", "  #  ", "  #  ", "#####" } },
	{ 'J', { "#####", "   # ", "   # ", "#  # ", " ##  " } },
	{ 'N', { "#   #", "##  #", "# # #", "#  ##", "#   #" } },
	{ 'O', { " ### ", "#   #", "#   #", "#   #", " ### " } },
	{ 'R', { "#### ", "#   #", "#### ", "#  # ", "#   #" } },
	{ 'S', { " ####", "#    ", " ### ", "    #", "#### " } },
	{ 'T', { "#####", "  #  ", "  #  ", "  #  ", "  #  " } },
	{ 'U', { "#   #", "#   #", "#   #", "#   #", " ### " } },
	{ 'W', { "#   #", "#   #", "# # #", "## ##", "#   #" } },
	{ 'Y', { "#   #", " # # ", "  #  ", "  #  ", "  #  " } },
};

const char *fw_big_word(enum ss_verdict v)
{
	switch (v) {
	case SS_VERDICT_READY: return "READY";
	case SS_VERDICT_READY_WITH_WARNINGS: return "WARNINGS";
	case SS_VERDICT_NOT_READY: return "NOT READY";
	case SS_VERDICT_ERROR: break;
	}
	return "CANNOT JUDGE";
}

size_t fw_big_row(const char *word, unsigned row, char *out, size_t cap)
{
	size_t o = 0, end = 0;
	if (cap == 0)
		return 0;
	for (const char *w = word; *w && row < FW_BIG_ROWS; w++) {
		const char *cell = "     ";
		for (size_t g = 0; g < sizeof(glyphs) / sizeof(glyphs[0]); g++)
			if (glyphs[g].c == *w)
				cell = glyphs[g].rows[row];
		for (int i = 0; i < FW_BIG_CELL && o + 1 < cap; i++) {
			char c = i < FW_BIG_CELL - 1 ? cell[i] : ' ';
			out[o++] = c;
			if (c != ' ')
				end = o;
		}
	}
	out[end] = '\0';
	return end;
}
