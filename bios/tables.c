/* SPDX-License-Identifier: MIT */
/* Where a BIOS PC keeps its tables: the RSDP in the first KiB of the EBDA or in
 * 0xE0000-0xFFFFF (ACPI 6.5 §5.2.5.1), the SMBIOS entry points in 0xF0000-0xFFFFF (DSP0134
 * 5.2). Every byte is read through the memory-map check; the scans and every rule about what
 * they find are the core's (ss_rsdp_find, the walk) and fw/smbios.c's. */
#include "bios.h"

#define BDA_EBDA_SEG 0x40E
#define EBDA_SCAN 1024
#define AREA_LEN (FW_LEGACY_BIOS_LAST - FW_LEGACY_BIOS_FIRST + 1)
#define F_SEG 0xF0000u

/* A copy of the BIOS area, read once for the RSDP and SMBIOS scans. */
static uint8_t area[AREA_LEN];
static bool area_read, area_ok;

static const uint8_t *bios_area(struct bios_mem *m)
{
	if (!area_read) {
		area_ok = bios_mem_read(m, FW_LEGACY_BIOS_FIRST, area, sizeof(area)) == 0;
		area_read = true;
	}
	return area_ok ? area : NULL;
}

/* The EBDA's address from the BIOS data area, when it is plausible: below 640 KiB and not
 * below 512 KiB minus what any BIOS uses (ACPI says only "the first KiB of the EBDA"). */
static uint64_t ebda(void)
{
	uint32_t a = (uint32_t)bios_peek16(BDA_EBDA_SEG) << 4;
	return a >= 0x80000u && a < 0xA0000u ? a : 0;
}

static uint64_t find_rsdp(struct bios_mem *m, char *where, size_t cap)
{
	static uint8_t buf[EBDA_SCAN];
	size_t off;
	uint64_t e = ebda();
	if (e != 0) {
		size_t n = e + EBDA_SCAN <= 0xA0000u ? EBDA_SCAN : (size_t)(0xA0000u - e);
		if (bios_mem_read(m, e, buf, n) == 0 && ss_rsdp_find(buf, n, &off) == 0) {
			ss_fmt(where, cap, "RSDP in the EBDA at 0x%llx", (unsigned long long)(e + off));
			return e + off;
		}
	}
	const uint8_t *a = bios_area(m);
	if (a != NULL && ss_rsdp_find(a, AREA_LEN, &off) == 0) {
		ss_fmt(where, cap, "RSDP in the BIOS area at 0x%llx",
		       (unsigned long long)(FW_LEGACY_BIOS_FIRST + off));
		return FW_LEGACY_BIOS_FIRST + off;
	}
	ss_fmt(where, cap, "no RSDP in the EBDA or 0xE0000-0xFFFFF");
	return 0;
}

void bios_collect_acpi(struct ss_tableset *set, struct bios_mem *m)
{
	char where[64];
	uint64_t rsdp = find_rsdp(m, where, sizeof(where));
	ss_fmt(set->source, sizeof(set->source), "firmware (legacy BIOS; %s)", where);
	set->where = SS_WHERE_FIRMWARE;
	/* A scanned RSDP has no configuration-table GUID to call it 1.0 or 2.0: the walk reads
	 * its revision like any other (the Linux command passes its scan result the same way). */
	ss_collect_firmware(set, bios_mem_read, m, 0, rsdp);
}

bool bios_smbios_read(struct bios_mem *m, struct fw_smbios_info *info, const char **why)
{
	static uint8_t tbl[FW_SMBIOS_TABLE_MAX];
	const uint8_t *a = bios_area(m);
	const uint8_t *f = a != NULL ? a + (F_SEG - FW_LEGACY_BIOS_FIRST) : NULL;
	size_t flen = FW_LEGACY_BIOS_LAST + 1 - F_SEG, off;
	uint64_t ep3 = 0, ep2 = 0;
	if (f != NULL && fw_smbios_find(f, flen, true, &off) == 0)
		ep3 = F_SEG + off;
	if (f != NULL && fw_smbios_find(f, flen, false, &off) == 0)
		ep2 = F_SEG + off;
	*why = f == NULL ? "the BIOS area 0xE0000-0xFFFFF is not readable"
			 : "no SMBIOS entry point in 0xF0000-0xFFFFF";
	return fw_smbios_read(bios_mem_read, m, ep3, ep2, tbl, sizeof(tbl), info, why);
}

bool bios_fadt(const struct ss_tableset *set, struct fw_fadt *f)
{
	for (size_t i = 0; i < set->n; i++)
		if (ss_memeq(set->t[i].rawsig, "FACP", 4))
			return fw_fadt_parse(set->t[i].data, set->t[i].len, f);
	ss_memfill(f, 0, sizeof(*f));
	return false;
}
