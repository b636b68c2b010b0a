/* SPDX-License-Identifier: MIT */
/* The few operating-system calls the shared front end (host/main.c, host/input.c) needs: what
 * a path is, whole files, a folder's names, a report file. host/linux_plat.c and
 * host/win_plat.c implement them; paths are UTF-8 on both (Windows converts to UTF-16). */
#ifndef SS_HOST_PLAT_H
#define SS_HOST_PLAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum plat_kind { PLAT_FILE, PLAT_DIR, PLAT_PIPE, PLAT_DEVICE, PLAT_OTHER };

struct plat_stat {
	enum plat_kind kind;
	uint64_t size; /* regular files */
};

/* What path is ("-": standard input). 0, or -1 with errno set. */
int plat_stat(const char *path, struct plat_stat *st);

/* Read a whole file, or a pipe to its end; path "-" is standard input. Directories (EISDIR)
 * and devices (ENODEV: /dev/zero never ends, a terminal waits) are refused unopened; a FIFO
 * with no writer is empty, never waited for. Binary: no byte is translated. Returns malloc'd
 * bytes, or NULL with errno set (EFBIG: more than max bytes; a regular file is refused by
 * its size without being read). */
char *host_read_file(const char *path, size_t max, size_t *len);

/* The first bytes of a file (up to cap; *n set to how many), without reading it all. */
int plat_read_head(const char *path, unsigned char *head, size_t cap, size_t *n);

/* The names in a folder but "." and "..", unsorted (free with plat_names_free). 0, or -1 with
 * errno set. */
struct plat_names {
	char **v;
	size_t n, cap;
};
int plat_list_dir(const char *path, struct plat_names *names);

/* For host_read_file(): read to the end through rd (bytes read, 0 at the end, -1 with errno;
 * it waits and retries itself), never past max (EFBIG then; a regular file of st's size over
 * max is refused unread). Returns malloc'd bytes or NULL with errno. Shared (plat_common.c). */
typedef long (*plat_read_fn)(void *ctx, char *buf, size_t n);
char *plat_read_all(plat_read_fn rd, void *ctx, const struct plat_stat *st, size_t max,
		    size_t *len);

/* For plat_list_dir(): append name (malloc'd; NULL means memory ran out). 0, or -1 with every
 * name freed and errno ENOMEM. Shared by both systems (host/plat_common.c). */
int plat_names_add(struct plat_names *l, char *name);
void plat_names_free(struct plat_names *l);

/* Is standard input a terminal (nothing piped in)? */
int plat_stdin_is_terminal(void);

/* A new file for writing bytes as they are (a report), replacing an old one; NULL with errno. */
FILE *plat_create(const char *path);

#endif
