/* SPDX-License-Identifier: MIT */
/* The verdict block: measure, plan, draw (verdict.h). */
#include "verdict.h"

#include "bigtext.h"
#include "bytes.h"
#include "screen.h"

void fw_verdict_colours(enum ss_verdict v, uint8_t *box, uint8_t *big)
{
	switch (v) {
	case SS_VERDICT_READY:
		*box = FW_ATTR(FW_WHITE, FW_GREEN);
		*big = FW_ATTR(FW_LIGHTGREEN, FW_BLACK);
		break;
	case SS_VERDICT_READY_WITH_WARNINGS:
		*box = FW_ATTR(FW_BLACK, FW_BROWN);
		*big = FW_ATTR(FW_YELLOW, FW_BLACK);
		break;
	case SS_VERDICT_NOT_READY:
		*box = FW_ATTR(FW_WHITE, FW_RED);
		*big = FW_ATTR(FW_LIGHTRED, FW_BLACK);
		break;
	default:
		*box = FW_ATTR(FW_WHITE, FW_MAGENTA);
		*big = FW_ATTR(FW_LIGHTMAGENTA, FW_BLACK);
		break;
	}
}

/* Lines leave the wrapper through here, coloured as the block says. */
struct painter {
	const struct fw_term *t;
	uint8_t box;   /* the box's colour while the banner is drawn, else 0 */
};

static void paint(void *ctx, const char *s, size_t n)
{
	const struct painter *p = ctx;
	uint8_t a = FW_ATTR_NORMAL;
	if (p->box != 0 && n > 0 && (s[0] == '+' || s[0] == '|'))
		a = p->box;
	p->t->line(p->t->ctx, s, n, a);
}

/* The warnings and errors besides the deciding one, which the banner's "Why:" line already
 * shows word for word. */
static bool is_problem(const struct ss_result *r, size_t i)
{
	return r->f[i].sev != SS_SEV_INFO && (r->deciding < 0 || i != (size_t)r->deciding);
}

/* English: "  warning: <message> (id)"; zh-TW: the severity and the finding's sentence (the
 * English message with the table's values is in the report). */
static size_t problem_text(const struct ss_finding *f, enum ss_lang lang, char *buf, size_t cap)
{
	size_t n = ss_fmt_msg(buf, cap, ss_msg(lang, SS_M_P_ITEM),
			   lang == SS_LANG_EN ? ss_severity_str(f->sev) : ss_severity_text(f->sev, lang),
			   lang == SS_LANG_EN ? f->msg : ss_finding_text(lang, f->id),
			   ss_finding_info(f->id)->id);
	return n < cap ? n : cap - 1;
}

static void put(struct fw_wrap *w, const char *s, size_t n, size_t cap)
{
	fw_wrap_write(w, s, n < cap ? n : cap - 1);
}

void fw_verdict_block(const struct fw_term *t, const struct ss_result *r, const char *tail)
{
	/* static: both firmware stacks are small, and the block is drawn once */
	static size_t plines[SS_MAX_FINDINGS];
	static struct fw_wrap w, count;
	static char buf[SS_MSG_LEN + 96];
	struct painter p = { t, 0 };
	size_t np = 0, banner, tail_lines;
	struct fw_plan plan;
	uint8_t box, big;

	/* Measure what must be on the last screen, wrapped as it will be drawn. */
	fw_wrap_init(&count, t->width, NULL, NULL);
	ss_render_banner_lang(r, t->lang, fw_wrap_write, &count);
	fw_wrap_flush(&count);
	banner = count.lines;
	fw_wrap_init(&count, t->width, NULL, NULL);
	fw_wrap_write(&count, tail, ss_strlen(tail));
	fw_wrap_flush(&count);
	tail_lines = count.lines;
	for (size_t i = 0; i < r->nf && np < SS_MAX_FINDINGS; i++)
		if (is_problem(r, i))
			plines[np++] = fw_wrap_line(buf, problem_text(&r->f[i], t->lang, buf, sizeof(buf)),
							t->width, NULL, NULL);
	fw_plan_verdict(t->rows, FW_BIG_ROWS, banner, plines, np, tail_lines, &plan);

	fw_verdict_colours(r->verdict, &box, &big);
	fw_wrap_init(&w, t->width, paint, &p);
	if (plan.gap_top)
		t->line(t->ctx, "", 0, FW_ATTR_NORMAL);
	const char *word = fw_big_word(r->verdict);
	for (unsigned row = 0; row < FW_BIG_ROWS; row++) {
		size_t n = fw_big_row(word, row, buf, sizeof(buf));
		t->big(t->ctx, buf, n, big);
	}
	if (plan.gap_mid)
		t->line(t->ctx, "", 0, FW_ATTR_NORMAL);
	p.box = box;
	ss_render_banner_lang(r, t->lang, fw_wrap_write, &w);
	fw_wrap_flush(&w);
	p.box = 0;
	/* The other problems below the banner, which may tell the reader to look below. */
	const char *head = ss_msg(t->lang, r->deciding >= 0 ? SS_M_P_ALSO : SS_M_P_PROBLEMS);
	size_t hn = 0;
	if (plan.problems_shown > 0)
		hn = ss_fmt_msg(buf, sizeof(buf), ss_msg(t->lang, SS_M_P_HEAD), head, np);
	else if (plan.problems_more)
		hn = ss_fmt_msg(buf, sizeof(buf), ss_msg(t->lang, SS_M_P_HEAD_MORE), head, np);
	if (hn > 0) {
		put(&w, buf, hn, sizeof(buf));
		fw_wrap_write(&w, "\n", 1);
	}
	for (size_t i = 0, k = 0; i < r->nf && k < plan.problems_shown; i++) {
		if (!is_problem(r, i))
			continue;
		fw_wrap_write(&w, buf, problem_text(&r->f[i], t->lang, buf, sizeof(buf)));
		fw_wrap_write(&w, "\n", 1);
		k++;
	}
	if (plan.problems_shown > 0 && plan.problems_more) {
		put(&w, buf, ss_fmt_msg(buf, sizeof(buf), ss_msg(t->lang, SS_M_P_MORE),
				     np - plan.problems_shown), sizeof(buf));
		fw_wrap_write(&w, "\n", 1);
	}
	fw_wrap_write(&w, tail, ss_strlen(tail));
	fw_wrap_flush(&w);
}
