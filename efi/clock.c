/* SPDX-License-Identifier: MIT */
/* The firmware clock, read once through RT->GetTime (judged in fw/clock.c). */
#include "efi_ss.h"

bool efi_ss_clock_read(struct fw_time *t, EFI_STATUS *status)
{
	EFI_TIME et;
	ss_memfill(&et, 0, sizeof(et));
	*status = RT->GetTime(&et, NULL);
	if (EFI_ERROR(*status))
		return false;
	t->year = et.Year;
	t->month = et.Month;
	t->day = et.Day;
	t->hour = et.Hour;
	t->minute = et.Minute;
	t->second = et.Second;
	t->nanosecond = et.Nanosecond;
	t->time_zone = et.TimeZone;
	t->daylight = et.Daylight;
	return true;
}
