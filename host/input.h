/* SPDX-License-Identifier: MIT */
/* The Linux CLI's input side: turn a path (dump file, raw table, folder, sysfs) into a table set. */
#ifndef SS_HOST_INPUT_H
#define SS_HOST_INPUT_H

#include "devmem.h"
#include "slicscan.h"

/* Inputs larger than this are refused without being read: a full acpidump of a big server is
 * a few MiB of text; 64 MiB leaves a wide margin and bounds memory. */
#define HOST_MAX_INPUT (64u * 1024 * 1024)

struct host_input {
	struct ss_tableset *set;  /* heap */
	void *bufs[SS_MAX_TABLES + 3];
	size_t nbufs;
};

/* Load path into in->set ("-": standard input; a folder: every table file in it); NULL: the running machine m, its sysfs tables plus, where the kernel
 * lets us read them, its RSDP/RSDT/XSDT from /dev/mem (devmem.h). Never fails hard: problems
 * become findings in the set (unreadable input: a fatal one, so the verdict is "cannot
 * judge"). Returns 0, or -1 only when memory runs out. */
int host_input_load(struct host_input *in, const char *path, const struct host_machine *m);
void host_input_free(struct host_input *in);

/* Read a whole file, or a pipe to its end; path "-" is standard input. Directories (EISDIR)
 * and devices (ENODEV: /dev/zero never ends, a terminal waits) are refused unopened; a FIFO
 * with no writer is empty, never waited for. Returns malloc'd bytes, or NULL with errno set
 * (EFBIG: more than max bytes; a regular file is refused by its size without being read). */
char *host_read_file(const char *path, size_t max, size_t *len);

/* Why host_read_file() failed, as the end of "Cannot read X: ..." (strerror, or what kind of
 * file X is when it is not one that can be read). */
const char *host_read_error(int err);

#endif
