/* SPDX-License-Identifier: MIT */
/* The running machine on Linux: where its tables are, and its root tables from /dev/mem. */
#ifndef SS_HOST_DEVMEM_H
#define SS_HOST_DEVMEM_H

#include "slicscan.h"

/* Where the running machine shows its firmware. host_machine_paths() fills the real places,
 * or the same places under a folder (--root DIR: a copied machine, or the tests). */
struct host_machine {
	char root[4096];   /* "" for this machine, else the --root folder */
	char sysfs[4096];  /* /sys/firmware/acpi/tables */
	char devmem[4096]; /* /dev/mem */
	char memmap[4096]; /* /sys/firmware/memmap */
	char systab[4096]; /* /sys/firmware/efi/systab */
};

void host_machine_paths(struct host_machine *m, const char *root);

/* Add the machine's RSDP, RSDT and XSDT (read-only, from /dev/mem; see devmem.c for the
 * rules) to s. Returns 0 with *keep set to memory the caller frees after s is no longer used,
 * and a note in why (for the source line); or -1 when they cannot be read, with the reason in
 * why and nothing added. */
int host_devmem_roots(struct ss_tableset *s, const struct host_machine *m, void **keep,
		      char *why, size_t cap);

#endif
