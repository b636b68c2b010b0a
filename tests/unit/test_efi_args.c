/* SPDX-License-Identifier: MIT */
/* Unit tests of efi/logic/efi_args.c: every option, both value forms, each usage error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "efi_args.h"

/* Parse a literal split at blanks, as the Shell hands over its Argv (the program name removed). */
static int run(struct efi_ss_args *a, const char *cmdline, char *store, size_t cap)
{
	char *argv[EFI_SS_ARGS_MAX];
	size_t n = 0;
	snprintf(store, cap, "%s", cmdline);
	for (char *t = strtok(store, " "); t != NULL; t = strtok(NULL, " ")) {
		assert_true(n < EFI_SS_ARGS_MAX);
		argv[n++] = t;
	}
	return efi_ss_args_parse(a, n, argv);
}

static void test_empty(void **state)
{
	(void)state;
	struct efi_ss_args a;
	assert_int_equal(efi_ss_args_parse(&a, 0, NULL), 0);
	assert_false(a.help || a.quiet || a.json || a.show_key || a.no_report || a.target_set || a.lang_set);
	assert_int_equal(a.lang, SS_LANG_EN);
	assert_null(a.policy);
	assert_null(a.report_dir);
	assert_string_equal(a.err, "");
}

static void test_all_options(void **state)
{
	(void)state;
	struct efi_ss_args a;
	char buf[256];
	char *all[] = { "-q", "--json", "--policy", "fs0:\\p.txt", "--target", "windows8",
			"--show-key", "--report", "fs1:\\my reports" };
	assert_int_equal(efi_ss_args_parse(&a, sizeof(all) / sizeof(all[0]), all), 0);
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
	assert_int_equal(run(&a, "--lang zh-TW", buf, sizeof(buf)), 0);
	assert_true(a.lang_set);
	assert_int_equal(a.lang, SS_LANG_ZH_TW);
	assert_int_equal(run(&a, "--lang=en -q", buf, sizeof(buf)), 0);
	assert_true(a.lang_set);
	assert_int_equal(a.lang, SS_LANG_EN);
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
		{ "--lang", "--lang needs a value" },
		{ "--lang fr", "unknown language \"fr\" (en or zh-TW)" },
		{ "--lang=", "--lang needs a non-empty value" },
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

static void test_version(void **state)
{
	(void)state;
	struct efi_ss_args a;
	char buf[64];
	assert_int_equal(run(&a, "--version", buf, sizeof(buf)), 0);
	assert_true(a.version);
	assert_false(a.help);
	assert_int_equal(run(&a, "-q --version", buf, sizeof(buf)), 0);
	assert_true(a.version && a.quiet);
	assert_int_equal(run(&a, "-q", buf, sizeof(buf)), 0);
	assert_false(a.version);
	assert_int_equal(run(&a, "--version=1", buf, sizeof(buf)), -1);
	assert_int_equal(run(&a, "-v", buf, sizeof(buf)), -1);
}

static void test_usage_text(void **state)
{
	(void)state;
	const char *u = efi_ss_usage();
	static const char *const opts[] = { "--help", "--version", "-q", "--json", "--policy", "--target",
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
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
