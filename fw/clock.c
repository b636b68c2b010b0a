/* SPDX-License-Identifier: MIT */
/* Firmware clock plausibility and formatting; the reasoning is in clock.h. */
#include "clock.h"

#include "slicscan.h"

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && leap(y) ? 1u : 0u);
}

#define REMEDY "fix date, time and time zone in firmware setup, or KMS activation fails with " \
	       "0xC004F06C"

bool fw_clock_check(const struct fw_time *t, unsigned build_year, char *msg, size_t cap)
{
	const char *what = NULL;
	if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > days_in_month(t->year, t->month))
		what = "an impossible date";
	else if (t->hour > 23 || t->minute > 59 || t->second > 59 || t->nanosecond > 999999999u)
		what = "an impossible time of day";
	else if (t->time_zone != FW_TZ_UNSPECIFIED &&
		 (t->time_zone < -1440 || t->time_zone > 1440))
		what = "an impossible time zone";
	else if (t->year < build_year)
		what = "a date before this program was built";
	else if (t->year > build_year + 20)
		what = "a date too far in the future";
	if (what == NULL)
		return true;
	if (cap > 0)
		ss_fmt(msg, cap, "firmware clock reads %04u-%02u-%02u %02u:%02u:%02u, %s: " REMEDY,
		       t->year, t->month, t->day, t->hour, t->minute, t->second, what);
	return false;
}

void fw_clock_unreadable_msg(uint64_t status, char *msg, size_t cap)
{
	if (cap > 0)
		ss_fmt(msg, cap, "firmware clock unreadable (GetTime status 0x%llx): " REMEDY,
		       (unsigned long long)status);
}

void fw_clock_unreadable_why(const char *why, char *msg, size_t cap)
{
	if (cap > 0)
		ss_fmt(msg, cap, "firmware clock unreadable (%.80s): " REMEDY, why);
}

void fw_clock_iso(const struct fw_time *t, char *buf, size_t cap)
{
	if (t->time_zone == FW_TZ_UNSPECIFIED ||
	    t->time_zone < -1440 || t->time_zone > 1440) {
		ss_fmt(buf, cap, "%04u-%02u-%02uT%02u:%02u:%02u (local time, zone unknown)", t->year,
		       t->month, t->day, t->hour, t->minute, t->second);
		return;
	}
	int off = -(int)t->time_zone; /* ISO offset = local - UTC = -TimeZone */
	char sign = off < 0 ? '-' : '+';
	unsigned a = (unsigned)(off < 0 ? -off : off);
	ss_fmt(buf, cap, "%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u", t->year, t->month, t->day,
	       t->hour, t->minute, t->second, sign, a / 60, a % 60);
}

unsigned fw_year_of_date(const char *date)
{
	/* "Mmm dd yyyy": the year is the last four characters, position 7..10. */
	unsigned y = 0;
	for (int i = 0; i < 11; i++)
		if (date[i] == '\0')
			return 0;
	if (date[11] != '\0')
		return 0;
	for (int i = 7; i < 11; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (unsigned)(date[i] - '0');
	}
	return y;
}
