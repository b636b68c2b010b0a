/* SPDX-License-Identifier: MIT */
/* The kernel's console: the VGA text screen, mirrored line by line to COM1. Layout (word
 * wrapping, the verdict block's plan and colours) is fw/screen.c and fw/verdict.c, as in the
 * UEFI app; this file only draws. The big letters are CP437 full blocks (0xDB) in the
 * verdict's colour on the screen and '#' on the serial line, so a log stays plain ASCII. */
#include "bios.h"

#include "screen.h"
#include "verdict.h"

#define CP437_FULL_BLOCK ((char)0xDB)

static struct {
	bool ready;
	struct fw_wrap wrap;
	uint8_t attr; /* colour of the lines being written */
} con;

/* Printable ASCII only: firmware strings must not reach a terminal as escape sequences, nor
 * the screen as CP437 graphics. */
static void clean(const char *s, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = c == '\t' ? ' ' : c >= 0x20 && c < 0x7F ? (char)c : '?';
	}
}

static void line(void *ctx, const char *s, size_t n, uint8_t attr)
{
	char buf[VGA_COLS];
	(void)ctx;
	if (n > sizeof(buf))
		n = sizeof(buf);
	clean(s, n, buf);
	vga_line(buf, n, attr);
	serial_write(buf, n);
	serial_write("\n", 1);
}

static void wrapped_line(void *ctx, const char *s, size_t n)
{
	line(ctx, s, n, con.attr);
}

static void big(void *ctx, const char *s, size_t n, uint8_t attr)
{
	char scr[VGA_COLS], ser[VGA_COLS];
	size_t k = 0;
	(void)ctx;
	for (; k < FW_BIG_INDENT; k++)
		scr[k] = ser[k] = ' ';
	for (size_t i = 0; i < n && k < sizeof(scr); i++, k++) {
		ser[k] = s[i] == '#' ? '#' : ' ';
		scr[k] = s[i] == '#' ? CP437_FULL_BLOCK : ' ';
	}
	/* the indent in the normal colour, the letters in theirs: one row of cells */
	vga_line(scr, k, attr);
	serial_write(ser, k);
	serial_write("\n", 1);
}

void bios_con_init(void)
{
	struct bios_regs r = { 0 };
	/* INT 10h AH=0Fh: the current video mode. 3 is 80x25 colour text, 7 the monochrome one;
	 * anything else (a boot loader's graphics mode) is switched to mode 3. */
	r.eax = 0x0F00;
	bios_int(0x10, &r);
	uint8_t mode = (uint8_t)(r.eax & 0x7F);
	if (mode != 3 && mode != 7) {
		r = (struct bios_regs){ 0 };
		r.eax = 0x0003;
		bios_int(0x10, &r);
		mode = 3;
	}
	vga_init(mode == 7);
	fw_wrap_init(&con.wrap, fw_wrap_width(VGA_COLS), wrapped_line, NULL);
	con.attr = FW_ATTR_NORMAL;
	con.ready = true;
}

void bios_con_write(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	if (!con.ready) { /* before the console: a fault report, raw */
		vga_raw(s, n, FW_ATTR_NORMAL);
		serial_write(s, n);
		return;
	}
	fw_wrap_write(&con.wrap, s, n);
}

void bios_con_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	bios_con_write(NULL, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void bios_con_notice(const char *msg)
{
	if (con.ready)
		fw_wrap_flush(&con.wrap);
	con.attr = FW_ATTR_NOTICE;
	bios_con_printf("slicscan: %s\n", msg);
	con.attr = FW_ATTR_NORMAL;
}

void bios_con_verdict(const struct ss_result *r, const char *tail)
{
	fw_wrap_flush(&con.wrap);
	/* VGA text mode has no CJK glyphs: the screen is English in every language */
	struct fw_term t = { con.wrap.width, VGA_ROWS, line, big, NULL, SS_LANG_EN };
	fw_verdict_block(&t, r, tail);
}

void bios_con_panic(const char *s)
{
	size_t n = ss_strlen(s);
	if (con.ready)
		fw_wrap_flush(&con.wrap);
	vga_raw(s, n, FW_ATTR(FW_WHITE, FW_RED));
	serial_write(s, n);
}
