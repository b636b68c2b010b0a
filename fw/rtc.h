/* SPDX-License-Identifier: MIT */
/* The PC's CMOS real-time clock (MC146818 and compatibles) decoded into a struct fw_time, as
 * pure logic; the BIOS kernel reads the registers through ports 0x70/0x71 (bios/clock.c) and
 * fw/clock.c judges the result like the UEFI app's RT->GetTime.
 *
 * Registers: seconds 0x00, minutes 0x02, hours 0x04, day of month 0x07, month 0x08, year
 * 0x09 (two digits), status A 0x0A (bit 7: update in progress), status B 0x0B (bit 2: binary
 * rather than BCD, bit 1: 24-hour rather than 12-hour; in 12-hour mode bit 7 of the hours is
 * PM), and the century in the register the FADT names (CENTURY, ACPI 6.5 §5.2.9), if any.
 * The values are untrusted: a flat battery or a chip in a strange mode gives any bytes. */
#ifndef FW_RTC_H
#define FW_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "clock.h"

#define FW_RTC_SEC 0x00
#define FW_RTC_MIN 0x02
#define FW_RTC_HOUR 0x04
#define FW_RTC_DAY 0x07
#define FW_RTC_MONTH 0x08
#define FW_RTC_YEAR 0x09
#define FW_RTC_STATUS_A 0x0A
#define FW_RTC_STATUS_B 0x0B
#define FW_RTC_UIP 0x80        /* status A: an update is in progress, fields may be torn */
#define FW_RTC_B_24H 0x02
#define FW_RTC_B_BINARY 0x04

struct fw_rtc_regs {
	uint8_t sec, min, hour, day, month, year;
	uint8_t status_b;
	bool has_century;     /* the FADT names a century register */
	uint8_t century;
};

/* Decode r into t (time zone unspecified: a PC clock keeps local time). A byte that is not
 * valid BCD, or an hour impossible in its mode, becomes a value fw_clock_check() refuses
 * (0xFF), so a broken clock is reported, never guessed. Without a century register the year
 * is 20yy for yy < 80 and 19yy otherwise (a reset clock showing 1980 or 1999 stays visibly
 * wrong). */
void fw_rtc_decode(const struct fw_rtc_regs *r, struct fw_time *t);

#endif
