/* SPDX-License-Identifier: MIT */
/* Console output for slicscan.efi: the core's text through ConOut, and the coloured banner. */
#include "efi_ss.h"

#include "efi_bigtext.h"

void efi_ss_to_char16(const char *s, CHAR16 *out, UINTN cap)
{
	UINTN i = 0;
	if (cap == 0)
		return;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = (CHAR16)(unsigned char)s[i];
	out[i] = 0;
}

void efi_ss_con_write(void *ctx, const char *s, size_t n)
{
	CHAR16 buf[130];
	UINTN k = 0;
	(void)ctx;
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

void efi_ss_con_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	efi_ss_con_write(NULL, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

static void set_attr(UINTN attr)
{
	/* SetAttribute may be unsupported (serial-only consoles, Shell redirection): ignore. */
	if (ST->ConOut != NULL)
		ST->ConOut->SetAttribute(ST->ConOut, attr);
}

static const UINTN normal = EFI_TEXT_ATTR(EFI_LIGHTGRAY, EFI_BLACK);

void efi_ss_con_notice(const char *msg)
{
	set_attr(EFI_TEXT_ATTR(EFI_YELLOW, EFI_BLACK));
	efi_ss_con_printf("slicscan: %s\n", msg);
	set_attr(normal);
}

void efi_ss_con_banner(const struct ss_result *r)
{
	UINTN attr;
	switch (r->verdict) {
	case SS_VERDICT_READY:
		attr = EFI_TEXT_ATTR(EFI_WHITE, EFI_GREEN);
		break;
	case SS_VERDICT_READY_WITH_WARNINGS:
		attr = EFI_TEXT_ATTR(EFI_BLACK, EFI_BROWN);
		break;
	case SS_VERDICT_NOT_READY:
		attr = EFI_TEXT_ATTR(EFI_WHITE, EFI_RED);
		break;
	default:
		attr = EFI_TEXT_ATTR(EFI_WHITE, EFI_MAGENTA);
		break;
	}
	efi_ss_con_write(NULL, "\n", 1);
	/* The verdict in letters five lines tall, so it reads from across the room; the box
	 * below says it again in words (never colour alone). */
	const char *word = efi_ss_big_word(r->verdict);
	for (unsigned row = 0; row < EFI_SS_BIG_ROWS; row++) {
		char line[96];
		size_t n = efi_ss_big_row(word, row, line, sizeof(line));
		efi_ss_con_write(NULL, "  ", 2);
		set_attr(attr);
		efi_ss_con_write(NULL, line, n);
		set_attr(normal);
		efi_ss_con_write(NULL, "\n", 1);
	}
	efi_ss_con_write(NULL, "\n", 1);
	set_attr(attr);
	ss_render_banner(r, efi_ss_con_write, NULL);
	set_attr(normal);
}
