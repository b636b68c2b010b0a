/* SPDX-License-Identifier: MIT */
/* Command-line parsing for the UEFI Shell; the grammar is in efi_args.h. */
#include "efi_args.h"

#include "bytes.h"

const char *efi_ss_usage(void)
{
	return "usage: slicscan.efi [-h|--help] [--version] [-q] [--json] [--policy FILE]\n"
	       "                    [--target T] [--show-key] [--report DIR] [--no-report]\n"
	       "  -h, --help      this text (the UEFI Shell keeps -? for its own help)\n"
	       "  --version       the version\n"
	       "  -q              print only the verdict\n"
	       "  --json          print the JSON report instead of the text report\n"
	       "  --policy FILE   policy file (default: \\slicscan\\policy.txt on the app's volume)\n"
	       "  --target T      windows7 (default) or windows8\n"
	       "  --show-key      print the MSDM product key in full\n"
	       "  --report DIR    write the report files to DIR (default: \\slicscan\\reports)\n"
	       "  --no-report     do not write report files\n"
	       "exit codes: 0 ready, 1 not ready, 2 ready with warnings, 3 cannot judge, 4 usage\n";
}

/* If arg is "--name" or "--name=value", return true and the value (NULL for the bare form). */
static bool option_is(const char *arg, const char *name, const char **value)
{
	size_t n = ss_strlen(name);
	for (size_t i = 0; i < n; i++) /* stops at arg's NUL, which never equals name[i] */
		if (arg[i] != name[i])
			return false;
	if (arg[n] == '\0') {
		*value = NULL;
		return true;
	}
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	return false;
}

int efi_ss_args_parse(struct efi_ss_args *a, size_t argc, char *const argv[])
{
	ss_memfill(a, 0, sizeof(*a));
	a->target = SS_TARGET_WIN7;
	for (size_t i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		const char **dest = NULL;
		bool is_target = false;

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
		if (option_is(arg, "--policy", &val))
			dest = &a->policy;
		else if (option_is(arg, "--report", &val))
			dest = &a->report_dir;
		else if (option_is(arg, "--target", &val))
			is_target = true;
		else {
			ss_fmt(a->err, sizeof(a->err), "unknown option \"%.60s\" (try --help)", arg);
			return -1;
		}

		const char *name = is_target ? "--target" : dest == &a->policy ? "--policy" : "--report";
		if (val == NULL) {
			if (i + 1 >= argc) {
				ss_fmt(a->err, sizeof(a->err), "%s needs a value", name);
				return -1;
			}
			val = argv[++i];
		}
		if (val[0] == '\0') {
			ss_fmt(a->err, sizeof(a->err), "%s needs a non-empty value", name);
			return -1;
		}
		if (is_target) {
			if (ss_target_parse(val, ss_strlen(val), &a->target) != 0) {
				ss_fmt(a->err, sizeof(a->err),
				       "unknown target \"%.40s\" (windows7 or windows8)", val);
				return -1;
			}
			a->target_set = true;
		} else {
			*dest = val;
		}
	}
	if (a->no_report && a->report_dir != NULL) {
		ss_fmt(a->err, sizeof(a->err), "--report and --no-report contradict each other");
		return -1;
	}
	return 0;
}
