/* SPDX-License-Identifier: MIT */
/* The Linux CLI's input side: turn a path (dump file, raw table, folder, sysfs) into a table set. */
#ifndef SS_HOST_INPUT_H
#define SS_HOST_INPUT_H

#include "slicscan.h"

/* Inputs larger than this are refused without being read: a full acpidump of a big server is
 * a few MiB of text; 64 MiB leaves a wide margin and bounds memory. */
#define HOST_MAX_INPUT (64u * 1024 * 1024)
#define HOST_SYSFS_TABLES "/sys/firmware/acpi/tables"

struct host_input {
	struct ss_tableset *set;  /* heap */
	void *bufs[SS_MAX_TABLES + 2];
	size_t nbufs;
};

/* Load path (NULL: the running machine's sysfs tables) into in->set. Never fails hard:
 * problems become findings in the set (unreadable input: a fatal one, so the verdict is
 * "cannot judge"). Returns 0, or -1 only when memory runs out. */
int host_input_load(struct host_input *in, const char *path);
void host_input_free(struct host_input *in);

/* Read a whole small file (policy). Returns malloc'd bytes or NULL with errno set. */
char *host_read_file(const char *path, size_t max, size_t *len);

#endif
