/* SPDX-License-Identifier: MIT */
/* The fleet: every report JSON of a stick or a collector folder read back into one overview
 * (counts per verdict, the failing manufacturer / model / BIOS combinations with their cause,
 * one row per machine, the files that could not be read), rendered as one self-contained HTML
 * page (fleet_html.c). The Linux command (--fleet) and the UEFI app (summary.html on the stick)
 * fill it the same way: one fw_fleet_add per file. Storage is the caller's; nothing allocates. */
#ifndef FW_FLEET_H
#define FW_FLEET_H
#include <stdbool.h>
#include <stddef.h>
#include "jsonread.h"
#include "slicscan.h"

#define FW_FLEET_STR 128      /* firmware strings are cut here (SMBIOS strings are shorter) */
#define FW_FLEET_LINK 256     /* a report's path relative to the page */
#define FW_FLEET_MAX 4096     /* machines a page lists; more are counted, not listed */

/* The verdicts as the JSON spells them, and the slot for a value we do not know. */
enum fw_fleet_verdict { FW_FV_READY, FW_FV_WARN, FW_FV_NOT_READY, FW_FV_ERROR, FW_FV_COUNT };

struct fw_fleet_machine {
	enum fw_fleet_verdict verdict;
	enum ss_cause cause;
	char link[FW_FLEET_LINK]; /* e.g. "reports/PF0ABC12.txt" */
	char name[FW_FLEET_STR];  /* the report's base name */
	char manufacturer[FW_FLEET_STR], model[FW_FLEET_STR], bios_version[FW_FLEET_STR];
	char serial[FW_FLEET_STR], time[FW_FLEET_STR];
	char windows7_kms[32], reason[64], predicted_error[32];
	char why[FW_FLEET_STR * 2];
};

struct fw_fleet_bad {
	char file[FW_FLEET_LINK];
	char why[96];
};

struct fw_fleet {
	struct fw_fleet_machine *m;
	size_t n, cap, dropped;      /* dropped: read fine but beyond cap */
	struct fw_fleet_bad *bad;
	size_t nbad, badcap, bad_dropped;
	size_t count[FW_FV_COUNT];   /* per verdict, every readable report (listed or not) */
	struct fw_json_reader rd;    /* scratch */
	struct fw_fleet_machine cur; /* scratch */
	char cur_id[64], cur_sev[16];
};

void fw_fleet_init(struct fw_fleet *f, struct fw_fleet_machine *m, size_t cap,
		   struct fw_fleet_bad *bad, size_t badcap);
/* One report JSON: file is its path relative to the page ('/'-separated, ".json"), which names
 * it in the list of unreadable files and gives the row its link (".txt" beside it). A file that
 * is not a slicscan report (cut, NUL-filled, another program's JSON) goes to the bad list. */
void fw_fleet_add(struct fw_fleet *f, const char *file, const char *data, size_t len);
/* A file that could not even be read (too large, an I/O error): listed with why. */
void fw_fleet_add_bad(struct fw_fleet *f, const char *file, const char *why);
size_t fw_fleet_total(const struct fw_fleet *f);
const char *fw_fleet_verdict_str(enum fw_fleet_verdict v);

/* The page. lang: "en" (labels live in one table in fleet_html.c; unknown languages fall back
 * to English). title: shown at the top (the folder, or "USB stick"). */
void fw_fleet_html(const struct fw_fleet *f, const char *lang, const char *title,
		   ss_write_fn w, void *ctx);
#endif
