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

/* Load path into in->set; NULL: the running machine m, its sysfs tables plus, where the kernel
 * lets us read them, its RSDP/RSDT/XSDT from /dev/mem (devmem.h). Never fails hard: problems
 * become findings in the set (unreadable input: a fatal one, so the verdict is "cannot
 * judge"). Returns 0, or -1 only when memory runs out. */
int host_input_load(struct host_input *in, const char *path, const struct host_machine *m);
void host_input_free(struct host_input *in);

/* Read a whole small file (policy). Returns malloc'd bytes or NULL with errno set. */
char *host_read_file(const char *path, size_t max, size_t *len);

#endif
