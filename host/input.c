/* SPDX-License-Identifier: MIT */
/* Reads what the user points slicscan at: an acpidump text file, one raw table, a folder of
 * raw tables (acpixtract -a output, a copy of /sys/firmware/acpi/tables) or sysfs itself. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *host_read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	/* sysfs files report size 0 or 4096: read until EOF, never past max. */
	size_t cap = st.st_size > 0 && (size_t)st.st_size < max ? (size_t)st.st_size + 1 : 65536;
	char *buf = malloc(cap);
	size_t n = 0;
	while (buf) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			close(fd);
			errno = EFBIG;
			return NULL;
		}
	}
	close(fd);
	if (!buf) {
		errno = ENOMEM;
		return NULL;
	}
	*len = n;
	return buf;
}

static int sig_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '!' || c == '$';
}

/* Does this look like one binary ACPI table (or RSDP) rather than text? */
static int looks_raw(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "RSD PTR ", 8) == 0)
		return 1;
	if (n < 8 || !sig_char(d[0]) || !sig_char(d[1]) || !sig_char(d[2]) || !sig_char(d[3]))
		return 0;
	/* acpidump text starts "SIG @ 0x": byte 4 is a space, which no table length begins with
	 * in practice, but test the length field itself rather than assume. */
	uint32_t len = (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
	return len >= 8 && len <= HOST_MAX_INPUT && !(d[4] == ' ' && d[5] == '@');
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
	if (n >= 8 && memcmp(d, "RSD PTR ", 8) == 0)
		return 1;
	int prefix = 1;
	for (int i = 0; i < 4; i++) {
		char c = name[i];
		if (!c || (c & ~0x20) != (char)(d[i] & ~0x20))
			prefix = 0;
	}
	const char *dot = strrchr(name, '.');
	return prefix || (dot && (!strcasecmp(dot, ".dat") || !strcasecmp(dot, ".aml") ||
				  !strcasecmp(dot, ".bin")));
}

static void load_dir(struct host_input *in, const char *path, int sysfs)
{
	struct ss_tableset *s = in->set;
	DIR *dir = opendir(path);
	if (!dir) {
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot open folder %s: %s%s", path,
				    strerror(errno),
				    errno == EACCES && sysfs ? " (reading ACPI tables needs root: run with sudo)" : "");
		return;
	}
	char *names[1024];
	size_t nn = 0, looked = 0;
	struct dirent *e;
	while ((e = readdir(dir)) && nn < 1024)
		if (e->d_name[0] != '.')
			names[nn++] = strdup(e->d_name);
	closedir(dir);
	qsort(names, nn, sizeof(names[0]), name_cmp);
	int denied = 0;
	for (size_t i = 0; i < nn; i++) {
		if (!names[i])
			continue;
		char full[4096];
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		struct stat st;
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(names[i]);
			continue;
		}
		looked++;
		size_t len = 0;
		unsigned char *d = (unsigned char *)host_read_file(full, SS_MAX_TABLE_LEN, &len);
		if (!d) {
			denied |= errno == EACCES;
			if (errno == EFBIG)
				ss_tableset_finding(s, SS_F_TABLE_LENGTH_INVALID, 0,
						    "%s is larger than any ACPI table; skipped", full);
			free(names[i]);
			continue;
		}
		if (!table_file_name(names[i], d, len) || keep(in, d) != 0) {
			free(d);
			free(names[i]);
			continue;
		}
		ss_tableset_add(s, d, len, 0, SS_ORIGIN_RAW, names[i]);
		free(names[i]);
	}
	if (!s->n)
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "No ACPI table among the %zu file(s) in %s%s", looked, path,
				    denied ? (sysfs ? " (permission denied: reading ACPI tables needs root; run with sudo)"
						    : " (permission denied)")
					   : "");
}

/* The running machine: every table sysfs has, and the root tables it lacks from memory. */
static void load_machine(struct host_input *in, const struct host_machine *m)
{
	struct ss_tableset *s = in->set;
	char why[160];
	void *arena = NULL;
	ss_fmt(s->source, sizeof(s->source), "this machine: %s", m->sysfs);
	load_dir(in, m->sysfs, 1);
	if (!s->n)
		return; /* the finding says why (no access, no tables) */
	if (in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0]))
		ss_fmt(why, sizeof(why), "no room");
	else if (host_devmem_roots(s, m, &arena, why, sizeof(why)) == 0)
		keep(in, arena); /* room was checked above */
	/* no paths here: under --root they are long, and the source line is short */
	ss_fmt(s->source, sizeof(s->source), "this machine: tables from sysfs, %s%s%s%s",
	       arena ? "" : "no RSDT/XSDT (", why, arena ? "" : ")", m->root[0] ? " [--root]" : "");
}

int host_input_load(struct host_input *in, const char *path, const struct host_machine *m)
{
	memset(in, 0, sizeof(*in));
	in->set = malloc(sizeof(*in->set));
	if (!in->set)
		return -1;
	ss_tableset_init(in->set, NULL, 0);
	struct ss_tableset *s = in->set;
	if (!path) {
		load_machine(in, m);
		return 0;
	}

	struct stat st;
	if (stat(path, &st) != 0) {
		ss_fmt(s->source, sizeof(s->source), "%s", path);
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot read %s: %s", path, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		ss_fmt(s->source, sizeof(s->source), "folder %s", path);
		load_dir(in, path, strcmp(path, m->sysfs) == 0);
		return 0;
	}
	ss_fmt(s->source, sizeof(s->source), "file %s", path);
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > HOST_MAX_INPUT) {
		ss_tableset_finding(s, SS_F_INPUT_TOO_LARGE, 0,
				    "%s is %llu bytes; slicscan refuses inputs over %u MiB (no ACPI dump is that large)",
				    path, (unsigned long long)st.st_size, HOST_MAX_INPUT >> 20);
		return 0;
	}
	size_t len = 0;
	char *d = host_read_file(path, HOST_MAX_INPUT, &len);
	if (!d) {
		if (errno == EFBIG)
			ss_tableset_finding(s, SS_F_INPUT_TOO_LARGE, 0,
					    "%s is over %u MiB; refused", path, HOST_MAX_INPUT >> 20);
		else
			ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot read %s: %s", path,
					    strerror(errno));
		return 0;
	}
	if (keep(in, d) != 0) { /* the first buffer: cannot happen, but never leak or reuse */
		free(d);
		return -1;
	}
	if (looks_raw((unsigned char *)d, len)) {
		ss_fmt(s->source, sizeof(s->source), "raw table file %s", path);
		ss_tableset_add(s, (uint8_t *)d, len, 0, SS_ORIGIN_RAW, path);
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
	ss_fmt(s->source, sizeof(s->source), "acpidump file %s", path);
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
