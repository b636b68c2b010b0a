/* SPDX-License-Identifier: MIT */
/* "This machine": the one part of the command that differs per operating system.
 * host/linux_machine.c reads sysfs and /dev/mem, host/win_machine.c asks Windows'
 * GetSystemFirmwareTable. */
#ifndef SS_HOST_MACHINE_H
#define SS_HOST_MACHINE_H

#include "input.h"

/* Whether --root DIR (a copied machine) means anything here; NULL when it does, else why not. */
const char *host_machine_root_problem(void);

/* Load this machine's tables (root: --root DIR, or NULL) into in: the set, its source line and
 * where/unprivileged, and the machine's facts (SMBIOS identity) in in->info. Problems become
 * findings. Returns 0, or -1 only when memory runs out. */
int host_machine_load(struct host_input *in, const char *root);

/* Is path the folder this OS shows the machine's tables in (reading it needs root)? */
int host_machine_tables_dir(const char *path);

#endif
