/* SPDX-License-Identifier: MIT */
/* host/plat.h on Linux (POSIX calls). Nothing here ever waits on a device or a writerless
 * FIFO. */
#include "plat.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Regular files and pipes are read; a FIFO or socket is what "acpidump | slicscan -" and
 * /dev/stdin are. A device is refused before it is opened: /dev/zero never ends, a terminal
 * waits for typing, and opening some devices (tapes, serial lines) acts on them. */
static int refuse_kind(mode_t m)
{
	if (S_ISDIR(m))
		return EISDIR;
	if (S_ISCHR(m) || S_ISBLK(m))
		return ENODEV;
	return S_ISREG(m) || S_ISFIFO(m) || S_ISSOCK(m) ? 0 : EINVAL;
}

/* Open path ("-": standard input) for reading without blocking on a FIFO that has no writer
 * yet, refusing what refuse_kind() refuses. Returns the fd and its stat, or -1 with errno. */
static int open_input(const char *path, struct stat *st)
{
	int e, fd;
	if (strcmp(path, "-") == 0) {
		fd = fcntl(0, F_DUPFD_CLOEXEC, 0); /* closed like any other */
		if (fd < 0)
			return -1;
	} else {
		if (stat(path, st) != 0)
			return -1;
		if ((e = refuse_kind(st->st_mode)) != 0) {
			errno = e;
			return -1;
		}
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0)
			return -1;
	}
	if (fstat(fd, st) != 0 || (e = refuse_kind(st->st_mode)) != 0) {
		e = e ? e : errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Read fd to its end, never past max (EFBIG then). sysfs files report size 0 or 4096 and
 * pipes none: the buffer grows as bytes come. A pipe with no data yet is waited for. */
static char *read_all(int fd, const struct stat *st, size_t max, size_t *len)
{
	if (S_ISREG(st->st_mode) && (uint64_t)st->st_size > max) {
		errno = EFBIG;
		return NULL;
	}
	size_t cap = S_ISREG(st->st_mode) && st->st_size > 0 ? (size_t)st->st_size + 1 : 65536;
	char *buf = malloc(cap);
	size_t n = 0;
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
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EAGAIN) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			poll(&pfd, 1, -1);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
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

char *host_read_file(const char *path, size_t max, size_t *len)
{
	struct stat st;
	int fd = open_input(path, &st);
	if (fd < 0)
		return NULL;
	char *buf = read_all(fd, &st, max, len);
	int e = errno;
	close(fd);
	errno = e;
	return buf;
}

int plat_read_head(const char *path, unsigned char *head, size_t cap, size_t *n)
{
	struct stat st;
	int fd = open_input(path, &st);
	if (fd < 0)
		return -1;
	ssize_t r;
	do
		r = read(fd, head, cap);
	while (r < 0 && errno == EINTR);
	int e = errno;
	close(fd);
	errno = e;
	if (r < 0)
		return -1;
	*n = (size_t)r;
	return 0;
}

int plat_stat(const char *path, struct plat_stat *st)
{
	struct stat s;
	if (strcmp(path, "-") == 0 ? fstat(0, &s) != 0 : stat(path, &s) != 0)
		return -1;
	st->kind = S_ISREG(s.st_mode) ? PLAT_FILE : S_ISDIR(s.st_mode) ? PLAT_DIR
		 : S_ISFIFO(s.st_mode) || S_ISSOCK(s.st_mode) ? PLAT_PIPE
		 : S_ISCHR(s.st_mode) || S_ISBLK(s.st_mode) ? PLAT_DEVICE : PLAT_OTHER;
	st->size = S_ISREG(s.st_mode) ? (uint64_t)s.st_size : 0;
	return 0;
}

int plat_list_dir(const char *path, char ***names, size_t *n)
{
	DIR *dir = opendir(path);
	if (!dir)
		return -1;
	char **v = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (nn == cap) {
			char **nb = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*v));
			if (!nb) {
				rc = -1;
				break;
			}
			v = nb;
		}
		if (!(v[nn] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		nn++;
	}
	closedir(dir);
	if (rc != 0) {
		while (nn)
			free(v[--nn]);
		free(v);
		errno = ENOMEM;
		return -1;
	}
	*names = v;
	*n = nn;
	return 0;
}

int plat_stdin_is_terminal(void)
{
	return isatty(0);
}

FILE *plat_create(const char *path)
{
	return fopen(path, "wb");
}
