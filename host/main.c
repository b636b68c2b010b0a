/* SPDX-License-Identifier: MIT */
/* slicscan, the command (Linux and Windows alike): judge the SLIC/MSDM of an acpidump file, a
 * folder of tables, or this machine, and exit with the code a script acts on (README: exit
 * codes). main() is host/linux_main.c's or wmain() host/win_main.c's; both call host_main(). */
#include "main.h"
#include "args.h"
#include "fleetdir.h"
#include "input.h"
#include "machine.h"
#include "output.h"
#include "slicscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define write_stdout host_write_file

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: slicscan [OPTIONS] [--] [INPUT]\n"
		"Predict whether Windows 7 KMS activation will fail (0xC004F035) because of the\n"
		"firmware's ACPI SLIC table, and show the MSDM (Windows 8+ OEM key) state.\n\n"
		"INPUT  an acpidump text file (sudo acpidump > acpi.txt; acpidump.exe on Windows,\n"
		"       also as saved by PowerShell's > in UTF-16), one raw table, or a folder of\n"
		"       raw tables (acpixtract -a, a copy of /sys/firmware/acpi/tables).\n"
		"       -  standard input: sudo acpidump | slicscan -\n"
		"       Default: this machine (needs root): its tables from sysfs and, where the\n"
		"       kernel allows, its RSDP/RSDT/XSDT from /dev/mem.\n\n"
		"Options (a value follows a space or '=': --target=windows8):\n"
		"  --json             print the report as one JSON object\n"
		"  --csv              print one CSV line (the verdict and its key facts) for a summary\n"
		"  --csv-header       print the CSV header line and exit (docs/REPORT.md)\n"
		"  --target T         windows7 (default: SLIC decides KMS) or windows8 (8/8.1/10/11)\n"
		"  --policy FILE      extra known keys, accepted versions, stricter rules (docs/POLICY.md)\n"
		"  --show-key         show the MSDM product key in full (masked by default)\n"
		"  -q, --quiet        print only the verdict banner\n"
		"  --summary          print one line: verdict=...;exit=...;... (a task sequence variable)\n"
		"  --report FILE      also write the report to FILE: JSON when it ends in .json, CSV for\n"
		"                     .csv, else text; CRLF line ends (e.g. %%_SMSTSLogPath%%\\slicscan.txt)\n"
		"  --lang L           en or zh-TW: the language of the text report (UTF-8); default\n"
		"                     from LC_ALL, LC_MESSAGES or LANG (zh_TW*); JSON/CSV never change\n"
		"  --fleet DIR [-o FILE]  one HTML page of every report JSON under DIR (docs/FLEET.md)\n"
		"  --list-findings    list every finding id with its severity and meaning\n"
		"  --root DIR         without INPUT: the machine whose /sys and /dev are under DIR\n"
		"                     (a copied machine, or the tests) instead of this one\n"
		"  --                 end of options: what follows is the INPUT, even a name that starts with a dash\n"
		"  -h, --help         this help;  --version  the version\n\n"
		"Exit codes: 0 ready, 1 not ready (activation will fail), 2 ready with warnings,\n"
		"            3 cannot judge (unusable input), 4 usage or configuration error.\n");
}

int host_main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--fleet")) /* its own options: host/fleetdir.c */
		return host_fleet_main(argc, argv);
	int json = 0, quiet = 0, csv = 0, summary = 0;
	const char *input = NULL, *policy_path = NULL, *root = NULL, *report = NULL;
	static struct ss_policy policy;
	ss_policy_init(&policy);
	int target_set = 0;
	enum ss_target target = SS_TARGET_WIN7;
	enum ss_lang lang = ss_lang_from_env(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));

	int options = 1; /* until "--" */
	for (size_t i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i], *v = NULL;
		static const char *const with_value[] = { "--target", "--policy", "--root", "--report",
							  "--lang" };
		const char **value_of[] = { NULL, &policy_path, &root, &report, NULL };
		size_t k = 0;
		enum ss_arg got = options ? ss_arg_one_of((size_t)argc, argv, &i, with_value,
							  sizeof(with_value) / sizeof(with_value[0]), &k, &v)
					  : SS_ARG_OTHER;
		if (got != SS_ARG_OTHER && got != SS_ARG_VALUE) {
			fprintf(stderr, "slicscan: %s %s\n", with_value[k], ss_arg_problem(got));
			return SS_EXIT_USAGE;
		}
		if (got == SS_ARG_VALUE && k == 0) {
			if (ss_target_parse(v, strlen(v), &target) != 0) {
				fprintf(stderr, "slicscan: unknown target \"%s\" (windows7 or windows8)\n", v);
				return SS_EXIT_USAGE;
			}
			target_set = 1;
		} else if (got == SS_ARG_VALUE && k == 4) {
			if (ss_lang_parse(v, strlen(v), &lang) != 0) {
				fprintf(stderr, "slicscan: unknown language \"%s\" (en or zh-TW)\n", v);
				return SS_EXIT_USAGE;
			}
		} else if (got == SS_ARG_VALUE) {
			*value_of[k] = v;
		} else if (!options || a[0] != '-' || !a[1]) { /* "-" is standard input */
			if (input) {
				fprintf(stderr, "slicscan: only one INPUT can be given (\"%s\" and \"%s\")\n",
					input, a);
				return SS_EXIT_USAGE;
			}
			input = a;
		} else if (!strcmp(a, "--")) {
			options = 0;
		} else if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--csv")) {
			csv = 1;
		} else if (!strcmp(a, "--summary")) {
			summary = 1;
		} else if (!strcmp(a, "--csv-header")) {
			ss_render_csv_header(write_stdout, stdout);
			return fflush(stdout) ? SS_EXIT_CANNOT_JUDGE : 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "--show-key")) {
			policy.show_key = true;
		} else if (!strcmp(a, "--list-findings")) {
			ss_render_finding_list(write_stdout, stdout);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("slicscan %s\n", SS_VERSION);
			return 0;
		} else {
			fprintf(stderr, "slicscan: unknown option \"%s\" (see slicscan --help)\n", a);
			return SS_EXIT_USAGE;
		}
	}

	if (policy_path && input && !strcmp(policy_path, "-") && !strcmp(input, "-")) {
		fprintf(stderr, "slicscan: the policy and the INPUT cannot both be standard input (-)\n");
		return SS_EXIT_USAGE;
	}
	if (policy_path) {
		size_t len = 0;
		char *text = host_read_file(policy_path, 1u << 20, &len);
		if (!text) {
			fprintf(stderr, "slicscan: cannot read policy file %s: %s\n", policy_path,
				errno == EFBIG ? "larger than 1 MiB" : host_read_error(errno));
			return SS_EXIT_USAGE;
		}
		char err[160];
		int rc = ss_policy_parse(&policy, text, len, err, sizeof(err));
		free(text);
		if (rc != 0) {
			fprintf(stderr, "slicscan: policy file %s: %s\n", policy_path, err);
			return SS_EXIT_USAGE;
		}
	}
	if (target_set)
		policy.target = target; /* the command line wins over the policy file */

	if (root && input) {
		fprintf(stderr, "slicscan: --root names a machine; it does not go with an INPUT\n");
		return SS_EXIT_USAGE;
	}
	if (root && host_machine_root_problem()) {
		fprintf(stderr, "slicscan: --root: %s\n", host_machine_root_problem());
		return SS_EXIT_USAGE;
	}
	if (json + csv + summary > 1) {
		fprintf(stderr, "slicscan: --json, --csv and --summary exclude each other\n");
		return SS_EXIT_USAGE;
	}
	static struct host_input in;
	if (host_input_load(&in, input, root) != 0) {
		fprintf(stderr, "slicscan: out of memory\n");
		host_input_free(&in);
		return SS_EXIT_CANNOT_JUDGE;
	}
	struct ss_result *r = malloc(sizeof(*r));
	if (!r) {
		fprintf(stderr, "slicscan: out of memory\n");
		host_input_free(&in);
		return SS_EXIT_CANNOT_JUDGE;
	}
	ss_judge(in.set, &policy, r);
	const struct ss_info *info = in.facts.info.n ? &in.facts.info : NULL;
	if (report && host_write_report(report, r, info, lang) != 0)
		ss_result_add_finding(r, SS_F_REPORT_NOT_SAVED, NULL, "Cannot write the report %s: %s",
				      report, strerror(errno));
	if (json)
		ss_render_json(r, info, write_stdout, stdout);
	else if (csv)
		ss_render_csv(r, info, write_stdout, stdout);
	else if (summary)
		host_render_summary(r, info, write_stdout, stdout);
	else if (quiet)
		ss_render_banner_lang(r, lang, write_stdout, stdout);
	else
		ss_render_text_lang(r, info, lang, write_stdout, stdout);
	if (r->verdict == SS_VERDICT_ERROR && !json && !csv && !summary)
		for (size_t i = 0; i < r->nf; i++)
			if (r->f[i].sev == SS_SEV_FATAL)
				fprintf(stderr, "slicscan: %s\n", r->f[i].msg);
	int code = (int)r->exit_code;
	free(r);
	host_input_free(&in);
	if (fflush(stdout) != 0)
		return SS_EXIT_CANNOT_JUDGE;
	return code;
}
