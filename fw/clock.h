/* SPDX-License-Identifier: MIT */
/* Plausibility and ISO 8601 text of the firmware clock (EFI_TIME), as pure logic.
 *
 * Why: KMS refuses clients whose clock is more than 4 hours off the host's (0xC004F06C). Windows
 * keeps the RTC in local time by default and firmware rarely knows the time zone, so before the
 * OS boots only gross errors can be seen: a dead CMOS battery (year 2000, 2009, ...), a date in
 * the far future, or fields out of range. This module never claims the clock is right. */
#ifndef FW_CLOCK_H
#define FW_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* EFI_UNSPECIFIED_TIMEZONE: the clock is local time of an unknown zone. */
#define FW_TZ_UNSPECIFIED 0x07FF

/* The fields of EFI_TIME (UEFI 2.10 section 8.3), copied by the caller. */
struct fw_time {
	uint16_t year;      /* 1900..9999 */
	uint8_t month;      /* 1..12 */
	uint8_t day;        /* 1..31, and valid for the month */
	uint8_t hour;       /* 0..23 */
	uint8_t minute;     /* 0..59 */
	uint8_t second;     /* 0..59 */
	uint32_t nanosecond;/* 0..999999999 */
	int16_t time_zone;  /* -1440..1440 minutes, or FW_TZ_UNSPECIFIED; Localtime = UTC - TimeZone */
	uint8_t daylight;
};

/* Plausible when every field is in range and build_year <= year <= build_year + 20.
 * build_year is the year the program was built (the clock cannot be earlier than that).
 * Returns true when plausible; otherwise false and msg (cap > 0) holds one line for the
 * finding SS_F_CLOCK_IMPLAUSIBLE, naming 0xC004F06C and the remedy. */
bool fw_clock_check(const struct fw_time *t, unsigned build_year, char *msg, size_t cap);

/* The message when GetTime() itself failed; status is the EFI_STATUS as a number. */
void fw_clock_unreadable_msg(uint64_t status, char *msg, size_t cap);
/* The same for a clock read some other way (the BIOS kernel's CMOS ports): why says how. */
void fw_clock_unreadable_why(const char *why, char *msg, size_t cap);

/* "2024-05-01T13:45:07+02:00" (zone known) or "2024-05-01T13:45:07 (local time, zone unknown)".
 * The UEFI TimeZone field counts minutes with Localtime = UTC - TimeZone, so the ISO offset is
 * its negation. Out-of-range fields are printed as they are (this is a report, not a judgement). */
void fw_clock_iso(const struct fw_time *t, char *buf, size_t cap);

/* The year in a __DATE__ string ("Mmm dd yyyy"), or 0 when it is not in that form. */
unsigned fw_year_of_date(const char *date);

#endif
