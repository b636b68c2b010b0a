/* SPDX-License-Identifier: MIT */
/* Console output for slicscan.efi: the core's text through ConOut, and the coloured banner. */
#include "efi_ss.h"

#include "screen.h"
#include "verdict.h"

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
	/* The graphics console behind ConOut, when it draws block elements, and every other
	 * console behind it (serial terminals): the big letters go to each separately. */
	SIMPLE_TEXT_OUTPUT_INTERFACE *gfx;
	SIMPLE_TEXT_OUTPUT_INTERFACE *text[MAX_TEXT_CONSOLES];
	UINTN ntext;
	enum efi_ss_route route;     /* which of them the output goes to */
} con;

/* One string to the consoles of the route. */
static void out16(CHAR16 *s)
{
	if (con.route == EFI_SS_ALL || con.gfx == NULL) {
		ST->ConOut->OutputString(ST->ConOut, s);
	} else if (con.route == EFI_SS_SCREEN) {
		con.gfx->OutputString(con.gfx, s);
	} else {
		for (UINTN i = 0; i < con.ntext; i++)
			con.text[i]->OutputString(con.text[i], s);
	}
}

static const UINTN normal = FW_ATTR_NORMAL; /* = EFI_TEXT_ATTR(EFI_LIGHTGRAY, EFI_BLACK) */

static void set_attr(UINTN attr)
{
	/* SetAttribute may be unsupported (serial-only consoles, Shell redirection): ignore. */
	if (ST->ConOut == NULL)
		return;
	if (con.route == EFI_SS_ALL || con.gfx == NULL) {
		ST->ConOut->SetAttribute(ST->ConOut, attr);
	} else if (con.route == EFI_SS_SCREEN) {
		con.gfx->SetAttribute(con.gfx, attr);
	} else {
		for (UINTN i = 0; i < con.ntext; i++)
			con.text[i]->SetAttribute(con.text[i], attr);
	}
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
			out16(buf);
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
		out16(buf);
	}
}

/* UTF-8 to the graphics console only (zh-TW): each run of wide characters as its own
 * OutputString that starts with WIDE_CHAR (0xFFF1), ASCII runs in calls of their own (OVMF
 * draws a NARROW_CHAR-marked cell invisibly: docs/UEFI.md); any other byte becomes '?'. */
static void put_screen_utf8(const char *s, size_t n)
{
	CHAR16 buf[130];
	UINTN k = 0;
	bool wide_run = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = '?';
		size_t len = 1;
		if (c >= 0xE0 && c < 0xF0 && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
			     (uint32_t)(s[i + 2] & 0x3F);
			len = 3;
		} else if (c >= 0x20 && c < 0x7F) {
			cp = c;
		} else if (c == '\n') {
			cp = '\n';
		} else {
			while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
				len++;
		}
		bool w = len == 3 && ss_text_cols(s + i, 3) == 2;
		if (len == 3 && !w)
			cp = '?';
		if (k > 0 && (w != wide_run || k + 4 >= sizeof(buf) / sizeof(buf[0]))) {
			buf[k] = 0;
			con.gfx->OutputString(con.gfx, buf);
			k = 0;
		}
		if (k == 0 && w)
			buf[k++] = 0xFFF1; /* WIDE_CHAR */
		wide_run = w;
		if (cp == '\n') {
			buf[k++] = '\r';
			buf[k++] = '\n';
		} else {
			buf[k++] = (CHAR16)cp;
		}
		i += len;
	}
	if (k > 0) {
		buf[k] = 0;
		con.gfx->OutputString(con.gfx, buf);
	}
}

/* Text to the route: UTF-8 on the zh-TW screen, ASCII elsewhere. */
static void put(const char *s, size_t n)
{
	if (con.route == EFI_SS_SCREEN && con.gfx != NULL)
		put_screen_utf8(s, n);
	else
		put_raw(s, n);
}

/* One wrapped screen line. The colour is set for the text and put back to normal before the
 * line end: a console fills the rest of a line, and every row it scrolls in, with the
 * current background. */
static void put_line(void *ctx, const char *s, size_t n)
{
	UINTN a = con.line_attr;
	(void)ctx;
	if (a != 0)
		set_attr(a);
	put(s, n);
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
	con.line_attr = FW_ATTR_NOTICE;
	efi_ss_con_printf("slicscan: %s\n", msg);
	con.line_attr = 0;
}

/* ---- the verdict block, the last screenful (fw/verdict.c plans and words it) ---- */

static void term_line(void *ctx, const char *s, size_t n, uint8_t attr)
{
	(void)ctx;
	if (attr != FW_ATTR_NORMAL)
		set_attr(attr);
	put(s, n);
	if (attr != FW_ATTR_NORMAL)
		set_attr(normal);
	put_raw("\n", 1);
}

/* One row of the big letters: U+2588 FULL BLOCK on the graphics console, '#' on the others
 * (a serial terminal would turn the block into '*' or a byte outside ASCII). */
static void term_big(void *ctx, const char *row, size_t n, uint8_t attr)
{
	CHAR16 a16[96], blocks[96];
	(void)ctx;
	if (n >= sizeof(a16) / sizeof(a16[0]))
		n = sizeof(a16) / sizeof(a16[0]) - 1;
	put_raw("          ", FW_BIG_INDENT);
	set_attr(attr);
	if (con.gfx != NULL) {
		for (size_t i = 0; i < n; i++) {
			a16[i] = (CHAR16)(unsigned char)row[i];
			blocks[i] = row[i] == '#' ? 0x2588 : a16[i];
		}
		a16[n] = blocks[n] = 0;
		if (con.route != EFI_SS_SERIAL)
			con.gfx->OutputString(con.gfx, blocks);
		for (UINTN i = 0; con.route != EFI_SS_SCREEN && i < con.ntext; i++)
			con.text[i]->OutputString(con.text[i], a16);
	} else {
		put_raw(row, n);
	}
	set_attr(normal);
	put_raw("\n", 1);
}

void efi_ss_con_verdict(const struct ss_result *r, const char *tail, enum ss_lang lang)
{
	struct fw_wrap *w = wrapper();
	fw_wrap_flush(w);
	struct fw_term t = { w->width, con.rows, term_line, term_big, NULL, lang };
	fw_verdict_block(&t, r, tail);
}

void efi_ss_con_route(enum efi_ss_route r)
{
	fw_wrap_flush(wrapper());
	con.route = r;
}

bool efi_ss_con_zh(void)
{
	/* a wide string of the catalogue: drawn only when the font is there */
	static CHAR16 probe[] = { 0x5224, 0x5b9a, 0xff1a, 0x5c31, 0x7dd2, 0 }; /* 判定：就緒 */
	wrapper();
	if (con.gfx == NULL || !efi_ss_font_load())
		return false;
	if (con.gfx->TestString(con.gfx, probe) != EFI_SUCCESS) {
		efi_ss_font_unload();
		return false;
	}
	return true;
}
