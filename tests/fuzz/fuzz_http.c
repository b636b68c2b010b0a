/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> fw_http_parse_head, fw_url_parse, fw_http_date_parse and the
 * slicscan.cfg parser (whose new keys upload/timezone/kms/kms_timeout use them). Invariants:
 * parsed results stay in range, and a complete head is never longer than the input. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	unsigned char *b = malloc(len ? len : 1);
	memcpy(b, data, len);
	struct fw_http_head h;
	const char *why = NULL;
	int rc = fw_http_parse_head(b, len, &h, &why);
	if (rc == 1 && (h.head_len > len || h.status < 100 || h.status > 599))
		abort();
	if (rc == -1 && why == NULL)
		abort();
	struct fw_url u;
	if (fw_url_parse((const char *)b, len, &u, &why) == 0) {
		size_t n = strlen(u.path);
		if (u.path[0] != '/' || u.path[n - 1] != '/' || u.port == 0 || strstr(u.path, "/../"))
			abort();
	} else if (why == NULL) {
		abort();
	}
	int64_t t;
	if (fw_http_date_parse((const char *)b, len, &t) == 0 && t < 0)
		abort();
	static struct fw_config c;
	fw_config_defaults(&c);
	fw_config_parse(&c, b, len);
	if (c.nkms > FW_KMS_MAX || c.kms_timeout < 1 || c.kms_timeout > FW_KMS_TIMEOUT_MAX ||
	    c.tz_minutes < -720 || c.tz_minutes > 840)
		abort();
	free(b);
	return 0;
}
