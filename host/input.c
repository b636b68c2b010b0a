/* SPDX-License-Identifier: MIT */
/* Reads what the user points slicscan at: an acpidump text file, one raw table, a folder of
 * raw tables (acpixtract -a output, a copy of /sys/firmware/acpi/tables), a pipe ("-" is
 * standard input), on Linux and Windows alike: the OS calls are host/plat.h's, "this machine"
 * is host/machine.h's. */
#include "input.h"
#include "bytes.h"
#include "machine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *host_read_error(int err)
{
	switch (err) {
	case ENODEV: return "it is a device (a terminal, /dev/null, /dev/zero ...), not a file";
	case ENXIO: return "it is a socket, not a file";
	case EINVAL: return "it is not a regular file";
	default: return strerror(err);
	}
}

/* How much of a file is read to tell a raw table: an RSDP's signature, or a table's signature
 * and length (8 bytes either way). */
#define HEAD_LEN SS_TABLE_HEAD_LEN
SS_STATIC_ASSERT(head_holds_rsdp_sig, SS_RSDP_SIG_LEN <= HEAD_LEN);

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

int host_keep(struct host_input *in, void *buf)
{
	if (in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0]))
		return -1;
	in->bufs[in->nbufs++] = buf;
	return 0;
}

/* ASCII letters without case: file names as Windows and acpixtract write them. */
static int ascii_case_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | (*a >= 'A' && *a <= 'Z' ? 0x20 : 0)) != (*b | (*b >= 'A' && *b <= 'Z' ? 0x20 : 0)))
			return 0;
	return *a == *b;
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
	return prefix || (dot && (ascii_case_eq(dot, ".dat") || ascii_case_eq(dot, ".aml") ||
				  ascii_case_eq(dot, ".bin")));
}

/* Every file of the folder is looked at, however many there are (only the first bytes of
 * those that are not tables are read). When the set is full, the table files left over are
 * counted and named in one too-many-tables finding, which makes the Windows 7 answer
 * "unverified": one of them may be a SLIC. Returns -1 when memory runs out. */
int host_load_dir(struct host_input *in, const char *path, int sysfs)
{
	struct ss_tableset *s = in->set;
	struct plat_names list;
	size_t looked = 0, skipped = 0;
	if (plat_list_dir(path, &list) != 0) {
		if (errno == ENOMEM)
			return -1;
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot open folder %s: %s%s", path,
				    strerror(errno),
				    errno == EACCES && sysfs ? " (reading ACPI tables needs root: run with sudo)" : "");
		return 0;
	}
	int rc = 0;
	char **names = list.v;
	size_t nn = list.n;
	if (nn)
		qsort(names, nn, sizeof(names[0]), name_cmp);
	int denied = 0;
	char first[64] = "", last[64] = "";
	for (size_t i = 0; i < nn && rc == 0; i++) {
		char full[4096];
		struct plat_stat st;
		if ((size_t)snprintf(full, sizeof(full), "%s/%s", path, names[i]) >= sizeof(full) ||
		    plat_stat(full, &st) != 0 || st.kind != PLAT_FILE)
			continue;
		looked++;
		unsigned char head[HEAD_LEN];
		size_t hn = 0;
		if (plat_read_head(full, head, HEAD_LEN, &hn) != 0) {
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
		host_keep(in, d); /* room was checked above */
		ss_tableset_add(s, d, len, 0, SS_ORIGIN_RAW, names[i]);
	}
	plat_names_free(&list);
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

int host_input_load(struct host_input *in, const char *path, const char *root)
{
	memset(in, 0, sizeof(*in));
	in->set = malloc(sizeof(*in->set));
	if (!in->set)
		return -1;
	ss_tableset_init(in->set, NULL, 0);
	struct ss_tableset *s = in->set;
	if (!path)
		return host_machine_load(in, root);

	/* "-": standard input, a pipe ("sudo acpidump | slicscan -") or a redirected file */
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "standard input" : path;
	struct plat_stat st;
	if (plat_stat(path, &st) != 0) {
		ss_fmt(s->source, sizeof(s->source), "%s", name);
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0, "Cannot read %s: %s", name, strerror(errno));
		return 0;
	}
	if (st.kind == PLAT_DIR && !is_stdin) {
		ss_fmt(s->source, sizeof(s->source), "folder %s", path);
		return host_load_dir(in, path, host_machine_tables_dir(path));
	}
	ss_fmt(s->source, sizeof(s->source), is_stdin ? "%s" : "file %s", name);
	if (is_stdin && plat_stdin_is_terminal()) {
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "Standard input is a terminal: pipe a dump into slicscan - (sudo acpidump | slicscan -)");
		return 0;
	}
	if (st.kind == PLAT_FILE && st.size > HOST_MAX_INPUT) {
		ss_tableset_finding(s, SS_F_INPUT_TOO_LARGE, 0,
				    "%s is %llu bytes; slicscan refuses inputs over %u MiB (no ACPI dump is that large)",
				    name, (unsigned long long)st.size, HOST_MAX_INPUT >> 20);
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
	if (host_keep(in, d) != 0) { /* the first buffer: cannot happen, but never leak or reuse */
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
	if (!arena || host_keep(in, arena) != 0) {
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
