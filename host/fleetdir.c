/* SPDX-License-Identifier: MIT */
/* slicscan --fleet DIR [-o FILE] [--lang en]: find every report JSON under DIR (a stick's
 * \slicscan folder, a collector's folder, nested), read each into the fleet (fw/fleet.c) and
 * write the page. A file that cannot be read or parsed is listed on the page, never fatal. */
#include "fleetdir.h"

#include "fleet.h"
#include "input.h"
#include "output.h"
#include "plat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8
#define MAX_FILES 100000
#define MAX_JSON (4u << 20) /* a report is tens of KiB */

struct names {
	char **v;
	size_t n, cap, skipped;
};

static int add_name(struct names *ns, const char *rel)
{
	if (ns->n >= MAX_FILES) {
		ns->skipped++;
		return 0;
	}
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 256;
		char **v = realloc(ns->v, cap * sizeof(*v));
		if (!v)
			return -1;
		ns->v = v, ns->cap = cap;
	}
	size_t len = strlen(rel) + 1;
	if (!(ns->v[ns->n] = malloc(len)))
		return -1;
	memcpy(ns->v[ns->n], rel, len);
	ns->n++;
	return 0;
}

/* Collect the .json files under root/rel (rel "" at the top), relative paths with '/'. */
static int walk(const char *root, const char *rel, int depth, struct names *ns)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s%s%s", root, rel[0] ? "/" : "", rel);
	struct plat_names dir = { 0 };
	if (plat_list_dir(path, &dir) != 0)
		return 0; /* an unreadable folder is skipped, like an unreadable file */
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < dir.n; i++) {
		const char *name = dir.v[i];
		if (name[0] == '.')
			continue;
		char sub[4096], full[8192];
		if ((size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", name) >=
		    sizeof(sub))
			continue;
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		struct plat_stat st;
		if (plat_stat(full, &st) != 0)
			continue;
		if (st.kind == PLAT_DIR && depth < MAX_DEPTH) /* the depth bounds a link cycle too */
			rc = walk(root, sub, depth + 1, ns);
		else if (st.kind == PLAT_FILE && host_ends_with(name, ".json"))
			rc = add_name(ns, sub);
	}
	plat_names_free(&dir);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int usage(const char *why)
{
	fprintf(stderr, "slicscan: %s\nUsage: slicscan --fleet DIR [-o FILE] [--lang en|zh-TW]\n", why);
	return SS_EXIT_USAGE;
}

int host_fleet_main(int argc, char **argv)
{
	const char *dir = NULL, *out = NULL, *lang = "en";
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if ((!strcmp(a, "-o") || !strcmp(a, "--report") || !strcmp(a, "--lang")) && i + 1 < argc) {
			*(!strcmp(a, "--lang") ? &lang : &out) = argv[++i];
		} else if (!strncmp(a, "--lang=", 7)) {
			lang = a + 7;
		} else if (!strncmp(a, "--report=", 9)) {
			out = a + 9;
		} else if (a[0] == '-' && a[1]) {
			return usage("--fleet takes DIR, -o FILE and --lang en|zh-TW only");
		} else if (dir) {
			return usage("--fleet takes one folder");
		} else {
			dir = a;
		}
	}
	if (!dir)
		return usage("--fleet needs a folder (a stick's slicscan folder, or a collector's)");
	if (strcmp(lang, "en") && strcmp(lang, "zh-TW"))
		return usage("--lang: en or zh-TW");
	struct plat_stat st;
	if (plat_stat(dir, &st) != 0 || st.kind != PLAT_DIR) {
		fprintf(stderr, "slicscan: %s is not a folder\n", dir);
		return SS_EXIT_USAGE;
	}

	struct names ns = { 0 };
	struct fw_fleet *f = malloc(sizeof(*f));
	struct fw_fleet_machine *m = calloc(FW_FLEET_MAX, sizeof(*m));
	struct fw_fleet_bad *bad = calloc(FW_FLEET_MAX, sizeof(*bad));
	int rc = 0;
	if (!f || !m || !bad || walk(dir, "", 0, &ns) != 0) {
		fprintf(stderr, "slicscan: out of memory\n");
		rc = SS_EXIT_CANNOT_JUDGE;
		goto done;
	}
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof(ns.v[0]), by_name);
	fw_fleet_init(f, m, FW_FLEET_MAX, bad, FW_FLEET_MAX);
	for (size_t i = 0; i < ns.n; i++) {
		char full[8192];
		size_t len = 0;
		snprintf(full, sizeof(full), "%s/%s", dir, ns.v[i]);
		char *text = host_read_file(full, MAX_JSON, &len);
		if (!text) {
			fw_fleet_add_bad(f, ns.v[i], errno == EFBIG ? "larger than 4 MiB"
								   : host_read_error(errno));
			continue;
		}
		fw_fleet_add(f, ns.v[i], text, len);
		free(text);
	}
	if (ns.skipped)
		fprintf(stderr, "slicscan: %lu files beyond the first %d were not read\n",
			(unsigned long)ns.skipped,
			MAX_FILES);
	FILE *o = out ? plat_create(out) : stdout;
	if (!o) {
		fprintf(stderr, "slicscan: cannot write %s: %s\n", out, strerror(errno));
		rc = SS_EXIT_USAGE;
		goto done;
	}
	fw_fleet_html(f, lang, dir, host_write_file, o);
	if ((out ? fclose(o) : fflush(o)) != 0) {
		fprintf(stderr, "slicscan: cannot write %s\n", out ? out : "the page");
		rc = SS_EXIT_USAGE;
		goto done;
	}
	fprintf(stderr, "slicscan: %lu reports read, %lu unreadable%s\n",
		(unsigned long)fw_fleet_total(f), (unsigned long)(f->nbad + f->bad_dropped), f->dropped ? " (more than the page lists)" : "");
	rc = fw_fleet_total(f) == 0 ? SS_EXIT_CANNOT_JUDGE : 0;
done:
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	free(f);
	free(m);
	free(bad);
	return rc;
}
