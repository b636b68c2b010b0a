/* SPDX-License-Identifier: MIT */
/* The seam where slicscan.exe reads firmware: Windows' EnumSystemFirmwareTables and
 * GetSystemFirmwareTable (host/win_realfw.c, the shipped build), or a folder of table files
 * named by SLICSCAN_FAKE_FIRMWARE (host/win_fakefw.c, the test build only: make win-test).
 * Both follow kernel32's contract: the bytes needed are returned; when that is more than cap,
 * nothing is copied; 0 means none or an error. */
#ifndef SS_HOST_WIN_FW_H
#define SS_HOST_WIN_FW_H

#include <stdint.h>

#define WIN_FW_ACPI 0x41435049u /* 'ACPI' */
#define WIN_FW_FIRM 0x4649524du /* 'FIRM' */
#define WIN_FW_RSMB 0x52534d42u /* 'RSMB' */

uint32_t win_fw_enum(uint32_t provider, void *buf, uint32_t cap);
uint32_t win_fw_get(uint32_t provider, uint32_t id, void *buf, uint32_t cap);
/* "GetSystemFirmwareTable", or the test build's words for its fake provider */
const char *win_fw_name(void);

#endif
