/* SPDX-License-Identifier: MIT */
/* Word wrapping, the console mode and the verdict block's plan (screen.h). */
#include "screen.h"
#include "slicscan.h"

void fw_wrap_init(struct fw_wrap *w, unsigned width, fw_line_fn out, void *ctx)
{
	w->width = width < FW_WRAP_WIDTH_MIN ? FW_WRAP_WIDTH_MIN
		 : width > FW_WRAP_WIDTH_MAX ? FW_WRAP_WIDTH_MAX : width;
	w->out = out;
	w->ctx = ctx;
	w->n = 0;
	w->lines = 0;
}

/* Where the rest of a wrapped line starts: under the value of "label : value" or of a column
 * layout (the text after the last run of two or more blanks), if that is in the left half;
 * else two columns right of the line's own indent. Positions are display columns (a zh-TW
 * character takes two: ss_text_cols). */
static size_t hang_of(const char *s, size_t n, unsigned width)
{
	size_t indent = 0, hang = 0;
	while (indent < n && s[indent] == ' ')
		indent++;
	for (size_t i = indent; i + 1 < n && ss_text_cols(s, i) < width / 2; i++) {
		bool colon = s[i] == ':' && s[i + 1] == ' ';
		bool run = s[i] == ' ' && s[i + 1] == ' ' && i > indent && s[i - 1] != ' ';
		if (!colon && !run)
			continue;
		size_t j = i + 1;
		while (j < n && s[j] == ' ')
			j++;
		if (j < n && ss_text_cols(s, j) <= width / 2 && s[j] != ':')
			hang = ss_text_cols(s, j);
	}
	if (hang == 0)
		hang = indent + 2;
	return hang <= width / 2 ? hang : width / 2;
}

size_t fw_wrap_line(const char *s, size_t n, unsigned width, fw_line_fn out, void *ctx)
{
	char line[FW_WRAP_WIDTH_MAX * 4 + 1]; /* up to 4 UTF-8 bytes a column */
	size_t lines = 0, pos = 0, hang;

	if (width < FW_WRAP_WIDTH_MIN)
		width = FW_WRAP_WIDTH_MIN;
	if (width > FW_WRAP_WIDTH_MAX)
		width = FW_WRAP_WIDTH_MAX;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (ss_text_cols(s, n) <= width) {
		if (out != NULL)
			out(ctx, s, n);
		return 1;
	}
	hang = hang_of(s, n, width);
	while (pos < n) {
		size_t lead = lines == 0 ? 0 : hang, room = width - lead, take;
		/* up to the last blank (or CJK character boundary) that ends a piece of at most
		 * room columns; one word wider than a line is cut */
		take = ss_text_fit(s + pos, n - pos, room);
		size_t len = take;
		while (len > 0 && s[pos + len - 1] == ' ')
			len--;
		for (size_t k = 0; k < lead; k++)
			line[k] = ' ';
		for (size_t k = 0; k < len; k++)
			line[lead + k] = s[pos + k];
		if (out != NULL)
			out(ctx, line, lead + len);
		lines++;
		pos += take;
		while (pos < n && s[pos] == ' ')
			pos++;
	}
	return lines;
}

static void emit(struct fw_wrap *w)
{
	w->lines += fw_wrap_line(w->buf, w->n, w->width, w->out, w->ctx);
	w->n = 0;
}

void fw_wrap_write(void *ctx, const char *s, size_t n)
{
	struct fw_wrap *w = ctx;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			emit(w);
		} else if (s[i] != '\r') {
			/* an absurdly long line: wrapped in pieces, cut before a UTF-8 lead byte */
			if (w->n == sizeof(w->buf) ||
			    (w->n >= sizeof(w->buf) - 3 && ((unsigned char)s[i] & 0xC0) != 0x80))
				emit(w);
			w->buf[w->n++] = s[i];
		}
	}
}

void fw_wrap_flush(struct fw_wrap *w)
{
	if (w->n > 0)
		emit(w);
}

bool fw_use_mode0(bool want_80x25, bool cur_ok, unsigned cols, unsigned rows)
{
	return want_80x25 || !cur_ok || cols < 80 || rows < 25;
}

unsigned fw_wrap_width(unsigned cols)
{
	return cols > 1 ? cols - 1 : 1;
}

void fw_plan_verdict(unsigned rows, size_t big, size_t banner, const size_t *problem_lines,
			 size_t nproblems, size_t tail, struct fw_plan *p)
{
	size_t avail = rows > 1 ? rows - 1u : 1u;
	size_t used = big + banner + tail;

	p->gap_top = p->gap_mid = p->problems_more = false;
	p->problems_shown = 0;
	/* What is wrong before any blank line; the gap between the letters and the box next. */
	if (nproblems > 0) {
		size_t all = 1;
		for (size_t i = 0; i < nproblems; i++)
			all += problem_lines[i];
		if (used + all <= avail) {
			p->problems_shown = nproblems;
			used += all;
		} else {
			/* heading + the first k + "... N more" */
			size_t k = 0, need = 2;
			while (k < nproblems && used + need + problem_lines[k] <= avail)
				need += problem_lines[k++];
			p->problems_shown = k;
			/* with none shown: one line that says where they are, if it fits */
			p->problems_more = k > 0 || used + 1 <= avail;
			used += k > 0 ? need : p->problems_more ? 1 : 0;
		}
	}
	if (used + 1 <= avail) {
		p->gap_mid = true;
		used++;
	}
	if (used + 1 <= avail) {
		p->gap_top = true;
		used++;
	}
	p->lines = used;
	p->fits = used <= avail;
}
