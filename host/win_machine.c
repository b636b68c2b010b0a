/* SPDX-License-Identifier: MIT */
/* "This machine" on Windows (host/machine.h): the tables Windows hands out through
 * EnumSystemFirmwareTables/GetSystemFirmwareTable (host/win_fw.h), read-only, as ACPICA's
 * Windows acpidump does. What Windows hides becomes findings (docs/WINDOWS.md):
 *   - same-named tables are all listed, but only the first can be read: a second SLIC is
 *     invisible (win-slic-hidden: the Windows 7 answer is "unverified"; others win-table-hidden);
 *   - DSDT, XSDT (and RSDT) are not listed but can be asked for by name;
 *   - no addresses (win-no-addresses), and an RSDP only on legacy-BIOS PCs, found in 'FIRM'
 *     0xE0000-0xFFFFF (win-no-rsdp otherwise).
 * SMBIOS ('RSMB') gives the manufacturer, model and serial for the report. */
#include "machine.h"

#include "bytes.h"
#include "smbios.h"
#include "win_fw.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define MAX_IDS 1024

const char *host_machine_root_problem(void)
{
	return "not on Windows (it names a copied Linux machine's /sys and /dev)";
}

int host_machine_tables_dir(const char *path)
{
	(void)path;
	return 0;
}

/* One firmware table in a malloc'd buffer kept by in; NULL when there is none. */
static uint8_t *get_table(struct host_input *in, uint32_t provider, uint32_t id, uint32_t *len)
{
	uint32_t need = win_fw_get(provider, id, NULL, 0);
	if (!need || need > SS_MAX_TABLE_LEN)
		return NULL;
	uint8_t *buf = malloc(need);
	if (!buf)
		return NULL;
	*len = win_fw_get(provider, id, buf, need);
	if (*len == 0 || *len > need || host_keep(in, buf) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void add(struct host_input *in, uint32_t id, const uint8_t *d, uint32_t len)
{
	char name[48], sig[5] = { 0 };
	memcpy(sig, &id, 4);
	ss_fmt(name, sizeof(name), "%s via %s", sig, win_fw_name());
	ss_tableset_add(in->set, d, len, 0, SS_ORIGIN_RAW, name);
}

/* The RSDP of a legacy-BIOS PC: 'FIRM' gives the BIOS area by its address. */
static int add_rsdp(struct host_input *in)
{
	static const uint32_t areas[] = { 0xE0000, 0xC0000 };
	for (size_t k = 0; k < sizeof(areas) / sizeof(areas[0]); k++) {
		uint32_t len = 0;
		uint8_t *area = get_table(in, WIN_FW_FIRM, areas[k], &len);
		size_t off;
		if (area && ss_rsdp_find(area, len, &off) == 0) {
			size_t n = area[off + 15] >= 2 ? 36 : 20; /* revision: ACPI 2.0+ RSDP or 1.0 */
			ss_tableset_add(in->set, area + off, n <= len - off ? n : len - off, 0,
					SS_ORIGIN_RAW, "RSDP via 'FIRM'");
			return 1;
		}
	}
	return 0;
}

static void add_smbios(struct host_input *in, const char *mode)
{
	uint32_t len = 0;
	uint8_t *raw = get_table(in, WIN_FW_RSMB, 0, &len);
	SYSTEMTIME lt;
	GetLocalTime(&lt);
	struct fw_time t = { .year = lt.wYear, .month = (uint8_t)lt.wMonth, .day = (uint8_t)lt.wDay,
			     .hour = (uint8_t)lt.wHour, .minute = (uint8_t)lt.wMinute,
			     .second = (uint8_t)lt.wSecond, .time_zone = FW_TZ_UNSPECIFIED };
	static struct fw_smbios_info smb;
	memset(&smb, 0, sizeof(smb));
	/* RawSMBIOSData: calling method, major, minor, DMI revision, u32 length, the table */
	int ok = raw && len >= 8 && ss_le32(raw + 4) <= len - 8;
	if (ok)
		fw_smbios_parse(raw + 8, ss_le32(raw + 4), raw[1], raw[2], &smb);
	char app[64];
	ss_fmt(app, sizeof(app), "slicscan.exe %s", SS_VERSION);
	fw_facts_fill(&in->facts, app, mode, ok ? &smb : NULL, "Windows gave no SMBIOS ('RSMB')", &t);
}

/* WinPE has the registry key HKLM\SYSTEM\CurrentControlSet\Control\MiniNT and runs from X:.
 * The registry calls live in advapi32, which slicscan.exe does not import (docs/WINDOWS.md):
 * kernel32 exports them too from Windows 7 on, so they are looked up there at run time, and
 * where they are missing SystemDrive alone decides. */
typedef LONG(WINAPI *reg_open_fn)(HKEY, LPCWSTR, DWORD, REGSAM, PHKEY);
typedef LONG(WINAPI *reg_close_fn)(HKEY);

static int in_winpe(void)
{
	HMODULE k = GetModuleHandleW(L"kernel32.dll");
	reg_open_fn reg_open = k ? (reg_open_fn)(void (*)(void))GetProcAddress(k, "RegOpenKeyExW") : NULL;
	reg_close_fn reg_close = k ? (reg_close_fn)(void (*)(void))GetProcAddress(k, "RegCloseKey") : NULL;
	HKEY h;
	if (reg_open && reg_close &&
	    reg_open(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Control\\MiniNT", 0, KEY_READ, &h) == ERROR_SUCCESS) {
		reg_close(h);
		return 1;
	}
	wchar_t d[8];
	DWORD n = GetEnvironmentVariableW(L"SystemDrive", d, 8);
	return n == 2 && (d[0] | 0x20) == 'x' && d[1] == ':';
}

int host_machine_load(struct host_input *in, const char *root)
{
	(void)root; /* refused by host_machine_root_problem() */
	struct ss_tableset *s = in->set;
	int pe = in_winpe();
	s->where = SS_WHERE_OS;
	/* at most 128 bytes: the provider's name is 22 here, 29 in the test build */
	ss_fmt(s->source, sizeof(s->source), "this PC via %s (%s)", win_fw_name(),
	       pe ? "WinPE" : "installed Windows: a loader can fake a SLIC here; WinPE or the stick decides");
	add_smbios(in, pe ? "WinPE" : "Windows");

	static uint32_t ids[MAX_IDS];
	uint32_t bytes = win_fw_enum(WIN_FW_ACPI, NULL, 0);
	if (bytes > sizeof(ids))
		bytes = sizeof(ids);
	uint32_t n = bytes ? win_fw_enum(WIN_FW_ACPI, ids, bytes) / 4 : 0;
	if (n > MAX_IDS)
		n = MAX_IDS;
	if (!n) {
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "Windows lists no ACPI table (%s gave none): judge this PC from the slicscan stick",
				    win_fw_name());
		return 0;
	}
	int seen_root[2] = { 0, 0 };
	for (uint32_t i = 0; i < n; i++) {
		uint32_t same = 0;
		for (uint32_t k = 0; k < i; k++)
			same += ids[k] == ids[i];
		if (same)
			continue; /* only the first of a name can be read */
		for (uint32_t k = i + 1; k < n; k++)
			same += ids[k] == ids[i];
		char sig[5] = { 0 };
		memcpy(sig, &ids[i], 4);
		if (same)
			ss_tableset_finding(s, !memcmp(sig, "SLIC", 4) ? SS_F_WIN_SLIC_HIDDEN : SS_F_WIN_TABLE_HIDDEN,
					    0, "Windows lists %u %s tables but lets only the first be read",
					    (unsigned)same + 1, sig);
		seen_root[0] |= !memcmp(sig, "RSDT", 4);
		seen_root[1] |= !memcmp(sig, "XSDT", 4);
		uint32_t len = 0;
		uint8_t *d = get_table(in, WIN_FW_ACPI, ids[i], &len);
		if (d)
			add(in, ids[i], d, len);
	}
	/* not listed, but readable by name */
	static const char *const by_name[] = { "RSDT", "XSDT", "DSDT" };
	for (size_t k = 0; k < 3; k++) {
		uint32_t id, len = 0;
		memcpy(&id, by_name[k], 4);
		if (k < 2 && seen_root[k])
			continue;
		uint8_t *d = get_table(in, WIN_FW_ACPI, id, &len);
		if (d)
			add(in, id, d, len);
	}
	if (!add_rsdp(in))
		ss_tableset_finding(s, SS_F_WIN_NO_RSDP, 0,
				    "Windows gives no RSDP on this PC (a UEFI PC); its OEM ID was not compared with the SLIC's");
	ss_tableset_finding(s, SS_F_WIN_NO_ADDRESSES, 0,
			    "Windows gives no table addresses: whether the RSDT/XSDT list the SLIC was not checked");
	return 0;
}
