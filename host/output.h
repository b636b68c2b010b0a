/* SPDX-License-Identifier: MIT */
/* What the command writes besides the core's renderings: the one-line summary for a task
 * sequence variable, and report files (--report). Shared by Linux and Windows. */
#ifndef SS_HOST_OUTPUT_H
#define SS_HOST_OUTPUT_H

#include "slicscan.h"

/* The ss_write_fn for a FILE * context. */
void host_write_file(void *ctx, const char *s, size_t n);

/* One line, key=value pairs separated by ';' (docs/WINDOWS.md): verdict, exit code, the
 * Windows 7 prediction and reason, the predicted error, the MSDM state, the warning/error
 * finding ids and the machine's serial when known. Short enough for "Output to task sequence
 * variable" (it keeps the last 1000 characters). */
void host_render_summary(const struct ss_result *r, const struct ss_info *info, ss_write_fn w,
			 void *ctx);

/* Does s end in tail (lower-case ASCII), in any case? (".JSON" is a JSON file too.) */
int host_ends_with(const char *s, const char *tail);

/* Write the report to path: JSON when it ends in .json, the CSV header and line for .csv,
 * else text; lines end in CRLF (Notepad, task-sequence logs). Returns 0, or -1 with errno. */
int host_write_report(const char *path, const struct ss_result *r, const struct ss_info *info,
		      enum ss_lang lang);

#endif
