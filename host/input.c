/* SPDX-License-Identifier: MIT */
/* Reads what the user points slicscan at: an acpidump text file, one raw table, a folder of
 * raw tables (acpixtract -a output, a copy of /sys/firmware/acpi/tables), a pipe ("-" is
 * standard input) or sysfs itself. Nothing here ever waits on a device or a writerless FIFO. */
#include "input.h"
#include "bytes.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
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

const char *host_read_error(int err)
{
	switch (err) {
	case ENODEV: return "it is a device (a terminal, /dev/null, /dev/zero ...), not a file";
	case ENXIO: return "it is a socket, not a file";
	case EINVAL: return "it is not a regular file";
	default: return strerror(err);
	}
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

/* How much of a file is read to tell a raw table: an RSDP's signature, or a table's signature
 * and length (8 bytes either way). */
#define HEAD_LEN SS_TABLE_HEAD_LEN
SS_STATIC_ASSERT(head_holds_rsdp_sig, SS_RSDP_SIG_LEN <= HEAD_LEN);

/* The first bytes of a file (n set to how many there are, up to HEAD_LEN), without reading it
 * all. */
static int read_head(const char *path, unsigned char head[HEAD_LEN], size_t *n)
{
	struct stat st;
	int fd = open_input(path, &st);
	if (fd < 0)
		return -1;
	ssize_t r;
	do
		r = read(fd, head, HEAD_LEN);
	while (r < 0 && errno == EINTR);
	int e = errno;
	close(fd);
	errno = e;
	if (r < 0)
		return -1;
	*n = (size_t)r;
	return 0;
}

static int sig_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '!' || c == '$';
}

static int is_rsdp(const unsigned char *d, size_t n)
{
	return n >= SS_RSDP_SIG_LEN &&
	       memcmp(d + SS_RSDP_AT(signature), SS_RSDP_SIGNATURE, SS_RSDP_SIG_LEN) == 0;
}

/* Does this look like one binary ACPI table (or RSDP) rather than text? */
static int looks_raw(const unsigned char *d, size_t n)
{
	if (is_rsdp(d, n))
		return 1;
	if (n < SS_TABLE_HEAD_LEN)
		return 0;
	for (size_t i = 0; i < SS_SIG_LEN; i++)
		if (!sig_char(d[SS_HEAD_AT(signature) + i]))
			return 0;
	/* acpidump text starts "SIG @ 0x": byte 4 is a space, which no table length begins with
	 * in practice, but test the length field itself rather than assume. */
	const unsigned char *lf = d + SS_HEAD_AT(length);
	uint32_t len = ss_le32(lf);
	return len >= SS_TABLE_HEAD_LEN && len <= HOST_MAX_INPUT && !(lf[0] == ' ' && lf[1] == '@');
}

/* Own buf until host_input_free(). Returns -1 when there is no room: buf stays the caller's. */
static int keep(struct host_input *in, void *buf)
{
	if (in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0]))
		return -1;
	in->bufs[in->nbufs++] = buf;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file in a folder is taken as a table when its name starts with its signature
 * (sysfs: "SLIC", "SSDT1"; acpixtract: "slic.dat") or ends in .dat/.aml/.bin. */
static int table_file_name(const char *name, const unsigned char *d, size_t n)
{
	if (!looks_raw(d, n))
		return 0;
	if (is_rsdp(d, n))
		return 1;
	int prefix = 1;
	for (size_t i = 0; i < SS_SIG_LEN; i++) {
		char c = name[i];
		if (!c || (c & ~0x20) != (char)(d[i] & ~0x20))
			prefix = 0;
	}
	const char *dot = strrchr(name, '.');
	return prefix || (dot && (!strcasecmp(dot, ".dat") || !strcasecmp(dot, ".aml") ||
				  !strcasecmp(dot, ".bin")));
}

/* Every file of the folder is looked at, however many there are (only the first bytes of
 * those that are not tables are read). When the set is full, the table files left over are
 * counted and named in one too-many-tables finding, which makes the Windows 7 answer
 * "unverified": one of them may be a SLIC. Returns -1 when memory runs out. */
static int load_dir(struct host_input *in, const char *path, int sysfs)
{
	struct ss_tableset *s = in->set;
	DIR *dir = opendir(path);
	if (!dir) {
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot open folder %s: %s%s", path,
				    strerror(errno),
				    errno == EACCES && sysfs ? " (reading ACPI tables needs root: run with sudo)" : "");
		return 0;
	}
	char **names = NULL;
	size_t nn = 0, cap = 0, looked = 0, skipped = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		if (nn == cap) {
			char **nb = realloc(names, (cap = cap ? cap * 2 : 256) * sizeof(*names));
			if (!nb) {
				rc = -1;
				break;
			}
			names = nb;
		}
		if (!(names[nn] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		nn++;
	}
	closedir(dir);
	if (rc == 0)
		qsort(names, nn, sizeof(names[0]), name_cmp);
	int denied = 0;
	char first[64] = "", last[64] = "";
	for (size_t i = 0; i < nn && rc == 0; i++) {
		char full[4096];
		struct stat st;
		if ((size_t)snprintf(full, sizeof(full), "%s/%s", path, names[i]) >= sizeof(full) ||
		    stat(full, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		looked++;
		unsigned char head[HEAD_LEN];
		size_t hn = 0;
		if (read_head(full, head, &hn) != 0) {
			denied |= errno == EACCES;
			continue;
		}
		if (!table_file_name(names[i], head, hn))
			continue;
		if (s->n >= SS_MAX_TABLES || in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0])) {
			if (!skipped++)
				ss_fmt(first, sizeof(first), "%s", names[i]);
			ss_fmt(last, sizeof(last), "%s", names[i]);
			continue;
		}
		size_t len = 0;
		unsigned char *d = (unsigned char *)host_read_file(full, SS_MAX_TABLE_LEN, &len);
		if (!d) {
			denied |= errno == EACCES;
			rc = errno == ENOMEM ? -1 : 0;
			if (errno == EFBIG)
				ss_tableset_finding(s, SS_F_TABLE_LENGTH_INVALID, 0,
						    "%s is larger than any ACPI table; skipped", full);
			continue;
		}
		/* read again: the file may have changed since its head was looked at */
		if (!table_file_name(names[i], d, len)) {
			free(d);
			continue;
		}
		keep(in, d); /* room was checked above */
		ss_tableset_add(s, d, len, 0, SS_ORIGIN_RAW, names[i]);
	}
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	if (skipped) {
		ss_tableset_finding(s, SS_F_TOO_MANY_TABLES, 0,
				    "%zu table file(s) in %s not examined: slicscan keeps %u tables (%s%s%s)",
				    skipped, path, SS_MAX_TABLES, first, skipped > 1 ? " to " : "",
				    skipped > 1 ? last : "");
		s->full = true;
	}
	if (!s->n && rc == 0)
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "No ACPI table among the %zu file(s) in %s%s", looked, path,
				    denied ? (sysfs ? " (permission denied: reading ACPI tables needs root; run with sudo)"
						    : " (permission denied)")
					   : "");
	return rc;
}

/* The running machine: every table sysfs has, and the root tables it lacks from memory. */
static int load_machine(struct host_input *in, const struct host_machine *m)
{
	struct ss_tableset *s = in->set;
	char why[160];
	void *arena = NULL;
	ss_fmt(s->source, sizeof(s->source), "this machine: %s", m->sysfs);
	/* the advice differs: a running PC cannot "take the dump again", non-root needs sudo */
	s->where = SS_WHERE_OS;
	s->unprivileged = geteuid() != 0;
	if (load_dir(in, m->sysfs, 1) != 0)
		return -1;
	if (!s->n)
		return 0; /* the finding says why (no access, no tables) */
	if (in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0]))
		ss_fmt(why, sizeof(why), "no room");
	else if (host_devmem_roots(s, m, &arena, why, sizeof(why)) == 0)
		keep(in, arena); /* room was checked above */
	/* no paths here: under --root they are long, and the source line is short */
	ss_fmt(s->source, sizeof(s->source), "this machine: tables from sysfs, %s%s%s%s",
	       arena ? "" : "no RSDT/XSDT (", why, arena ? "" : ")", m->root[0] ? " [--root]" : "");
	return 0;
}

int host_input_load(struct host_input *in, const char *path, const struct host_machine *m)
{
	memset(in, 0, sizeof(*in));
	in->set = malloc(sizeof(*in->set));
	if (!in->set)
		return -1;
	ss_tableset_init(in->set, NULL, 0);
	struct ss_tableset *s = in->set;
	if (!path)
		return load_machine(in, m);

	/* "-": standard input, a pipe ("sudo acpidump | slicscan -") or a redirected file */
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "standard input" : path;
	struct stat st;
	if (is_stdin ? fstat(0, &st) != 0 : stat(path, &st) != 0) {
		ss_fmt(s->source, sizeof(s->source), "%s", name);
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot read %s: %s", name, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode) && !is_stdin) {
		ss_fmt(s->source, sizeof(s->source), "folder %s", path);
		return load_dir(in, path, strcmp(path, m->sysfs) == 0);
	}
	ss_fmt(s->source, sizeof(s->source), is_stdin ? "%s" : "file %s", name);
	if (is_stdin && isatty(0)) {
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "Standard input is a terminal: pipe a dump into slicscan - (sudo acpidump | slicscan -)");
		return 0;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > HOST_MAX_INPUT) {
		ss_tableset_finding(s, SS_F_INPUT_TOO_LARGE, 0,
				    "%s is %llu bytes; slicscan refuses inputs over %u MiB (no ACPI dump is that large)",
				    name, (unsigned long long)st.st_size, HOST_MAX_INPUT >> 20);
		return 0;
	}
	size_t len = 0;
	char *d = host_read_file(path, HOST_MAX_INPUT, &len);
	if (!d) {
		if (errno == ENOMEM)
			return -1;
		if (errno == EFBIG)
			ss_tableset_finding(s, SS_F_INPUT_TOO_LARGE, 0,
					    "%s is over %u MiB; refused", name, HOST_MAX_INPUT >> 20);
		else
			ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot read %s: %s", name,
					    host_read_error(errno));
		return 0;
	}
	if (keep(in, d) != 0) { /* the first buffer: cannot happen, but never leak or reuse */
		free(d);
		return -1;
	}
	if (looks_raw((unsigned char *)d, len)) {
		ss_fmt(s->source, sizeof(s->source), "raw table %s%s", is_stdin ? "from " : "file ", name);
		ss_tableset_add(s, (uint8_t *)d, len, 0, SS_ORIGIN_RAW, is_stdin ? "stdin" : path);
		return 0;
	}
	size_t cap = len / 3 + 4096;
	uint8_t *arena = malloc(cap);
	if (!arena || keep(in, arena) != 0) {
		free(arena);
		return -1;
	}
	s->arena = arena;
	s->arena_cap = cap;
	ss_fmt(s->source, sizeof(s->source), "acpidump %s%s", is_stdin ? "text from " : "file ", name);
	ss_collect_acpidump(s, d, len);
	return 0;
}

void host_input_free(struct host_input *in)
{
	for (size_t i = 0; i < in->nbufs; i++)
		free(in->bufs[i]);
	free(in->set);
	memset(in, 0, sizeof(*in));
}
