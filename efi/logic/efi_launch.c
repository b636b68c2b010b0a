/* SPDX-License-Identifier: MIT */
/* Shell run or direct boot, and the arguments of a Shell run; the rules are in efi_launch.h. */
#include "efi_launch.h"

#include "bytes.h"

#define EXCERPT_MAX 40 /* characters of foreign text quoted on screen */

void efi_ss_ucs2_ascii(const uint16_t *s, size_t max, char *out, size_t cap)
{
	size_t i = 0;
	if (cap == 0)
		return;
	for (; i < max && s[i] != 0 && i + 1 < cap; i++)
		out[i] = s[i] < 0x80 ? (char)s[i] : '?';
	out[i] = '\0';
}

/* The Shell's Argv without the program name, as ASCII copies in l->cmdline. */
static void take_argv(struct efi_ss_launch *l, const struct efi_ss_launch_in *in)
{
	size_t used = 0;
	for (size_t i = 1; i < in->argc; i++) {
		const uint16_t *arg = in->argv != NULL ? in->argv[i] : NULL;
		size_t n = 0;
		if (arg == NULL || l->argc == EFI_SS_ARGS_MAX) {
			l->args_overflow = true;
			return;
		}
		while (arg[n] != 0 && n < sizeof(l->cmdline))
			n++;
		if (n + 1 > sizeof(l->cmdline) - used) {
			l->args_overflow = true;
			return;
		}
		efi_ss_ucs2_ascii(arg, n, l->cmdline + used, n + 1);
		l->argv[l->argc++] = l->cmdline + used;
		used += n + 1;
	}
}

/* Printable ASCII text of width w (1 byte, or 2 for UCS-2 little-endian), then nothing but
 * NULs: its length in characters, or 0 when the bytes are not such text ("WINDOWS\0" and a
 * binary structure is binary). Reads bytewise: the firmware's buffer may have any alignment. */
static size_t text_units(const uint8_t *p, size_t size, size_t w)
{
	size_t n = size / w, i = 0;
	if (size % w != 0)
		return 0;
	for (; i < n; i++) {
		unsigned c = p[i * w] | (w == 2 ? (unsigned)p[i * w + 1] << 8 : 0u);
		if (c == 0)
			break;
		if (c < 0x20 || c > 0x7E)
			return 0;
	}
	for (size_t j = i * w; j < size; j++)
		if (p[j] != 0)
			return 0;
	return i;
}

/* "" for no load options, else a sentence saying what they were and that they were ignored. */
static void describe_ignored(struct efi_ss_launch *l, const struct efi_ss_launch_in *in)
{
	const uint8_t *p = in->load_options;
	size_t size = in->load_options_size;
	if (p == NULL || size == 0)
		return;
	size_t w = 2, n = text_units(p, size, 2);
	if (n == 0)
		w = 1, n = text_units(p, size, 1);
	if (n == 0) {
		ss_fmt(l->ignored, sizeof(l->ignored),
		       "booted directly: load options ignored (%zu bytes of binary data)", size);
		return;
	}
	char ex[EXCERPT_MAX + 1];
	size_t k = n < EXCERPT_MAX ? n : EXCERPT_MAX;
	for (size_t i = 0; i < k; i++)
		ex[i] = (char)p[i * w];
	ex[k] = '\0';
	ss_fmt(l->ignored, sizeof(l->ignored),
	       "booted directly: load options ignored (%zu bytes, %s text \"%s%s\")", size,
	       w == 2 ? "UCS-2" : "ASCII", ex, n > k ? "..." : "");
}

void efi_ss_launch_decide(struct efi_ss_launch *l, const struct efi_ss_launch_in *in)
{
	ss_memfill(l, 0, sizeof(*l));
	l->shell = in->shell_params || in->shell_interface;
	if (l->shell)
		take_argv(l, in);
	else
		describe_ignored(l, in);
}
