/* SPDX-License-Identifier: MIT */
/* The parts of host/plat.h both systems share: reading to the end through a system's read
 * call, and the growing list of names plat_list_dir() fills. */
#include "plat.h"

#include <errno.h>
#include <stdlib.h>

char *plat_read_all(plat_read_fn rd, void *ctx, const struct plat_stat *st, size_t max,
		    size_t *len)
{
	if (st->kind == PLAT_FILE && st->size > max) {
		errno = EFBIG;
		return NULL;
	}
	size_t cap = st->kind == PLAT_FILE && st->size ? (size_t)st->size + 1 : 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			char *nb = cap > max ? NULL : realloc(buf, cap * 2);
			if (!nb) {
				int e = cap > max ? EFBIG : ENOMEM;
				free(buf);
				errno = e;
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		long r = rd(ctx, buf + n, cap - n);
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
	}
	if (!buf) {
		errno = ENOMEM;
		return NULL;
	}
	*len = n;
	return buf;
}

void plat_names_free(struct plat_names *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

int plat_names_add(struct plat_names *l, char *name)
{
	if (name && l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		char **nb = realloc(l->v, cap * sizeof(*nb));
		if (!nb) {
			free(name);
			name = NULL;
		} else {
			l->v = nb;
			l->cap = cap;
		}
	}
	if (!name) {
		plat_names_free(l);
		errno = ENOMEM;
		return -1;
	}
	l->v[l->n++] = name;
	return 0;
}
