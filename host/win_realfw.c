/* SPDX-License-Identifier: MIT */
/* host/win_fw.h in the shipped slicscan.exe: kernel32's firmware table calls, nothing else. */
#include "win_fw.h"

#include <windows.h>

uint32_t win_fw_enum(uint32_t provider, void *buf, uint32_t cap)
{
	return EnumSystemFirmwareTables(provider, buf, cap);
}

uint32_t win_fw_get(uint32_t provider, uint32_t id, void *buf, uint32_t cap)
{
	return GetSystemFirmwareTable(provider, id, buf, cap);
}

const char *win_fw_name(void)
{
	return "GetSystemFirmwareTable";
}
