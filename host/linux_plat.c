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

static void to_plat(const struct stat *s, struct plat_stat *st)
{
	st->kind = S_ISREG(s->st_mode) ? PLAT_FILE : S_ISDIR(s->st_mode) ? PLAT_DIR
		 : S_ISFIFO(s->st_mode) || S_ISSOCK(s->st_mode) ? PLAT_PIPE
		 : S_ISCHR(s->st_mode) || S_ISBLK(s->st_mode) ? PLAT_DEVICE : PLAT_OTHER;
	st->size = S_ISREG(s->st_mode) ? (uint64_t)s->st_size : 0;
}

/* read() for plat_read_all: sysfs files report size 0 or 4096 and pipes none, so the buffer
 * grows as bytes come. A pipe with no data yet is waited for. */
static long read_fd(void *ctx, char *buf, size_t n)
{
	int fd = *(int *)ctx;
	for (;;) {
		ssize_t r = read(fd, buf, n);
		if (r < 0 && errno == EAGAIN) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			poll(&pfd, 1, -1);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		return (long)r;
	}
}

char *host_read_file(const char *path, size_t max, size_t *len)
{
	struct stat st;
	int fd = open_input(path, &st);
	if (fd < 0)
		return NULL;
	struct plat_stat ps;
	to_plat(&st, &ps);
	char *buf = plat_read_all(read_fd, &fd, &ps, max, len);
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
	to_plat(&s, st);
	return 0;
}

int plat_list_dir(const char *path, struct plat_names *names)
{
	DIR *dir = opendir(path);
	if (!dir)
		return -1;
	*names = (struct plat_names){ 0 };
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			rc = plat_names_add(names, strdup(e->d_name));
	closedir(dir);
	return rc; /* -1: memory ran out, every name freed, errno ENOMEM */
}

int plat_stdin_is_terminal(void)
{
	return isatty(0);
}

FILE *plat_create(const char *path)
{
	return fopen(path, "wb");
}
