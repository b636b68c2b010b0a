/* SPDX-License-Identifier: MIT */
/* The little HTTP the network checks need, as pure logic (docs/NETWORK.md): the `upload` URL,
 * the head of an HTTP/1.1 response (status and Date) and IMF-fixdate times.
 *
 * Contract: every input is untrusted bytes of any length; parsing is one bounded pass, never
 * reads past len and never fails other than by returning an error with a reason. */
#ifndef FW_HTTP_H
#define FW_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FW_URL_HOST_MAX 64   /* bytes, including the NUL */
#define FW_URL_PATH_MAX 128  /* bytes, including the NUL */

struct fw_url {
	char host[FW_URL_HOST_MAX]; /* as written (lower case) */
	bool is_ip;                 /* host is a dotted IPv4 address, in ip */
	uint8_t ip[4];
	uint16_t port;              /* 80 unless given */
	char path[FW_URL_PATH_MAX]; /* starts and ends with '/' */
};

/* "http://HOST[:PORT]/PATH/" (PATH may be empty; a missing trailing '/' is added). Refuses
 * https, user info, queries, fragments, "..", characters outside [A-Za-z0-9-._~/%] in the path,
 * port 0 or > 65535. Returns 0, or -1 with *why set. */
int fw_url_parse(const char *s, size_t n, struct fw_url *u, const char **why);

/* Dotted IPv4 "a.b.c.d" (each 0..255, no leading junk) in s[0..n). 0 or -1. */
int fw_ipv4_parse(const char *s, size_t n, uint8_t ip[4]);

/* Seconds since 1970-01-01T00:00:00 of a proleptic Gregorian date and time (no range checks
 * beyond what the caller did; years 1..9999 are exact). */
int64_t fw_epoch_seconds(unsigned year, unsigned month, unsigned day, unsigned hour,
			 unsigned minute, unsigned second);

/* IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT" exactly. 0 with *out the
 * epoch seconds (UTC), or -1. */
int fw_http_date_parse(const char *s, size_t n, int64_t *out);

struct fw_http_head {
	unsigned status;       /* 100..599 */
	bool has_date;
	int64_t date;          /* epoch seconds (UTC) from the Date header */
	size_t head_len;       /* bytes up to and including the empty line */
};

/* The head of a response in buf[0..len): returns 1 when it is complete (the empty line seen)
 * and well-formed, 0 when more bytes are needed, -1 with *why when it is not HTTP/1.x. */
int fw_http_parse_head(const uint8_t *buf, size_t len, struct fw_http_head *h, const char **why);

#endif
