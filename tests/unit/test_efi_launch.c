/* SPDX-License-Identifier: MIT */
/* Unit tests of efi/logic/efi_launch.c: a Shell run only with the Shell's protocols, its
 * arguments from their Argv; a direct boot with any load options (binary, a kernel command
 * line, iPXE's image name, our own options, nothing) has no arguments and says what it ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "efi_launch.h"

/* A string as UCS-2 little-endian bytes with its NUL, as firmware stores CHAR16 text;
 * returns the byte count. */
static size_t ucs2_bytes(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s) + 1;
	assert_true(2 * n <= cap);
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = (uint8_t)s[i];
		out[2 * i + 1] = 0;
	}
	return 2 * n;
}

/* A Shell Argv as UCS-2 strings (argv[0] the program name). */
struct shell_argv {
	uint16_t store[8][64];
	const uint16_t *argv[8];
	size_t argc;
};

static void shell_argv(struct shell_argv *sa, const char *const *words, size_t n)
{
	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (; words[i][k] != '\0'; k++)
			sa->store[i][k] = (unsigned char)words[i][k];
		sa->store[i][k] = 0;
		sa->argv[i] = sa->store[i];
	}
	sa->argc = n;
}

/* Booted directly with these load options: no Shell, no arguments, never a usage error. */
static void booted(struct efi_ss_launch *l, const void *opts, size_t size)
{
	struct efi_ss_launch_in in = { .load_options = opts, .load_options_size = size };
	efi_ss_launch_decide(l, &in);
	assert_false(l->shell);
	assert_int_equal(l->argc, 0);
	assert_false(l->args_overflow);
	struct efi_ss_args a;
	assert_int_equal(efi_ss_args_parse(&a, l->argc, l->argv), 0);
}

static void test_boot_no_options(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	booted(&l, NULL, 0);
	assert_string_equal(l.ignored, "");
	uint8_t one = 0;
	booted(&l, &one, 0); /* a pointer with size 0 is nothing too */
	assert_string_equal(l.ignored, "");
}

static void test_boot_binary(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	/* OVMF's removable-media boot option: a GUID as optional data */
	static const uint8_t guid[16] = { 0x4e, 0xac, 0x08, 0x81, 0x11, 0x9f, 0x59, 0x4d,
					  0x85, 0x0e, 0xe2, 0x1a, 0x52, 0x2c, 0x59, 0xb2 };
	booted(&l, guid, sizeof(guid));
	assert_non_null(strstr(l.ignored, "16 bytes of binary data"));
	/* Windows Boot Manager style: "WINDOWS" then a binary structure */
	static const uint8_t bcd[] = { 'W', 'I', 'N', 'D', 'O', 'W', 'S', 0, 1, 0, 0, 0, 0x88, 0,
				       0, 0, 0x10, 0, 0, 0, 0x2d, 0x2d };
	booted(&l, bcd, sizeof(bcd));
	assert_non_null(strstr(l.ignored, "binary"));
	/* an odd number of bytes, a control character */
	static const uint8_t odd[3] = { '-', 'q', 0x01 };
	booted(&l, odd, sizeof(odd));
	assert_non_null(strstr(l.ignored, "3 bytes of binary data"));
	/* a lone NUL (a UCS-2 empty string) is not text worth quoting */
	static const uint8_t nul2[2] = { 0, 0 };
	booted(&l, nul2, sizeof(nul2));
	assert_non_null(strstr(l.ignored, "binary"));
}

static void test_boot_foreign_text(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	uint8_t b[512];
	static const char *const lines[] = {
		"root=/dev/sda1 quiet",           /* an OS's boot arguments */
		"slicscan.efi",                   /* iPXE: the image name */
		"slicscan.efi --no-such-option",  /* what used to be exit 4 */
		"-q --no-report --json",          /* our own options: still ignored when booted */
		"\\EFI\\BOOT\\BOOTX64.EFI root=UUID=1234 ro splash",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t n = ucs2_bytes(lines[i], b, sizeof(b));
		booted(&l, b, n);
		assert_non_null(strstr(l.ignored, "UCS-2 text"));
		assert_non_null(strstr(l.ignored, "ignored"));
	}
	size_t n = ucs2_bytes("root=/dev/sda1 quiet", b, sizeof(b));
	booted(&l, b, n);
	assert_string_equal(l.ignored, "booted directly: load options ignored (42 bytes, UCS-2 text "
			    "\"root=/dev/sda1 quiet\")");
	/* 8-bit text (some loaders pass ASCII), without a NUL */
	booted(&l, "root=/dev/sda1 quiet", 20);
	assert_non_null(strstr(l.ignored, "(20 bytes, ASCII text \"root=/dev/sda1 quiet\")"));
}

static void test_boot_unaligned(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	uint8_t b[64];
	/* LoadOptions at an odd address: read bytewise (UBSan would catch a misaligned load) */
	size_t n = ucs2_bytes("quiet", b + 1, sizeof(b) - 1);
	booted(&l, b + 1, n);
	assert_non_null(strstr(l.ignored, "\"quiet\""));
}

static void test_long_text_cut(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	static uint8_t b[2 * 301];
	char s[301];
	memset(s, 'y', 300);
	s[300] = '\0';
	size_t n = ucs2_bytes(s, b, sizeof(b));
	booted(&l, b, n);
	assert_non_null(strstr(l.ignored, "yyy...\")"));
	assert_true(strlen(l.ignored) < sizeof(l.ignored) - 1);
}

static void test_shell2_argv(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	struct shell_argv sa;
	static const char *const w[] = { "slicscan.efi", "-q", "--report", "fs1:\\my reports" };
	shell_argv(&sa, w, 4);
	uint8_t b[128];
	/* The Shell also sets LoadOptions to its command line: Argv wins, LoadOptions unread. */
	size_t n = ucs2_bytes("slicscan.efi --bogus", b, sizeof(b));
	struct efi_ss_launch_in in = { .shell_params = true, .argv = sa.argv, .argc = sa.argc,
				       .load_options = b, .load_options_size = n };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.shell);
	assert_int_equal(l.argc, 3);
	assert_string_equal(l.argv[0], "-q");
	assert_string_equal(l.argv[1], "--report");
	assert_string_equal(l.argv[2], "fs1:\\my reports"); /* a blank inside, as the Shell split it */
	assert_string_equal(l.ignored, "");
	struct efi_ss_args a;
	assert_int_equal(efi_ss_args_parse(&a, l.argc, l.argv), 0);
	assert_true(a.quiet);
	assert_string_equal(a.report_dir, "fs1:\\my reports");

	/* A usage error in the Shell is still one (exit 4 there is right). */
	static const char *const bad[] = { "slicscan.efi", "--no-such-option" };
	shell_argv(&sa, bad, 2);
	in = (struct efi_ss_launch_in){ .shell_params = true, .argv = sa.argv, .argc = sa.argc };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.shell);
	assert_int_equal(efi_ss_args_parse(&a, l.argc, l.argv), -1);

	/* Only the program name: a Shell run without options. */
	shell_argv(&sa, bad, 1);
	in = (struct efi_ss_launch_in){ .shell_params = true, .argv = sa.argv, .argc = sa.argc };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.shell);
	assert_int_equal(l.argc, 0);
}

static void test_shell1_interface(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	struct shell_argv sa;
	static const char *const w[] = { "SLICSCAN", "--target", "windows8" };
	shell_argv(&sa, w, 3);
	struct efi_ss_launch_in in = { .shell_interface = true, .argv = sa.argv, .argc = sa.argc };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.shell);
	assert_int_equal(l.argc, 2);
	assert_string_equal(l.argv[1], "windows8");
}

static void test_shell_argv_limits(void **state)
{
	(void)state;
	struct efi_ss_launch l;
	/* a NULL entry, non-ASCII, too many arguments, too long */
	static const uint16_t prog[] = { 'x', 0 }, q[] = { '-', 'q', 0 }, uni[] = { 0x4e2d, 'a', 0 };
	const uint16_t *argv1[] = { prog, q, NULL };
	struct efi_ss_launch_in in = { .shell_params = true, .argv = argv1, .argc = 3 };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.shell && l.args_overflow);
	in.argv = NULL;
	in.argc = 2;
	efi_ss_launch_decide(&l, &in);
	assert_true(l.args_overflow);

	const uint16_t *argv2[] = { prog, uni };
	in = (struct efi_ss_launch_in){ .shell_params = true, .argv = argv2, .argc = 2 };
	efi_ss_launch_decide(&l, &in);
	assert_false(l.args_overflow);
	assert_string_equal(l.argv[0], "?a");

	const uint16_t *many[EFI_SS_ARGS_MAX + 2];
	for (size_t i = 0; i < EFI_SS_ARGS_MAX + 2; i++)
		many[i] = q;
	in = (struct efi_ss_launch_in){ .shell_params = true, .argv = many,
					.argc = EFI_SS_ARGS_MAX + 1 };
	efi_ss_launch_decide(&l, &in);
	assert_false(l.args_overflow);
	assert_int_equal(l.argc, EFI_SS_ARGS_MAX);
	in.argc = EFI_SS_ARGS_MAX + 2;
	efi_ss_launch_decide(&l, &in);
	assert_true(l.args_overflow);

	static uint16_t big[600];
	for (size_t i = 0; i < 599; i++)
		big[i] = 'z';
	const uint16_t *argv3[] = { prog, big };
	in = (struct efi_ss_launch_in){ .shell_params = true, .argv = argv3, .argc = 2 };
	efi_ss_launch_decide(&l, &in);
	assert_true(l.args_overflow);
}

static void test_ucs2_ascii(void **state)
{
	(void)state;
	static const uint16_t s[] = { 'a', 0xe9, 'b', 0, 'c' };
	char out[8];
	efi_ss_ucs2_ascii(s, 5, out, sizeof(out));
	assert_string_equal(out, "a?b");
	efi_ss_ucs2_ascii(s, 2, out, sizeof(out));
	assert_string_equal(out, "a?");
	efi_ss_ucs2_ascii(s, 5, out, 2);
	assert_string_equal(out, "a");
	out[0] = 'k';
	efi_ss_ucs2_ascii(s, 5, out, 0);
	assert_int_equal(out[0], 'k');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_no_options),
		cmocka_unit_test(test_boot_binary),
		cmocka_unit_test(test_boot_foreign_text),
		cmocka_unit_test(test_boot_unaligned),
		cmocka_unit_test(test_long_text_cut),
		cmocka_unit_test(test_shell2_argv),
		cmocka_unit_test(test_shell1_interface),
		cmocka_unit_test(test_shell_argv_limits),
		cmocka_unit_test(test_ucs2_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
