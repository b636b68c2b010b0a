/* SPDX-License-Identifier: MIT */
/* "This machine" on Linux (host/machine.h): every table /sys/firmware/acpi/tables has, and
 * the RSDP, RSDT and XSDT, which sysfs does not hold: without them a valid SLIC can only be "unverified". Read-only, the way ACPICA's
 * acpidump gets them: the RSDP address from /sys/firmware/efi/systab (UEFI) or a scan of the
 * BIOS area 0xE0000-0xFFFFF (ACPI 6.5 §5.2.5.1), then the core's walk (acpi/walk.c, roots
 * only) through a read callback that pread()s /dev/mem.
 *
 * Contract: addresses come from firmware and are untrusted. A range is read only when it lies
 * wholly inside the BIOS area or inside regions /sys/firmware/memmap types as ACPI tables,
 * ACPI NVS or reserved (never "System RAM", which the kernel refuses anyway, never an
 * undescribed hole), checked by the rule every front end shares (fw/memmap.h), so a wild
 * pointer becomes a finding, not a read of device memory. The kernel may refuse /dev/mem altogether
 * (no /dev/mem, lockdown under Secure Boot, not root): then nothing is added and the caller
 * says why. Nothing is ever written. */
#include "machine.h"

#include "bytes.h"
#include "memmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the running machine shows its firmware: the real places, or the same places under a
 * folder (--root DIR: a copied machine, or the tests). */
struct host_machine {
	char root[4096];   /* "" for this machine, else the --root folder */
	char sysfs[4096];  /* /sys/firmware/acpi/tables */
	char devmem[4096]; /* /dev/mem */
	char memmap[4096]; /* /sys/firmware/memmap */
	char systab[4096]; /* /sys/firmware/efi/systab */
};

#define MAX_RANGES 512
#define ROOT_ARENA (1u << 20) /* RSDP + RSDT + XSDT; more is out-of-space, a finding */

struct mem {
	int fd;
	struct fw_mem_range r[MAX_RANGES];
	struct fw_memmap map; /* over r; the one rule of fw/memmap.h */
};

/* Read a small text file (sysfs attribute) into buf; 0 on success. */
static int read_small(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, cap - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The regions whose type says firmware tables may live there. */
static void load_memmap(struct mem *m, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && m->map.n < MAX_RANGES) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096], type[64], start[32], end[32];
		snprintf(p, sizeof(p), "%s/%s/type", dir, e->d_name);
		if (read_small(p, type, sizeof(type)))
			continue;
		type[strcspn(type, "\n")] = '\0';
		if (strcmp(type, "ACPI Tables") && strcmp(type, "ACPI Non-volatile Storage") &&
		    strcmp(type, "Reserved"))
			continue;
		snprintf(p, sizeof(p), "%s/%s/start", dir, e->d_name);
		if (read_small(p, start, sizeof(start)))
			continue;
		snprintf(p, sizeof(p), "%s/%s/end", dir, e->d_name);
		if (read_small(p, end, sizeof(end)))
			continue;
		char *x, *y;
		errno = 0;
		unsigned long long a = strtoull(start, &x, 16), b = strtoull(end, &y, 16);
		if (errno || x == start || y == end || b < a)
			continue;
		(void)fw_mem_add(m->r, &m->map.n, MAX_RANGES, a, b - a + 1, true);
	}
	closedir(d);
}

static int mem_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	struct mem *m = ctx;
	if (!fw_range_ok(&m->map, addr, len))
		return -1;
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(m->fd, (char *)dst + got, len - got, (off_t)(addr + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* "ACPI20=0x..." then "ACPI=0x..." lines of the EFI system table summary. */
static void rsdp_from_systab(const char *path, uint64_t *rsdp20, uint64_t *rsdp10)
{
	char buf[4096];
	if (read_small(path, buf, sizeof(buf)))
		return;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		uint64_t *dst = !strncmp(line, "ACPI20=", 7) ? rsdp20 : !strncmp(line, "ACPI=", 5) ? rsdp10 : NULL;
		if (dst)
			*dst = strtoull(strchr(line, '=') + 1, NULL, 0);
	}
}

/* The RSDP in the BIOS area, found by the core's scan (ACPI 6.5 §5.2.5.1). */
static uint64_t rsdp_from_bios_area(struct mem *m)
{
	static unsigned char area[FW_LEGACY_BIOS_LAST - FW_LEGACY_BIOS_FIRST + 1];
	size_t off;
	if (mem_read(m, FW_LEGACY_BIOS_FIRST, area, sizeof(area)) != 0 ||
	    ss_rsdp_find(area, sizeof(area), &off) != 0)
		return 0;
	return FW_LEGACY_BIOS_FIRST + off;
}

static void machine_paths(struct host_machine *m, const char *root)
{
	const char *r = root ? root : "";
	snprintf(m->root, sizeof(m->root), "%s", r);
	snprintf(m->sysfs, sizeof(m->sysfs), "%s/sys/firmware/acpi/tables", r);
	snprintf(m->devmem, sizeof(m->devmem), "%s/dev/mem", r);
	snprintf(m->memmap, sizeof(m->memmap), "%s/sys/firmware/memmap", r);
	snprintf(m->systab, sizeof(m->systab), "%s/sys/firmware/efi/systab", r);
}

/* Add the machine's RSDP, RSDT and XSDT (read-only, from /dev/mem) to s. Returns 0 with
 * *keep set to memory the caller frees after s is no longer used, and a note in why (for the
 * source line); or -1 when they cannot be read, with the reason in why and nothing added. */
static int devmem_roots(struct ss_tableset *s, const struct host_machine *mp, void **keep,
			char *why, size_t cap)
{
	static struct mem m;
	*keep = NULL;
	memset(&m, 0, sizeof(m));
	m.map.r = m.r;
	m.map.addr_limit = (uint64_t)INT64_MAX; /* pread's off_t */
	m.map.legacy_bios_area = true;
	load_memmap(&m, mp->memmap);
	m.fd = open(mp->devmem, O_RDONLY | O_CLOEXEC);
	if (m.fd < 0) {
		snprintf(why, cap, "/dev/mem: %s", strerror(errno));
		return -1;
	}
	uint64_t rsdp20 = 0, rsdp10 = 0;
	rsdp_from_systab(mp->systab, &rsdp20, &rsdp10);
	const char *from = "the EFI system table";
	if (!rsdp20 && !rsdp10) {
		rsdp10 = rsdp_from_bios_area(&m);
		from = "the BIOS area";
	}
	if (!rsdp20 && !rsdp10) {
		close(m.fd);
		snprintf(why, cap, "no RSDP in the EFI system table or the BIOS area");
		return -1;
	}

	/* Walk into a scratch set: only when it yields a root table is anything handed over,
	 * with the walk's findings (a bad checksum is a fact about this firmware). */
	struct ss_tableset *w = malloc(sizeof(*w));
	uint8_t *arena = malloc(ROOT_ARENA);
	if (!w || !arena) {
		free(w);
		free(arena);
		close(m.fd);
		snprintf(why, cap, "out of memory");
		return -1;
	}
	ss_tableset_init(w, arena, ROOT_ARENA);
	ss_collect_firmware_roots(w, mem_read, &m, rsdp20, rsdp10);
	close(m.fd);
	size_t roots = 0;
	for (size_t i = 0; i < w->n; i++)
		roots += !memcmp(w->t[i].rawsig, "RSDT", SS_SIG_LEN) ||
			 !memcmp(w->t[i].rawsig, "XSDT", SS_SIG_LEN);
	if (!roots) {
		snprintf(why, cap, "the RSDP at 0x%llx (from %s) led to no readable RSDT or XSDT",
			 (unsigned long long)(rsdp20 ? rsdp20 : rsdp10), from);
		free(w);
		free(arena);
		return -1;
	}
	for (size_t i = 0; i < w->n; i++)
		ss_tableset_add(s, w->t[i].data, w->t[i].len, w->t[i].addr, SS_ORIGIN_MEMORY,
				w->t[i].name);
	for (size_t i = 0; i < w->nf; i++)
		ss_tableset_finding(s, w->f[i].id, w->f[i].table, "%s", w->f[i].msg);
	free(w);
	*keep = arena; /* the tables' bytes live there: the caller frees it with the set */
	snprintf(why, cap, "RSDP/RSDT/XSDT from /dev/mem (RSDP via %s)", from);
	return 0;
}

const char *host_machine_root_problem(void)
{
	return NULL;
}

int host_machine_tables_dir(const char *path)
{
	return strcmp(path, "/sys/firmware/acpi/tables") == 0;
}

/* The running machine: every table sysfs has, and the root tables it lacks from memory. */
int host_machine_load(struct host_input *in, const char *root)
{
	static struct host_machine mm;
	const struct host_machine *m = &mm;
	machine_paths(&mm, root);
	struct ss_tableset *s = in->set;
	char why[160];
	void *arena = NULL;
	ss_fmt(s->source, sizeof(s->source), "this machine: %s", m->sysfs);
	/* the advice differs: a running PC cannot "take the dump again", non-root needs sudo */
	s->where = SS_WHERE_OS;
	s->unprivileged = geteuid() != 0;
	if (host_load_dir(in, m->sysfs, 1) != 0)
		return -1;
	if (!s->n)
		return 0; /* the finding says why (no access, no tables) */
	if (in->nbufs >= sizeof(in->bufs) / sizeof(in->bufs[0]))
		ss_fmt(why, sizeof(why), "no room");
	else if (devmem_roots(s, m, &arena, why, sizeof(why)) == 0)
		host_keep(in, arena); /* room was checked above */
	/* no paths here: under --root they are long, and the source line is short */
	ss_fmt(s->source, sizeof(s->source), "this machine: tables from sysfs, %s%s%s%s",
	       arena ? "" : "no RSDT/XSDT (", why, arena ? "" : ")", m->root[0] ? " [--root]" : "");
	return 0;
}

