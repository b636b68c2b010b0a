/* SPDX-License-Identifier: MIT */
/* The clock-skew rule; the reasoning is in skew.h. */
#include "skew.h"

#include "http.h"
#include "slicscan.h"

void fw_tz_str(int tz_minutes, char *buf, size_t cap)
{
	int a = tz_minutes < 0 ? -tz_minutes : tz_minutes;
	ss_fmt(buf, cap, "%c%02d:%02d", tz_minutes < 0 ? '-' : '+', a / 60, a % 60);
}

void fw_skew_check(const struct fw_time *rtc, int tz_minutes, int64_t collector_utc,
		   struct fw_skew *s, char *msg, size_t cap)
{
	int64_t local = fw_epoch_seconds(rtc->year, rtc->month, rtc->day, rtc->hour, rtc->minute,
					 rtc->second);
	s->diff_s = local - (int64_t)tz_minutes * 60 - collector_utc;
	int64_t a = s->diff_s < 0 ? -s->diff_s : s->diff_s;
	s->skewed = a > FW_SKEW_LIMIT_S;
	/* RTC holds UTC: read as local time it is tz behind (east zones) or ahead (west). */
	int64_t zone_err = s->diff_s + (int64_t)tz_minutes * 60;
	s->rtc_holds_utc = tz_minutes != 0 && (zone_err < 0 ? -zone_err : zone_err) <= FW_SKEW_ZONE_SLACK_S;
	if (!s->skewed || cap == 0)
		return;
	char tz[8];
	fw_tz_str(tz_minutes, tz, sizeof(tz));
	unsigned h = (unsigned)(a / 3600), m = (unsigned)(a % 3600 / 60);
	ss_fmt(msg, cap, "PC clock (as local time, UTC%s) is %uh%02um %s the collector: KMS "
	       "fails with 0xC004F06C (over 4 h)%s", tz, h, m, s->diff_s < 0 ? "behind" : "ahead of",
	       s->rtc_holds_utc ? "; cause: RTC holds UTC - set it to local time" : "");
}
