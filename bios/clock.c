/* SPDX-License-Identifier: MIT */
/* The CMOS real-time clock through ports 0x70/0x71, read the way Linux's mc146818 code does:
 * wait until no update is in progress, read every register, read them again, and accept only
 * two equal readings (an update between them tears the fields). Decoding and judging are
 * fw/rtc.c and fw/clock.c. NMIs stay enabled (bit 7 of the index clear). */
#include "bios.h"

#include "rtc.h"
#include "x86io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define UIP_READS 200000u  /* an update takes under 2 ms; an I/O read about 1 us */
#define TRIES 5

static uint8_t cmos(uint8_t reg)
{
	fw_outb(CMOS_INDEX, reg);
	return fw_inb(CMOS_DATA);
}

static bool read_once(struct fw_rtc_regs *r, uint8_t century_reg)
{
	unsigned i = 0;
	while (cmos(FW_RTC_STATUS_A) & FW_RTC_UIP)
		if (++i == UIP_READS)
			return false;
	r->sec = cmos(FW_RTC_SEC);
	r->min = cmos(FW_RTC_MIN);
	r->hour = cmos(FW_RTC_HOUR);
	r->day = cmos(FW_RTC_DAY);
	r->month = cmos(FW_RTC_MONTH);
	r->year = cmos(FW_RTC_YEAR);
	r->status_b = cmos(FW_RTC_STATUS_B);
	r->has_century = century_reg != 0;
	r->century = century_reg != 0 ? cmos(century_reg) : 0;
	return true;
}

bool bios_clock_read(struct fw_time *t, uint8_t century_reg, const char **why)
{
	struct fw_rtc_regs a, b;
	/* Registers 0x0E..0x7F are the CMOS's RAM; below that is the clock itself. */
	if (century_reg != 0 && (century_reg < 0x0E || century_reg > 0x7F))
		century_reg = 0;
	*why = "the CMOS clock's update flag never cleared";
	for (int k = 0; k < TRIES; k++) {
		if (!read_once(&a, century_reg) || !read_once(&b, century_reg))
			continue;
		if (ss_memeq(&a, &b, sizeof(a))) {
			fw_outb(CMOS_INDEX, 0x0D); /* leave the index on a read-only register */
			fw_rtc_decode(&a, t);
			*why = NULL;
			return true;
		}
		*why = "the CMOS clock changed between every two readings";
	}
	fw_outb(CMOS_INDEX, 0x0D);
	return false;
}
