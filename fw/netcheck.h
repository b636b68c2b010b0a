/* SPDX-License-Identifier: MIT */
/* The network checks of a run (docs/NETWORK.md), the same for every front end that has TCP:
 * the collector's clock (HTTP Date) against the RTC (clock-skew), a TCP connect to each KMS
 * host (kms-reachable / kms-unreachable), and the report sent by HTTP PUT:
 *
 *   PUT PATH/reports/NAME.txt, PUT PATH/reports/NAME.json   (NAME as on the stick, made unique
 *                                                           with HEAD requests)
 *   PUT PATH/summary/NAME.csv                               (the CSV header and this machine's line)
 *
 * A 2xx answer is "saved"; anything else is report-not-saved with the reason. The front end
 * hands in a transport (struct fw_transport): TCP connect/send/recv/close with timeouts. The
 * UEFI app's is TCP4 (efi/net.c); the tests use a fake one and real loopback sockets. */
#ifndef FW_NETCHECK_H
#define FW_NETCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "config.h"
#include "report.h"
#include "slicscan.h"

/* Every call has a timeout and returns; errors are negative front-end codes why() explains. */
struct fw_transport {
	void *ctx;
	/* A TCP connection to ip:port, *conn its handle; 0 or an error (refused, timed out). */
	int (*connect)(void *ctx, const uint8_t ip[4], uint16_t port, unsigned timeout_ms,
		       void **conn);
	/* Send all len bytes; 0 or an error. */
	int (*send)(void *ctx, void *conn, const void *data, size_t len, unsigned timeout_ms);
	/* Up to cap bytes: the count (> 0), 0 when the peer closed, or an error. */
	long (*recv)(void *ctx, void *conn, void *buf, size_t cap, unsigned timeout_ms);
	void (*close)(void *ctx, void *conn);
	const char *(*why)(void *ctx, int err);
	void *(*alloc)(void *ctx, size_t n);
	void (*release)(void *ctx, void *p);
};

#define FW_NET_TIMEOUT_MS 10000u   /* per collector connect, send and receive */
#define FW_NET_ANSWER_MAX 2048     /* bytes of an answer read (the head is all that counts) */

struct fw_net {
	const struct fw_transport *t;
	const struct fw_url *url;
	bool dead;                  /* the collector refused or timed out: fail fast from now on */
	char dead_why[96];
	bool has_date;
	int64_t date;               /* the collector's last Date (UTC epoch seconds) */
	char name[80];              /* the report name of the last NAME.txt sent */
	char why[160];              /* the last failure, for report-not-saved */
	unsigned requests;          /* HTTP requests made (tests, bench) */
	uint8_t *body;              /* when set: the answer's body goes here (GET) */
	size_t body_cap, body_len;
};

/* GET url's directory + name (a file next to the boot file after HTTP boot) into buf (at most
 * cap bytes). 0 with *len, 1 when the server says 404, -1 with why (cap >= 100) otherwise. */
int fw_net_get(const struct fw_transport *t, const struct fw_url *dir, const char *name,
	       uint8_t *buf, size_t cap, size_t *len, char *why, size_t why_cap);

/* One HTTP request (method, URL path, body) to the collector; returns the status (100..599),
 * or 0 with n->why set. The Date of any answer is kept in n. */
unsigned fw_net_request(struct fw_net *n, const char *method, const char *path,
			const void *body, size_t len);

/* The whole run's network part, in order: (1) with upload set, a HEAD of PATH for the
 * collector's Date; (2) with timezone set and a Date, the skew rule (fw/skew.h) and
 * clock-skew; (3) a connect to each KMS host within kms_timeout; (4) with upload set, the
 * report by PUT (fw_report_write over HTTP). Findings go to r. rtc NULL: the clock was not
 * readable (no skew check). saved (cap >= 300) names the .txt sent, "" when upload is off.
 * Returns true unless an upload was asked for and failed. */
bool fw_net_run(const struct fw_config *c, const struct fw_transport *t,
		const struct fw_time *rtc, const struct fw_smbios_info *smb,
		struct ss_result *r, const struct ss_info *info, char *saved, size_t cap);

/* Only the KMS connects of (3); for tests and for a stick run without a collector. */
void fw_net_kms(const struct fw_config *c, const struct fw_transport *t, struct ss_result *r);

#endif
