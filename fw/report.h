/* SPDX-License-Identifier: MIT */
/* The report files on the stick, the same from every firmware front end: the facts beside the
 * findings, NAME.txt (CRLF, for old Notepad) and NAME.json under a name taken from SMBIOS
 * (naming.h) that never overwrites another machine's report, and one line per machine
 * appended to the summary CSV. The UEFI app (efi/report.c over EFI_FILE_PROTOCOL) and the BIOS
 * kernel (over the FAT writer) differ only in the file operations they hand in, so reports
 * written in either mode lie side by side and extend the same summary. */
#ifndef FW_REPORT_H
#define FW_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "clock.h"
#include "slicscan.h"
#include "smbios.h"

/* File operations on the stick. Paths are absolute, '\'-separated. Each returns 0 on success
 * or a front-end error code that why() turns into a few English words ("the stick is
 * write-protected"). A front end that cannot tell whether a path exists says true. */
struct fw_files {
	void *ctx;
	bool (*exists)(void *ctx, const char *path);
	int (*mkdirs)(void *ctx, const char *path);
	/* A new file with exactly these bytes; on failure no file is left. */
	int (*write_new)(void *ctx, const char *path, const void *data, size_t len);
	/* Append data; head first when the file is new or empty. On failure the file is as it
	 * was (no half line). */
	int (*append)(void *ctx, const char *path, const void *head, size_t hlen,
		      const void *data, size_t len);
	int (*remove)(void *ctx, const char *path);
	const char *(*why)(void *ctx, int err);
	/* Memory for the rendered reports (a pool, or a static arena); NULL when none. */
	void *(*alloc)(void *ctx, size_t n);
	void (*release)(void *ctx, void *p);
};

/* Facts the report carries besides the findings (app, run mode, SMBIOS, clock); a front end
 * may add its own to info after fw_facts_fill (the UEFI app adds its firmware vendor). */
struct fw_facts {
	char app[64];
	char mode[32];
	char sys_manufacturer[FW_SMBIOS_STR_MAX + 1];
	char sys_product[FW_SMBIOS_STR_MAX + 1];
	char sys_serial[FW_SMBIOS_STR_MAX + 1];
	char sys_uuid[48];
	char bios_vendor[FW_SMBIOS_STR_MAX + 1];
	char bios_version[FW_SMBIOS_STR_MAX + 1];
	char bios_date[FW_SMBIOS_STR_MAX + 1];
	char clock[64];
	char smbios_note[64];
	struct ss_info info;
};

/* Fill f and f->info in report order: app, run mode, system and BIOS facts from SMBIOS (made
 * printable) or why SMBIOS is missing, the firmware clock (t NULL: unreadable). */
void fw_facts_fill(struct fw_facts *f, const char *app, const char *mode,
		   const struct fw_smbios_info *smb, const char *smbios_why,
		   const struct fw_time *t);

/* The report's base name from SMBIOS (smb NULL: none): serial, else UUID, else "unknown". */
void fw_report_base_of(const struct fw_smbios_info *smb, char *out, size_t cap);

/* What was written where, for the screen's tail lines (fw_tail_text), in either language. */
struct fw_saved {
	char txt[300];        /* the text report written ("NAME.json" beside it); "" when none */
	char summary[160];    /* the summary CSV a line was meant for; "" when none */
	char summary_no[120]; /* why that line was not added; "" when it was */
	char fleet[80];       /* the fleet page regenerated; "" when not tried */
	char fleet_no[120];   /* why it was not; "" when it was */
};

/* Choose a free name in dir and write NAME.txt (in lang; zh-TW: UTF-8 with a BOM) and
 * NAME.json (the same in every language), then append the machine's line
 * to the summary CSV (unless summary is NULL or ""). On success saved names the text file
 * and says whether the summary line was added (a failed summary changes nothing else); on
 * failure a finding "report-not-saved" is added to r (so the screen shows it), saved is
 * empty and false is returned. Both files are rendered before either is written, and a
 * failure of the second removes the first: never half a pair. */
bool fw_report_write(const struct fw_files *fs, const char *dir, const char *summary,
		     const struct fw_smbios_info *smb, struct ss_result *r,
		     const struct ss_info *info, enum ss_lang lang, struct fw_saved *saved);

/* The screen's lines about the files, in lang, from the catalogue ("Report saved: ...",
 * "Summary: ...", "Fleet page: ...", then "Report sent: SENT and .json" unless sent is NULL
 * or ""), each ending in '\n'. Returns the length written (cut to cap - 1). */
size_t fw_tail_text(const struct fw_saved *s, const char *sent, enum ss_lang lang, char *out,
		    size_t cap);

#endif
