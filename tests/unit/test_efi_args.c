/* SPDX-License-Identifier: MIT */
/* Unit tests of efi/logic/efi_args.c: every option, both value forms, each usage error, and
 * the in-place tokeniser for LoadOptions command lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "efi_args.h"

/* Split a literal (copied, so it can be modified) and parse it. */
static int run(struct efi_ss_args *a, const char *cmdline, char *store, size_t cap)
{
	char *argv[EFI_SS_ARGS_MAX];
	snprintf(store, cap, "%s", cmdline);
	int n = efi_ss_args_split(store, argv, EFI_SS_ARGS_MAX);
	assert_true(n >= 0);
	return efi_ss_args_parse(a, (size_t)n, argv);
}

static void test_empty(void **state)
{
	(void)state;
	struct efi_ss_args a;
	assert_int_equal(efi_ss_args_parse(&a, 0, NULL), 0);
	assert_false(a.help || a.quiet || a.json || a.show_key || a.no_report || a.target_set);
	assert_null(a.policy);
	assert_null(a.report_dir);
	assert_string_equal(a.err, "");
}

static void test_all_options(void **state)
{
	(void)state;
	struct efi_ss_args a;
	char buf[256];
	assert_int_equal(run(&a, "-q --json --policy fs0:\\p.txt --target windows8 --show-key "
				 "--report \"fs1:\\my reports\"", buf, sizeof(buf)), 0);
	assert_true(a.quiet);
	assert_true(a.json);
	assert_true(a.show_key);
	assert_string_equal(a.policy, "fs0:\\p.txt");
	assert_string_equal(a.report_dir, "fs1:\\my reports");
	assert_true(a.target_set);
	assert_int_equal(a.target, SS_TARGET_WIN8);
	assert_false(a.help);

	assert_int_equal(run(&a, "--policy=x.txt --target=7 --report=r --no-report", buf,
			     sizeof(buf)), -1);
	assert_non_null(strstr(a.err, "contradict"));
	assert_int_equal(run(&a, "--policy=x.txt --target=7 --no-report", buf, sizeof(buf)), 0);
	assert_string_equal(a.policy, "x.txt");
	assert_int_equal(a.target, SS_TARGET_WIN7);
	assert_true(a.no_report);
	assert_int_equal(run(&a, "-h", buf, sizeof(buf)), 0);
	assert_true(a.help);
	assert_int_equal(run(&a, "--help", buf, sizeof(buf)), 0);
	assert_true(a.help);
	assert_int_equal(run(&a, "-?", buf, sizeof(buf)), 0);
	assert_true(a.help);
	assert_int_equal(run(&a, "--policy a --policy b", buf, sizeof(buf)), 0);
	assert_string_equal(a.policy, "b");
}

static void test_usage_errors(void **state)
{
	(void)state;
	struct efi_ss_args a;
	char buf[256];
	static const struct { const char *cmd, *msg; } t[] = {
		{ "-x", "unknown option \"-x\"" },
		{ "--jsonx", "unknown option" },
		{ "report.txt", "unknown option \"report.txt\"" },
		{ "--policy", "--policy needs a value" },
		{ "--report", "--report needs a value" },
		{ "--target", "--target needs a value" },
		{ "--policy=", "--policy needs a non-empty value" },
		{ "--target vista2", "unknown target \"vista2\"" },
		{ "--target=", "non-empty" },
		{ "--policyfile x", "unknown option" },
		{ "-q -Q", "unknown option \"-Q\"" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(run(&a, t[i].cmd, buf, sizeof(buf)), -1);
		if (strstr(a.err, t[i].msg) == NULL) {
			fprintf(stderr, "%s -> %s\n", t[i].cmd, a.err);
			fail();
		}
	}
	/* a very long unknown option is cut in the message */
	char longopt[400];
	memset(longopt, 'z', sizeof(longopt) - 1);
	longopt[0] = '-';
	longopt[sizeof(longopt) - 1] = '\0';
	char *argv[] = { longopt };
	assert_int_equal(efi_ss_args_parse(&a, 1, argv), -1);
	assert_true(strlen(a.err) < SS_MSG_LEN);
}

static void test_split(void **state)
{
	(void)state;
	char *argv[4];
	char s1[] = "  slicscan.efi   -q\t\"a b\"  x\"y z\" ";
	assert_int_equal(efi_ss_args_split(s1, argv, 4), 4);
	assert_string_equal(argv[0], "slicscan.efi");
	assert_string_equal(argv[1], "-q");
	assert_string_equal(argv[2], "a b");
	assert_string_equal(argv[3], "xy z");
	char s2[] = "a b c d e";
	assert_int_equal(efi_ss_args_split(s2, argv, 4), -1);
	char s3[] = "a \"b";
	assert_int_equal(efi_ss_args_split(s3, argv, 4), -1);
	char s4[] = "   ";
	assert_int_equal(efi_ss_args_split(s4, argv, 4), 0);
	char s5[] = "\"\"";
	assert_int_equal(efi_ss_args_split(s5, argv, 4), 1);
	assert_string_equal(argv[0], "");
	char s6[] = "";
	assert_int_equal(efi_ss_args_split(s6, argv, 0), 0);
}

static void test_usage_text(void **state)
{
	(void)state;
	const char *u = efi_ss_usage();
	static const char *const opts[] = { "--help", "-q", "--json", "--policy", "--target",
					    "--show-key", "--report", "--no-report", "4 usage" };
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		assert_non_null(strstr(u, opts[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_all_options),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_usage_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
