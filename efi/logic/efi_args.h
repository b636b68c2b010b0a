/* SPDX-License-Identifier: MIT */
/* The UEFI Shell command line of slicscan.efi: option parsing (pure logic).
 *
 *   slicscan.efi [-h|--help] [--version] [-q] [--json] [--policy FILE] [--target T] [--show-key]
 *                [--report DIR] [--no-report]
 *
 * Options that take a value accept "--opt VALUE" and "--opt=VALUE". The caller converts the
 * Shell's CHAR16 argv to ASCII first (non-ASCII characters become '?'). Any other token is a
 * usage error: exit code SS_EXIT_USAGE (4) with a message. Only a Shell run has arguments, split
 * by the Shell itself (efi_launch.h). Paths are not interpreted here; in the Shell they are
 * Shell paths (fs0:\dir\file, or relative to the current directory). */
#ifndef EFI_SS_ARGS_H
#define EFI_SS_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "slicscan.h"

#define EFI_SS_ARGS_MAX 32 /* tokens accepted on one command line */

struct efi_ss_args {
	bool help;
	bool version;          /* --version: print "slicscan VERSION" and exit 0 */
	bool quiet;            /* -q: print only the verdict banner */
	bool json;             /* --json: print the JSON report instead of the text report */
	bool show_key;
	bool no_report;
	const char *policy;    /* --policy FILE, points into argv; NULL when absent */
	const char *report_dir;/* --report DIR, points into argv; NULL when absent */
	bool target_set;
	enum ss_target target;
	bool lang_set;         /* --lang L: wins over slicscan.cfg's language */
	enum ss_lang lang;
	char err[SS_MSG_LEN];  /* the usage error, "" when none */
};

/* Parse argv[0..argc) (options only: the program name already removed).
 * Returns 0, or -1 with a.err set (a usage error, exit code SS_EXIT_USAGE). */
int efi_ss_args_parse(struct efi_ss_args *a, size_t argc, char *const argv[]);

/* The usage text, several lines ending in '\n'. */
const char *efi_ss_usage(void);

#endif
