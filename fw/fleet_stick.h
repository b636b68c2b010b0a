/* SPDX-License-Identifier: MIT */
/* \slicscan\summary.html on the stick: after every run a firmware front end regenerates the
 * fleet page from the report JSON files in the report folder, so that opening the stick on any
 * PC shows the whole round. The page is a derived view (summary.csv stays the record): it is
 * written whole to NAME.new and then swapped in, so a power cut leaves the old page or the new
 * one, and a damaged report only costs its own row. */
#ifndef FW_FLEET_STICK_H
#define FW_FLEET_STICK_H
#include <stdbool.h>
#include <stddef.h>
#include "report.h"

typedef void (*fw_list_fn)(void *arg, const char *name);

/* The operations the page needs beyond struct fw_files (kept apart so that front ends without
 * them build unchanged). Paths are absolute and '\'-separated like fw_files'. */
struct fw_fleet_files {
	const struct fw_files *fs; /* write_new, remove, why, alloc, release */
	/* Call each(arg, name) for every plain file in dir (no directories, no "."/".."). */
	int (*list)(void *ctx, const char *dir, fw_list_fn each, void *arg);
	/* Read a whole file of at most max bytes into memory from fs->alloc (*data, *len). */
	int (*read)(void *ctx, const char *path, size_t max, char **data, size_t *len);
	/* Rename the file at path to new_name in the same folder; new_name must not exist. */
	int (*rename)(void *ctx, const char *path, const char *new_name);
};

#define FW_FLEET_PAGE_DEFAULT "\\slicscan\\summary.html"

/* Regenerate page (e.g. FW_FLEET_PAGE_DEFAULT) from the *.json files in report_dir. Returns
 * NULL when the page was swapped in, else a few words saying why not (the page is a
 * convenience: its failure never changes a verdict). */
const char *fw_fleet_stick_write(const struct fw_fleet_files *ff, const char *report_dir,
				 const char *page, const char *lang);

/* Note for the screen's tail line (fw_tail_text) that PAGE was updated, or why not (why as
 * fw_fleet_stick_write returned it). */
void fw_fleet_stick_note(struct fw_saved *saved, const char *page, const char *why);
#endif
