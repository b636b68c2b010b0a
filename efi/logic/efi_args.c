/* SPDX-License-Identifier: MIT */
/* Command-line parsing for the UEFI Shell; the grammar is in efi_args.h. */
#include "efi_args.h"

#include "args.h"
#include "bytes.h"

const char *efi_ss_usage(void)
{
	return "usage: slicscan.efi [-h|--help] [--version] [-q] [--json] [--policy FILE]\n"
	       "                    [--target T] [--show-key] [--report DIR] [--no-report]\n"
	       "                    [--lang L]\n"
	       "  -h, --help      this text (the UEFI Shell keeps -? for its own help)\n"
	       "  --version       the version\n"
	       "  -q              print only the verdict\n"
	       "  --json          print the JSON report instead of the text report\n"
	       "  --policy FILE   policy file (default: \\slicscan\\policy.txt on the app's volume)\n"
	       "  --target T      windows7 (default) or windows8\n"
	       "  --show-key      print the MSDM product key in full\n"
	       "  --report DIR    write the report files to DIR (default: \\slicscan\\reports)\n"
	       "  --no-report     do not write report files\n"
	       "  --lang L        en or zh-TW: the screen and the report .txt (default: slicscan.cfg)\n"
	       "exit codes: 0 ready, 1 not ready, 2 ready with warnings, 3 cannot judge, 4 usage\n";
}

int efi_ss_args_parse(struct efi_ss_args *a, size_t argc, char *const argv[])
{
	ss_memfill(a, 0, sizeof(*a));
	a->target = SS_TARGET_WIN7;
	for (size_t i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;

		if (ss_streq(arg, "-h") || ss_streq(arg, "--help") || ss_streq(arg, "-?")) {
			a->help = true;
			continue;
		}
		if (ss_streq(arg, "--version")) {
			a->version = true;
			continue;
		}
		if (ss_streq(arg, "-q") || ss_streq(arg, "--quiet")) {
			a->quiet = true;
			continue;
		}
		if (ss_streq(arg, "--json")) {
			a->json = true;
			continue;
		}
		if (ss_streq(arg, "--show-key")) {
			a->show_key = true;
			continue;
		}
		if (ss_streq(arg, "--no-report")) {
			a->no_report = true;
			continue;
		}
		static const char *const with_value[] = { "--policy", "--report", "--target", "--lang" };
		size_t k;
		enum ss_arg got = ss_arg_one_of(argc, argv, &i, with_value, 4, &k, &val);
		if (got == SS_ARG_OTHER) {
			ss_fmt(a->err, sizeof(a->err), "unknown option \"%.60s\" (try --help)", arg);
			return -1;
		}
		if (got != SS_ARG_VALUE) {
			ss_fmt(a->err, sizeof(a->err), "%s %s", with_value[k], ss_arg_problem(got));
			return -1;
		}
		if (k == 3) {
			if (ss_lang_parse(val, ss_strlen(val), &a->lang) != 0) {
				ss_fmt(a->err, sizeof(a->err), "unknown language \"%.40s\" (en or zh-TW)", val);
				return -1;
			}
			a->lang_set = true;
		} else if (k < 2) {
			*(k == 0 ? &a->policy : &a->report_dir) = val;
		} else if (ss_target_parse(val, ss_strlen(val), &a->target) != 0) {
			ss_fmt(a->err, sizeof(a->err), "unknown target \"%.40s\" (windows7 or windows8)", val);
			return -1;
		} else {
			a->target_set = true;
		}
	}
	if (a->no_report && a->report_dir != NULL) {
		ss_fmt(a->err, sizeof(a->err), "--report and --no-report contradict each other");
		return -1;
	}
	return 0;
}
