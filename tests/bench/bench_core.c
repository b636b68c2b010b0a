/* SPDX-License-Identifier: MIT */
/* Benchmark of the core alone: judge every acpidump file given, in memory, repeatedly, and
 * print MB/s and dumps/s. Run by scripts/bench; never by a test (no timing is asserted). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "input.h"
#include "slicscan.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double min_seconds = 3.0;
	int n = argc - 1;
	char **text = calloc((size_t)n, sizeof(*text));
	size_t *len = calloc((size_t)n, sizeof(*len)), total = 0, maxlen = 0;
	for (int i = 0; i < n; i++) {
		text[i] = host_read_file(argv[i + 1], HOST_MAX_INPUT, &len[i]);
		if (!text[i]) {
			perror(argv[i + 1]);
			return 1;
		}
		total += len[i];
		if (len[i] > maxlen)
			maxlen = len[i];
	}
	size_t cap = maxlen / 3 + 4096;
	unsigned char *arena = malloc(cap);
	struct ss_tableset *set = malloc(sizeof(*set));
	struct ss_result *r = malloc(sizeof(*r));
	struct ss_policy p;
	ss_policy_init(&p);
	long rounds = 0, dumps = 0;
	unsigned check = 0;
	double t0 = now(), t;
	do {
		for (int i = 0; i < n; i++) {
			ss_tableset_init(set, arena, cap);
			ss_scan_acpidump(set, text[i], len[i], &p, r);
			check += (unsigned)r->exit_code;
			dumps++;
		}
		rounds++;
		t = now() - t0;
	} while (t < min_seconds);
	printf("core: %d dumps, %.1f MB of text, %ld rounds in %.2fs: %.0f MB/s, %.0f dumps/s (checksum %u)\n",
	       n, total / 1e6, rounds, t, total * (double)rounds / 1e6 / t, dumps / t, check);
	return 0;
}
