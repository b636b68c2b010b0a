/* SPDX-License-Identifier: MIT */
/* Unit tests of the CMOS clock decoding (fw/rtc.c): BCD and binary, 12- and 24-hour, the
 * century register or the 80/20 pivot, and junk that must become an implausible clock rather
 * than a guess (judged by fw/clock.c as the report would). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"
#include "rtc.h"

static struct fw_time dec(uint8_t sec, uint8_t min, uint8_t hour, uint8_t day, uint8_t mon,
			  uint8_t year, uint8_t b, int century)
{
	struct fw_rtc_regs r = { sec, min, hour, day, mon, year, b, century >= 0,
				 (uint8_t)(century >= 0 ? century : 0) };
	struct fw_time t;
	fw_rtc_decode(&r, &t);
	return t;
}

static void test_bcd_24h(void **state)
{
	(void)state;
	struct fw_time t = dec(0x59, 0x07, 0x23, 0x31, 0x12, 0x25, FW_RTC_B_24H, 0x20);
	assert_int_equal(t.year, 2025);
	assert_int_equal(t.month, 12);
	assert_int_equal(t.day, 31);
	assert_int_equal(t.hour, 23);
	assert_int_equal(t.minute, 7);
	assert_int_equal(t.second, 59);
	assert_int_equal(t.time_zone, FW_TZ_UNSPECIFIED);
	char iso[64], msg[200];
	fw_clock_iso(&t, iso, sizeof(iso));
	assert_string_equal(iso, "2025-12-31T23:07:59 (local time, zone unknown)");
	assert_true(fw_clock_check(&t, 2025, msg, sizeof(msg)));
}

static void test_binary_12h(void **state)
{
	(void)state;
	uint8_t b = FW_RTC_B_BINARY;
	struct fw_time t = dec(5, 6, 12, 1, 2, 26, b, -1);  /* 12 AM: midnight */
	assert_int_equal(t.hour, 0);
	assert_int_equal(t.year, 2026);
	t = dec(5, 6, 0x80 | 12, 1, 2, 26, b, -1);          /* 12 PM: noon */
	assert_int_equal(t.hour, 12);
	t = dec(5, 6, 0x80 | 7, 1, 2, 26, b, -1);           /* 7 PM */
	assert_int_equal(t.hour, 19);
	t = dec(0, 0, 0x80 | 0x11, 1, 1, 0x26, 0, -1);      /* BCD 11 PM */
	assert_int_equal(t.hour, 23);
	t = dec(0, 0, 0, 1, 1, 0x26, 0, -1);                /* hour 0 does not exist in 12-hour */
	assert_int_equal(t.hour, 0xFF);
	t = dec(0, 0, 13, 1, 1, 26, b, -1);
	assert_int_equal(t.hour, 0xFF);
}

static void test_years(void **state)
{
	(void)state;
	assert_int_equal(dec(0, 0, 0, 1, 1, 0x00, FW_RTC_B_24H, -1).year, 2000);
	assert_int_equal(dec(0, 0, 0, 1, 1, 0x79, FW_RTC_B_24H, -1).year, 2079);
	assert_int_equal(dec(0, 0, 0, 1, 1, 0x80, FW_RTC_B_24H, -1).year, 1980);
	assert_int_equal(dec(0, 0, 0, 1, 1, 0x99, FW_RTC_B_24H, -1).year, 1999);
	assert_int_equal(dec(0, 0, 0, 1, 1, 0x99, FW_RTC_B_24H, 0x20).year, 2099);
	assert_int_equal(dec(0, 0, 0, 1, 1, 99, FW_RTC_B_24H | FW_RTC_B_BINARY, 19).year, 1999);
	/* a reset clock is caught by the judge */
	struct fw_time t = dec(0, 0, 0, 1, 1, 0x00, FW_RTC_B_24H, 0x20);
	char msg[200];
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "0xC004F06C"));
}

static void test_junk(void **state)
{
	(void)state;
	char msg[200];
	/* all 0xFF: what a missing or dead chip reads as */
	struct fw_time t = dec(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	/* not BCD */
	t = dec(0x5A, 0x00, 0x12, 0x01, 0x01, 0x25, FW_RTC_B_24H, 0x20);
	assert_int_equal(t.second, 0xFF);
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = dec(0, 0, 0x12, 0x01, 0x01, 0xA5, FW_RTC_B_24H, 0x20);
	assert_int_equal(t.year, 0);
	t = dec(0, 0, 0x12, 0x01, 0x01, 0x25, FW_RTC_B_24H, 0xF0);
	assert_int_equal(t.year, 0);
	/* binary values over 99 */
	t = dec(0, 0, 0, 1, 1, 200, FW_RTC_B_24H | FW_RTC_B_BINARY, -1);
	assert_int_equal(t.year, 0);
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bcd_24h),
		cmocka_unit_test(test_binary_12h),
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_junk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
