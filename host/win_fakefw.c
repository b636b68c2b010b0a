/* SPDX-License-Identifier: MIT */
/* host/win_fw.h in the test build only (make win-test; never in make win): firmware tables
 * from the folder named by SLICSCAN_FAKE_FIRMWARE, one file per table named by signature
 * (SLIC.dat; a second instance SLIC2.dat, ...; RSMB.dat the raw SMBIOS data as 'RSMB' gives
 * it). It behaves as Windows documents (docs/WINDOWS.md): 'ACPI' enumerates every table but
 * DSDT and XSDT, same-named ones once per instance; by name only the first instance is
 * readable, DSDT/XSDT too; 'FIRM' has nothing (a UEFI PC: no RSDP) unless the folder holds
 * FIRM_E0000.dat, the BIOS area 0xE0000-0xFFFFF of a legacy-BIOS PC. wine has no 'ACPI'
 * provider, so this is how the tests reach host/win_machine.c. */
#include "win_fw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

/* The folder's files SIG.dat / SIGn.dat, as table ids (signature bytes little-endian). */
static uint32_t list_ids(uint32_t *ids, uint32_t max)
{
	const char *dir = getenv("SLICSCAN_FAKE_FIRMWARE");
	char pat[MAX_PATH];
	if (!dir || (size_t)snprintf(pat, sizeof(pat), "%s\\*.dat", dir) >= sizeof(pat))
		return 0;
	WIN32_FIND_DATAA fd;
	HANDLE h = FindFirstFileA(pat, &fd);
	if (h == INVALID_HANDLE_VALUE)
		return 0;
	uint32_t n = 0;
	do {
		const char *f = fd.cFileName;
		if (strlen(f) < 8 || !strcmp(f, "RSMB.dat") || !strncmp(f, "FIRM", 4) || !strncmp(f, "DSDT", 4) || !strncmp(f, "XSDT", 4))
			continue;
		if (n < max)
			memcpy(&ids[n], f, 4);
		n++;
	} while (FindNextFileA(h, &fd));
	FindClose(h);
	return n;
}

static uint32_t read_file(const char *name, void *buf, uint32_t cap)
{
	const char *dir = getenv("SLICSCAN_FAKE_FIRMWARE");
	char path[MAX_PATH];
	if (!dir || (size_t)snprintf(path, sizeof(path), "%s\\%s", dir, name) >= sizeof(path))
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	static unsigned char tmp[1u << 20];
	size_t n = fread(tmp, 1, sizeof(tmp), f);
	fclose(f);
	if (n <= cap && buf)
		memcpy(buf, tmp, n);
	return (uint32_t)n;
}

uint32_t win_fw_enum(uint32_t provider, void *buf, uint32_t cap)
{
	static uint32_t ids[1024];
	if (provider != WIN_FW_ACPI)
		return 0;
	uint32_t n = list_ids(ids, 1024), need = (n < 1024 ? n : 1024) * 4;
	if (need <= cap && buf)
		memcpy(buf, ids, need);
	return need;
}

uint32_t win_fw_get(uint32_t provider, uint32_t id, void *buf, uint32_t cap)
{
	char name[16];
	if (provider == WIN_FW_RSMB)
		return read_file("RSMB.dat", buf, cap);
	if (provider == WIN_FW_FIRM)
		return id == 0xE0000 ? read_file("FIRM_E0000.dat", buf, cap) : 0;
	if (provider != WIN_FW_ACPI)
		return 0;
	memcpy(name, &id, 4);
	memcpy(name + 4, ".dat", 5);
	return read_file(name, buf, cap);
}

const char *win_fw_name(void)
{
	return "SLICSCAN_FAKE_FIRMWARE (test)";
}
