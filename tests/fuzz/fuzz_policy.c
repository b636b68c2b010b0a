/* SPDX-License-Identifier: MIT */
/* libFuzzer target: policy file bytes -> ss_policy_parse; the error text is always terminated. */
#include <stdlib.h>
#include <string.h>

#include "slicscan.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static struct ss_policy p;
	char err[160];
	char *text = malloc(len ? len : 1);
	memcpy(text, data, len);
	ss_policy_init(&p);
	int rc = ss_policy_parse(&p, text, len, err, sizeof(err));
	if (rc != 0 && (memchr(err, 0, sizeof(err)) == NULL || strncmp(err, "line ", 5) != 0))
		abort();
	if (p.nversions > SS_POLICY_MAX_VERSIONS || p.nkeys > SS_POLICY_MAX_KEYS)
		abort();
	free(text);
	return 0;
}
