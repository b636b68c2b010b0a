/* SPDX-License-Identifier: MIT */
/* The machine facts the report shows beside the findings (ss_info), for a BIOS boot: the
 * app and run mode, the boot loader, SMBIOS type 0/1, the CMOS clock, the memory map's
 * source. (The UEFI app's efi/report.c fills the same keys from its own sources.) */
#include "bios.h"

#include "naming.h"
#include "printable.h"

static void put(struct bios_facts *f, const char *key, const char *label, const char *value)
{
	if (value != NULL && value[0] != '\0')
		ss_info_add(&f->info, key, label, value);
}

static void printable(const char *raw, char *out, size_t cap)
{
	fw_printable((const uint8_t *)raw, ss_strlen(raw), out, cap);
}

void bios_facts_fill(struct bios_facts *f, const struct bios_boot *b,
		     const struct fw_smbios_info *smb, bool have_smbios, const char *smbios_why,
		     const struct fw_time *t, bool have_time, const struct bios_mem *m)
{
	ss_memfill(f, 0, sizeof(*f));
	ss_fmt(f->app, sizeof(f->app), "slicscan %s (legacy BIOS)", SS_VERSION);
	ss_fmt(f->mode, sizeof(f->mode), "legacy BIOS, booted from the stick");
	printable(b->loader, f->loader, sizeof(f->loader));
	if (have_smbios) {
		printable(smb->sys_manufacturer, f->sys_manufacturer, sizeof(f->sys_manufacturer));
		printable(smb->sys_product, f->sys_product, sizeof(f->sys_product));
		printable(smb->sys_serial, f->sys_serial, sizeof(f->sys_serial));
		printable(smb->bios_vendor, f->bios_vendor, sizeof(f->bios_vendor));
		printable(smb->bios_version, f->bios_version, sizeof(f->bios_version));
		printable(smb->bios_date, f->bios_date, sizeof(f->bios_date));
		if (smb->has_uuid) {
			char name[FW_NAME_MAX];
			if (fw_report_base(NULL, 0, smb->uuid, smb->uuid_le, name, sizeof(name)) ==
			    FW_NAME_UUID)
				ss_fmt(f->sys_uuid, sizeof(f->sys_uuid), "%s", name + 5);
		}
	} else {
		ss_fmt(f->smbios_note, sizeof(f->smbios_note), "%.70s",
		       smbios_why ? smbios_why : "unavailable");
	}
	if (have_time)
		fw_clock_iso(t, f->clock, sizeof(f->clock));
	else
		ss_fmt(f->clock, sizeof(f->clock), "unreadable");
	ss_fmt(f->memmap, sizeof(f->memmap), "%s", m->source);

	put(f, "app_version", "App", f->app);
	put(f, "run_mode", "Run mode", f->mode);
	put(f, "boot_loader", "Boot loader", f->loader);
	put(f, "system_manufacturer", "System manufacturer", f->sys_manufacturer);
	put(f, "system_product", "System product", f->sys_product);
	put(f, "system_serial", "System serial", f->sys_serial);
	put(f, "system_uuid", "System UUID", f->sys_uuid);
	put(f, "bios_vendor", "BIOS vendor", f->bios_vendor);
	put(f, "bios_version", "BIOS version", f->bios_version);
	put(f, "bios_date", "BIOS date", f->bios_date);
	put(f, "smbios", "SMBIOS", f->smbios_note);
	put(f, "firmware_time", "Firmware clock", f->clock);
	put(f, "memory_map", "Memory map", f->memmap);
}
