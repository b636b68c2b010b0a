/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/clock.c: field ranges, calendar rules, the build-year window,
 * the finding message and ISO 8601 output with the UEFI time-zone sign convention. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"
#include "slicscan.h"

static struct fw_time t0(void)
{
	struct fw_time t = { 2025, 3, 14, 9, 26, 53, 0, FW_TZ_UNSPECIFIED, 0 };
	return t;
}

static void test_plausible(void **state)
{
	(void)state;
	char msg[SS_MSG_LEN] = "untouched";
	struct fw_time t = t0();
	assert_true(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_string_equal(msg, "untouched");
	t.year = 2045;
	assert_true(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t.year = 2046;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "too far in the future"));
	t.year = 2024;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "before this program was built"));
}

static void test_dead_battery_message(void **state)
{
	(void)state;
	char msg[SS_MSG_LEN];
	struct fw_time t = { 2009, 1, 1, 0, 0, 5, 0, FW_TZ_UNSPECIFIED, 0 };
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "2009-01-01 00:00:05"));
	assert_non_null(strstr(msg, "0xC004F06C"));
	assert_non_null(strstr(msg, "date, time and time zone in firmware setup"));
	assert_true(strlen(msg) < SS_MSG_LEN - 1); /* whole message fits a finding */
	fw_clock_unreadable_msg(0x8000000000000007ull, msg, sizeof(msg));
	assert_non_null(strstr(msg, "unreadable"));
	assert_non_null(strstr(msg, "0x8000000000000007"));
	assert_non_null(strstr(msg, "0xC004F06C"));
	assert_true(strlen(msg) < SS_MSG_LEN - 1);
	fw_clock_unreadable_why("CMOS update flag never cleared, the longest reason the BIOS "
				"kernel gives and then some more words", msg, sizeof(msg));
	assert_non_null(strstr(msg, "unreadable (CMOS update flag never cleared"));
	assert_non_null(strstr(msg, "0xC004F06C"));
	assert_true(strlen(msg) < SS_MSG_LEN - 1);
}

static void test_fields(void **state)
{
	(void)state;
	char msg[SS_MSG_LEN];
	struct fw_time t;
	static const struct { uint16_t y; uint8_t m, d; bool ok; } dates[] = {
		{ 2028, 2, 29, true }, { 2027, 2, 29, false }, { 2100 - 75, 2, 28, true },
		{ 2025, 4, 31, false }, { 2025, 12, 31, true }, { 2025, 13, 1, false },
		{ 2025, 0, 1, false }, { 2025, 1, 0, false }, { 2025, 1, 32, false },
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		t = t0();
		t.year = dates[i].y, t.month = dates[i].m, t.day = dates[i].d;
		assert_int_equal(fw_clock_check(&t, 2025, msg, sizeof(msg)), dates[i].ok);
	}
	t = t0(); t.hour = 24;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "impossible time of day"));
	t = t0(); t.minute = 60;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = t0(); t.second = 60;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = t0(); t.nanosecond = 1000000000u;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = t0(); t.time_zone = 1441;
	assert_false(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = t0(); t.time_zone = -1440;
	assert_true(fw_clock_check(&t, 2025, msg, sizeof(msg)));
	t = t0(); t.month = 2; t.day = 30;
	assert_false(fw_clock_check(&t, 2025, NULL, 0)); /* no message buffer: no write */
	/* 2100 is not a leap year, 2000 is */
	t = t0(); t.year = 2100; t.month = 2; t.day = 29;
	assert_false(fw_clock_check(&t, 2090, msg, sizeof(msg)));
	t.year = 2000;
	assert_true(fw_clock_check(&t, 1990, msg, sizeof(msg)));
}

static void test_iso(void **state)
{
	(void)state;
	char buf[64];
	struct fw_time t = t0();
	fw_clock_iso(&t, buf, sizeof(buf));
	assert_string_equal(buf, "2025-03-14T09:26:53 (local time, zone unknown)");
	t.time_zone = -60; /* Localtime = UTC - TimeZone: UTC+1 */
	fw_clock_iso(&t, buf, sizeof(buf));
	assert_string_equal(buf, "2025-03-14T09:26:53+01:00");
	t.time_zone = 330;
	fw_clock_iso(&t, buf, sizeof(buf));
	assert_string_equal(buf, "2025-03-14T09:26:53-05:30");
	t.time_zone = 0;
	fw_clock_iso(&t, buf, sizeof(buf));
	assert_string_equal(buf, "2025-03-14T09:26:53+00:00");
	t.time_zone = 5000;
	fw_clock_iso(&t, buf, sizeof(buf));
	assert_non_null(strstr(buf, "zone unknown"));
	fw_clock_iso(&t, buf, 8);
	assert_string_equal(buf, "2025-03");
}

static void test_year_of_date(void **state)
{
	(void)state;
	assert_int_equal(fw_year_of_date("Mar 14 2025"), 2025);
	assert_int_equal(fw_year_of_date(__DATE__) >= 2024, 1);
	assert_int_equal(fw_year_of_date("Mar 14 25"), 0);
	assert_int_equal(fw_year_of_date("Mar 14 2025x"), 0);
	assert_int_equal(fw_year_of_date("Mar 14 20x5"), 0);
	assert_int_equal(fw_year_of_date(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plausible),
		cmocka_unit_test(test_dead_battery_message),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_year_of_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
