/* SPDX-License-Identifier: MIT */
/* The command's input side, shared by Linux and Windows: turn a path (dump file, raw table,
 * folder) into a table set; "this machine" comes from host/machine.h. */
#ifndef SS_HOST_INPUT_H
#define SS_HOST_INPUT_H

#include "plat.h"
#include "report.h"
#include "slicscan.h"

/* Inputs larger than this are refused without being read: a full acpidump of a big server is
 * a few MiB of text; 64 MiB leaves a wide margin and bounds memory. */
#define HOST_MAX_INPUT (64u * 1024 * 1024)

struct host_input {
	struct ss_tableset *set;  /* heap */
	void *bufs[SS_MAX_TABLES + 3];
	size_t nbufs;
	struct fw_facts facts; /* this machine's identity (Windows: SMBIOS); facts.info.n 0: none */
};

/* Load path into in->set ("-": standard input; a folder: every table file in it); NULL: this
 * machine (host/machine.h; root: --root DIR or NULL). Never fails hard: problems become
 * findings in the set (unreadable input: a fatal one, so the verdict is "cannot judge").
 * Returns 0, or -1 only when memory runs out. */
int host_input_load(struct host_input *in, const char *path, const char *root);
void host_input_free(struct host_input *in);

/* For the machine loaders: a folder's table files into in->set (sysfs: the folder the OS shows
 * the machine's tables in, for the advice on permissions); -1 when memory runs out. */
int host_load_dir(struct host_input *in, const char *path, int sysfs);
/* Own buf until host_input_free(). Returns -1 when there is no room: buf stays the caller's. */
int host_keep(struct host_input *in, void *buf);

/* Why host_read_file() failed, as the end of "Cannot read X: ..." (strerror, or what kind of
 * file X is when it is not one that can be read). */
const char *host_read_error(int err);

#endif
