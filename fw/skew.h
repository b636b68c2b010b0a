/* SPDX-License-Identifier: MIT */
/* The clock-skew rule (docs/NETWORK.md): the PC's RTC, read as local time in the zone Windows
 * will run in (slicscan.cfg `timezone`), against the collector's HTTP Date (UTC).
 *
 * Why: KMS refuses a client whose clock is more than 4 hours from the host's (0xC004F06C).
 * Windows keeps the RTC in local time; an RTC that holds UTC (set by Linux or a technician)
 * is off by exactly the zone offset, which at UTC+8 is twice the limit. */
#ifndef FW_SKEW_H
#define FW_SKEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"

#define FW_SKEW_LIMIT_S (4 * 3600)
/* How far from a whole hour a difference may be and still be called a zone mistake. */
#define FW_SKEW_ZONE_SLACK_S (15 * 60)

struct fw_skew {
	int64_t diff_s;     /* RTC (as UTC) minus collector; negative: the PC is behind */
	bool skewed;        /* |diff_s| > FW_SKEW_LIMIT_S */
	bool rtc_holds_utc; /* the difference is the zone offset: the RTC keeps UTC */
};

/* rtc: the clock's fields (its TimeZone is ignored: Windows reads it as local time);
 * tz_minutes: the zone east of UTC (+08:00 = 480); collector_utc: epoch seconds.
 * Fills s; when skewed, msg (cap > 0) holds one line for the finding SS_F_CLOCK_SKEW. */
void fw_skew_check(const struct fw_time *rtc, int tz_minutes, int64_t collector_utc,
		   struct fw_skew *s, char *msg, size_t cap);

/* "+08:00" / "-03:30" for a zone in minutes east of UTC. */
void fw_tz_str(int tz_minutes, char *buf, size_t cap);

#endif
