/* SPDX-License-Identifier: MIT */
/* Console output for slicscan.efi: the core's text through ConOut, and the coloured banner. */
#include "efi_ss.h"

#include "bigtext.h"
#include "screen.h"

void efi_ss_to_char16(const char *s, CHAR16 *out, UINTN cap)
{
	UINTN i = 0;
	if (cap == 0)
		return;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = (CHAR16)(unsigned char)s[i];
	out[i] = 0;
}

/* ---- the console's size and the consoles behind ConOut ---- */

/* Installed by the boot manager on every device listed in ConOut; the console splitter (the
 * ConOut of the system table) writes to each of them (edk2: gEfiConsoleOutDeviceGuid). */
static EFI_GUID con_out_device = { 0xd3b36f2c, 0xd551, 0x11d4,
				   { 0x9a, 0x46, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d } };

#define MAX_TEXT_CONSOLES 8

static struct {
	bool ready;                  /* the mode was chosen */
	unsigned cols, rows;
	struct fw_wrap wrap;     /* every line goes through it */
	UINTN line_attr;             /* colour of the lines being written; 0: normal */
	bool box_only;               /* ... of the lines of the banner's box only */
	/* The graphics console behind ConOut, when it draws block elements, and every other
	 * console behind it (serial terminals): the big letters go to each separately. */
	SIMPLE_TEXT_OUTPUT_INTERFACE *gfx;
	SIMPLE_TEXT_OUTPUT_INTERFACE *text[MAX_TEXT_CONSOLES];
	UINTN ntext;
} con;

static const UINTN normal = EFI_TEXT_ATTR(EFI_LIGHTGRAY, EFI_BLACK);

static void set_attr(UINTN attr)
{
	/* SetAttribute may be unsupported (serial-only consoles, Shell redirection): ignore. */
	if (ST->ConOut != NULL)
		ST->ConOut->SetAttribute(ST->ConOut, attr);
}

/* ASCII to ConOut as it is (no wrapping): '\n' becomes CRLF, a tab a blank, and every byte
 * that is not printable ASCII '?' (so no escape sequence from firmware data reaches a
 * terminal). */
static void put_raw(const char *s, size_t n)
{
	CHAR16 buf[130];
	UINTN k = 0;
	if (ST == NULL || ST->ConOut == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (k + 3 >= sizeof(buf) / sizeof(buf[0])) {
			buf[k] = 0;
			ST->ConOut->OutputString(ST->ConOut, buf);
			k = 0;
		}
		if (c == '\n') {
			buf[k++] = '\r';
			buf[k++] = '\n';
		} else if (c == '\t') {
			buf[k++] = ' ';
		} else {
			buf[k++] = c >= 0x20 && c < 0x7F ? c : '?';
		}
	}
	if (k > 0) {
		buf[k] = 0;
		ST->ConOut->OutputString(ST->ConOut, buf);
	}
}

/* One wrapped screen line. The colour is set for the text and put back to normal before the
 * line end: a console fills the rest of a line, and every row it scrolls in, with the
 * current background. */
static void put_line(void *ctx, const char *s, size_t n)
{
	UINTN a = con.line_attr;
	(void)ctx;
	if (con.box_only && !(n > 0 && (s[0] == '+' || s[0] == '|')))
		a = 0;
	if (a != 0)
		set_attr(a);
	put_raw(s, n);
	if (a != 0)
		set_attr(normal);
	put_raw("\n", 1);
}

static void find_consoles(void)
{
	EFI_HANDLE *h = NULL;
	UINTN nh = 0;
	bool all = true;

	con.gfx = NULL;
	con.ntext = 0;
	if (ST->ConOut == NULL ||
	    EFI_ERROR(BS->LocateHandleBuffer(ByProtocol, &con_out_device, NULL, &nh, &h)))
		return;
	for (UINTN i = 0; i < nh; i++) {
		SIMPLE_TEXT_OUTPUT_INTERFACE *t = NULL;
		void *gop = NULL;
		if (EFI_ERROR(BS->HandleProtocol(h[i], &TextOutProtocol, (void **)&t)) || t == NULL ||
		    t == ST->ConOut)
			continue;
		if (con.gfx == NULL && !EFI_ERROR(BS->HandleProtocol(h[i], &GraphicsOutputProtocol, &gop)))
			con.gfx = t;
		else if (con.ntext < MAX_TEXT_CONSOLES)
			con.text[con.ntext++] = t;
		else
			all = false;
	}
	FreePool(h);
	/* Only when every console can be written to, and the graphics one draws U+2588. */
	if (con.gfx != NULL &&
	    (!all || con.gfx->TestString(con.gfx, (CHAR16 *)L"\x2588") != EFI_SUCCESS))
		con.gfx = NULL;
}

void efi_ss_con_init(bool want_80x25)
{
	SIMPLE_TEXT_OUTPUT_INTERFACE *o = ST != NULL ? ST->ConOut : NULL;
	UINTN cols = 0, rows = 0;
	bool ok = false;

	if (o != NULL && o->Mode != NULL && o->Mode->Mode >= 0)
		ok = !EFI_ERROR(o->QueryMode(o, (UINTN)o->Mode->Mode, &cols, &rows));
	if (o != NULL && fw_use_mode0(want_80x25, ok, (unsigned)cols, (unsigned)rows)) {
		if (!ok || o->Mode->Mode != 0)
			o->SetMode(o, 0); /* clears the screen */
		if (EFI_ERROR(o->QueryMode(o, 0, &cols, &rows)) || cols < 80 || rows < 25)
			cols = 80, rows = 25; /* mode 0 is 80x25 by the UEFI specification */
	}
	if (o == NULL || cols == 0 || rows == 0)
		cols = 80, rows = 25;
	con.cols = cols > FW_WRAP_WIDTH_MAX ? FW_WRAP_WIDTH_MAX + 1 : (unsigned)cols;
	con.rows = rows > 1000 ? 1000 : (unsigned)rows;
	fw_wrap_init(&con.wrap, fw_wrap_width(con.cols), put_line, NULL);
	find_consoles();
	con.ready = true;
}

static struct fw_wrap *wrapper(void)
{
	if (!con.ready)
		efi_ss_con_init(false);
	return &con.wrap;
}

void efi_ss_con_write(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	fw_wrap_write(wrapper(), s, n);
}

void efi_ss_con_write_raw(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	fw_wrap_flush(wrapper());
	put_raw(s, n);
}

void efi_ss_con_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	efi_ss_con_write(NULL, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void efi_ss_con_notice(const char *msg)
{
	fw_wrap_flush(wrapper());
	con.line_attr = EFI_TEXT_ATTR(EFI_YELLOW, EFI_BLACK);
	efi_ss_con_printf("slicscan: %s\n", msg);
	con.line_attr = 0;
}

/* ---- the verdict block, the last screenful ---- */

/* The box of the banner, and the big letters (bright on black: block glyphs in the letter's
 * colour read best from across a room; the box says the verdict again in words). */
static void verdict_colours(enum ss_verdict v, UINTN *box, UINTN *big)
{
	switch (v) {
	case SS_VERDICT_READY:
		*box = EFI_TEXT_ATTR(EFI_WHITE, EFI_GREEN);
		*big = EFI_TEXT_ATTR(EFI_LIGHTGREEN, EFI_BLACK);
		break;
	case SS_VERDICT_READY_WITH_WARNINGS:
		*box = EFI_TEXT_ATTR(EFI_BLACK, EFI_BROWN);
		*big = EFI_TEXT_ATTR(EFI_YELLOW, EFI_BLACK);
		break;
	case SS_VERDICT_NOT_READY:
		*box = EFI_TEXT_ATTR(EFI_WHITE, EFI_RED);
		*big = EFI_TEXT_ATTR(EFI_LIGHTRED, EFI_BLACK);
		break;
	default:
		*box = EFI_TEXT_ATTR(EFI_WHITE, EFI_MAGENTA);
		*big = EFI_TEXT_ATTR(EFI_LIGHTMAGENTA, EFI_BLACK);
		break;
	}
}

/* One row of the big letters: U+2588 FULL BLOCK on the graphics console, '#' on the others
 * (a serial terminal would turn the block into '*' or a byte outside ASCII). */
static void big_row(const char *word, unsigned row, UINTN attr)
{
	char ascii[96];
	CHAR16 a16[96], blocks[96];
	size_t n = fw_big_row(word, row, ascii, sizeof(ascii));

	put_raw("  ", 2);
	set_attr(attr);
	if (con.gfx != NULL) {
		for (size_t i = 0; i <= n; i++) {
			a16[i] = (CHAR16)(unsigned char)ascii[i];
			blocks[i] = ascii[i] == '#' ? 0x2588 : a16[i];
		}
		con.gfx->OutputString(con.gfx, blocks);
		for (UINTN i = 0; i < con.ntext; i++)
			con.text[i]->OutputString(con.text[i], a16);
	} else {
		put_raw(ascii, n);
	}
	set_attr(normal);
	put_raw("\n", 1);
}

static bool is_problem(const struct ss_finding *f)
{
	return f->sev != SS_SEV_INFO;
}

static size_t problem_text(const struct ss_finding *f, char *buf, size_t cap)
{
	size_t n = ss_fmt(buf, cap, "  %s: %s (%s)", ss_severity_str(f->sev), f->msg,
			  ss_finding_info(f->id)->id);
	return n < cap ? n : cap - 1;
}

void efi_ss_con_verdict(const struct ss_result *r, const char *tail)
{
	struct fw_wrap *w = wrapper(), count;
	static size_t plines[SS_MAX_FINDINGS]; /* static: the firmware's stack is small */
	size_t np = 0, banner, tail_lines;
	struct fw_plan plan;
	char buf[SS_MSG_LEN + 96];
	UINTN box, big;

	fw_wrap_flush(w);
	/* Measure what must be on the last screen, wrapped as it will be printed. */
	fw_wrap_init(&count, w->width, NULL, NULL);
	ss_render_banner(r, fw_wrap_write, &count);
	fw_wrap_flush(&count);
	banner = count.lines;
	fw_wrap_init(&count, w->width, NULL, NULL);
	fw_wrap_write(&count, tail, ss_strlen(tail));
	fw_wrap_flush(&count);
	tail_lines = count.lines;
	for (size_t i = 0; i < r->nf; i++)
		if (is_problem(&r->f[i]))
			plines[np++] = fw_wrap_line(buf, problem_text(&r->f[i], buf, sizeof(buf)),
							w->width, NULL, NULL);
	fw_plan_verdict(con.rows, FW_BIG_ROWS, banner, plines, np, tail_lines, &plan);

	verdict_colours(r->verdict, &box, &big);
	if (plan.gap_top)
		put_raw("\n", 1);
	const char *word = fw_big_word(r->verdict);
	for (unsigned row = 0; row < FW_BIG_ROWS; row++)
		big_row(word, row, big);
	if (plan.gap_mid)
		put_raw("\n", 1);
	con.line_attr = box;
	con.box_only = true;
	ss_render_banner(r, efi_ss_con_write, NULL);
	fw_wrap_flush(w);
	con.line_attr = 0;
	con.box_only = false;
	/* The problems below the banner, which may tell the reader to look below. */
	if (plan.problems_shown > 0)
		efi_ss_con_printf("Problems found (%zu):\n", np);
	else if (plan.problems_more)
		efi_ss_con_printf("Problems found: %zu, listed in the report's findings\n", np);
	for (size_t i = 0, k = 0; i < r->nf && k < plan.problems_shown; i++) {
		if (!is_problem(&r->f[i]))
			continue;
		size_t n = problem_text(&r->f[i], buf, sizeof(buf));
		efi_ss_con_write(NULL, buf, n);
		efi_ss_con_write(NULL, "\n", 1);
		k++;
	}
	if (plan.problems_shown > 0 && plan.problems_more)
		efi_ss_con_printf("  ... and %zu more in the report's findings\n",
				  np - plan.problems_shown);
	efi_ss_con_write(NULL, tail, ss_strlen(tail));
	fw_wrap_flush(w);
}
