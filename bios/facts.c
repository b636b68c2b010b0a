/* SPDX-License-Identifier: MIT */
/* The machine facts the report shows beside the findings: fw/report.c's (app, run mode,
 * SMBIOS, clock), then what only a BIOS boot has: the boot loader and where the memory map
 * came from. */
#include "bios.h"

#include "printable.h"

void bios_facts_fill(struct bios_facts *f, const struct bios_boot *b,
		     const struct fw_smbios_info *smb, bool have_smbios, const char *smbios_why,
		     const struct fw_time *t, bool have_time, const struct bios_mem *m)
{
	char app[64];
	ss_memfill(f, 0, sizeof(*f));
	ss_fmt(app, sizeof(app), "slicscan %s (legacy BIOS)", SS_VERSION);
	fw_facts_fill(&f->f, app, "legacy BIOS, from the stick", have_smbios ? smb : NULL,
		      smbios_why, have_time ? t : NULL);
	fw_printable((const uint8_t *)b->loader, ss_strlen(b->loader), f->loader, sizeof(f->loader));
	if (f->loader[0] != '\0')
		ss_info_add(&f->f.info, "boot_loader", ss_msg(SS_LANG_EN, SS_M_I_BOOT_LOADER),
			    f->loader);
	ss_fmt(f->memmap, sizeof(f->memmap), "%s", m->source);
	ss_info_add(&f->f.info, "memory_map", ss_msg(SS_LANG_EN, SS_M_I_MEMORY_MAP),
		    f->memmap);
}
