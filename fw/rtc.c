/* SPDX-License-Identifier: MIT */
/* CMOS clock registers to struct fw_time (rtc.h). */
#include "rtc.h"

#include "bytes.h"

#define BAD 0xFF

static uint8_t from_bcd(uint8_t v)
{
	if ((v & 0x0F) > 9 || (v >> 4) > 9)
		return BAD;
	return (uint8_t)((v >> 4) * 10 + (v & 0x0F));
}

static uint8_t field(uint8_t v, bool binary)
{
	return binary ? v : from_bcd(v);
}

void fw_rtc_decode(const struct fw_rtc_regs *r, struct fw_time *t)
{
	bool bin = (r->status_b & FW_RTC_B_BINARY) != 0;
	ss_memfill(t, 0, sizeof(*t));
	t->second = field(r->sec, bin);
	t->minute = field(r->min, bin);
	t->day = field(r->day, bin);
	t->month = field(r->month, bin);
	uint8_t yy = field(r->year, bin);

	if (r->status_b & FW_RTC_B_24H) {
		t->hour = field(r->hour, bin);
	} else {
		/* 12-hour: 1..12, bit 7 = PM; 12 AM is midnight, 12 PM noon */
		bool pm = (r->hour & 0x80) != 0;
		uint8_t h = field((uint8_t)(r->hour & 0x7F), bin);
		if (h == 0 || h > 12)
			t->hour = BAD;
		else
			t->hour = (uint8_t)(h % 12 + (pm ? 12 : 0));
	}

	if (yy > 99) {
		t->year = 0; /* out of range for fw_clock_check */
	} else if (r->has_century) {
		uint8_t cc = field(r->century, bin);
		t->year = cc > 99 ? 0 : (uint16_t)(cc * 100u + yy);
	} else {
		t->year = (uint16_t)(yy < 80 ? 2000u + yy : 1900u + yy);
	}
	t->time_zone = FW_TZ_UNSPECIFIED;
}
